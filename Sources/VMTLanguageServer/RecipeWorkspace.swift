// The project a document belongs to, as the server sees it: every recipe file under the project
// root, read from disk, with the editor's unsaved buffers laid over them; resolved as `check`
// resolves them. This is the one adapter between the server and the recipe library: when the
// build engine (VMTProject) lands with in-memory overlays, only this file changes.
import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// Every recipe of one project, from disk and from open buffers, and its latest analysis.
final class RecipeWorkspace {
    /// The largest recipe file read from disk (as `build` reads them).
    static let maxRecipeBytes = 1 << 20

    /// The project root: an absolute path without a trailing `/`.
    let root: String
    /// Whether the root is a project (`scenarios.d` or `.vmt-project`), read recursively; a
    /// loose file's folder is read without its subfolders, so opening a recipe in a home folder
    /// does not walk the whole home folder.
    let isProject: Bool
    /// Files read from disk, by absolute path.
    private var disk: [String: [UInt8]] = [:]
    /// Unsaved buffers, by absolute path; they win over `disk`.
    private var overlays: [String: [UInt8]] = [:]
    /// The analysis of the current files, or nil when a file changed since.
    private var cached: WorkspaceAnalysis?
    /// The last parse of each file, with the bytes it parsed: an analysis parses only the files
    /// whose bytes changed since.
    private var parses: [String: (bytes: [UInt8], parsed: RecipeSet.Parsed)] = [:]
    /// Receives one line per problem found while reading the disk.
    private let log: (String) -> Void
    /// Warnings silenced in this run (`vmt-dsl lsp --allow CODE`).
    private let allowing: Set<DiagnosticCode>

    /// The workspace of the project rooted at `root`, its recipes read from disk; warnings with a
    /// code in `allowing` are silenced.
    init(root: String, isProject: Bool = true, allowing: Set<DiagnosticCode> = [], log: @escaping (String) -> Void) {
        self.root = root
        self.isProject = isProject
        self.allowing = allowing
        self.log = log
        rescan()
    }

    /// The project root of a recipe file: the nearest enclosing folder named `scenarios.d` or
    /// holding a `.vmt-project` marker file (whichever is nearer), else the file's own folder
    /// (then `isProject` is false).
    /// The rule is the build engine's (`Project.root(of:isFolder:)`), so the editor and `build`
    /// always agree on a file's project.
    static func root(of path: String) -> (folder: String, isProject: Bool) {
        let root = Project.root(of: path, isFolder: false)
        return (root.path, root.isProject)
    }

    /// Whether `path` is a file this workspace reads: under the root (directly in it, for a
    /// loose file's folder).
    func contains(_ path: String) -> Bool {
        let prefix = root == "/" ? "/" : root + "/"
        return path.hasPrefix(prefix) && (isProject || !path.dropFirst(prefix.count).contains("/"))
    }

    /// Re-reads every `*.vmt` file under the root (through `FileTree`, as `build` finds them).
    func rescan() {
        var found: [String: [UInt8]] = [:]
        if !isProject {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            for name in names where name.hasSuffix(".vmt") {
                if let bytes = Self.read(root + "/" + name, log: log) { found[root + "/" + name] = bytes }
            }
        } else if let tree = FileTree.files(under: root, suffix: ".vmt", limit: Self.maxRecipeBytes, display: root) {
            for file in tree.files {
                switch file.contents {
                case .success(let bytes): found[root + "/" + file.relativePath] = bytes
                case .failure(let error): log(error.description)
                }
            }
            for problem in tree.problems { log("\(root)/\(problem.relativePath) \(problem.message)") }
        } else {
            log("cannot read the project folder \(root)")
        }
        disk = found
        cached = nil
    }

    /// Re-reads one file from disk (gone: forgotten).
    func reload(_ path: String) {
        if let bytes = Self.read(path, log: log) { disk[path] = bytes } else { disk[path] = nil }
        cached = nil
    }

    /// Whether the disk copy of the project has a file at `path`.
    func knowsOnDisk(_ path: String) -> Bool { disk[path] != nil }

    /// Lays an editor's buffer over the file at `path`.
    func setOverlay(_ path: String, text: String) {
        overlays[path] = Array(text.utf8)
        cached = nil
    }

    /// Drops the editor's buffer of `path`; the disk copy (if any) counts again.
    func removeOverlay(_ path: String) {
        overlays[path] = nil
        cached = nil
    }

    /// Whether a change since the last analysis is waiting to be analysed.
    var isStale: Bool { cached == nil }

    /// The current bytes of `path`: the buffer if open, else the disk copy.
    func bytes(of path: String) -> [UInt8]? {
        overlays[path] ?? disk[path]
    }

    /// The analysis of the current files (computed when stale).
    func analysis() -> WorkspaceAnalysis {
        if let cached { return cached }
        var paths = Set(disk.keys)
        paths.formUnion(overlays.keys)
        var parsed: [RecipeSet.Parsed] = []
        var kept: [String: (bytes: [UInt8], parsed: RecipeSet.Parsed)] = [:]
        for path in paths.sorted() {
            guard let bytes = bytes(of: path) else { continue }
            if let known = parses[path], known.bytes == bytes {
                parsed.append(known.parsed)
                kept[path] = known
                continue
            }
            let source = RecipeSource(path: path, relativePath: relative(path), bytes: bytes)
            let (recipe, diagnostics) = parseRecipePartially(path: path, bytes: bytes)
            parsed.append((source, recipe, diagnostics))
            kept[path] = (bytes, (source, recipe, diagnostics))
        }
        parses = kept
        let analysis = WorkspaceAnalysis(parsed: parsed, root: root, allowing: allowing)
        cached = analysis
        return analysis
    }

    /// `path` relative to the root (the path itself when outside it).
    func relative(_ path: String) -> String {
        contains(path) ? String(path.dropFirst(root == "/" ? 1 : root.count + 1)) : path
    }

    /// The bytes of the file at `path` (at most `maxRecipeBytes`), or nil: gone (silently), or
    /// unreadable (logged).
    private static func read(_ path: String, log: (String) -> Void) -> [UInt8]? {
        switch BoundedRead.read(path, limit: maxRecipeBytes) {
        case .success(let bytes): return bytes
        case .failure(let error):
            if FileManager.default.fileExists(atPath: path) { log(error.description) }
            return nil
        }
    }
}

/// One resolution of a project's recipes, indexed for the editor's questions.
struct WorkspaceAnalysis {
    /// The parsed recipes.
    let set: RecipeSet
    /// What `check` would report, and the resolved scenarios.
    let resolution: Resolution
    /// The project root.
    let root: String
    /// Entry index by absolute path.
    let entryByPath: [String: Int]
    /// Entry index by scenario name (the first file to claim it, as `extends` resolves).
    let entryByName: [String: Int]
    /// Resolved scenarios by absolute path.
    let scenarioByPath: [String: ResolvedScenario]
    /// The entries whose `extends` names a scenario, by that name, in path order.
    let childrenByName: [String: [Int]]

    /// Indexes and resolves parsed recipe files, silencing the warnings in `allowing`.
    init(parsed: [RecipeSet.Parsed], root: String, allowing: Set<DiagnosticCode>) {
        self.root = root
        set = RecipeSet(parsed: parsed)
        resolution = Resolver.resolve(set, allowing: allowing)
        var byPath: [String: Int] = [:]
        var byName: [String: Int] = [:]
        var children: [String: [Int]] = [:]
        for (index, entry) in set.entries.enumerated() {
            byPath[entry.source.path] = index
            if byName[entry.name] == nil { byName[entry.name] = index }
            if let parent = entry.recipe.extends?.value { children[parent, default: []].append(index) }
        }
        entryByPath = byPath
        entryByName = byName
        childrenByName = children
        var scenarios: [String: ResolvedScenario] = [:]
        for scenario in resolution.scenarios { scenarios[scenario.source.path] = scenario }
        scenarioByPath = scenarios
    }

    /// The entry of `path`, if it is a recipe of the project.
    func entry(_ path: String) -> RecipeSet.Entry? {
        entryByPath[path].map { set.entries[$0] }
    }

    /// The entry that `extends NAME` resolves to, unless NAME is a preset or unknown.
    func recipe(named name: String) -> RecipeSet.Entry? {
        entryByName[name].map { set.entries[$0] }
    }

    /// Every recipe that extends `path`'s recipe, directly or through others, nearest first.
    func descendants(of path: String) -> [RecipeSet.Entry] {
        guard let start = entry(path) else { return [] }
        var seen: Set<String> = [path]
        var queue = [start.name]
        var found: [RecipeSet.Entry] = []
        while !queue.isEmpty {
            let name = queue.removeFirst()
            for index in childrenByName[name] ?? [] {
                let child = set.entries[index]
                guard seen.insert(child.source.path).inserted else { continue }
                found.append(child)
                queue.append(child.name)
            }
        }
        return found
    }

    /// `path` relative to the root, for text shown to the user.
    func shown(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
