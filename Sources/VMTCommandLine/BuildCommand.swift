import Foundation
import VMTCore
import VMTRecipe

/// `vmt-dsl build` and `vmt-dsl check`: every recipe under the given folders, resolved,
/// validated, generated, and (for `build`) written where its bytes changed.
struct BuildCommand {
    static let buildHelp = """
    usage: vmt-dsl build [PATH...] [--out DIR] [--check] [-W] [--allow CODE]... [--format text|json] [--max-variants N]

    Builds every recipe (*.vmt) under each PATH (default: scenarios.d) into scenario YAML under
    DIR (default: scenarios). A recipe's file is DIR/<its path in the recipe folder, .vmt replaced
    by .yaml>, unless its 'output' line says otherwise. Templates write nothing. Files whose bytes
    would not change are left alone. Every error of every recipe is reported; recipes without
    errors are still written; the exit status is 1 when any recipe failed.

    flags:
      --out DIR     the output folder (default: scenarios)
      --check       write nothing; exit 1 and list the outputs that are missing or out of date
      -W, --warnings-as-errors
                    treat warnings as errors: a recipe with a warning fails and is not written
      --allow CODE  silence the warning CODE (such as VMT250) in this run; repeatable
      --format json print diagnostics, listings and the summary as JSON lines on stdout
      --max-variants N
                    the most variants one recipe's 'vary' lines may give (default 10000)
      -h, --help    show this help

    examples:
      vmt-dsl build                       # scenarios.d → scenarios
      vmt-dsl build scenarios.d --out build/scenarios
      vmt-dsl build --check               # in CI: are the committed scenarios up to date?
    """

    static let checkHelp = """
    usage: vmt-dsl check [PATH...] [-W] [--allow CODE]... [--format text|json] [--max-variants N]

    Parses, resolves and validates every recipe under each PATH (default: scenarios.d) and
    generates each scenario in memory; writes nothing. Exit status 1 when any recipe has errors
    (or, with -W, warnings).

    flags:
      -W, --warnings-as-errors   treat warnings as errors
      --allow CODE               silence the warning CODE (such as VMT250); repeatable
      --format json              print diagnostics and the summary as JSON lines on stdout
      --max-variants N           the most variants one recipe may give (default 10000)
      -h, --help                 show this help

    examples:
      vmt-dsl check
      vmt-dsl check scenarios.d/money
    """

    var paths: [String] = []
    var outputFolder = "scenarios"
    var checkOnly = false
    var warningsAsErrors = false
    var json = false
    var maxVariants = Resolver.defaultMaxVariants
    var allowed: Set<DiagnosticCode> = []

    /// The flags of `build` (`check` takes the same but `--out` and `--check`).
    static func flags(_ command: String) -> (values: [String], switches: [String]) {
        command == "build" ? (["--out", "--format", "--max-variants", "--allow"], ["--check", "--warnings-as-errors"])
            : (["--format", "--max-variants", "--allow"], ["--warnings-as-errors"])
    }

    /// The options `parsed` gives, or the usage error in them.
    init(_ parsed: Arguments) throws {
        paths = parsed.positionals.isEmpty ? [RecipeFiles.defaultFolder] : parsed.positionals
        if let out = parsed.values["--out"] {
            guard !out.isEmpty else { throw UsageError(message: "argument --out: expected a folder") }
            outputFolder = out
        }
        switch parsed.values["--format"] {
        case nil, "text": json = false
        case "json": json = true
        case let other?:
            throw UsageError(message: "argument --format: invalid choice: '\(other)' (choose from text, json)")
        }
        if let text = parsed.values["--max-variants"] {
            maxVariants = try FlagParsing.integer(text, flag: "--max-variants")
            guard maxVariants >= 1 else { throw UsageError(message: "argument --max-variants: must be at least 1") }
        }
        allowed = try FlagParsing.allowedCodes(parsed.allValues["--allow"] ?? [])
        checkOnly = parsed.switches.contains("--check")
        warningsAsErrors = parsed.switches.contains("--warnings-as-errors")
    }

    /// What a run does with each variant.
    enum Mode: Sendable {
        /// `check`: resolve, validate and generate in memory.
        case validate
        /// `build --check`: also compare with the file on disk.
        case compare
        /// `build`: also write what changed.
        case write
    }

    /// What happened to one variant's output.
    enum Outcome: Sendable, Equatable {
        /// Written (new or changed).
        case built
        /// Its file already holds these bytes (for `check`: generated and valid).
        case unchanged
        /// `--check`: there is no file yet.
        case missing
        /// `--check`: the file holds other bytes.
        case stale
        /// The generated scenario breaks a rule.
        case invalid([Diagnostic])
        /// The file could not be written.
        case unwritable(String)
        /// New or changed bytes, still to be written.
        case pending([UInt8])

        /// The bytes of a `pending` outcome.
        var pendingBytes: [UInt8]? {
            if case .pending(let bytes) = self { return bytes }
            return nil
        }
    }

    /// Renders one variant and, as `mode` says, compares it with its file and writes it.
    static func outcome(of variant: ResolvedVariant, in scenario: ResolvedScenario, mode: Mode, outFolder: String,
                        missingFolders: Set<String>) -> Outcome {
        let bytes: [UInt8]
        switch ScenarioFile.render(variant.spec) {
        case .success(let rendered): bytes = rendered
        case .failure(.invalid(let issues)): return .invalid(variant.diagnostics(for: issues, recipe: scenario.recipe))
        case .failure(.write(let error)): return .unwritable(error.description)
        }
        if mode == .validate { return .unchanged }
        let target = outFolder + "/" + variant.output.value
        // In a folder that does not exist yet there is nothing to read (the usual first build).
        let existing = missingFolders.contains(parentFolder(of: target)) ? nil : FileManager.default.contents(atPath: target)
        if let existing, existing.elementsEqual(bytes) { return .unchanged }
        if mode == .compare { return existing == nil ? .missing : .stale }
        return .pending(bytes)
    }

    /// Writes a rendered variant, unless its path would leave the output folder.
    static func write(_ bytes: [UInt8], _ relative: String, under outFolder: String) -> Outcome {
        if let problem = OutputConfinement.problem(writing: relative, under: outFolder) { return .unwritable(problem) }
        do {
            try AtomicFile.write(bytes, to: outFolder + "/" + relative)
            return .built
        } catch {
            return .unwritable("\(error)")
        }
    }

    /// The folder part of a path.
    static func parentFolder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }

    /// Runs `build` or `check`.
    static func run(_ arguments: [String], _ context: CommandContext, command: String) -> ExitCode {
        let options: BuildCommand
        let (values, switches) = flags(command)
        switch Arguments.read(arguments, command: command, help: command == "build" ? buildHelp : checkHelp,
                              valueFlags: values, switchFlags: switches, aliases: ["-W": "--warnings-as-errors"], context) {
        case .success(let parsed):
            do {
                options = try BuildCommand(parsed)
            } catch let error as UsageError {
                context.error(error.message)
                return .usage
            } catch {
                context.error("\(error)")
                return .usage
            }
        case .failure(let status):
            return status
        }
        if command == "build" {
            var isFolder: ObjCBool = false
            let out = context.resolve(options.outputFolder)
            if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                context.error("the output folder \(options.outputFolder) is a file")
                return .failure
            }
        }
        let loaded = RecipeFiles.load(options.paths, context)
        let resolution = Resolver.resolve(loaded.sources, maxVariants: options.maxVariants, allowing: options.allowed)
        var diagnostics = resolution.diagnostics
        var failedPaths = resolution.failedPaths
        if options.warningsAsErrors {
            // A warning becomes an error, and every recipe whose build raised one fails.
            failedPaths.formUnion(resolution.warnedPaths)
            diagnostics = diagnostics.map { diagnostic in
                guard diagnostic.severity == .warning else { return diagnostic }
                var promoted = diagnostic
                promoted.severity = .error
                return promoted
            }
        }
        let variants = resolution.scenarios
            .filter { !$0.isTemplate && !failedPaths.contains($0.source.path) }
            .flatMap { scenario in scenario.variants.map { (scenario, $0) } }
        let outFolder = context.resolve(options.outputFolder)
        let display = options.outputFolder.hasSuffix("/") ? options.outputFolder : options.outputFolder + "/"
        let mode: Mode = command == "check" ? .validate : options.checkOnly ? .compare : .write
        // Each variant is rendered and compared on its own core; the outcomes come back in
        // variant order, so output and summary do not depend on the scheduling. Files are then
        // written one after the other: two threads creating files in one folder contend in the
        // kernel and were slower than one (see BENCHMARKS.md).
        let folders = Set(variants.map { parentFolder(of: outFolder + "/" + $0.1.output.value) })
        let missingFolders: Set<String> = mode == .validate ? [] : folders.filter { !FileManager.default.fileExists(atPath: $0) }
        let outcomes = Parallel.map(variants) { pair in
            outcome(of: pair.1, in: pair.0, mode: mode, outFolder: outFolder, missingFolders: missingFolders)
        }
        var built = 0, unchanged = 0
        var failedRecipes: Set<String> = []
        var listing: [(kind: String, output: String, recipe: String)] = []
        for ((scenario, variant), computed) in zip(variants, outcomes) {
            let outcome = computed.pendingBytes.map { write($0, variant.output.value, under: outFolder) } ?? computed
            switch outcome {
            case .built, .pending: built += 1
            case .unchanged: unchanged += 1
            case .missing, .stale:
                listing.append((outcome == .missing ? "missing" : "stale", display + variant.output.value, scenario.source.path))
            case .invalid(let found):
                diagnostics += found
                failedRecipes.insert(scenario.source.path)
            case .unwritable(let reason):
                diagnostics.append(.error(Message(.cannotWrite, reason), at: scenario.recipe.output?.range ?? scenario.recipe.summaryRange))
                failedRecipes.insert(scenario.source.path)
            }
        }
        let failed = failedRecipes.count + failedPaths.count + loaded.problems.count
        let missing = listing.filter { $0.kind == "missing" }.count
        let stale = listing.count - missing
        let templates = resolution.scenarios.filter { $0.isTemplate && !failedPaths.contains($0.source.path) }.count
        let printer = DiagnosticPrinter(context, sources: loaded.sources)
        if options.json {
            for problem in loaded.problems {
                context.print(JSON.object([("severity", .string("error")), ("message", .string(problem))]).text)
            }
            printer.printJSON(diagnostics)
            for item in listing {
                context.print(JSON.object([("kind", .string(item.kind)), ("output", .string(item.output)),
                                           ("recipe", .string(item.recipe))]).text)
            }
            var summary: [(String, JSON)] = [("recipes", .int(loaded.sources.count))]
            if command == "check" {
                summary += [("ok", .int(unchanged)), ("templates", .int(templates))]
            } else if options.checkOnly {
                summary += [("up_to_date", .int(unchanged)), ("stale", .int(stale)), ("missing", .int(missing))]
            } else {
                summary += [("built", .int(built)), ("unchanged", .int(unchanged))]
            }
            summary.append(("failed", .int(failed)))
            context.print(JSON.object([("summary", .object(summary))]).text)
        } else {
            for problem in loaded.problems { context.error(problem) }
            printer.print(diagnostics)
            for item in listing { context.print("\(item.kind): \(item.output) (from \(item.recipe))") }
            let recipes = loaded.sources.count
            if command == "check" {
                context.print("checked \(recipes) recipe\(recipes == 1 ? "" : "s"): \(unchanged) ok, \(templates) template\(templates == 1 ? "" : "s"), \(failed) failed")
            } else if options.checkOnly {
                context.print("\(unchanged) up to date, \(stale) stale, \(missing) missing, \(failed) failed")
            } else {
                context.print("built \(built), unchanged \(unchanged), failed \(failed)")
            }
        }
        return failed > 0 || !listing.isEmpty ? .failure : .success
    }
}
