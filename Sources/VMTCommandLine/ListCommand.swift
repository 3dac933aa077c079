import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl list`: every output a build would write, with the fields of the manifest, writing
/// nothing — the preview of a sweep, and the job list of a batch runner.
enum ListCommand {
    /// `vmt-dsl list`.
    static let spec = CommandSpec(
        name: "list", summary: "every output a build would write, with its varied values; writes nothing",
        description: """
        Lists every output a build of the recipes under each PATH (default: scenarios.d) would
        write, in the order build makes them (recipes by path; a sweep's variants in 'vary'
        order, variant 1 first: seed-2 before seed-10), and writes nothing. Each has the fields of the build manifest:
        output (relative to the output folder), recipe, scenario, variant (index and varied values),
        seed, and with --hash the SHA-256 of the bytes. Recipes are resolved, validated and rendered
        as by build; their diagnostics go to standard error and a recipe with errors is left out
        (exit status 1). Every flag of build that changes what it writes is taken, with the same
        meaning (--vmt, --max-variants, --max-build-variants, -W, --allow), so a list (and its
        --hash) matches the build run with the same flags. Output paths are relative to the
        output folder, which list does not read (so there is no --out; check neither has one).
        """,
        positionals: [PositionalSpec(name: "PATH", count: .many, help: "a recipe file or a folder of recipes (default: scenarios.d)",
                                     completion: .recipes)],
        flags: [
            FlagSpec(long: "--format", value: .choice(["text", "json", "csv"]), help: """
                text: a table (default); json: one JSON object a line, as in the manifest (sha256
                only with --hash); csv: RFC 4180, header output,recipe,scenario,variant,seed[,sha256],
                then one column 'vary.FIELD' per varied field, in order of first appearance
                """, completion: .words(["text", "json", "csv"])),
            FlagSpec(long: "--hash", help: "also compute each output's SHA-256"),
            CommonFlags.maxVariants,
            CommonFlags.maxBuildVariants,
            CommonFlags.vmt,
            CommonFlags.warningsAsErrors,
            CommonFlags.allow,
        ],
        examples: [
            "list scenarios.d/sweeps              # preview a sweep",
            "list --format csv > jobs.csv         # one row per scenario, for a batch runner",
            "list --format json --hash            # what the manifest will say",
            "list --vmt 2025-11 --hash            # what 'build --vmt 2025-11' writes",
        ],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    /// The output formats.
    enum Format: String {
        case text, json, csv
    }

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let format = parsed.value("--format").flatMap(Format.init(rawValue:)) ?? .text
        let maxVariants = try CommonFlags.maxVariants(parsed, default: Resolver.defaultMaxVariants)
        let options = BuildOptions(mode: .validate, maxVariants: maxVariants, maxBuildVariants: try CommonFlags.maxBuildVariants(parsed),
                                   warningsAsErrors: parsed.has("--warnings-as-errors"), allowed: try CommonFlags.allowedCodes(parsed),
                                   hashes: parsed.has("--hash"), target: try CommonFlags.target(parsed))
        let hash = options.hashes
        let paths = parsed.positionals.isEmpty ? [Project.defaultFolder] : parsed.paths

        // Resolved, validated and rendered exactly as build does (so an invalid variant is not
        // listed as an output), writing nothing.
        var diagnostics: [Diagnostic] = []
        var problems: [String] = []
        var entries: [ManifestEntry] = []
        var failed: Set<String> = []
        let project = Project.load(paths, currentDirectory: context.currentDirectory)
        let resolved = ProjectResolution.resolve(project, maxVariants: maxVariants, warningsAsErrors: options.warningsAsErrors,
                                                 allowing: options.allowed, target: options.target)
        let summary = BuildEngine.run(resolved, options: options) { event in
            switch event {
            case .problem(let problem): problems.append(problem)
            case .diagnostics(let found): diagnostics += found
            case .output(let planned, let status, let entry):
                switch status {
                case .invalid(let found):
                    diagnostics += found
                    failed.insert(planned.sourcePath)
                case .unwritable(let reason):
                    diagnostics.append(.error(Message(.cannotWrite, reason), at: planned.scenario.recipe.summaryRange))
                    failed.insert(planned.sourcePath)
                default:
                    entries.append(entry)
                }
            case .leftover, .pruned, .orphan, .keptOrphan, .manifestProblem, .overwroteOtherProject, .finished: break
            }
        }
        for problem in problems { context.error(problem) }
        DiagnosticPrinter(context, sources: project.sources).print(diagnostics)
        // A recipe with an invalid variant builds none of them. The entries come in build order
        // (recipes by path, each sweep's variants by index), not sorted by output as the
        // manifest is: a sweep reads in its `vary` order (seed-2 before seed-10).
        let failedRelative = Set(project.sources.filter { failed.contains($0.path) }.map(\.relativePath))
        let listed = entries.filter { !failedRelative.contains($0.recipe) }
        switch format {
        case .json:
            for entry in listed { context.print(entry.json.text) }
        case .csv:
            for row in csvRows(listed, hash: hash) { context.standardOutput(CSV.line(row)) }
        case .text:
            var rows = [["OUTPUT", "SCENARIO", "SEED", "VARIED", "RECIPE"] + (hash ? ["SHA256"] : [])]
            for entry in listed {
                let varied = entry.variant.map { $0.values.map { "\($0.field)=\($0.value)" }.joined(separator: " ") } ?? "-"
                rows.append([entry.output, entry.scenario, entry.seed, varied, entry.recipe] + (entry.sha256.map { [$0] } ?? []))
            }
            if !listed.isEmpty { for line in Table.lines(rows) { context.print(line) } }
        }
        return summary.succeeded ? .success : .failure
    }

    /// The CSV header and rows: the manifest's fields, then one column `vary.FIELD` per varied
    /// field in order of first appearance (entries in build order, fields in `vary` order);
    /// a cell is empty where the entry does not vary that field, and `variant` is empty for a
    /// recipe without `vary`.
    static func csvRows(_ entries: [ManifestEntry], hash: Bool) -> [[String]] {
        var fields: [String] = []
        for entry in entries {
            for value in entry.variant?.values ?? [] where !fields.contains(value.field) { fields.append(value.field) }
        }
        let header = ["output", "recipe", "scenario", "variant", "seed"] + (hash ? ["sha256"] : []) + fields.map { "vary." + $0 }
        return [header] + entries.map { entry in
            var row = [entry.output, entry.recipe, entry.scenario, entry.variant.map { String($0.index) } ?? "", entry.seed]
            if hash { row.append(entry.sha256 ?? "") }
            for field in fields {
                row.append(entry.variant?.values.first { $0.field == field }?.value ?? "")
            }
            return row
        }
    }
}

/// Comma-separated values as RFC 4180 writes them.
enum CSV {
    /// One record: fields joined by commas, ended by LF (not RFC 4180's CRLF, so that shell
    /// tools read the last field clean; CSV readers take either); a field with a comma, a
    /// quote, CR or LF (or a leading or trailing space) is quoted, its quotes doubled.
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// One field, quoted when it must be.
    static func field(_ text: String) -> String {
        let special = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        return special ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
