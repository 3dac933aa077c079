import VMTCore
import VMTRecipe

/// `vmt-dsl generate NAME [flags]`: the reference generator's command line.
///
/// Flags and meaning are the reference's (`reference-generator.md` §1), read by argparse's
/// rules (`ArgumentReader`) and Python's number rules (`PythonNumbers`). The deliberate
/// differences are listed in README ("Deliberate differences").
struct GenerateCommand {
    /// `vmt-dsl generate`, with the reference's flags; read exactly as argparse reads them.
    static let spec = CommandSpec(
        name: "generate", summary: "one scenario, exactly as VMT's reference generator makes it",
        description: """
        Generates one scenario exactly as VMT's reference generator does: the same flags and
        seed give the same YAML, byte for byte. The command line is read as the reference's
        (Python's argparse, int(), float() and str.strip()) reads it; README lists the few
        deliberate differences.
        """,
        positionals: [PositionalSpec(name: "NAME", count: .one, help: "the scenario's name (written to name:)", completion: .none)],
        flags: [
            FlagSpec(long: "--preset", valueName: "P", value: .choice(Preset.names),
                     help: "start from a preset: \(Preset.names.joined(separator: ", "))", completion: .words(Preset.names)),
            FlagSpec(long: "--agents", valueName: "N", value: .integer, help: "number of agents (> 0)"),
            FlagSpec(long: "--grid", valueName: "N", value: .integer, help: "grid size N, for an N×N grid (> 0)"),
            FlagSpec(long: "--inventory-range", valueName: "MIN,MAX", value: .text,
                     help: "each agent's A and B stock is drawn from MIN..MAX (MIN >= 1, MAX > MIN)"),
            FlagSpec(long: "--utilities", valueName: "LIST", value: .text,
                     help: "comma-separated mix: \(UtilityType.names.joined(separator: ", ")); repeats allowed",
                     completion: .words(UtilityType.names)),
            FlagSpec(long: "--resources", valueName: "D,MAX,REGEN", value: .text,
                     help: "resource density (0..1), amount per cell (> 0), regrowth (>= 0)"),
            FlagSpec(long: "--exchange-regime", valueName: "R", value: .choice(ExchangeRegime.names),
                     help: """
                     \(ExchangeRegime.names.joined(separator: ", ")) (default: barter_only,
                     or the preset's); money regimes add M stock and money parameters
                     """, completion: .words(ExchangeRegime.names)),
            FlagSpec(long: "--seed", valueName: "S", value: .bigInteger(maxDigits: Seed.maxDigits),
                     help: "random seed, any integer (default: a random one, printed)"),
            FlagSpec(long: "--output", valueName: "PATH", value: .text,
                     help: "output file (default: scenarios/NAME.yaml; folders are created); '-' writes the YAML to standard output (the summary then goes to standard error); a device or FIFO is written to, a symbolic link's target is replaced", completion: .paths),
        ],
        notes: """
        Without --preset, --agents, --grid, --inventory-range, --utilities and --resources are required;
        with a preset, each given flag overrides the preset's value. An empty --inventory-range,
        --utilities, --resources or --output counts as not given, as in the reference.
        """,
        examples: [
            "generate demo --preset money_demo --seed 42",
            "generate test --agents 20 --grid 30 --inventory-range 10,50 --utilities ces,linear --resources 0.3,5,1 --exchange-regime mixed --seed 42",
        ],
        argparsePositionals: true, keepsArgumentBytes: true,
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    /// The scenario's name, with the bytes it was given as.
    var name: CommandArgument
    /// The flags' values (already checked by the reader: choices, integers), by long name.
    var arguments: ParsedArguments

    /// The value of a flag whose empty value means "not given" (the reference tests the
    /// value's truth, and an empty string is false in Python).
    private func nonEmpty(_ flag: String) -> String? {
        guard let value = arguments.value(flag), !value.isEmpty else { return nil }
        return value
    }

    /// Builds the spec the flags describe, or throws the first problem found.
    /// The output path is bytes: the default `scenarios/NAME.yaml` keeps a NAME that is not UTF-8
    /// byte for byte, as the reference's file name did.
    func spec(randomSeed: () -> Seed) throws(CommandError) -> (spec: ScenarioSpec, output: [UInt8]) {
        let preset = arguments.value("--preset").flatMap(Preset.named)
        let regime = arguments.value("--exchange-regime").flatMap(ExchangeRegime.init(rawValue:)) ?? preset?.regime ?? .barterOnly
        let agents = try arguments.value("--agents").map { text throws(CommandError) in try PythonNumbers.int64(text, flag: "--agents") }
        let grid = try arguments.value("--grid").map { text throws(CommandError) in try PythonNumbers.int64(text, flag: "--grid") }
        let inventory = try nonEmpty("--inventory-range").map { text throws(CommandError) in try Self.inventoryRange(text) }
        let utilities = try nonEmpty("--utilities").map { text throws(CommandError) in try Self.utilityList(text) }
        let resources = try nonEmpty("--resources").map { text throws(CommandError) in try Self.resourceConfig(text) }
        let seed: Seed
        if let text = arguments.value("--seed") {
            let canonical = try PythonNumbers.bigInteger(text, flag: "--seed", maxDigits: Seed.maxDigits)
            guard let parsed = Seed(canonical) else { throw .usage(CommandMessages.invalidInt("--seed", text)) }
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
            throw .input(CommandMessages.generateMissing(missing))
        }
        // Every field now comes from a flag or, failing that, the preset (checked just above).
        var spec = ScenarioSpec(
            name: name.text,
            agents: agents ?? preset?.agents ?? 0,
            grid: grid ?? preset?.grid ?? 0,
            inventory: inventory ?? preset?.inventory ?? InventoryRange(min: 0, max: 0),
            utilities: utilities ?? preset?.utilities.map { UtilityEntry($0) } ?? [],
            resources: resources ?? preset?.resources ?? ResourceConfig(density: 0, maxAmount: 0, regen: 0),
            regime: regime,
            seed: seed)
        if !name.isUTF8 { spec.nameCodePoints = name.pythonCodePoints }
        let output = arguments.argument("--output").flatMap { $0.bytes.isEmpty ? nil : $0.bytes }
        return (spec, output ?? Array("scenarios/".utf8) + name.bytes + Array(".yaml".utf8))
    }

    /// `MIN,MAX`, as the reference reads it (`int()` of each side of the comma).
    static func inventoryRange(_ text: String) throws(CommandError) -> InventoryRange {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .input(CommandMessages.badInventoryRange(text))
        }
        let low = try inputInteger(String(parts[0]), flag: "--inventory-range")
        let high = try inputInteger(String(parts[1]), flag: "--inventory-range")
        return InventoryRange(min: low, max: high)
    }

    /// A comma-separated utility list; blanks around items are stripped, repeats kept.
    static func utilityList(_ text: String) throws(CommandError) -> [UtilityEntry] {
        var entries: [UtilityEntry] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = PythonNumbers.strip(item)
            guard let type = UtilityType.allCases.first(where: { $0.rawValue.unicodeScalars.elementsEqual(word.unicodeScalars) }) else {
                throw .input(CommandMessages.unknownUtility(word)
                    + FlagParsing.suggestion(word, UtilityType.names))
            }
            entries.append(UtilityEntry(type))
        }
        return entries
    }

    /// `DENSITY,MAX,REGEN`: a float and two integers.
    static func resourceConfig(_ text: String) throws(CommandError) -> ResourceConfig {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .input(CommandMessages.badResources(text))
        }
        guard let density = PythonNumbers.float(String(parts[0])) else {
            throw .input(CommandMessages.badDensity(String(parts[0])))
        }
        let maxAmount = try inputInteger(String(parts[1]), flag: "--resources")
        let regen = try inputInteger(String(parts[2]), flag: "--resources")
        return ResourceConfig(density: density, maxAmount: maxAmount, regen: regen)
    }

    /// `int()` of a part of a flag's value: the reference read these after argparse, so a
    /// refusal is a problem of the input (exit 1), not of the command line.
    static func inputInteger(_ text: String, flag: String) throws(CommandError) -> Int {
        do {
            return try PythonNumbers.int64(text)
        } catch {
            throw .input(CommandMessages.flagValue(flag, error.message))
        }
    }

    /// Writes the scenario to the path given as bytes: through `PathWriter` when they are UTF-8;
    /// otherwise as the file of that name in its folder (whose own path must be UTF-8).
    static func write(_ spec: ScenarioSpec, to path: [UInt8], _ context: CommandContext) throws(CommandError)
        -> Result<DrawnValues, CoreError> {
        if let text = CommandArgument.utf8Text(path) {
            return ScenarioFile.write(spec, to: context.resolve(text))
        }
        let slash = path.lastIndex(of: UInt8(ascii: "/"))
        let folderBytes = slash.map { $0 == 0 ? [UInt8(ascii: "/")] : Array(path[..<$0]) } ?? Array(".".utf8)
        let name = slash.map { Array(path[($0 + 1)...]) } ?? path
        guard let folder = CommandArgument.utf8Text(folderBytes) else {
            throw .input(CommandMessages.folderNotUTF8(FileName.display(path)))
        }
        let resolved = context.resolve(folder)
        return ScenarioFile.write(spec, inFolder: resolved, name: name, display: resolved + "/" + FileName.display(name))
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
        case .param, .schedule, .pin, .stock, .target, .protocolChoice: return "--preset"
        }
    }

    /// Runs `generate`.
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        guard let name = arguments.positionals.first else {
            throw .usage(CommandMessages.generateNeedsName)
        }
        let command = GenerateCommand(name: name, arguments: arguments)
        let built = try command.spec(randomSeed: Seed.random)
        let spec = built.spec
        let outputText = CommandArgument.utf8Text(built.output)
        // With the YAML on standard output, the summary goes to standard error.
        let toStandardOutput = outputText == "-" || outputText.map { PathWriter.standardDescriptor(named: $0) == 1 } ?? false
        let result: Result<DrawnValues, CoreError>
        if outputText == "-" {
            let sink = TextLineSink(context.standardOutput)
            result = ScenarioFile.write(spec, into: sink)
            sink.finish()
        } else {
            result = try write(spec, to: built.output, context)
        }
        let print: (String) -> Void = toStandardOutput
            ? { context.standardError(DisplayText.visible($0) + "\n") } : { context.print($0) }
        switch result {
        case .failure(.invalid(let failure)):
            // One `error:` line per run: the first broken rule, as the reference stops at its first.
            throw .input(CommandMessages.flagValue(flag(for: failure.first.field), failure.first.message))
        case .failure(let error):
            throw CommandError(error)
        case .success:
            break
        }
        print("✓ Generated \(outputText == "-" ? StandardStream.output.name : FileName.display(built.output))")
        if let preset = arguments.value("--preset").flatMap(Preset.named)?.name { print("  - Preset: \(preset)") }
        print("  - \(spec.agents) agents on \(spec.grid)×\(spec.grid) grid")
        print("  - Utilities: \(spec.utilities.map(\.type.rawValue).joined(separator: ", "))")
        if let range = spec.inventory { print("  - Inventory range: [\(range.min), \(range.max)]") }
        print("  - Exchange regime: \(spec.regime.rawValue)")
        if spec.regime.usesMoney {
            print("  - Money inventories: generated (same range as goods)")
        }
        print("  - Resources: density=\(PythonFloat.repr(spec.resources.density)), max=\(spec.resources.maxAmount), regen=\(spec.resources.regen)")
        print("  - Seed: \(spec.seed)\(arguments.value("--seed") == nil ? " (chosen at random; pass --seed \(spec.seed) to repeat)" : "")")
        return .success
    }
}

/// A byte sink that hands whole lines of text to a command's output (so a multi-byte character
/// is never split between two pieces); `finish` hands over what is left.
final class TextLineSink: ByteSink {
    private let output: (String) -> Void
    private var pending: [UInt8] = []

    init(_ output: @escaping (String) -> Void) {
        self.output = output
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        pending.append(contentsOf: bytes)
        guard let lastBreak = pending.lastIndex(of: UInt8(ascii: "\n")) else { return }
        output(String(decoding: pending[...lastBreak], as: UTF8.self))
        pending.removeSubrange(...lastBreak)
    }

    func finish() {
        if !pending.isEmpty { output(String(decoding: pending, as: UTF8.self)) }
        pending = []
    }
}
