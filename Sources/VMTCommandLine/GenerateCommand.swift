import VMTCore

/// `vmt-dsl generate NAME [flags]`: the reference generator's command line.
///
/// Flags and meaning are the reference's (`reference-generator.md` §1). Two deliberate
/// differences: an explicit `--exchange-regime` always wins over a preset's, and a run without
/// `--seed` picks a seed and prints it, so the run can be repeated.
struct GenerateCommand {
    static let help = """
    usage: vmt-dsl generate NAME [--preset P] [--agents N] [--grid N]
                                 [--inventory-range MIN,MAX] [--utilities LIST]
                                 [--resources DENSITY,MAX,REGEN] [--exchange-regime R]
                                 [--seed S] [--output PATH]

    Generates one scenario exactly as VMT's reference generator does: the same flags and
    seed give the same YAML, byte for byte.

    arguments:
      NAME                          the scenario's name (written to name:)

    flags:
      --preset P                    start from a preset: \(Preset.names.joined(separator: ", "))
      --agents N                    number of agents (> 0)
      --grid N                      grid size N, for an N×N grid (> 0)
      --inventory-range MIN,MAX     each agent's A and B stock is drawn from MIN..MAX (MIN >= 1, MAX > MIN)
      --utilities LIST              comma-separated mix: \(UtilityType.names.joined(separator: ", ")); repeats allowed
      --resources D,MAX,REGEN       resource density (0..1), amount per cell (> 0), regrowth (>= 0)
      --exchange-regime R           \(ExchangeRegime.names.joined(separator: ", ")) (default: barter_only,
                                    or the preset's); money regimes add M stock and money parameters
      --seed S                      random seed, any integer (default: a random one, printed)
      --output PATH                 output file (default: scenarios/NAME.yaml; folders are created)
      -h, --help                    show this help

    Without --preset, --agents, --grid, --inventory-range, --utilities and --resources are required;
    with a preset, each given flag overrides the preset's value.

    examples:
      vmt-dsl generate demo --preset money_demo --seed 42
      vmt-dsl generate test --agents 20 --grid 30 --inventory-range 10,50 \\
          --utilities ces,linear --resources 0.3,5,1 --exchange-regime mixed --seed 42
    """

    /// The flags, by name; a unique prefix also selects one, as in Python's argparse.
    static let flags = ["--preset", "--agents", "--grid", "--inventory-range", "--utilities", "--resources",
                        "--exchange-regime", "--seed", "--output"]

    var name: String?
    var values: [String: String] = [:]

    /// Reads the command line (after `generate`); nil for `--help`.
    static func parse(_ arguments: [String]) throws -> GenerateCommand? {
        let parsed = try Arguments(arguments, command: "generate", valueFlags: flags)
        if parsed.help { return nil }
        guard let name = parsed.positionals.first else {
            throw UsageError(message: "generate needs a scenario NAME (see 'vmt-dsl generate --help')")
        }
        if parsed.positionals.count > 1 {
            throw UsageError(message: "unexpected argument '\(parsed.positionals[1])' (the scenario name is already '\(name)')")
        }
        return GenerateCommand(name: name, values: parsed.values)
    }

    /// Builds the spec the flags describe, or throws the first problem found.
    func spec(randomSeed: () -> Seed) throws -> (spec: ScenarioSpec, output: String) {
        let name = self.name ?? ""
        var preset: Preset?
        if let presetName = values["--preset"] {
            guard let found = Preset.named(presetName) else {
                throw UsageError(message: "argument --preset: invalid choice: '\(presetName)' (choose from \(Preset.names.joined(separator: ", ")))"
                    + FlagParsing.suggestion(presetName, Preset.names))
            }
            preset = found
        }
        var regime = preset?.regime ?? .barterOnly
        if let regimeName = values["--exchange-regime"] {
            guard let found = ExchangeRegime(rawValue: regimeName) else {
                throw UsageError(message: "argument --exchange-regime: invalid choice: '\(regimeName)' (choose from \(ExchangeRegime.names.joined(separator: ", ")))"
                    + FlagParsing.suggestion(regimeName, ExchangeRegime.names))
            }
            regime = found
        }
        let agents = try values["--agents"].map { try FlagParsing.integer($0, flag: "--agents") }
        let grid = try values["--grid"].map { try FlagParsing.integer($0, flag: "--grid") }
        let inventory = try values["--inventory-range"].map(Self.inventoryRange)
        let utilities = try values["--utilities"].map(Self.utilityList)
        let resources = try values["--resources"].map(Self.resourceConfig)
        let seed: Seed
        if let seedText = values["--seed"] {
            guard let parsed = Seed(seedText) else {
                let digits = seedText.trimmingBlanks.drop { $0 == "-" || $0 == "+" }
                if digits.count > Seed.maxDigits, digits.allSatisfy({ $0.asciiDigit != nil || $0 == "_" }) {
                    throw UsageError(message: "argument --seed: seed has too many digits (at most \(Seed.maxDigits))")
                }
                throw UsageError(message: "argument --seed: invalid int value: '\(seedText)'")
            }
            seed = parsed
        } else {
            seed = randomSeed()
        }

        var missing: [String] = []
        if agents == nil && preset == nil { missing.append("--agents") }
        if grid == nil && preset == nil { missing.append("--grid") }
        if inventory == nil && preset == nil { missing.append("--inventory-range") }
        if utilities == nil && preset == nil { missing.append("--utilities") }
        if resources == nil && preset == nil { missing.append("--resources") }
        if !missing.isEmpty {
            throw InputError(message: "missing \(missing.joined(separator: ", ")): without --preset, --agents, --grid, --inventory-range, --utilities and --resources are all required")
        }
        // Every field now comes from a flag or, failing that, the preset (checked just above).
        let spec = ScenarioSpec(
            name: name,
            agents: agents ?? preset?.agents ?? 0,
            grid: grid ?? preset?.grid ?? 0,
            inventory: inventory ?? preset?.inventory ?? InventoryRange(min: 0, max: 0),
            utilities: utilities ?? preset?.utilities.map { UtilityEntry($0) } ?? [],
            resources: resources ?? preset?.resources ?? ResourceConfig(density: 0, maxAmount: 0, regen: 0),
            regime: regime,
            seed: seed)
        if let output = values["--output"], output.isEmpty {
            throw UsageError(message: "argument --output: expected a file path")
        }
        return (spec, values["--output"] ?? "scenarios/\(name).yaml")
    }

    /// `MIN,MAX`, as the reference reads it (`int()` of each side of the comma).
    static func inventoryRange(_ text: String) throws -> InventoryRange {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw InputError(message: "--inventory-range: expected MIN,MAX (for example 10,50), got '\(text)'")
        }
        let low = try FlagParsing.integer(String(parts[0]), flag: "--inventory-range", exit: .failure)
        let high = try FlagParsing.integer(String(parts[1]), flag: "--inventory-range", exit: .failure)
        return InventoryRange(min: low, max: high)
    }

    /// A comma-separated utility list; blanks around items are stripped, repeats kept.
    static func utilityList(_ text: String) throws -> [UtilityEntry] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let word = item.trimmingBlanks
            guard let type = UtilityType(rawValue: word) else {
                throw InputError(message: "--utilities: unknown utility '\(word)' (choose from \(UtilityType.names.joined(separator: ", ")))"
                    + FlagParsing.suggestion(word, UtilityType.names))
            }
            return UtilityEntry(type)
        }
    }

    /// `DENSITY,MAX,REGEN`: a float and two integers.
    static func resourceConfig(_ text: String) throws -> ResourceConfig {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw InputError(message: "--resources: expected DENSITY,MAX,REGEN (for example 0.3,5,1), got '\(text)'")
        }
        guard let density = FlagParsing.float(String(parts[0])) else {
            throw InputError(message: "--resources: density must be a number, got '\(parts[0])'")
        }
        let maxAmount = try FlagParsing.integer(String(parts[1]), flag: "--resources", exit: .failure)
        let regen = try FlagParsing.integer(String(parts[2]), flag: "--resources", exit: .failure)
        return ResourceConfig(density: density, maxAmount: maxAmount, regen: regen)
    }

    /// The flag to name in a message about `field`.
    static func flag(for field: SpecField) -> String {
        switch field {
        case .name: return "NAME"
        case .agents: return "--agents"
        case .grid: return "--grid"
        case .inventory, .money: return "--inventory-range"
        case .utilities, .utility: return "--utilities"
        case .resourceDensity, .resourceMax, .resourceAmount, .resourceRegen: return "--resources"
        case .regime: return "--exchange-regime"
        case .param, .schedule, .pin, .stock: return "--preset"
        }
    }

    /// Runs `generate`.
    static func run(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        let command: GenerateCommand
        let built: (spec: ScenarioSpec, output: String)
        do {
            guard let parsed = try parse(arguments) else {
                context.standardOutput(help + "\n")
                return .success
            }
            command = parsed
            built = try command.spec(randomSeed: Seed.random)
        } catch let error as UsageError {
            context.error(error.message)
            return .usage
        } catch let error as InputError {
            context.error(error.message)
            return .failure
        } catch {
            context.error("\(error)")
            return .failure
        }
        let spec = built.spec
        switch ScenarioFile.write(spec, to: context.resolve(built.output)) {
        case .failure(.invalid(let issues)):
            for issue in issues { context.error("\(flag(for: issue.field)): \(issue.message)") }
            return .failure
        case .failure(.write(let error)):
            context.error(error.description)
            return .failure
        case .success:
            break
        }
        context.print("✓ Generated \(built.output)")
        if let preset = command.values["--preset"] { context.print("  - Preset: \(preset)") }
        context.print("  - \(spec.agents) agents on \(spec.grid)×\(spec.grid) grid")
        context.print("  - Utilities: \(spec.utilities.map(\.type.rawValue).joined(separator: ", "))")
        if let range = spec.inventory { context.print("  - Inventory range: [\(range.min), \(range.max)]") }
        context.print("  - Exchange regime: \(spec.regime.rawValue)")
        if spec.regime.usesMoney {
            context.print("  - Money inventories: generated (same range as goods)")
        }
        context.print("  - Resources: density=\(PythonFloat.repr(spec.resources.density)), max=\(spec.resources.maxAmount), regen=\(spec.resources.regen)")
        context.print("  - Seed: \(spec.seed)\(command.values["--seed"] == nil ? " (chosen at random; pass --seed \(spec.seed) to repeat)" : "")")
        return .success
    }
}
