import Foundation
import VMTCore
import VMTRecipe

/// `vmt-dsl build` and `vmt-dsl check`: every recipe under the given folders, resolved,
/// validated, generated, and (for `build`) written where its bytes changed.
struct BuildCommand {
    static let buildHelp = """
    usage: vmt-dsl build [PATH...] [--out DIR] [--check]

    Builds every recipe (*.vmt) under each PATH (default: scenarios.d) into scenario YAML under
    DIR (default: scenarios). A recipe's file is DIR/<its path in the recipe folder, .vmt replaced
    by .yaml>, unless its 'output' line says otherwise. Templates write nothing. Files whose bytes
    would not change are left alone. Every error of every recipe is reported; recipes without
    errors are still written; the exit status is 1 when any recipe failed.

    flags:
      --out DIR     the output folder (default: scenarios)
      --check       write nothing; exit 1 and list the outputs that are missing or out of date
      -h, --help    show this help

    examples:
      vmt-dsl build                       # scenarios.d → scenarios
      vmt-dsl build scenarios.d --out build/scenarios
      vmt-dsl build --check               # in CI: are the committed scenarios up to date?
    """

    static let checkHelp = """
    usage: vmt-dsl check [PATH...]

    Parses, resolves and validates every recipe under each PATH (default: scenarios.d) and
    generates each scenario in memory; writes nothing. Exit status 1 when any recipe has errors.

    examples:
      vmt-dsl check
      vmt-dsl check scenarios.d/money
    """

    var paths: [String] = []
    var outputFolder = "scenarios"
    var checkOnly = false

    /// Reads `build`'s or `check`'s arguments; nil for `--help`.
    static func parse(_ arguments: [String], command: String) throws -> BuildCommand? {
        var parsed = BuildCommand()
        let flags = command == "build" ? ["--out", "--check", "--help"] : ["--help"]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "-h" { return nil }
            guard FlagParsing.looksLikeFlag(argument) else {
                parsed.paths.append(argument)
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch try FlagParsing.match(name, in: flags, command: command) {
            case "--help":
                return nil
            case "--check":
                parsed.checkOnly = true
            default:
                if let inline {
                    parsed.outputFolder = inline
                } else {
                    guard index < arguments.count else { throw UsageError(message: "argument --out: expected a folder") }
                    parsed.outputFolder = arguments[index]
                    index += 1
                }
                guard !parsed.outputFolder.isEmpty else { throw UsageError(message: "argument --out: expected a folder") }
            }
        }
        if parsed.paths.isEmpty { parsed.paths = [RecipeFiles.defaultFolder] }
        return parsed
    }

    /// What happened to one recipe's output.
    enum Outcome {
        case built, unchanged, stale, missing, failed
    }

    /// Runs `build` (or, with `writes` false, `check`).
    static func run(_ arguments: [String], _ context: CommandContext, command: String) -> ExitCode {
        let options: BuildCommand
        do {
            guard let parsed = try parse(arguments, command: command) else {
                context.standardOutput((command == "build" ? buildHelp : checkHelp) + "\n")
                return .success
            }
            options = parsed
        } catch let error as UsageError {
            context.error(error.message)
            return .usage
        } catch {
            context.error("\(error)")
            return .usage
        }
        let loaded = RecipeFiles.load(options.paths, context)
        for problem in loaded.problems { context.error(problem) }
        let resolution = Resolver.resolve(loaded.sources)
        var diagnostics = resolution.diagnostics
        var counts: [Outcome: Int] = [:]
        var listed: [String] = []
        let outFolder = context.resolve(options.outputFolder)
        for scenario in resolution.scenarios where !scenario.isTemplate {
            guard let spec = scenario.spec else { continue }
            let scenarioResult = ScenarioFile.generate(spec)
            guard case .success(let generated) = scenarioResult else {
                if case .failure(.invalid(let issues)) = scenarioResult { diagnostics += scenario.diagnostics(for: issues) }
                counts[.failed, default: 0] += 1
                continue
            }
            if command == "check" {
                counts[.unchanged, default: 0] += 1  // for check: generated and valid
                continue
            }
            let bytes = ScenarioWriter.bytes(generated)
            let displayPath = (options.outputFolder.hasSuffix("/") ? options.outputFolder : options.outputFolder + "/") + scenario.output.value
            let target = outFolder + "/" + scenario.output.value
            let existing = FileManager.default.contents(atPath: target)
            if let existing, existing.elementsEqual(bytes) {
                counts[.unchanged, default: 0] += 1
                continue
            }
            if options.checkOnly {
                let outcome: Outcome = existing == nil ? .missing : .stale
                counts[outcome, default: 0] += 1
                listed.append("\(outcome == .missing ? "missing" : "stale"): \(displayPath) (from \(scenario.source.path))")
                continue
            }
            do {
                try AtomicFile.write(bytes, to: target)
                counts[.built, default: 0] += 1
            } catch {
                diagnostics.append(.error("\(error)", at: scenario.recipe.output?.range ?? scenario.recipe.summaryRange))
                counts[.failed, default: 0] += 1
            }
        }
        counts[.failed, default: 0] += resolution.failedPaths.count
        DiagnosticPrinter(context, sources: loaded.sources).print(diagnostics)
        for line in listed { context.print(line) }

        let failed = counts[.failed, default: 0] + loaded.problems.count
        let recipes = loaded.sources.count
        if command == "check" {
            context.print("checked \(recipes) recipe\(recipes == 1 ? "" : "s"): \(counts[.unchanged, default: 0]) ok, \(failed) failed")
        } else if options.checkOnly {
            context.print("\(counts[.unchanged, default: 0]) up to date, \(counts[.stale, default: 0]) stale, \(counts[.missing, default: 0]) missing, \(failed) failed")
        } else {
            context.print("built \(counts[.built, default: 0]), unchanged \(counts[.unchanged, default: 0]), failed \(failed)")
        }
        let outOfDate = counts[.stale, default: 0] + counts[.missing, default: 0]
        return failed > 0 || outOfDate > 0 ? .failure : .success
    }
}
