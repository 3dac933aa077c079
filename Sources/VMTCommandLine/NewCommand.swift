import Foundation
import VMTCore
import VMTRecipe

/// `vmt-dsl new PATH [--extends NAME]`: a starter recipe.
enum NewCommand {
    static let help = """
    usage: vmt-dsl new PATH.vmt [--extends NAME]

    Writes a starter recipe at PATH: its scenario name is the file's stem, it extends NAME
    (default: minimal), has a seed, and lists the other directives as comments holding the
    values NAME gives. NAME is a built-in preset or a recipe of the project PATH belongs to
    (the nearest enclosing scenarios.d, or folder holding a .vmt-project file). Refuses an
    unknown or broken parent, a scenario name the project already has, and an existing file;
    then nothing is written. Prints the build command that reads the new file.

    examples:
      vmt-dsl new scenarios.d/my_first.vmt
      vmt-dsl new scenarios.d/money/rich.vmt --extends money_demo
    """

    static func run(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        let parsed: Arguments
        switch Arguments.read(arguments, command: "new", help: help, valueFlags: ["--extends"], context) {
        case .success(let read): parsed = read
        case .failure(let status): return status
        }
        guard parsed.positionals.count <= 1 else {
            context.error("new takes one PATH (got \(parsed.positionals.count))")
            return .usage
        }
        let path = parsed.positionals.first
        let parent = parsed.values["--extends"] ?? "minimal"
        guard let path else {
            context.error("new needs a PATH ending in .vmt (see 'vmt-dsl new --help')")
            return .usage
        }
        guard path.hasSuffix(".vmt"), path.count > 4 else {
            context.error("'\(path)' must end in .vmt")
            return .failure
        }
        guard !parent.isEmpty, parent.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-./".contains($0)) }) else {
            context.error("argument --extends: '\(parent)' is not a preset or recipe name")
            return .failure
        }
        let stem = String((path.split(separator: "/").last ?? "").dropLast(4))
        if Preset.named(stem) != nil {
            context.error("'\(stem)' is a built-in preset's name; a recipe may not take it (choose another file name)")
            return .failure
        }
        let absolute = context.resolve(path)
        if FileManager.default.fileExists(atPath: absolute) {
            context.error("\(path) already exists; not overwriting it")
            return .failure
        }
        let folder = BuildCommand.parentFolder(of: absolute)
        let project = NewCommand.project(containing: folder, context)
        let seed = Int.random(in: 1...999_999)
        let text: String
        switch StarterRecipe.text(name: stem, parent: parent, seed: seed, project: project.sources) {
        case .success(let written): text = written
        case .failure(let problem):
            context.error(problem.description)
            return .failure
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: absolute)
        } catch {
            context.error("\(error)")
            return .failure
        }
        context.print("created \(path) (extends \(parent)); build it with: \(project.buildCommand)")
        return .success
    }

    /// The recipes of the project a new file in `folder` joins, and the command that builds it.
    static func project(containing folder: String, _ context: CommandContext) -> (sources: [RecipeSource], buildCommand: String) {
        // The nearest enclosing scenarios.d or folder holding a .vmt-project marker; else the folder itself.
        var root: String?
        var current = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let path = current.path
            if current.lastPathComponent == "scenarios.d"
                || FileManager.default.fileExists(atPath: path + "/.vmt-project") {
                root = path
                break
            }
            let up = current.deletingLastPathComponent()
            if up.path == path { break }
            current = up
        }
        let projectRoot = root ?? URL(fileURLWithPath: folder).standardizedFileURL.path
        let here = URL(fileURLWithPath: context.currentDirectory).standardizedFileURL.path
        var shown = projectRoot
        if projectRoot == here {
            shown = "."
        } else if projectRoot.hasPrefix(here + "/") {
            shown = String(projectRoot.dropFirst(here.count + 1))
        }
        let command = shown == RecipeFiles.defaultFolder ? "vmt-dsl build" : "vmt-dsl build \(shown)"
        let sources = FileManager.default.fileExists(atPath: projectRoot) ? RecipeFiles.load([shown], context).sources : []
        return (sources, command)
    }
}
