import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl import FILE.yaml... [--extends NAME] [--out DIR]`: recipes from existing scenario
/// files. A thin shell over `ScenarioImporter` (VMTProject): read, import, write.
enum ImportCommand {
    /// `vmt-dsl import`.
    static let spec = CommandSpec(
        name: "import", summary: "write recipes that build existing scenario files",
        description: """
        Writes, for each scenario FILE, a recipe DIR/STEM.vmt that builds the same scenario as
        VMT's loader reads it (README, "Moving existing scenarios to recipes"): stock and
        utilities as explicit values, `set` lines only where the recipe would otherwise write
        something else, the file's leading comment block as the recipe's head comment. Each
        recipe is built together with the whole project it lands in (and the recipes written
        earlier in the run) and compared with its file before it is written; a scenario name or
        output file another recipe has refuses the file, naming that recipe. A key VMT's loader does
        not read is dropped with a warning; a file that is not a scenario, or holds a value a
        recipe cannot carry, is an error naming the YAML key, and nothing is written for it.
        An existing recipe file is never overwritten. The VMT version comes from each file's keys
        (a protocol key or params.log_preferences: 2025-11, written as 'vmt 2025-11'; else
        2025-10) unless --vmt names one.
        """,
        positionals: [PositionalSpec(name: "FILE.yaml", count: .oneOrMore, help: "the scenario files to import", completion: .paths)],
        flags: [
            FlagSpec(long: "--extends", valueName: "NAME", value: .text,
                     help: "the preset or project recipe the recipes extend (they then only say what differs)",
                     completion: .words(Preset.names)),
            FlagSpec(long: "--out", valueName: "DIR", value: .text, help: "the folder the recipes go to (default: scenarios.d)",
                     completion: .folders),
            CommonFlags.importVMT,
            OutputFormat.flag,
        ],
        examples: ["import scenarios/*.yaml", "import old/three_agent_barter.yaml --extends minimal --out scenarios.d/imported"],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    /// The largest scenario file read.
    static let maxFileBytes = 64 << 20

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let files = parsed.paths
        guard !files.isEmpty else { throw .usage(CommandMessages.importNeedsFiles) }
        let parent = parsed.value("--extends")
        let out = parsed.value("--out") ?? Project.defaultFolder
        let json = OutputFormat.of(parsed) == .json
        let forcedTarget: VMTTarget? = parsed.value("--vmt") == nil ? nil : try CommonFlags.target(parsed)
        let outFolder = context.resolve(out)
        // The project the recipes land in, even when --out does not exist yet: each recipe is
        // resolved together with all of it (and with those written earlier in this run).
        let standardOut = Project.standardizedPath(outFolder, currentDirectory: "/")
        let projectRoot = Project.root(of: standardOut, isFolder: true).path
        let folderInProject = NewCommand.relativePath(standardOut, from: projectRoot)
        var project = NewCommand.project(containing: outFolder, context).sources
        var imported = 0, failed = 0
        var diagnostics: [Diagnostic] = []
        var written = Set<String>()
        for file in files {
            let bytes: [UInt8]
            do throws(CommandError) {
                bytes = try context.readInput(file, limit: maxFileBytes)
            } catch {
                context.error(error.message)
                failed += 1
                continue
            }
            // The target's existence first: a file already there is refused as such, whatever
            // the project would say about the recipe.
            let recipeFileName = ScenarioImporter.recipeFileName(file)
            let target = out + "/" + recipeFileName
            let absolute = context.resolve(target)
            // lstat, not a check that follows links: a symbolic link there (dangling or not) is
            // refused as something existing; the write below refuses it again, atomically.
            if let existing = written.contains(absolute) ? .alreadyExists : PathWriter.existing(at: absolute) {
                context.error(CommandMessages.importTargetExists(file, target, existing))
                failed += 1
                continue
            }
            let recipePath = folderInProject == "." ? recipeFileName : folderInProject + "/" + recipeFileName
            let result = ScenarioImporter.importScenario(path: file, bytes: bytes, parent: parent, project: project,
                                                         recipePath: recipePath, target: forcedTarget)
            diagnostics += result.diagnostics
            guard let recipe = result.recipe else {
                failed += 1
                continue
            }
            // A recipe no command could read back (Project.maxRecipeBytes) is refused before
            // writing, as fmt refuses a formatted text over the limit.
            guard recipe.utf8.count <= Project.maxRecipeBytes else {
                context.error(CommandMessages.importRecipeTooLarge(file, target, bytes: recipe.utf8.count))
                failed += 1
                continue
            }
            // The write creates the missing folders of `absolute`, and never replaces or follows
            // what has the recipe's name (PathWriter.create).
            do throws(CoreError) {
                try PathWriter.create(absolute, display: target) { sink throws(CoreError) in try sink.write(Array(recipe.utf8)) }
            } catch {
                context.error(CommandMessages.importCannotWrite(file, target, error.explanation))
                failed += 1
                continue
            }
            written.insert(absolute)
            project.append(RecipeSource(path: target, relativePath: recipePath, bytes: Array(recipe.utf8)))
            imported += 1
            if json {
                context.print(JSON.object([("file", .string(file)), ("recipe", .string(target))]).text)
            } else {
                context.print(CommandMessages.imported(file, target))
            }
        }
        let printer = DiagnosticPrinter(context, sources: [])
        if json { printer.printJSON(diagnostics) } else { printer.print(diagnostics) }
        if !json { context.print(CommandMessages.importSummary(imported: imported, failed: failed)) }
        return failed == 0 ? .success : .failure
    }
}
