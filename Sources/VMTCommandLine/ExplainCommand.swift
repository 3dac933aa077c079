import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl explain TARGET [PATH...] [--format text|json]`: every resolved field of one scenario with the
/// place its value came from.
enum ExplainCommand {
    /// `vmt-dsl explain`.
    static let spec = CommandSpec(
        name: "explain", summary: "every resolved field of one scenario and where it came from",
        description: """
        Prints every resolved field of one scenario — name, regime, agents, grid, inventory and money
        ranges, utilities with weights, resources, seed (and how it was chosen), every params entry,
        schedule and output path — each with its origin: the file:line of the directive that set it,
        'preset NAME', or 'default'. The extends chain comes first.

        TARGET is a recipe file, a scenario name, a variant's name (explained as --variant would), or
        a recipe's file stem or path relative to the project root, resolved among the recipes under
        PATH (default: scenarios.d), as 'build' resolves them.

        For a sweep (a recipe with 'vary' lines) it prints the variant count and the variants' names;
        --variant K (1-based) or --variant NAME explains one variant, its varied fields pointing at
        their 'vary' line.
        """,
        positionals: [
            PositionalSpec(name: "TARGET", count: .one, help: "a recipe file or a scenario name", completion: .recipes),
            PositionalSpec(name: "PATH", count: .many, help: "where to look for recipes (default: scenarios.d)",
                           completion: .recipes),
        ],
        flags: [
            OutputFormat.flag,
            OutputFormat.jsonAlias,
            FlagSpec(long: "--variant", valueName: "K|NAME", value: .text, help: "one variant of a sweep, by number or name"),
            CommonFlags.maxVariants,
            CommonFlags.allow,
            CommonFlags.vmt,
        ],
        notes: "--format json prints one JSON object (see README, \"explain --json\"); --json is kept as its alias.",
        examples: ["explain big_mixed", "explain scenarios.d/lab/money_lab_rich.vmt --format json",
                   "explain sweeps/regimes --variant 3"],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let json = OutputFormat.of(parsed) == .json
        let maxVariants = try CommonFlags.maxVariants(parsed, default: Resolver.defaultMaxVariants)
        let allowed = try CommonFlags.allowedCodes(parsed)
        let vmtTarget = try CommonFlags.target(parsed)
        let positionals = parsed.paths
        guard let target = positionals.first else {
            throw .usage(CommandMessages.explainNeedsTarget)
        }
        let explicitPaths = Array(positionals.dropFirst())
        // A TARGET that is no file on disk is a name: a scenario's, a variant's, or a recipe's
        // file stem or path relative to the project root.
        let targetIsFile = (target.hasSuffix(".vmt") || target.contains("/"))
            && FileManager.default.fileExists(atPath: Project.standardizedPath(target, currentDirectory: context.currentDirectory))
        // A file target brings its own project (its parents may be its siblings); named PATHs
        // add theirs.
        let paths = targetIsFile ? explicitPaths + [target] : (explicitPaths.isEmpty ? [Project.defaultFolder] : explicitPaths)
        let project = Project.load(paths, currentDirectory: context.currentDirectory)
        for problem in project.problems { context.error(problem) }
        let resolved = ProjectResolution.resolve(project, maxVariants: maxVariants, allowing: allowed, target: vmtTarget)
        let targetPath = Project.standardizedPath(target, currentDirectory: context.currentDirectory)
        let matched = targetIsFile ? resolved.scenario(atAbsolutePath: targetPath).map { ($0, Int?.none) } : resolved.scenario(matching: target)
        guard let match = matched else {
            let failed = targetIsFile ? resolved.entry(atAbsolutePath: targetPath) : resolved.entry(named: target)
            if let failed {
                DiagnosticPrinter(context, sources: project.sources).print(resolved.diagnostics(inFile: failed.source.path))
                throw .input(CommandMessages.cannotExplain(target, failed.source.path))
            }
            if targetIsFile && !project.problems.isEmpty { return .failure }
            let names = resolved.targetCandidates(near: target)
            throw .input(CommandMessages.noRecipeNamed(target, under: paths) + FlagParsing.suggestion(target, names))
        }
        let scenario = match.0, namedVariant = match.1
        var variant: ResolvedVariant?
        if let namedVariant, parsed.value("--variant") == nil {
            variant = scenario.variants[namedVariant]
        } else if let wanted = parsed.value("--variant") {
            variant = scenario.variants.first { $0.name.value == wanted || String($0.index) == wanted }
            guard variant != nil else {
                throw .input(CommandMessages.noVariant(scenario.name.value, wanted, count: scenario.variants.count)
                    + FlagParsing.suggestion(wanted, scenario.variants.map(\.name.value)))
            }
        } else if scenario.fields.variations.isEmpty {
            variant = scenario.variants.first
        }
        if json {
            context.print(self.json(scenario, variant).text)
        } else {
            for line in self.text(scenario, variant) { context.print(line) }
        }
        // A file that could not be read was reported with `error:`; the status says so too.
        return project.problems.isEmpty ? .success : .failure
    }

    /// The human-readable listing: of one variant when given, else of the recipe's own fields.
    static func text(_ scenario: ResolvedScenario, _ variant: ResolvedVariant?) -> [String] {
        var lines = ["\(scenario.isTemplate ? "template" : "scenario") \((variant?.name ?? scenario.name).value) (\(scenario.source.path))"]
        lines.append("extends chain: " + scenario.chain.joined(separator: " -> "))
        if scenario.isTemplate { lines.append("a template writes no file; its children inherit these fields") }
        if !scenario.fields.variations.isEmpty {
            lines.append("variants: \(scenario.variants.count) (" + scenario.fields.variations.map { "\($0.field) x\($0.values.count)" }
                .joined(separator: ", ") + ")")
            if let note = ownPopulationNote(scenario) { lines.append(note) }
            if let variant {
                lines.append("variant \(variant.index): " + variant.assignments.map { "\($0.field.name)=\($0.text)" }.joined(separator: ", "))
            } else {
                lines.append("")
                lines += Table.lines([["#", "NAME", "OUTPUT"]] + scenario.variants.map { ["\($0.index)", $0.name.value, $0.output.value] })
                lines.append("(use --variant K or --variant NAME for one variant's fields; below: the fields before variation)")
            }
        }
        lines.append("")
        var rows = [["FIELD", "VALUE", "ORIGIN"]]
        for field in variant?.explanation() ?? scenario.explanation() {
            rows.append([field.name, field.value.text, field.origin?.description ?? "-"])
        }
        return lines + Table.lines(rows)
    }

    /// The note under a sweep's variant count when no recipe of its chain sets `seed` and no
    /// `vary` varies it: each variant's seed is then derived from its own name, so the variants
    /// draw different populations (README, "Sweeps and seeds"). Nil for any other recipe.
    static func ownPopulationNote(_ scenario: ResolvedScenario) -> String? {
        let fields = scenario.fields
        guard !fields.variations.isEmpty, fields.seed == nil, !fields.variations.contains(where: { $0.field == .seed }) else {
            return nil
        }
        return CommandMessages.sweepDrawsOnePopulationPerVariant
    }

    /// The JSON object: scenario, file, template, chain, variants, and fields (each value with
    /// its origin) of one variant when given, else of the recipe's own fields.
    static func json(_ scenario: ResolvedScenario, _ variant: ResolvedVariant?) -> JSON {
        let fields = (variant?.explanation() ?? scenario.explanation()).map { field in
            (field.name, JSON.object([("value", value(field.value)), ("origin", origin(field.origin))]))
        }
        let variants = scenario.variants.map { v in
            JSON.object([("index", .int(v.index)), ("name", .string(v.name.value)), ("output", .string(v.output.value)),
                         ("values", .object(v.assignments.map { ($0.field.name, JSON.string($0.text)) }))])
        }
        return .object([
            ("scenario", .string((variant?.name ?? scenario.name).value)),
            ("file", .string(scenario.source.path)),
            ("template", .bool(scenario.isTemplate)),
            ("chain", .array(scenario.chain.map(JSON.string))),
            ("variant", variant.map { .int($0.index) } ?? .null),
            ("variants", .array(variants)),
            ("fields", .object(fields)),
        ])
    }

    private static func value(_ value: ExplainedField.Value) -> JSON {
        switch value {
        case .int(let v): return .int(v)
        case .float(let v): return .float(v)
        case .string(let v): return .string(v)
        case .bool(let v): return .bool(v)
        case .seed(let seed): return .string(seed.description)
        case .range(let range): return .object([("min", .int(range.min)), ("max", .int(range.max))])
        case .utilities(let mix):
            return .array(mix.map { .object([("type", .string($0.type.rawValue)), ("weight", .float($0.weight))]) })
        case .schedule(let schedule):
            guard let schedule else { return .null }
            return .object([("forage_ticks", .int(schedule.forageTicks)), ("trade_ticks", .int(schedule.tradeTicks)),
                            ("start_mode", .string(schedule.startMode.rawValue))])
        case .unset: return .null
        }
    }

    /// An origin as explain's JSON spells it (`plan --format json` too); null for none.
    static func origin(_ origin: Origin?) -> JSON {
        guard let origin else { return .null }
        switch origin {
        case .directive(let range):
            return .object([("kind", .string("directive")), ("file", .string(range.file)),
                            ("line", .int(range.start.line)), ("column", .int(range.start.column)),
                            ("text", .string(origin.description))])
        case .preset(let name, let via):
            return .object([("kind", .string("preset")), ("preset", .string(name)), ("file", .string(via.file)),
                            ("line", .int(via.start.line)), ("column", .int(via.start.column)),
                            ("text", .string(origin.description))])
        case .builtIn:
            return .object([("kind", .string("default")), ("text", .string(origin.description))])
        case .derived(let rule):
            return .object([("kind", .string("derived")), ("text", .string(rule))])
        }
    }
}
