// The project a document belongs to, as the server sees it: every recipe file under the project
// root, read from disk, with the editor's unsaved buffers laid over them; resolved as `check`
// resolves them. This is the one adapter between the server and the build engine (VMTProject).
import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// Every recipe of one project, from disk and from open buffers, and its latest analysis: a thin
/// adapter over the build engine's `Project` (loaded from disk once, then updated file by file)
/// and `ProjectResolution` (which re-parses only the files whose bytes changed).
final class RecipeWorkspace {
    /// The project root: an absolute path without a trailing `/`.
    let root: String
    /// Whether the root is a project (`scenarios.d` or `.vmt-project`), read recursively; a
    /// loose file's folder is read without its subfolders, so opening a recipe in a home folder
    /// does not walk the whole home folder.
    let isProject: Bool
    /// The project as it is on disk (display paths are absolute paths).
    private var disk: Project
    /// Unsaved buffers, by absolute path; they win over `disk`.
    private var overlays: [String: [UInt8]] = [:]
    /// The analysis of the current files, or nil when a file changed since.
    private var cached: WorkspaceAnalysis?
    /// The last parse of each file: an analysis parses only the files whose bytes changed since.
    private var parses = ParseCache()
    /// Receives one line per problem found while reading the disk.
    private let log: (String) -> Void
    /// Warnings silenced in this run (`vmt-dsl lsp --allow CODE`).
    private let allowing: Set<DiagnosticCode>
    /// The most variants one recipe may give (`vmt-dsl lsp --max-variants N`).
    private let maxVariants: Int
    /// The target of recipes without a `vmt` line (`vmt-dsl lsp --vmt VERSION`).
    private let target: VMTTarget

    /// The workspace of the project rooted at `root`, its recipes read from disk; warnings with a
    /// code in `allowing` are silenced; resolved with `maxVariants` and `target` as `check` is.
    init(root: String, isProject: Bool = true, allowing: Set<DiagnosticCode> = [],
         maxVariants: Int = Resolver.defaultMaxVariants, target: VMTTarget = .standard, log: @escaping (String) -> Void) {
        self.root = root
        self.isProject = isProject
        self.allowing = allowing
        self.maxVariants = maxVariants
        self.target = target
        self.log = log
        disk = Project.load(root: root, recursive: isProject)
        logProblems()
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

    /// Re-reads every `*.vmt` file under the root (`Project.load`, as `build` finds them).
    func rescan() {
        disk = Project.load(root: root, recursive: isProject)
        logProblems()
        cached = nil
    }

    /// Logs what the last full read of the disk could not use.
    private func logProblems() {
        for problem in disk.problems { log(problem) }
    }

    /// Re-reads one file from disk (gone: forgotten).
    func reload(_ path: String) {
        let (reloaded, error) = disk.reloading(path)
        disk = reloaded
        if let error { log(error.description) }
        cached = nil
    }

    /// Whether the disk copy of the project has a file at `path`.
    func knowsOnDisk(_ path: String) -> Bool { disk.displayPath(ofAbsolutePath: path) != nil }

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
        if let overlay = overlays[path] { return overlay }
        guard let display = disk.displayPath(ofAbsolutePath: path) else { return nil }
        return disk.sources.first { $0.path == display }?.bytes
    }

    /// The analysis of the current files (computed when stale): the disk project with the
    /// buffers laid over it, resolved as `check` resolves it.
    func analysis() -> WorkspaceAnalysis {
        if let cached { return cached }
        var project = disk
        for (path, bytes) in overlays.sorted(by: { $0.key < $1.key }) where contains(path) {
            project = project.replacing(path, with: bytes)
        }
        let resolved = ProjectResolution.resolve(project, reusing: &parses, maxVariants: maxVariants, allowing: allowing,
                                                 target: target)
        let analysis = WorkspaceAnalysis(set: resolved.recipes, resolution: resolved.resolution, root: root,
                                         clashes: resolved.outputClashes().diagnostics)
        cached = analysis
        return analysis
    }

    /// `path` relative to the root (the path itself when outside it).
    func relative(_ path: String) -> String {
        contains(path) ? String(path.dropFirst(root == "/" ? 1 : root.count + 1)) : path
    }
}

/// One resolution of a project's recipes, indexed for the editor's questions.
struct WorkspaceAnalysis {
    /// The parsed recipes.
    let set: RecipeSet
    /// The resolver's diagnostics and the resolved scenarios.
    let resolution: Resolution
    /// What `check` would report: the resolution's diagnostics, then recipes that would write one
    /// file (`ProjectResolution.outputClashes`, the check `build` and `check` make).
    let diagnostics: [Diagnostic]
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

    /// Indexes parsed recipe files and their resolution (`ProjectResolution`'s), with the
    /// diagnostics of its output clashes.
    init(set: RecipeSet, resolution: Resolution, root: String, clashes: [Diagnostic] = []) {
        self.root = root
        self.set = set
        self.resolution = resolution
        diagnostics = resolution.diagnostics + clashes
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
