import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl new PATH [--extends NAME]`: a starter recipe.
enum NewCommand {
    /// `vmt-dsl new`.
    static let spec = CommandSpec(
        name: "new", summary: "write a starter recipe",
        description: """
        Writes a starter recipe at PATH: its scenario name is the file's stem, it extends NAME
        (default: minimal), has a seed, and lists the other directives as comments holding the
        values NAME gives. NAME is a built-in preset or a recipe of the project PATH belongs to
        (the nearest enclosing scenarios.d, or folder holding a .vmt-project file). Refuses an
        unknown or broken parent, a scenario name the project already has, and an existing file;
        then nothing is written. Suggests only what the target accepts: the target of NAME's chain
        (its 'vmt' line), else --vmt (then written as a 'vmt' line), else 2025-10; so no money or
        regime under 2025-11, and its search, matching and bargaining lines; a money regime NAME
        gives is overridden there by an uncommented 'regime barter_only'. A required field NAME
        leaves unset (a template's) is written uncommented with an example value, named in the
        printed line: check it before building. Prints the build command that reads the new file.
        When NAME's chain has a 'vmt' line, it wins over --vmt: a different --vmt is ignored with a
        warning (the file is still written, for the chain's target).
        """,
        positionals: [PositionalSpec(name: "PATH.vmt", count: .one, help: "the recipe file to write", completion: .recipes)],
        flags: [FlagSpec(long: "--extends", valueName: "NAME", value: .text, help: "the preset or recipe it extends (default: minimal)",
                         completion: .words(Preset.names)),
                vmtFlag],
        examples: ["new scenarios.d/my_first.vmt", "new scenarios.d/money/rich.vmt --extends money_demo",
                   "new scenarios.d/late/tioli.vmt --vmt 2025-11"],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    /// `new --vmt VERSION`: the target of the starter when its parent's chain names none.
    static let vmtFlag = FlagSpec(long: "--vmt", valueName: "VERSION", value: .choice(VMTTarget.names),
                                  help: "the VMT version to write for when the parent names none (written as a 'vmt' line): "
                                      + "2025-10 (default) or 2025-11; a parent's own 'vmt' line wins (a warning says so)")

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let parent = parsed.value("--extends") ?? "minimal"
        guard let path = parsed.paths.first else {
            throw .usage(CommandMessages.newNeedsPath)
        }
        guard path.hasSuffix(".vmt"), path.count > 4 else {
            throw .input(CommandMessages.notVMTPath(path))
        }
        guard !parent.isEmpty, parent.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-./".contains($0)) }) else {
            throw .input(CommandMessages.badParentName(parent))
        }
        let stem = String((path.split(separator: "/").last ?? "").dropLast(4))
        if Preset.named(stem) != nil {
            throw .input(CommandMessages.presetName(stem))
        }
        let absolute = context.resolve(path)
        // lstat: a symbolic link at PATH, dangling or not, is something existing.
        if let existing = PathWriter.existing(at: absolute) {
            throw .input(CommandMessages.alreadyExists(path, existing))
        }
        let folder = (absolute as NSString).deletingLastPathComponent
        let project = NewCommand.project(containing: folder, context)
        let seed = Int.random(in: 1...999_999)
        let target = parsed.value("--vmt") == nil ? nil : try CommonFlags.target(parsed)
        let starter: Starter
        switch StarterRecipe.starter(name: stem, parent: parent, seed: seed, project: project.sources, target: target) {
        case .success(let written): starter = written
        case .failure(let problem):
            throw CommandError(problem)
        }
        // The chain's `vmt` line wins over --vmt (as in a build): say so when they differ.
        if let target, starter.target != target {
            context.warning(CommandMessages.newTargetIgnored(asked: target.rawValue, parent: parent, chain: starter.target.rawValue))
        }
        do throws(CoreError) {
            // Created, never replacing or following anything at PATH (PathWriter.create).
            try PathWriter.create(absolute, display: path) { sink throws(CoreError) in try sink.write(Array(starter.text.utf8)) }
        } catch {
            throw CommandError(error)
        }
        context.print(CommandMessages.created(path, parent: parent, examples: starter.examples, build: project.buildCommand))
        return .success
    }

    /// The recipes of the project a new file in `folder` joins, and the command that builds it.
    static func project(containing folder: String, _ context: CommandContext) -> (sources: [RecipeSource], buildCommand: String) {
        // The project's root, by the rule every command uses (Project.root).
        let projectRoot = Project.root(of: Project.standardizedPath(folder, currentDirectory: "/"), isFolder: true).path
        let here = URL(fileURLWithPath: context.currentDirectory).standardizedFileURL.path
        let shown = relativePath(projectRoot, from: here)
        let command = shown == Project.defaultFolder ? "vmt-dsl build" : "vmt-dsl build \(shown)"
        let sources = FileManager.default.fileExists(atPath: projectRoot) ? Project.load([shown], currentDirectory: context.currentDirectory).sources : []
        return (sources, command)
    }

    /// `path` relative to the folder `base` (both absolute and standardized): `.`, `sub/dir`,
    /// `..`, `../../other`; `path` itself when they share nothing but the root.
    static func relativePath(_ path: String, from base: String) -> String {
        let target = path.split(separator: "/"), start = base.split(separator: "/")
        var common = 0
        while common < min(target.count, start.count), target[common] == start[common] { common += 1 }
        if common == 0 && !start.isEmpty { return path }
        let parts = Array(repeating: "..", count: start.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
