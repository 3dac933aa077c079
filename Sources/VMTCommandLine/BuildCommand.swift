import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl build` and `vmt-dsl check`: every recipe under the given folders, resolved,
/// validated, generated, and (for `build`) written where its bytes changed.
struct BuildCommand {
    /// The flags `build` and `check` share.
    private static let sharedFlags = [CommonFlags.warningsAsErrors, CommonFlags.allow, OutputFormat.flag, CommonFlags.maxVariants,
                                      CommonFlags.maxBuildVariants, CommonFlags.vmt]

    /// The recipes to read: files or folders.
    private static let paths = PositionalSpec(name: "PATH", count: .many,
                                              help: "a recipe file or a folder of recipes (default: scenarios.d)",
                                              completion: .recipes)

    /// `vmt-dsl build`.
    static let buildSpec = CommandSpec(
        name: "build", summary: "build every recipe under PATH (default scenarios.d) into scenarios/",
        description: """
        Builds every recipe (*.vmt) under each PATH (default: scenarios.d) into scenario YAML under
        DIR (default: scenarios). PATHs select recipes of their project: the nearest enclosing
        'scenarios.d' folder or folder holding a '.vmt-project' file (a folder in no project is its
        own). 'extends' resolves against the whole project, and a recipe's file is DIR/<its path in
        the project, .vmt replaced by .yaml> unless its 'output' line says otherwise, whichever PATH
        selected it. Templates write nothing. Files whose bytes would not change are left alone.
        Every error of every recipe is reported; recipes without errors are still written; recipes
        that would write one file fail together. The exit status is 1 when any recipe failed, or a
        PATH does not exist or selects no recipe. DIR/.vmt-dsl-manifest.jsonl lists every output
        written (path, recipe, scenario, varied values, seed, SHA-256); an output it lists that no
        selected recipe produces any more is an orphan, reported as 'orphan: PATH'.
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
        generates each scenario in memory; writes nothing. PATHs select recipes of their project
        (see 'vmt-dsl build --help'); parents in other files of the project resolve. Exit status 1
        when any recipe has errors (or, with -W, warnings), or a PATH does not exist or selects no
        recipe.
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
    var target = VMTTarget.standard
    var maxBuildVariants = BuildEngine.defaultMaxBuildVariants

    /// The options `parsed` gives, or the usage error in them.
    init(_ parsed: ParsedArguments) throws(CommandError) {
        paths = parsed.positionals.isEmpty ? [Project.defaultFolder] : parsed.paths
        if let out = parsed.value("--out") {
            guard !out.isEmpty else { throw .usage(CommandMessages.outNeedsFolder) }
            outputFolder = out
        }
        json = OutputFormat.of(parsed) == .json
        maxVariants = try CommonFlags.maxVariants(parsed, default: Resolver.defaultMaxVariants)
        allowed = try CommonFlags.allowedCodes(parsed)
        target = try CommonFlags.target(parsed)
        maxBuildVariants = try CommonFlags.maxBuildVariants(parsed)
        checkOnly = parsed.has("--check")
        prune = parsed.has("--prune")
        if checkOnly && prune { throw .usage(CommandMessages.pruneWithCheck) }
        warningsAsErrors = parsed.has("--warnings-as-errors")
    }

    /// Runs `build` or `check`: `BuildEngine` does the work (the output folder, its temporary
    /// files and manifest included); this prints its events as text or JSON lines.
    static func run(_ arguments: ParsedArguments, _ context: CommandContext, command: String) throws(CommandError) -> ExitCode {
        let options = try BuildCommand(arguments)
        if command == "build" && BuildEngine.outputFolderIsAFile(context.resolve(options.outputFolder)) {
            throw .input(CommandMessages.outputFolderIsFile(options.outputFolder))
        }
        let mode: BuildMode = command == "check" ? .validate : options.checkOnly ? .compare : .write
        let buildOptions = BuildOptions(mode: mode, outputFolder: context.resolve(options.outputFolder),
                                        maxVariants: options.maxVariants, maxBuildVariants: options.maxBuildVariants,
                                        warningsAsErrors: options.warningsAsErrors, allowed: options.allowed,
                                        target: options.target, manifest: true, prune: options.prune)
        let project = Project.load(options.paths, currentDirectory: context.currentDirectory)
        let resolved = ProjectResolution.resolve(project, maxVariants: options.maxVariants,
                                                 warningsAsErrors: buildOptions.warningsAsErrors, allowing: buildOptions.allowed,
                                                 target: buildOptions.target)
        let display = options.outputFolder.hasSuffix("/") ? options.outputFolder : options.outputFolder + "/"
        let rootDisplay = project.roots.count == 1 ? project.roots[0].display : nil
        // An orphan's recipe as the user names it: under the project root when there is one root.
        func recipe(_ orphan: Orphan) -> String {
            rootDisplay.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + orphan.entry.recipe } ?? orphan.entry.recipe
        }
        // Diagnostics are printed together, sorted, at the end; listing lines as they come (in
        // JSON, after the diagnostics, as before).
        var diagnostics: [Diagnostic] = []
        var listing: [JSON] = []
        var leftovers: [String] = []
        // Problems with the manifest: orphans kept, a manifest that could not be read or written.
        var problems: [String] = []
        var warnings: [String] = []
        // A line of the listing: missing, stale, pruned or orphan.
        func list(_ kind: String, _ output: String, from recipe: String) {
            if options.json {
                listing.append(JSON.object([("kind", .string(kind)), ("output", .string(display + output)),
                                            ("recipe", .string(recipe))]))
            } else {
                context.print(CommandMessages.listed(kind, display + output, from: recipe))
            }
        }
        let summary = BuildEngine.run(resolved, options: buildOptions) { event in
            switch event {
            case .problem(let problem):
                if options.json {
                    context.print(JSON.object([("severity", .string("error")), ("message", .string(problem))]).text)
                } else {
                    context.error(problem)
                }
            case .diagnostics(let found):
                diagnostics += found
            case .output(let planned, let status, _):
                switch status {
                case .missing, .stale:
                    list(status == .missing ? "missing" : "stale", planned.output, from: planned.sourcePath)
                case .invalid(let found):
                    diagnostics += found
                case .unwritable(let reason):
                    let recipe = planned.scenario.recipe
                    diagnostics.append(.error(Message(.cannotWrite, reason), at: recipe.output?.range ?? recipe.summaryRange))
                case .valid, .written, .unchanged:
                    break
                }
            case .leftover(let path):
                leftovers.append(display + path)
            case .pruned(let orphan):
                list("pruned", orphan.entry.output, from: recipe(orphan))
            case .orphan(let orphan):
                list("orphan", orphan.entry.output, from: recipe(orphan))
            case .keptOrphan(let orphan, let reason):
                problems.append(CommandMessages.notPruning(display + orphan.entry.output, from: recipe(orphan), reason))
            case .manifestProblem(let problem):
                problems.append(problem)
            case .overwroteOtherProject(let old):
                warnings.append(CommandMessages.overwroteOtherProject(display + old.output, recipe: old.recipe, project: old.project, display: display))
            case .finished:
                break
            }
        }
        let printer = DiagnosticPrinter(context, sources: project.sources)
        if options.json {
            for problem in problems {
                context.print(JSON.object([("severity", .string("error")), ("message", .string(problem))]).text)
            }
            for warning in warnings {
                context.print(JSON.object([("severity", .string("warning")), ("message", .string(warning))]).text)
            }
            printer.printJSON(diagnostics)
            for item in listing { context.print(item.text) }
            for leftover in leftovers {
                context.print(JSON.object([("kind", .string("leftover")), ("output", .string(leftover))]).text)
            }
            var fields = Self.jsonSummary(summary, command: command, checkOnly: options.checkOnly)
            if command == "build" {
                let extra: [(String, JSON)] = options.checkOnly ? [("orphans", .int(summary.orphaned))]
                    : [("orphans", .int(summary.orphaned)), ("pruned", .int(summary.pruned))]
                fields.insert(contentsOf: extra, at: fields.count - 1)
            }
            context.print(JSON.object([("summary", .object(fields))]).text)
        } else {
            for problem in problems { context.error(problem) }
            for warning in warnings { context.warning(warning) }
            printer.print(diagnostics)
            for leftover in leftovers { context.print(CommandMessages.leftoverTemporaryFile(leftover)) }
            context.print(CommandMessages.buildSummary(summary, command: command, checkOnly: options.checkOnly))
        }
        let orphansFail = options.checkOnly && summary.orphaned > 0
        return summary.succeeded && !orphansFail && summary.manifestProblems == 0 && summary.leftovers == 0 ? .success : .failure
    }

    /// The JSON summary object's fields.
    static func jsonSummary(_ summary: BuildSummary, command: String, checkOnly: Bool) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [("recipes", .int(summary.recipes)), ("templates", .int(summary.templates)),
                                        ("scenarios", .int(summary.scenarios))]
        if command == "check" {
            fields.append(("ok", .int(summary.valid)))
        } else if checkOnly {
            fields += [("up_to_date", .int(summary.unchanged)), ("stale", .int(summary.stale)), ("missing", .int(summary.missing))]
        } else {
            fields += [("built", .int(summary.written)), ("unchanged", .int(summary.unchanged))]
        }
        // `failed` keeps its meaning (recipes and other errors together); the two parts apart:
        fields += [("recipes_failed", .int(summary.failedPaths.count)), ("errors_outside_recipes", .int(summary.problems))]
        fields.append(("failed", .int(summary.failed)))
        return fields
    }
}
