// The project stage: from the paths a user names to the recipe files of their project. The paths
// SELECT recipes; the project (every recipe under its root) is what `extends` resolves against,
// so a partial build sees the same parents, and writes the same paths, as a full one.
import Foundation
import VMTCore
import VMTRecipe

/// A recipe project, loaded: every recipe file under its root folders, and which of them the
/// paths given on the command line selected.
///
/// The root of a path is the nearest enclosing folder named `scenarios.d`, or the nearest
/// enclosing folder holding a file named `.vmt-project`, whichever is nearer (the path itself
/// counts when it is a folder). A folder inside no project is its own root; a file inside no
/// project has its folder as root, and then only the files directly in that folder (not in its
/// subfolders) are the project. Output paths are recipe paths relative to the root.
///
/// Loading reads files (at most `maxRecipeBytes` + 1 bytes each, whatever size a file reports)
/// and nothing else; it never writes.
public struct Project: Sendable {
    /// The folder read when no path is given.
    public static let defaultFolder = "scenarios.d"
    /// The name of the marker file that makes a folder a project root.
    public static let markerFile = ".vmt-project"
    /// The largest recipe file read: far beyond any hand-written recipe, small enough that a
    /// stray data file named `.vmt` cannot exhaust memory.
    public static let maxRecipeBytes = 1 << 20

    /// A folder whose recipes belong to the project.
    public struct Root: Sendable, Equatable {
        /// The folder, absolute and without `.`/`..` segments.
        public var path: String
        /// The folder as the user would write it (relative to the paths given), for messages.
        public var display: String
        /// True when the folder is a project root (`scenarios.d` or a marker file); false when
        /// it is a folder (or a file's folder) given outside any project.
        public var isProject: Bool
        /// False for a lone file's folder: only the files directly in it are read.
        public var recursive: Bool
    }

    /// The root folders, in the order the paths named them.
    public private(set) var roots: [Root] = []
    /// Every recipe of the project, by root then by relative path. `path` is the display path
    /// (relative to a given path when under one), `relativePath` the path relative to the root.
    public private(set) var sources: [RecipeSource] = []
    /// The display paths of the recipes the given paths selected.
    public private(set) var selectedPaths: Set<String> = []
    /// Paths that name nothing, select no recipe, or files that could not be read: each one
    /// sentence, for an `error:` line. Unreadable files outside the selection are left out.
    public private(set) var problems: [String] = []
    /// Display paths of selected files that could not be read (each also a problem).
    public private(set) var unreadable: [String] = []
    /// The absolute path of each recipe, by display path.
    public private(set) var absolutePaths: [String: String] = [:]

    /// Paths relative to their root of the folders the paths selected ("" for a whole root).
    public private(set) var selectedFolders: [String] = []
    /// Paths relative to their root of the files the paths selected.
    public private(set) var selectedFiles: Set<String> = []

    /// Whether the paths speak for the recipe at `relativePath` (relative to its root), existing
    /// or not: it lies in a selected folder, or is a selected file. A build judges orphans only
    /// among these.
    public func selects(relativePath: String) -> Bool {
        selectedFiles.contains(relativePath)
            || selectedFolders.contains { $0.isEmpty || relativePath.hasPrefix($0 + "/") }
    }

    /// The selected recipes, in project order.
    public var selection: [RecipeSource] {
        sources.filter { selectedPaths.contains($0.path) }
    }

    /// Loads the project(s) of `paths` (relative ones against `currentDirectory`), reading every
    /// recipe of each root and selecting those under `paths`. `overlays` (absolute path → bytes)
    /// replace what is on disk, or add files that exist only there (an editor's unsaved buffers).
    public static func load(_ paths: [String], currentDirectory: String, overlays: [String: [UInt8]] = [:]) -> Project {
        var project = Project()
        project.read(paths, currentDirectory: currentDirectory, overlays: overlays)
        return project
    }

    /// Loads the whole project rooted at the absolute, standardized folder `root`, all of it
    /// selected: every recipe below it, or, when `recursive` is false (a loose file's folder),
    /// only those directly in it. Display paths are `display/relative` (`display` defaults to
    /// `root`; "" shows bare relative paths). A root without recipes is no problem here (an
    /// editor's new project, a plan side before its first recipe). `overlays` as in
    /// `load(_:currentDirectory:overlays:)`.
    public static func load(root: String, recursive: Bool, display: String? = nil, overlays: [String: [UInt8]] = [:]) -> Project {
        var project = Project()
        let shown = display ?? root
        project.roots = [Root(path: root, display: shown, isProject: recursive, recursive: recursive)]
        project.selectedFolders = [""]
        project.readRoots(selections: [Selection(display: shown, absolute: root, isFolder: true)], explicitFiles: [],
                          overlays: overlays, reportEmpty: false)
        return project
    }

    /// The project rooted at `root` made of `files` (relative path → bytes) as they were read
    /// elsewhere (from a git revision), all selected, shown as `display/relative` ("" shows bare
    /// relative paths); `problems` are what could not be read. Reads nothing.
    public init(root: String, display: String, files: [(relative: String, bytes: [UInt8])], problems: [String] = []) {
        roots = [Root(path: root, display: display, isProject: true, recursive: true)]
        selectedFolders = [""]
        self.problems = problems
        for file in files.sorted(by: { $0.relative < $1.relative }) {
            let shown = Self.join(display, file.relative)
            sources.append(RecipeSource(path: shown, relativePath: file.relative, bytes: file.bytes))
            absolutePaths[shown] = Self.join(root, file.relative)
            selectedPaths.insert(shown)
        }
    }

    /// A project made of `sources` as they are held in memory (the recipes `import` checks a new
    /// one against), all selected, with no root on disk; each display path stands for its own
    /// absolute path. Reads nothing.
    public init(sources: [RecipeSource]) {
        self.sources = sources
        for source in sources {
            selectedPaths.insert(source.path)
            absolutePaths[source.path] = source.path
        }
    }

    /// An empty project (no roots), filled by the loaders.
    private init() {}

    /// The display path of the recipe at `absolutePath`, if the project has it.
    public func displayPath(ofAbsolutePath absolutePath: String) -> String? {
        sources.first { absolutePaths[$0.path] == absolutePath }?.path
    }

    /// This project with `bytes` as the recipe at the absolute, standardized `absolutePath`
    /// (an editor's buffer, or a file read again), without reading the disk. A path under a root
    /// that the project did not have yet is added in project order, selected when the paths
    /// select it (whatever its name: the caller decides what is a recipe); a path under no root
    /// leaves the project as it is.
    public func replacing(_ absolutePath: String, with bytes: [UInt8]) -> Project {
        var project = self
        if let display = displayPath(ofAbsolutePath: absolutePath), let index = sources.firstIndex(where: { $0.path == display }) {
            project.sources[index].bytes = bytes
            return project
        }
        guard let root = roots.first(where: { $0.path == "/" || absolutePath.hasPrefix($0.path + "/") }) else { return project }
        let relative = String(absolutePath.dropFirst(root.path == "/" ? 1 : root.path.count + 1))
        guard root.recursive || !relative.contains("/") else { return project }
        let display = Self.join(root.display, relative)
        let prefix = root.path == "/" ? "/" : root.path + "/"
        let inRoot = sources.indices.filter { absolutePaths[sources[$0].path]?.hasPrefix(prefix) == true }
        let position = inRoot.first { sources[$0].relativePath > relative } ?? (inRoot.last.map { $0 + 1 } ?? sources.endIndex)
        project.sources.insert(RecipeSource(path: display, relativePath: relative, bytes: bytes), at: position)
        project.absolutePaths[display] = absolutePath
        if selects(relativePath: relative) { project.selectedPaths.insert(display) }
        return project
    }

    /// This project without the recipe at `absolutePath` (a file deleted, or an unsaved buffer
    /// of a file that is not on disk closed), without reading the disk.
    public func removing(_ absolutePath: String) -> Project {
        guard let display = displayPath(ofAbsolutePath: absolutePath) else { return self }
        var project = self
        project.sources.removeAll { $0.path == display }
        project.absolutePaths[display] = nil
        project.selectedPaths.remove(display)
        return project
    }

    /// This project with the recipe at `absolutePath` read again from disk (at most
    /// `maxRecipeBytes` + 1 bytes): replaced, added, or removed when it is gone or unreadable.
    /// Returns the read error of a file that exists but could not be read.
    public func reloading(_ absolutePath: String) -> (project: Project, error: CoreError?) {
        switch BoundedRead.read(absolutePath, limit: Self.maxRecipeBytes) {
        case .success(let bytes): return (replacing(absolutePath, with: bytes), nil)
        case .failure(let error):
            return (removing(absolutePath), FileManager.default.fileExists(atPath: absolutePath) ? error : nil)
        }
    }

    /// The project root for an absolute, standardized path, and whether a project holds it.
    /// For a folder the search starts at the folder itself, for a file at its folder.
    public static func root(of absolutePath: String, isFolder: Bool) -> (path: String, isProject: Bool) {
        let start = isFolder ? absolutePath : parent(of: absolutePath)
        var folder = start
        while true {
            if lastComponent(folder) == defaultFolder || FileManager.default.fileExists(atPath: join(folder, markerFile)) {
                return (folder, true)
            }
            guard folder != "/" && !folder.isEmpty else { return (start, false) }
            folder = parent(of: folder)
        }
    }

    // MARK: Loading

    /// One path given: where it is, how it was written, and whether it is a folder.
    private struct Selection {
        var display: String
        var absolute: String
        var isFolder: Bool
        var found = false

        func contains(_ file: String) -> Bool {
            isFolder ? file.hasPrefix(absolute == "/" ? "/" : absolute + "/") : file == absolute
        }
    }

    private mutating func read(_ paths: [String], currentDirectory: String, overlays: [String: [UInt8]]) {
        var selections: [Selection] = []
        var explicitFiles: [String] = []
        for path in paths {
            let absolute = Self.standardize(path.hasPrefix("/") ? path : Self.join(currentDirectory, path))
            var isFolder: ObjCBool = false
            let onDisk = FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder)
            var info = stat()
            let isLink = lstat(absolute, &info) == 0  // a link to nothing: read, and reported as one
            guard onDisk || isLink || overlays[absolute] != nil else {
                problems.append(ProjectMessages.noSuchPath(path))
                continue
            }
            let folder = onDisk && isFolder.boolValue
            let display = folder && path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            selections.append(Selection(display: display, absolute: absolute, isFolder: folder))
            if !folder { explicitFiles.append(absolute) }
            let (rootPath, isProject) = Self.root(of: absolute, isFolder: folder)
            let startDisplay = folder ? display : Self.parent(ofDisplay: display)
            let startPath = folder ? absolute : Self.parent(of: absolute)
            let root = Root(path: rootPath, display: Self.display(of: rootPath, from: startDisplay, at: startPath),
                            isProject: isProject, recursive: isProject || folder)
            let relative = absolute == rootPath ? "" : String(absolute.dropFirst(rootPath.count + 1))
            if folder { selectedFolders.append(relative) } else { selectedFiles.insert(relative) }
            if let known = roots.firstIndex(where: { $0.path == root.path }) {
                roots[known].recursive = roots[known].recursive || root.recursive
            } else {
                roots.append(root)
            }
        }
        readRoots(selections: selections, explicitFiles: explicitFiles, overlays: overlays, reportEmpty: true)
    }

    /// Reads every recipe of `roots` (overlays laid over the disk), noting which `selections` hold;
    /// with `reportEmpty`, a selection holding no recipe is a problem.
    private mutating func readRoots(selections: [Selection], explicitFiles: [String], overlays: [String: [UInt8]], reportEmpty: Bool) {
        var selections = selections
        var seen: Set<String> = []
        for root in roots {
            var files = walk(root, selections: selections)
            for (path, _) in overlays where path.hasPrefix(root.path + "/") && path.hasSuffix(".vmt") {
                let relative = String(path.dropFirst(root.path.count + 1))
                if root.recursive || !relative.contains("/") { files[relative] = files[relative] ?? .some(nil) }
            }
            for path in explicitFiles where path.hasPrefix(root.path + "/") {
                let relative = String(path.dropFirst(root.path.count + 1))
                files[relative] = files[relative] ?? .some(nil)
            }
            for relative in files.keys.sorted() {
                let absolute = Self.join(root.path, relative)
                guard seen.insert(absolute).inserted else { continue }
                let owner = selections.firstIndex { $0.contains(absolute) }
                let display: String
                if let owner, selections[owner].isFolder {
                    display = Self.join(selections[owner].display, String(absolute.dropFirst(selections[owner].absolute.count + 1)))
                } else if let owner {
                    display = selections[owner].display
                } else {
                    display = Self.join(root.display, relative)
                }
                for index in selections.indices where selections[index].contains(absolute) { selections[index].found = true }
                let contents: Result<[UInt8], CoreError>
                if let overlay = overlays[absolute] {
                    contents = .success(overlay)
                } else if let walked = files[relative], let read = walked {
                    contents = read
                } else {
                    contents = BoundedRead.read(absolute, limit: Self.maxRecipeBytes, display: display)
                }
                switch contents {
                case .success(let bytes):
                    if owner != nil { selectedPaths.insert(display) }
                    absolutePaths[display] = absolute
                    sources.append(RecipeSource(path: display, relativePath: relative, bytes: bytes))
                case .failure(let error):
                    // An unreadable file outside the selection is left out silently: a recipe
                    // extending it is told its parent is unknown.
                    guard owner != nil else { continue }
                    unreadable.append(display)
                    problems.append(Self.message(error, display: display))
                }
            }
        }
        for selection in selections where reportEmpty && !selection.found {
            problems.append(ProjectMessages.noRecipes(under: selection.display))
        }
    }

    /// The message for a recipe shown as `display` that could not be read.
    static func message(_ error: CoreError, display: String) -> String {
        guard case .read(let failure) = error else { return error.description }
        if case .tooLarge = failure.reason {
            return tooLargeMessage(display)
        }
        return ReadFailure(path: display, reason: failure.reason).description
    }

    /// The `.vmt` files under `root` (relative path → contents when the walk read them). A
    /// recursive root is walked through descriptors (`FileTree`: names of any bytes, any depth);
    /// what the walk cannot use (a folder named `*.vmt`, a name that is not UTF-8, a folder too
    /// deep) is a problem when it lies in a selected folder.
    private mutating func walk(_ root: Root, selections: [Selection]) -> [String: Result<[UInt8], CoreError>?] {
        var found: [String: Result<[UInt8], CoreError>?] = [:]
        guard root.recursive else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            for name in names where name.hasSuffix(".vmt") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: Self.join(root.path, name), isDirectory: &isFolder), isFolder.boolValue { continue }
                found[name] = .some(nil)
            }
            return found
        }
        guard let tree = FileTree.files(under: root.path, suffix: ".vmt", limit: Self.maxRecipeBytes,
                                        display: root.display.isEmpty ? "." : root.display) else {
            if selections.contains(where: { $0.isFolder && $0.absolute == root.path }) {
                problems.append(ProjectMessages.cannotReadFolder(root.display.isEmpty ? "." : root.display, errno: errno))
            }
            return found
        }
        for problem in tree.problems {
            let absolute = Self.join(root.path, problem.relativePath)
            guard let owner = selections.first(where: { $0.isFolder && $0.contains(absolute) }) else { continue }
            let display = Self.join(owner.display, String(absolute.dropFirst(owner.absolute.count + 1)))
            problems.append(ProjectMessages.treeProblem(display, problem.message))
        }
        for file in tree.files { found[file.relativePath] = .some(file.contents) }
        return found
    }

    // MARK: Paths

    /// `path` made absolute against `currentDirectory`, without `.` and `..` segments: the form
    /// of `absolutePaths` and of overlay keys.
    public static func standardizedPath(_ path: String, currentDirectory: String) -> String {
        standardize(path.hasPrefix("/") ? path : join(currentDirectory, path))
    }

    /// `path` without `.` and `..` segments and repeated slashes (symbolic links are kept).
    static func standardize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `folder/name`, without doubling a slash (`name` alone when `folder` is "").
    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The folder of an absolute path (`/` for a path in the root folder).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last segment of a path.
    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The folder part of a path as the user wrote it (`.` when it has none).
    static func parent(ofDisplay path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// How to write `root` for a user who wrote `startDisplay` for the folder `startPath` inside
    /// it: drop trailing segments (`scenarios.d/lab` → `scenarios.d`), or climb with `..`.
    static func display(of root: String, from startDisplay: String, at startPath: String) -> String {
        let levels = startPath.split(separator: "/").count - root.split(separator: "/").count
        guard levels > 0 else { return startDisplay }
        if startDisplay == "." { return Array(repeating: "..", count: levels).joined(separator: "/") }
        let parts = startDisplay.split(separator: "/")
        if parts.count >= levels, !parts.suffix(levels).contains(where: { $0 == "." || $0 == ".." }) {
            let kept = parts.dropLast(levels).joined(separator: "/")
            if startDisplay.hasPrefix("/") { return "/" + kept }
            return kept.isEmpty ? "." : kept
        }
        return startDisplay + String(repeating: "/..", count: levels)
    }
}
