// `vmt-dsl import`: a scenario file in, a recipe out that builds the same scenario (equal
// loaded meanings, `LoadedScenario`). Stock and utilities come out as explicit values; `set`
// lines only where the recipe would otherwise write something else; the file's leading
// comment block becomes the recipe's head comment. Every recipe is checked before it is
// returned: it is built and its loaded meaning compared with the file's.
//
// The target comes from the file's keys (`ScenarioLoader.detect`): a protocol key or
// `params.log_preferences` makes a 2025-11 recipe (`vmt 2025-11`, `search`/`matching`/
// `bargaining` lines, the 2025-11 `set` keys), compared under the 2025-11 loader's rules;
// anything else is 2025-10, the default (no `vmt` line). Keys the target's loader ignores are
// dropped with a warning naming them (VMT603; keys of both versions: VMT605).
import VMTCore
import VMTRecipe

/// The outcome of importing one scenario file.
public struct ImportedScenario: Sendable {
    /// The recipe's text, in canonical `fmt` form; nil when the file cannot be carried.
    public var recipe: String?
    /// The recipe's file name: the scenario file's stem with `.vmt`.
    public var recipeFileName: String
    /// Warnings (keys dropped) and, when `recipe` is nil, the errors.
    public var diagnostics: [Diagnostic]
}

/// Turns scenario files into recipes (see the file's head comment).
public enum ScenarioImporter {
    /// Imports the scenario file `path` (its `bytes`). `parent` is the `extends` of the recipe
    /// (a preset or a recipe of `project`), or nil; `project` holds the recipes of the project
    /// the recipe will live in (the recipes already on disk and those written earlier in the
    /// same import run), so that its name and parent are checked against them; `recipePath` is
    /// where the recipe will be, relative to the project root (default: `STEM.vmt`). The recipe
    /// is resolved together with the whole project: a name another recipe has, an output path
    /// another recipe writes, or any other error the new recipe would cause in the project is an
    /// error (VMT604) naming the existing recipe, and `recipe` is nil. `target` imports for that
    /// VMT version; nil detects it from the file's keys (see the file's head comment).
    /// Reads nothing from disk and writes nothing.
    public static func importScenario(path: String, bytes: [UInt8], parent: String? = nil,
                                      project: [RecipeSource] = [], recipePath: String? = nil,
                                      target: VMTTarget? = nil) -> ImportedScenario {
        let stem = Self.stem(path)
        var result = ImportedScenario(recipe: nil, recipeFileName: stem + ".vmt", diagnostics: [])
        let reading: ScenarioReading
        switch ScenarioLoader.load(bytes, target: target) {
        case .failure(.scenarioLoad(let error)):
            result.diagnostics.append(.error(Message(error.code ?? .importNotAScenario, ProjectMessages.Import.atKey(error.key, error.message)),
                                             at: range(path, error.position), hint: error.hint))
            return result
        case .failure(let error):
            result.diagnostics.append(.error(Message(.importNotAScenario, error.description), at: range(path, nil)))
            return result
        case .success(let read):
            reading = read
        }
        let loadedTarget = reading.loaded.target
        var reported: Set<String> = []
        if target == nil, reading.detection.isMixed, let first = reading.detection.oldKeys.first {
            let newKeys = reading.detection.newKeys.map(\.key), oldKeys = reading.detection.oldKeys.map(\.key)
            result.diagnostics.append(.warning(ProjectMessages.Import.mixedTargets(newKeys: newKeys, oldKeys: oldKeys), at: range(path, first.position)))
            reported = Set(oldKeys)
        }
        for (key, position) in reading.ignoredKeys where !reported.contains(key) {
            if loadedTarget == .v2025_10 {
                if ScenarioLoader.unreadSchemaKeys.contains(where: { key == "params." + $0 }) { continue }
                result.diagnostics.append(.warning(ProjectMessages.Import.droppedKey(key, target: nil),
                                                   at: range(path, position)))
            } else {
                result.diagnostics.append(.warning(ProjectMessages.Import.droppedKey(key, target: loadedTarget),
                                                   at: range(path, position)))
            }
        }
        if !reading.protocolParameters.isEmpty {
            for (kind, position) in reading.protocolParameters {
                result.diagnostics.append(.error(Messages.protocolParameter(kind), at: range(path, position),
                                                 hint: ProjectMessages.Import.removeProtocolParameters(kind)))
            }
            return result
        }
        var writer = RecipeWriter(path: path, reading: reading)
        do throws(ImportProblem) {
            if let parent { try writer.inherit(parent, project: project) }
            let text = try writer.recipe(parent: parent)
            try verify(text, recipePath: recipePath ?? stem + ".vmt", reading: reading, project: project, path: path,
                       diagnostics: &result.diagnostics)
            result.recipe = text
        } catch {
            result.diagnostics.append(.error(Message(error.code, error.message), at: range(path, error.position)))
        }
        return result
    }

    /// Builds the recipe together with the whole project (at `recipePath`, relative to the
    /// project root), refuses it when it would clash with a recipe of the project (same name,
    /// same output file) or cause any other error there, and compares its loaded meaning with
    /// the file's.
    static func verify(_ text: String, recipePath: String, reading: ScenarioReading, project: [RecipeSource], path: String,
                       diagnostics: inout [Diagnostic]) throws(ImportProblem) {
        let own = RecipeSource(path: recipePath, relativePath: recipePath, bytes: Array(text.utf8))
        let others = project.filter { $0.relativePath != own.relativePath && $0.path != own.path }
        // Resolved by the engine build, plan and lsp use (ProjectResolution over a Project).
        let whole = ProjectResolution.resolve(Project(sources: others + [own]))
        let name = reading.loaded.name
        if let existing = others.first(where: { source in whole.recipes.entries.contains { $0.source.path == source.path && $0.name == name } }) {
            throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.nameTaken(name, by: existing.path), nil)
        }
        let resolution = whole.resolution
        if let ownScenario = resolution.scenarios.first(where: { $0.source.path == own.path }), !ownScenario.isTemplate {
            let output = ownScenario.variants.nameAndOutput(at: 0).output
            for other in resolution.scenarios where other.source.path != own.path && !other.isTemplate {
                for position in 0..<other.variants.count where other.variants.nameAndOutput(at: position).output == output {
                    throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.outputTaken(output, by: other.source.path), nil)
                }
            }
        }
        let mine = resolution.diagnostics.filter { $0.range.file == own.path }
        // An error elsewhere in the project that the project alone does not have is the recipe's doing.
        let elsewhere = resolution.diagnostics.filter { $0.severity == .error && $0.range.file != own.path }
        if !elsewhere.isEmpty {
            let before = Set(ProjectResolution.resolve(Project(sources: others)).resolution.diagnostics.filter { $0.severity == .error }.map { "\($0.range.file)\u{0}\($0.message)" })
            if let caused = elsewhere.first(where: { !before.contains("\($0.range.file)\u{0}\($0.message)") }) {
                throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.breaksOther(caused.range.file, caused.message), nil)
            }
        }
        if let first = mine.first(where: { $0.severity == .error }) {
            throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.doesNotBuild(first.message), nil)
        }
        for warning in mine { diagnostics.append(warning) }
        guard let spec = resolution.scenarios.first(where: { $0.source.path == own.path })?.spec else {
            throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.notOneScenario, nil)
        }
        guard case .success(let bytes) = ScenarioWriter.bytes(spec) else {
            throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.breaksGeneratorRule, nil)
        }
        guard case .success(let rebuilt) = ScenarioLoader.load(bytes, target: reading.loaded.target) else {
            throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.doesNotLoad, nil)
        }
        let differences = rebuilt.loaded.differences(from: reading.loaded)
        if !differences.isEmpty {
            throw ImportProblem(.importWouldDiffer, ProjectMessages.Import.differs(differences), nil)
        }
    }

    /// The recipe file name `import` gives the scenario file at `path`: its stem with `.vmt`.
    public static func recipeFileName(_ path: String) -> String { stem(path) + ".vmt" }

    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    static func range(_ path: String, _ position: YAMLPosition?) -> SourceRange {
        let at = position ?? YAMLPosition(line: 1, column: 1)
        return SourceRange(file: path, at: SourcePosition(line: at.line, column: at.column, offset: 0))
    }
}

/// Why a file cannot be carried: the code, the message (naming the YAML key) and where.
///
/// Internal to the importer, thrown typed between its steps and always turned into a
/// diagnostic (`importScenario`), so it never reaches a caller: not a `ProjectError`.
struct ImportProblem: Error {
    let code: DiagnosticCode
    let message: String
    let position: YAMLPosition?

    init(_ code: DiagnosticCode, _ message: String, _ position: YAMLPosition?) {
        self.code = code
        self.message = message
        self.position = position
    }
}

/// Writes the lines of one imported recipe, against what the parent (or no parent) gives.
private struct RecipeWriter {
    let path: String
    let reading: ScenarioReading
    /// The parent's resolved fields; empty without `--extends`.
    var base = ResolvedFields()

    init(path: String, reading: ScenarioReading) {
        self.path = path
        self.reading = reading
    }

    var loaded: LoadedScenario { reading.loaded }

    func cannot(_ key: String, _ message: String) -> ImportProblem {
        let position = reading.writtenParams[key.hasPrefix("params.") ? String(key.dropFirst(7)) : key]?.position
            ?? reading.position(of: key)
        return ImportProblem(.importCannotCarry, ProjectMessages.Import.atKey(key, message), position)
    }

    /// Resolves the parent through a template that only extends it.
    mutating func inherit(_ parent: String, project: [RecipeSource]) throws(ImportProblem) {
        let probe = RecipeSource(path: "(import)", relativePath: "(import).vmt",
                                 bytes: Array("template\nextends \(RecipeWriter.quoted(parent))\n".utf8))
        let resolution = ProjectResolution.resolve(Project(sources: project + [probe])).resolution
        guard let scenario = resolution.scenarios.first(where: { $0.source.path == probe.path }) else {
            let reason = resolution.diagnostics.first { $0.range.file == probe.path }?.message ?? ProjectMessages.Import.parentDoesNotResolve
            throw ImportProblem(.importCannotCarry, ProjectMessages.Import.cannotExtend(parent, reason), nil)
        }
        guard scenario.fields.variations.isEmpty else {
            throw ImportProblem(.importCannotCarry, ProjectMessages.Import.parentVaries(parent), nil)
        }
        base = scenario.fields
    }

    // MARK: The recipe

    func recipe(parent: String?) throws(ImportProblem) -> String {
        var lines: [String] = []
        let head = reading.leadingComments.map { RecipeWriter.trimmed($0) }
        if !head.isEmpty { lines += head + [""] }
        lines.append("scenario " + (try name()))
        if let parent { lines.append("extends " + RecipeWriter.quoted(parent)) }
        if (base.target?.value ?? .standard) != loaded.target { lines.append("vmt " + loaded.target.rawValue) }
        let agents = try integer(loaded.agents, "agents")
        let grid = try integer(loaded.grid, "N")
        guard loaded.schemaVersion == 1 else { throw cannot("schema_version", ProjectMessages.Import.schemaVersion) }
        if base.agents?.value != agents { lines.append("agents \(agents)") }
        if base.grid?.value != grid { lines.append("grid \(grid)") }

        let regime = try self.regime()
        for good in Good.allCases {
            guard let values = loaded.stock[good] else { continue }
            let ints = values.map { Int($0) }
            if good == .m, !regime.usesMoney {
                guard ints.allSatisfy({ $0 == 0 }) else {
                    throw cannot("initial_inventories.M", ProjectMessages.Import.moneyUnderBarter)
                }
                continue
            }
            let stock: Stock = reading.scalarStock.contains(good) ? .each(ints.first ?? 0) : .list(ints)
            if base.stock[good]?.value == stock { continue }
            switch stock {
            case .each(let value): lines.append("inventory \(good.rawValue) \(value) each")
            case .list(let values): lines.append("inventory \(good.rawValue) " + values.map(String.init).joined(separator: ", "))
            }
        }
        for entry in loaded.mix {
            var words = ["utility", entry.type.rawValue, "weight", RecipeWriter.number(entry.weight)]
            for name in entry.type.parameterNames {
                if let value = entry.parameters[name] { words += [name, RecipeWriter.number(value)] }
            }
            lines.append(words.joined(separator: " "))
        }
        if let resources = try self.resources() { lines.append(resources) }
        if regime != (base.regime?.value ?? .barterOnly) { lines.append("regime " + regime.rawValue) }
        lines += try settings(regime: regime)
        if let schedule = loaded.schedule {
            let forage = try integer(schedule.forageTicks, "mode_schedule.forage_ticks")
            let trade = try integer(schedule.tradeTicks, "mode_schedule.trade_ticks")
            let wanted = ModeSchedule(forageTicks: forage, tradeTicks: trade, startMode: schedule.startMode == "trade" ? .trade : .forage)
            if base.schedule?.value != wanted {
                lines.append("schedule forage \(forage) trade \(trade)" + (wanted.startMode == .trade ? " start trade" : ""))
            }
        } else if let inherited = base.schedule, inherited.value != nil {
            lines.append("schedule off")
        }
        for kind in ProtocolKind.allCases where loaded.protocols[kind] != base.protocols[kind]?.value {
            guard let name = loaded.protocols[kind] else {
                throw cannot(kind.key, ProjectMessages.Import.protocolTakenBack(kind))
            }
            lines.append("\(kind.rawValue) \(name)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `scenario` argument: a word when the name is one, else a string.
    func name() throws(ImportProblem) -> String {
        let name = loaded.name
        if name.isEmpty { throw cannot("name", ProjectMessages.Import.emptyName) }
        if name.contains("{") || name.contains("}") {
            throw cannot("name", ProjectMessages.Import.nameWithBraces)
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F || ($0.value >= 0x80 && $0.value <= 0x9F) }) {
            throw cannot("name", ProjectMessages.Import.nameWithControls)
        }
        return RecipeWriter.quoted(name)
    }

    /// A word when `text` is a plain word of the recipe language, else a double-quoted string.
    static func quoted(_ text: String) -> String {
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x2F }
        let isWord = (text.utf8.first.map(isLetter) ?? false) && text.utf8.allSatisfy(isWordByte)
        if isWord { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    /// A comment line without trailing blanks (an empty string stays a blank line).
    static func trimmed(_ line: String) -> String {
        var text = Substring(line)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }

    /// A float as recipe text: the shortest text that reads back as the same double.
    static func number(_ value: Double) -> String { PythonFloat.repr(value) }

    func integer(_ value: Double, _ key: String) throws(ImportProblem) -> Int {
        guard let int = Int(exactly: value) else { throw cannot(key, ProjectMessages.Import.notInteger(value)) }
        return int
    }

    func regime() throws(ImportProblem) -> ExchangeRegime {
        guard case .string(let name)? = loaded.params["exchange_regime"] else { return .barterOnly }
        guard let regime = ExchangeRegime(rawValue: name) else {
            throw cannot("params.exchange_regime", ProjectMessages.Import.unknownRegime(name))
        }
        return regime
    }

    /// The `resources` line: every key without a parent, the ones that differ with one.
    func resources() throws(ImportProblem) -> String? {
        var words: [String] = []
        if base.density?.value != loaded.density { words += ["density", RecipeWriter.number(loaded.density)] }
        guard case .number(let maxValue)? = loaded.params["resource_max_amount"] else {
            throw cannot("params.resource_max_amount", ProjectMessages.Load.notNumber)
        }
        let max = try integer(maxValue, "params.resource_max_amount")
        if base.maxAmount?.value != max { words += ["max", String(max)] }
        let amount = try integer(loaded.amount, "resource_seed.amount")
        let inheritedAmount = base.amount?.value ?? max
        if amount != inheritedAmount || (base.amount != nil && base.amount?.value != amount) { words += ["amount", String(amount)] }
        guard case .number(let regenValue)? = loaded.params["resource_growth_rate"] else {
            throw cannot("params.resource_growth_rate", ProjectMessages.Load.notNumber)
        }
        let regen: ParamValue
        if case .float? = reading.writtenParams["resource_growth_rate"]?.value {
            regen = .float(regenValue)
        } else {
            regen = .int(try integer(regenValue, "params.resource_growth_rate"))
        }
        if base.regen?.value != regen {
            switch regen {
            case .float(let value): words += ["regen", RecipeWriter.number(value)]
            default: words += ["regen", regen.description]
            }
        }
        return words.isEmpty ? nil : "resources " + words.joined(separator: " ")
    }

    /// The `set` lines, sorted by path: a key's value where the recipe would otherwise write
    /// (or, not writing it, load) another; a key the file writes that the recipe would not
    /// write gets its line too, so a built file comes back byte for byte (with an allow
    /// comment, as the value is the default).
    func settings(regime: ExchangeRegime) throws(ImportProblem) -> [String] {
        var lines: [String] = []
        let version = loaded.target
        for path in ParamSchema.settablePaths(for: version).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let definition = ParamSchema.definition(path) else { continue }
            let inherited = base.params[path]?.value
            let writtenByRecipe: Bool
            switch definition.placement {
            case .always: writtenByRecipe = true
            case .money: writtenByRecipe = regime.usesMoney || inherited != nil
            case .optional: writtenByRecipe = inherited != nil || (path.contains(".") && groupSet(path))
            }
            let recipeValue = inherited ?? definition.defaultValue
            let target: LoadedValue
            if !version.hasProtocols, ScenarioLoader.unreadSchemaKeys.contains(path) {
                // Not read by the loader: carried as written, so nothing is lost.
                guard let written = reading.writtenParams[path] else { continue }
                guard case .bool(let value) = written.value else { throw cannot("params." + path, ProjectMessages.Load.notBool) }
                target = .bool(value)
                if loadedValue(recipeValue) == target { continue }
            } else {
                guard let value = loaded.param(path) else { continue }
                target = value
                let rebuilt = writtenByRecipe ? loadedValue(recipeValue) : LoadedScenario.defaultValue(path, target: version)
                if rebuilt == target {
                    if writtenByRecipe || reading.writtenParams[path] == nil { continue }
                    lines.append("set \(path) \(try text(target, definition, path)) # vmt-dsl: allow VMT250 -- written in the imported file")
                    continue
                }
            }
            lines.append("set \(path) \(try text(target, definition, path))")
        }
        return lines
    }

    /// Whether the parent sets another field of `path`'s nested map (then the whole map is written).
    func groupSet(_ path: String) -> Bool {
        let group = path.split(separator: ".").first.map(String.init) ?? path
        return base.params.keys.contains { $0.hasPrefix(group + ".") }
    }

    func loadedValue(_ value: ParamValue) -> LoadedValue {
        switch value {
        case .int(let v): return .number(Double(v))
        case .float(let v): return .number(v)
        case .bool(let v): return .bool(v)
        case .string(let v): return .string(v)
        }
    }

    /// A `set` value as recipe text, checked against the schema.
    func text(_ value: LoadedValue, _ definition: ParamDefinition, _ path: String) throws(ImportProblem) -> String {
        let key = "params." + path
        let typed: ParamValue
        switch (definition.defaultValue, value) {
        case (.int, .number(let v)): typed = .int(try integer(v, key))
        case (.float, .number(let v)): typed = .float(v)
        case (.bool, .bool(let v)): typed = .bool(v)
        case (.string, .string(let v)): typed = .string(v)
        default: throw cannot(key, ProjectMessages.Import.notOfKind(value, definition.kind))
        }
        guard definition.kind.accepts(typed) else { throw cannot(key, ProjectMessages.Import.notOfKind(value, definition.kind)) }
        switch typed {
        case .float(let v): return RecipeWriter.number(v)
        case .string(let v): return RecipeWriter.quoted(v)
        default: return typed.description
        }
    }
}
