import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl build` and `vmt-dsl check`: every recipe under the given folders, resolved,
/// validated, generated, and (for `build`) written where its bytes changed.
struct BuildCommand {
    /// The flags `build` and `check` share.
    private static let sharedFlags = [CommonFlags.warningsAsErrors, CommonFlags.allow, OutputFormat.flag, CommonFlags.maxVariants]

    /// The recipes to read: files or folders.
    private static let paths = PositionalSpec(name: "PATH", count: .many,
                                              help: "a recipe file or a folder of recipes (default: scenarios.d)",
                                              completion: .recipes)

    /// `vmt-dsl build`.
    static let buildSpec = CommandSpec(
        name: "build", summary: "build every recipe under PATH (default scenarios.d) into scenarios/",
        description: """
        Builds every recipe (*.vmt) under each PATH (default: scenarios.d) into scenario YAML under
        DIR (default: scenarios). A recipe's file is DIR/<its path in the recipe folder, .vmt replaced
        by .yaml>, unless its 'output' line says otherwise. Templates write nothing. Files whose bytes
        would not change are left alone. Every error of every recipe is reported; recipes without
        errors are still written; the exit status is 1 when any recipe failed. DIR/.vmt-dsl-manifest.jsonl
        lists every output written (path, recipe, scenario, varied values, seed, SHA-256); an output
        it lists that no recipe produces any more is an orphan, reported as 'orphan: PATH'.
        """,
        positionals: [paths],
        flags: [
            FlagSpec(long: "--out", valueName: "DIR", value: .text, help: "the output folder (default: scenarios)",
                     completion: .folders),
            FlagSpec(long: "--check", help: """
                write nothing; compare what the recipes build with the files in DIR, list each
                output that is missing, differs or is orphaned, and exit 1 if there is any
                """),
            FlagSpec(long: "--prune", help: """
                delete orphans whose bytes are still as built (a file edited by hand is kept
                and reported; files the manifest never listed are never touched)
                """),
        ] + sharedFlags,
        notes: """
        --check compares with the files in DIR as they are on disk. DIR (scenarios/) is not kept in
        git, so on a fresh clone every output is missing until a first 'vmt-dsl build'; in CI, run
        'vmt-dsl check' to know the recipes build, or 'build --check' after a build to know a
        folder of built scenarios still matches its recipes.
        """,
        examples: [
            "build                       # scenarios.d → scenarios",
            "build scenarios.d --out build/scenarios",
            "build --check               # do the files in scenarios/ match what the recipes build?",
            "build --prune               # after deleting a recipe: delete its outputs too",
            "build --format json         # diagnostics and the summary as JSON lines",
        ],
        run: { arguments, context throws(CommandError) in try run(arguments, context, command: "build") })

    /// `vmt-dsl check`.
    static let checkSpec = CommandSpec(
        name: "check", summary: "parse, resolve and validate every recipe; write nothing",
        description: """
        Parses, resolves and validates every recipe under each PATH (default: scenarios.d) and
        generates each scenario in memory; writes nothing. Exit status 1 when any recipe has errors
        (or, with -W, warnings).
        """,
        positionals: [paths],
        flags: sharedFlags,
        examples: ["check", "check scenarios.d/money", "check -W --format json"],
        run: { arguments, context throws(CommandError) in try run(arguments, context, command: "check") })

    var paths: [String] = []
    var outputFolder = "scenarios"
    var checkOnly = false
    var prune = false
    var warningsAsErrors = false
    var json = false
    var maxVariants = Resolver.defaultMaxVariants
    var allowed: Set<DiagnosticCode> = []

    /// The options `parsed` gives, or the usage error in them.
    init(_ parsed: ParsedArguments) throws(CommandError) {
        paths = parsed.positionals.isEmpty ? [RecipeFiles.defaultFolder] : parsed.paths
        if let out = parsed.value("--out") {
            guard !out.isEmpty else { throw .usage("argument --out: expected a folder") }
            outputFolder = out
        }
        json = OutputFormat.of(parsed) == .json
        maxVariants = try CommonFlags.maxVariants(parsed, default: Resolver.defaultMaxVariants)
        allowed = try CommonFlags.allowedCodes(parsed)
        checkOnly = parsed.has("--check")
        prune = parsed.has("--prune")
        if checkOnly && prune { throw .usage("argument --prune: not allowed with --check (which writes nothing)") }
        warningsAsErrors = parsed.has("--warnings-as-errors")
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

    /// Renders one variant and, as `mode` says, compares it with its file in `folder` (nil: the
    /// output folder does not exist) and writes it; with the SHA-256 of its bytes (for the
    /// manifest) unless `mode` is `validate`.
    static func outcome(of variant: ResolvedVariant, in scenario: ResolvedScenario, mode: Mode,
                        folder: OutputFolder?) -> (Outcome, sha256: String?) {
        let bytes: [UInt8]
        switch ScenarioFile.render(variant.spec) {
        case .success(let rendered): bytes = rendered
        case .failure(.invalid(let issues)): return (.invalid(variant.diagnostics(for: issues, recipe: scenario.recipe)), nil)
        case .failure(.write(let error)): return (.unwritable(error.description), nil)
        }
        if mode == .validate { return (.unchanged, nil) }
        let digest = SHA256.hexDigest(bytes)
        let comparison: OutputFolder.Comparison
        do {
            comparison = try folder?.compare(variant.output.value, with: bytes) ?? .missing
        } catch {
            return (.unwritable("\(error)"), nil)
        }
        if comparison == .identical { return (.unchanged, digest) }
        if mode == .compare { return (comparison == .missing ? .missing : .stale, digest) }
        return (.pending(bytes), digest)
    }

    /// Writes a rendered variant into the output folder (see `OutputFolder` for what is refused).
    static func write(_ bytes: [UInt8], _ relative: String, into folder: Result<OutputFolder, FileWriteError>) -> Outcome {
        switch folder {
        case .failure(let error):
            // The output folder itself could not be made: name the file, as for any other failure.
            return .unwritable(FileWriteError(path: error.path + "/" + relative, reason: error.reason).description)
        case .success(let folder):
            do {
                try folder.write(bytes, to: relative)
                return .built
            } catch {
                return .unwritable("\(error)")
            }
        }
    }

    /// The folder part of a path.
    static func parentFolder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }

    /// Runs `build` or `check`.
    static func run(_ arguments: ParsedArguments, _ context: CommandContext, command: String) throws(CommandError) -> ExitCode {
        let options = try BuildCommand(arguments)
        if command == "build" {
            var isFolder: ObjCBool = false
            let out = context.resolve(options.outputFolder)
            if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                throw .input("the output folder \(options.outputFolder) is a file")
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
        // The output folder, opened once; every comparison and write goes through it.
        let existingFolder = mode == .validate ? nil : try? OutputFolder(path: outFolder, create: false)
        let outputFolder = existingFolder?.exists == true ? existingFolder : nil
        // Temporary files of killed runs: removed by a build, reported by --check.
        var leftovers: [String] = []
        if mode == .write {
            TemporaryFiles.removeStaleTemporaryFiles(in: outFolder)
        } else if mode == .compare {
            leftovers = TemporaryFiles.staleTemporaryFiles(in: outFolder).map { display + $0.dropFirst(outFolder.count + 1) }
        }
        let outcomes = Parallel.map(variants) { pair -> (Outcome, sha256: String?) in
            outcome(of: pair.1, in: pair.0, mode: mode, folder: outputFolder)
        }
        // Created only when something is to be written.
        var writableFolder: Result<OutputFolder, FileWriteError>?
        func folderToWrite() -> Result<OutputFolder, FileWriteError> {
            if let writableFolder { return writableFolder }
            let opened: Result<OutputFolder, FileWriteError>
            if let outputFolder {
                opened = .success(outputFolder)
            } else {
                do { opened = .success(try OutputFolder(path: outFolder, create: true)) } catch let error as FileWriteError {
                    opened = .failure(error)
                } catch {
                    opened = .failure(FileWriteError(path: outFolder, reason: "\(error)"))
                }
            }
            writableFolder = opened
            return opened
        }
        var built = 0, unchanged = 0
        var failedRecipes: Set<String> = []
        var listing: [(kind: String, output: String, recipe: String)] = []
        var produced: [ManifestEntry] = []
        for ((scenario, variant), (computed, digest)) in zip(variants, outcomes) {
            let outcome = computed.pendingBytes.map { write($0, variant.output.value, into: folderToWrite()) } ?? computed
            switch outcome {
            case .built, .unchanged, .missing, .stale:
                produced.append(ManifestEntry(variant: variant, of: scenario, sha256: digest))
            default: break
            }
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
        var orphaned = 0, pruned = 0
        var manifestProblems: [String] = []
        if mode != .validate {
            // Orphans are judged only among recipes that built: a recipe with errors keeps its
            // old outputs; a file that could not be read at all stops the judging.
            let failedRelative = Set(loaded.sources.filter { failedPaths.contains($0.path) || failedRecipes.contains($0.path) }
                .map(\.relativePath))
            let selection = selectedRecipes(options.paths, loaded.sources, context)
            if !loaded.problems.isEmpty {
                // (No orphan judging: a recipe that could not be read would look deleted.)
            } else {
                do {
                    let result = try ManifestFile.reconcile(
                        in: outFolder, produced: produced, isSelected: { selection($0) && !failedRelative.contains($0) },
                        write: mode == .write, prune: options.prune)
                    let rootDisplay = options.paths.count == 1 ? options.paths[0] : nil
                    func recipe(_ orphan: Orphan) -> String {
                        rootDisplay.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + orphan.entry.recipe } ?? orphan.entry.recipe
                    }
                    for orphan in result.pruned {
                        listing.append(("pruned", display + orphan.entry.output, recipe(orphan)))
                    }
                    for orphan in result.orphans {
                        listing.append(("orphan", display + orphan.entry.output, recipe(orphan)))
                    }
                    for kept in result.kept {
                        manifestProblems.append("not pruning \(display + kept.orphan.entry.output) (from \(recipe(kept.orphan))): \(kept.reason); delete it by hand if it is not needed")
                    }
                    orphaned = result.orphans.count
                    pruned = result.pruned.count
                } catch {
                    manifestProblems.append("\(error)")
                }
            }
        }
        let failed = failedRecipes.count + failedPaths.count + loaded.problems.count
        let orphanedNote = orphaned > 0 ? ", \(orphaned) orphaned" : ""
        let prunedNote = pruned > 0 ? ", pruned \(pruned)" : ""
        let missing = listing.filter { $0.kind == "missing" }.count
        let stale = listing.filter { $0.kind == "stale" }.count
        let templates = resolution.scenarios.filter { $0.isTemplate && !failedPaths.contains($0.source.path) }.count
        let printer = DiagnosticPrinter(context, sources: loaded.sources)
        if options.json {
            for problem in loaded.problems + manifestProblems {
                context.print(JSON.object([("severity", .string("error")), ("message", .string(problem))]).text)
            }
            printer.printJSON(diagnostics)
            for item in listing {
                context.print(JSON.object([("kind", .string(item.kind)), ("output", .string(item.output)),
                                           ("recipe", .string(item.recipe))]).text)
            }
            for leftover in leftovers {
                context.print(JSON.object([("kind", .string("leftover")), ("output", .string(leftover))]).text)
            }
            var summary: [(String, JSON)] = [("recipes", .int(loaded.sources.count))]
            if command == "check" {
                summary += [("ok", .int(unchanged)), ("templates", .int(templates))]
            } else if options.checkOnly {
                summary += [("up_to_date", .int(unchanged)), ("stale", .int(stale)), ("missing", .int(missing)),
                            ("orphans", .int(orphaned))]
            } else {
                summary += [("built", .int(built)), ("unchanged", .int(unchanged)), ("orphans", .int(orphaned)),
                            ("pruned", .int(pruned))]
            }
            summary.append(("failed", .int(failed)))
            context.print(JSON.object([("summary", .object(summary))]).text)
        } else {
            for problem in loaded.problems + manifestProblems { context.error(problem) }
            printer.print(diagnostics)
            for item in listing { context.print("\(item.kind): \(item.output) (from \(item.recipe))") }
            for leftover in leftovers { context.print(Messages.leftoverTemporaryFile(leftover)) }
            let recipes = loaded.sources.count
            if command == "check" {
                context.print("checked \(recipes) recipe\(recipes == 1 ? "" : "s"): \(unchanged) ok, \(templates) template\(templates == 1 ? "" : "s"), \(failed) failed")
            } else if options.checkOnly {
                context.print("\(unchanged) up to date, \(stale) stale, \(missing) missing\(orphanedNote), \(failed) failed")
            } else {
                context.print("built \(built), unchanged \(unchanged)\(prunedNote)\(orphanedNote), failed \(failed)")
            }
        }
        let outOfDate = missing + stale + (options.checkOnly ? orphaned : 0)
        return failed > 0 || outOfDate > 0 || !leftovers.isEmpty || !manifestProblems.isEmpty ? .failure : .success
    }
}

extension BuildCommand {
    /// Which recipes (by path relative to their recipe folder) a run speaks for, so that only
    /// their manifest entries can be orphans: every recipe, deleted ones included, when the run
    /// reads whole folders; only the files named otherwise.
    static func selectedRecipes(_ paths: [String], _ sources: [RecipeSource], _ context: CommandContext) -> (String) -> Bool {
        let allFolders = paths.allSatisfy { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: context.resolve(path), isDirectory: &isFolder) && isFolder.boolValue
        }
        if allFolders { return { _ in true } }
        let named = Set(sources.map(\.relativePath))
        return { named.contains($0) }
    }
}

extension Messages {
    /// `build --check`: a temporary file left by a killed run.
    static func leftoverTemporaryFile(_ path: String) -> String {
        "leftover: \(path) (a temporary file of an interrupted run; the next build removes it)"
    }
}
