// The two sides of a plan: the project as it is now (its folder), and as it was (a git revision
// or another folder). Each side is a `Project` (every recipe of the project root, loaded as
// `build` loads it) resolved by `ProjectResolution`; the PATH arguments only select which
// scenarios the plan reports.
import Foundation
import VMTCore
import VMTRecipe

/// Where the project lives and which of its recipes the plan reports.
public struct PlanProject: Sendable {
    /// The project root, absolute.
    public var root: String
    /// The root as paths are printed (relative to the current folder when inside it).
    public var displayRoot: String
    /// Root-relative paths (files or folders) whose recipes are reported; empty means all.
    public var selection: [String]

    /// The largest recipe file read (the project model's limit, as `build` reads them).
    public static let maxRecipeBytes = Project.maxRecipeBytes

    /// The project holding every path of `paths` (relative to `currentDirectory`; default
    /// `scenarios.d`, or the current folder when it lies inside a project): the nearest enclosing folder named `scenarios.d` or holding a
    /// `.vmt-project` file, whichever is nearer; a folder inside neither is its own root.
    ///
    /// Throws `ProjectError.plan` when a path does not exist or the paths lie in different projects.
    public static func locate(_ paths: [String], currentDirectory: String) throws(ProjectError) -> PlanProject {
        var given = paths.isEmpty ? [Project.defaultFolder] : paths
        // Without a PATH, inside a project (but not beside its scenarios.d): that project.
        if paths.isEmpty, !FileManager.default.fileExists(atPath: currentDirectory + "/" + Project.defaultFolder),
           enclosingRoot(of: standardized(currentDirectory)) != nil {
            given = ["."]
        }
        var root: String?
        var absolutes: [String] = []
        let fileManager = FileManager.default
        for path in given {
            let absolute = standardized(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: absolute, isDirectory: &isFolder) else {
                throw .plan(.noSuchPath(path))
            }
            let folder = isFolder.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
            let found = enclosingRoot(of: folder) ?? folder
            if let root, root != found {
                throw .plan(.twoProjects(path, root: found, first: given[0], firstRoot: root))
            }
            root = found
            absolutes.append(absolute)
        }
        let top = root ?? standardized(currentDirectory)
        let selection = absolutes.compactMap { relative($0, to: top) }.filter { !$0.isEmpty }
        let all = absolutes.contains(top)
        return PlanProject(root: top, displayRoot: display(top, currentDirectory: currentDirectory),
                           selection: all ? [] : selection)
    }

    /// The nearest folder at or above `folder` that is a project root (the project model's
    /// rule, `Project.root`), if any.
    static func enclosingRoot(of folder: String) -> String? {
        let found = Project.root(of: folder, isFolder: true)
        return found.isProject ? found.path : nil
    }

    /// Whether the recipe at `relativePath` (relative to the root) is one the plan reports.
    public func selects(_ relativePath: String) -> Bool {
        selection.isEmpty || selection.contains { relativePath == $0 || relativePath.hasPrefix($0 + "/") }
    }

    /// `path` without `.`, `..` and doubled slashes.
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `path` relative to `base` ("" for `base` itself), or nil when it is outside.
    static func relative(_ path: String, to base: String) -> String? {
        if path == base { return "" }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// How the root is printed: relative to the current folder when inside it (`..` when the
    /// current folder is inside the root), else absolute.
    static func display(_ root: String, currentDirectory: String) -> String {
        let current = standardized(currentDirectory)
        if let inside = relative(root, to: current) { return inside.isEmpty ? "." : inside }
        // The current folder is inside the root: `..` per level.
        if let below = relative(current, to: root) {
            return below.split(separator: "/").map { _ in ".." }.joined(separator: "/")
        }
        return root
    }
}

/// One side of a plan: the project as that side has it (a `Project`, loaded as `build` loads
/// one) and its resolution (`ProjectResolution`).
public struct PlanSide: Sendable {
    /// How the side is named in the output (`working tree`, `HEAD`, a folder).
    public var label: String
    /// The project on this side: every recipe file, paths shown as `displayRoot/relative`.
    public var project: Project
    /// The project resolved (`extends` sees every recipe).
    public var resolved: ProjectResolution

    /// Every recipe file of the project on this side, in project order.
    public var sources: [RecipeSource] { project.sources }
    /// Files that could not be read (each one sentence).
    public var problems: [String] { project.problems }
    /// The resolved recipes.
    public var resolution: Resolution { resolved.resolution }
    /// Recipes of this side that would write one file (`ProjectResolution.outputClashes`, the
    /// check `build` makes): they fail on this side like any recipe with an error.
    public let clashes: ClashFinder
    /// Display paths of the recipes that fail on this side: resolution errors and clashes.
    public var failedPaths: Set<String> { resolution.failedPaths.union(clashes.failed) }
    /// Every diagnostic of this side: the resolution's, then the clashes'.
    public var diagnostics: [Diagnostic] { resolution.diagnostics + clashes.diagnostics }

    /// Resolves `project` (the whole project: `extends` sees every recipe); a chain without a
    /// `vmt` line targets `target` (`plan --vmt`, as `build --vmt`).
    public init(label: String, project: Project, maxVariants: Int = Resolver.defaultMaxVariants,
                target: VMTTarget = .standard) {
        self.label = label
        self.project = project
        resolved = ProjectResolution.resolve(project, maxVariants: maxVariants, target: target)
        clashes = resolved.outputClashes()
    }

    /// The project's recipes as they are in `folder` (its root), read from disk by `Project.load`.
    public static func folder(_ folder: String, displayRoot: String, label: String,
                              maxVariants: Int = Resolver.defaultMaxVariants, target: VMTTarget = .standard) -> PlanSide {
        let project = Project.load(root: folder, recursive: true, display: displayRoot == "." ? "" : displayRoot)
        return PlanSide(label: label, project: project, maxVariants: maxVariants, target: target)
    }

    /// The project's recipes as they were at git revision `revision` (read with git; the root
    /// sits at the same place in the repository). A root that did not exist then gives no recipes.
    /// `current` is the side as it is now: files git reports unchanged are taken from it.
    public static func revision(_ revision: String, project: PlanProject, environment: [String: String],
                                current: PlanSide? = nil, maxVariants: Int = Resolver.defaultMaxVariants,
                                target: VMTTarget = .standard) throws(ProjectError) -> PlanSide {
        let git = try GitRevision(environment: environment)
        var now: [String: [UInt8]] = [:]
        for source in current?.sources ?? [] { now[source.relativePath] = source.bytes }
        let (files, problems) = try git.recipes(at: revision, in: project.root, maxBytes: PlanProject.maxRecipeBytes, current: now)
        let old = Project(root: project.root, display: project.displayRoot == "." ? "" : project.displayRoot,
                          files: files, problems: problems)
        return PlanSide(label: revision, project: old, maxVariants: maxVariants, target: target)
    }
}

extension PlanProject {
    /// `path` with symbolic links resolved (git prints the top folder that way).
    static func resolvingLinks(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The old project's root for `--against DIR`: DIR itself when it is a project root (or has
    /// no folder at this root's place), else the folder at the same place below DIR as this root
    /// is below its repository's top (or, outside git, DIR/<this root's name>).
    public func againstRoot(_ directory: String, currentDirectory: String, environment: [String: String]) throws(ProjectError) -> String {
        let dir = PlanProject.standardized(directory.hasPrefix("/") ? directory : currentDirectory + "/" + directory)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder), isFolder.boolValue else {
            throw .plan(.noAgainstFolder(directory))
        }
        if (dir as NSString).lastPathComponent == Project.defaultFolder || FileManager.default.fileExists(atPath: dir + "/" + Project.markerFile) {
            return dir
        }
        var candidates: [String] = []
        if let git = try? GitRevision(environment: environment), let top = try? git.topLevel(of: root),
           let inside = PlanProject.relative(root, to: PlanProject.standardized(top))
            ?? PlanProject.relative(PlanProject.resolvingLinks(root), to: PlanProject.resolvingLinks(top)),
           !inside.isEmpty {
            candidates.append(dir + "/" + inside)
        }
        candidates.append(dir + "/" + (root as NSString).lastPathComponent)
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder) && isFolder.boolValue {
            return candidate
        }
        return dir
    }
}
