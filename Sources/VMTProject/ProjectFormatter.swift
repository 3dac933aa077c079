// Formatting a project's recipes: load → parse → format → refuse what would not read back →
// compare → write. `vmt-dsl fmt` calls `ProjectFormatter.run` and only prints its events.
import Foundation
import VMTCore
import VMTRecipe

/// What `ProjectFormatter.run` does with a recipe whose formatted text differs.
public enum FormatMode: Sendable, Equatable {
    /// Rewrite it (atomically), after removing stale temporary files of killed runs.
    case write
    /// Write nothing; report it as `wouldReformat` (`fmt --check`).
    case check
    /// Write nothing; report it as `wouldReformat`, for a diff (`fmt --diff`).
    case diff
}

/// Why one recipe was not formatted; the file is left as it is in every case.
public enum FormatFailure: Sendable {
    /// The file has syntax errors (its diagnostics).
    case syntax([Diagnostic])
    /// The formatted text would be `size` bytes, over `limit` (`Project.maxRecipeBytes`): the
    /// tool could not read it back.
    case tooLarge(size: Int, limit: Int)
    /// The formatted text does not parse back to as many directives (a formatter bug).
    case wouldBreak
    /// Writing failed; the error, as one sentence.
    case unwritable(String)
}

/// One report of `ProjectFormatter.run`. Events come in this order: the project's `problem`s,
/// then one event per selected recipe in project order.
public enum FormatEvent: Sendable {
    /// A path that names nothing, selects no recipe, or a file that could not be read; one sentence.
    case problem(String)
    /// The recipe at `path` (display path) is already in canonical form.
    case unchanged(path: String)
    /// `.write`: the recipe at `path` was rewritten from `old` bytes to `new` text.
    case formatted(path: String, old: [UInt8], new: String)
    /// `.check`, `.diff`: the recipe at `path` would be rewritten from `old` bytes to `new` text.
    case wouldReformat(path: String, old: [UInt8], new: String)
    /// The recipe at `path` was not formatted, and why.
    case failed(path: String, FormatFailure)
}

/// The counts of one formatting run.
public struct FormatSummary: Sendable, Equatable {
    /// Recipes rewritten (`.write`) or that would be (`.check`, `.diff`).
    public var changed = 0
    /// Recipes already in canonical form.
    public var unchanged = 0
    /// Recipes that failed, plus the project's problems.
    public var failed = 0

    /// All counts zero.
    public init() {}
}

/// Formats the recipes a selection names, each file alone (no parents are needed).
public enum ProjectFormatter {
    /// Loads the project of `paths` (relative ones against `currentDirectory`) and formats the
    /// selected recipes (see `run(_:paths:currentDirectory:mode:report:)`).
    @discardableResult
    public static func run(_ paths: [String], currentDirectory: String, mode: FormatMode,
                           report: (FormatEvent) -> Void) -> FormatSummary {
        let project = Project.load(paths, currentDirectory: currentDirectory)
        return run(project, paths: paths, currentDirectory: currentDirectory, mode: mode, report: report)
    }

    /// Formats every recipe `project` selects in canonical form (`formatRecipe`), reporting each
    /// to `report` as it goes; returns the counts.
    ///
    /// Disk effects, `.write` only: stale temporary files of killed runs are removed in each
    /// folder of `paths` (and below) or beside each file of `paths`; then each recipe whose bytes
    /// change is replaced atomically (`AtomicFile.write`). A recipe is never written when it has
    /// syntax errors, when its formatted text would pass `Project.maxRecipeBytes`, or when that
    /// text does not parse back to as many directives. `.check` and `.diff` touch nothing.
    /// `paths` are the paths `project` was loaded from, relative ones against `currentDirectory`.
    @discardableResult
    public static func run(_ project: Project, paths: [String], currentDirectory: String, mode: FormatMode,
                           report: (FormatEvent) -> Void) -> FormatSummary {
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : currentDirectory + "/" + path }
        if mode == .write {
            // Temporary files of killed runs: in each folder given (and below), or beside each file.
            for path in paths {
                let absolute = resolve(path)
                var info = stat()
                let isFolder = stat(absolute, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                TemporaryFiles.removeStaleTemporaryFiles(in: isFolder ? absolute : (absolute as NSString).deletingLastPathComponent,
                                                         recursive: isFolder)
            }
        }
        var summary = FormatSummary()
        summary.failed = project.problems.count
        for problem in project.problems { report(.problem(problem)) }
        for source in project.selection {
            let path = source.path
            let (recipe, found) = parseRecipe(path: path, bytes: source.bytes)
            guard let recipe else {
                summary.failed += 1
                report(.failed(path: path, .syntax(found)))
                continue
            }
            let formatted = formatRecipe(recipe.syntax)
            let bytes = Array(formatted.utf8)
            if bytes == source.bytes {
                summary.unchanged += 1
                report(.unchanged(path: path))
                continue
            }
            // fmt never writes a file the tool would refuse to read: a recipe near the size limit
            // can grow past it (a space after every comma of a long stock list).
            guard bytes.count <= Project.maxRecipeBytes else {
                summary.failed += 1
                report(.failed(path: path, .tooLarge(size: bytes.count, limit: Project.maxRecipeBytes)))
                continue
            }
            // A safety net: a formatter bug must never cost the user a readable recipe.
            guard parseRecipe(path: path, bytes: bytes).recipe?.directives.count == recipe.directives.count else {
                summary.failed += 1
                report(.failed(path: path, .wouldBreak))
                continue
            }
            guard mode == .write else {
                summary.changed += 1
                report(.wouldReformat(path: path, old: source.bytes, new: formatted))
                continue
            }
            do throws(CoreError) {
                try AtomicFile.write(bytes, to: project.absolutePaths[path] ?? resolve(path))
                summary.changed += 1
                report(.formatted(path: path, old: source.bytes, new: formatted))
            } catch {
                summary.failed += 1
                report(.failed(path: path, .unwritable(error.description)))
            }
        }
        return summary
    }
}
