// The "loaded meaning" of a scenario file: what VMT's loader (commit e0152f0 for target
// 2025-10, 6f7b3c7 for 2025-11; spec/vmt-loader.md) reads from it, with its defaults filled in. Two files mean the same
// scenario when their loaded meanings are equal: key order, comments, number spelling
// (`0.10`, `1.0e-12`, `1` and `1.0`), a scalar stock against a list of that value, and a
// `params` key left out against the loader's default do not matter. Also the loader's rules,
// so a file it would refuse is refused here, with the key and line.
//
// Which loader reads a file is decided from its keys (`ScenarioLoader.detect`): a key only the
// 2025-11 loader reads (`search_protocol`, `matching_protocol`, `bargaining_protocol`,
// `params.log_preferences`) makes it a 2025-11 file; otherwise it is a 2025-10 file (the default;
// a money key or `dA_max` also says so). The claiming switches say nothing: 2025-10 files written
// by the reference carry them too.
import VMTCore
import VMTRecipe

/// A value of `params` as the loader holds it: numbers compare by value (`1 == 1.0`, as in Python).
public enum LoadedValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// An int or a float.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// A string.
    case string(String)
    /// A nested map (`lambda_bounds`, `liquidity_gate`), defaults filled in.
    case map([String: LoadedValue])

    /// The value as YAML would show it.
    public var description: String {
        switch self {
        case .number(let value): return PythonFloat.repr(value)
        case .bool(let value): return value ? "true" : "false"
        case .string(let value): return value
        case .map(let fields): return "{" + fields.keys.sorted().map { "\($0): \(fields[$0]?.description ?? "")" }.joined(separator: ", ") + "}"
        }
    }
}

/// One entry of `utilities.mix` as loaded.
public struct LoadedUtility: Equatable, Hashable, Sendable {
    /// The utility type.
    public var type: UtilityType
    /// Its weight.
    public var weight: Double
    /// Every parameter (quadratic's optional gamma filled with 0.0).
    public var parameters: [String: Double]
}

/// The `mode_schedule` block as loaded.
public struct LoadedSchedule: Equatable, Hashable, Sendable {
    /// Ticks of foraging.
    public var forageTicks: Double
    /// Ticks of trading.
    public var tradeTicks: Double
    /// `forage` (the default) or `trade`.
    public var startMode: String
}

/// What VMT's loader reads from a scenario file (see the file's head comment).
public struct LoadedScenario: Equatable, Sendable {
    /// `schema_version`.
    public var schemaVersion: Double
    /// `name`.
    public var name: String
    /// `N`.
    public var grid: Double
    /// `agents`.
    public var agents: Double
    /// The stock of each good for every agent (a scalar expanded to a list; M absent is zeros).
    public var stock: [Good: [Double]]
    /// `utilities.mix`, in order.
    public var mix: [LoadedUtility]
    /// Every `params` key the loader reads, by name (`dA_max` also from `ΔA_max`), defaults filled in.
    public var params: [String: LoadedValue]
    /// `resource_seed.density`.
    public var density: Double
    /// `resource_seed.amount`.
    public var amount: Double
    /// `mode_schedule`, if present.
    public var schedule: LoadedSchedule?
    /// The VMT version whose loader rules read the file (`params` holds that loader's keys).
    public var target: VMTTarget = .standard
    /// The trade protocols the file names, by kind (2025-11 only; absent kinds are absent).
    public var protocols: [ProtocolKind: String] = [:]

    /// The `params` keys the 2025-10 loader (e0152f0) reads and their defaults.
    public static let paramDefaults: [(key: String, value: LoadedValue)] = [
        ("spread", .number(0.0)), ("vision_radius", .number(5)), ("interaction_radius", .number(1)),
        ("move_budget_per_tick", .number(1)), ("dA_max", .number(5)), ("forage_rate", .number(1)),
        ("epsilon", .number(1e-12)), ("beta", .number(0.95)), ("resource_growth_rate", .number(0)),
        ("resource_max_amount", .number(5)), ("resource_regen_cooldown", .number(5)), ("trade_cooldown_ticks", .number(5)),
        ("exchange_regime", .string("barter_only")), ("money_mode", .string("quasilinear")), ("money_scale", .number(1)),
        ("lambda_money", .number(1.0)), ("lambda_update_rate", .number(0.2)),
        ("lambda_bounds", .map(["lambda_min": .number(1e-6), "lambda_max": .number(1e6)])),
        ("liquidity_gate", .map(["min_quotes": .number(3)])), ("earn_money_enabled", .bool(false)),
    ]

    /// The keys the 2025-10 loader reads that the 2025-11 loader no longer reads: money and `dA_max`.
    public static let droppedIn2025_11: Set<String> = [
        "dA_max", "exchange_regime", "money_mode", "money_scale", "lambda_money", "lambda_update_rate", "lambda_bounds",
        "liquidity_gate", "earn_money_enabled",
    ]

    /// The `params` keys `target`'s loader reads and their defaults. Under 2025-11 (6f7b3c7):
    /// those of 2025-10 less money and `dA_max`, plus the claiming switches and `log_preferences`.
    public static func paramDefaults(_ target: VMTTarget) -> [(key: String, value: LoadedValue)] {
        switch target {
        case .v2025_10: return paramDefaults
        case .v2025_11:
            return paramDefaults.filter { !droppedIn2025_11.contains($0.key) }
                + [("enable_resource_claiming", .bool(true)), ("enforce_single_harvester", .bool(true)), ("log_preferences", .bool(false))]
        }
    }

    /// The loader's default of a `params` key (a dotted path names a field of a nested map)
    /// under `target`'s rules.
    public static func defaultValue(_ path: String, target: VMTTarget = .standard) -> LoadedValue? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard let value = paramDefaults(target).first(where: { $0.key == parts[0] })?.value else { return nil }
        if parts.count == 2, case .map(let fields) = value { return fields[parts[1]] }
        return parts.count == 1 ? value : nil
    }

    /// The value of a `params` key or nested field (`lambda_bounds.lambda_min`).
    public func param(_ path: String) -> LoadedValue? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard let value = params[parts[0]] else { return nil }
        if parts.count == 2, case .map(let fields) = value { return fields[parts[1]] }
        return parts.count == 1 ? value : nil
    }

    /// The names of the fields where two loaded scenarios differ (empty when they are the same).
    public func differences(from other: LoadedScenario) -> [String] {
        var names: [String] = []
        if schemaVersion != other.schemaVersion { names.append("schema_version") }
        if name != other.name { names.append("name") }
        if grid != other.grid { names.append("N") }
        if agents != other.agents { names.append("agents") }
        for good in Good.allCases where stock[good] != other.stock[good] { names.append("initial_inventories.\(good.rawValue)") }
        if mix != other.mix { names.append("utilities.mix") }
        for key in Set(params.keys).union(other.params.keys).sorted() where params[key] != other.params[key] {
            names.append("params.\(key)")
        }
        if density != other.density { names.append("resource_seed.density") }
        if amount != other.amount { names.append("resource_seed.amount") }
        if schedule != other.schedule { names.append("mode_schedule") }
        for kind in ProtocolKind.allCases where protocols[kind] != other.protocols[kind] { names.append(kind.key) }
        return names
    }
}

/// A loaded scenario with what the loader's reading leaves out but `import` needs: how each
/// value was written, where each key is, and the keys the loader ignores.
public struct ScenarioReading: Sendable {
    /// The loaded meaning.
    public var loaded: LoadedScenario
    /// The goods whose stock is a scalar (`A: 5`).
    public var scalarStock: Set<Good>
    /// The goods given in `initial_inventories`.
    public var givenStock: Set<Good>
    /// The target read from the file's keys, and the keys that said so (`ScenarioLoader.detect`).
    public var detection: TargetDetection
    /// The protocols given a non-empty `params` mapping, with where that mapping is (VMT's
    /// loader reads it, but at 6f7b3c7 the simulation then fails building the protocol).
    public var protocolParameters: [(kind: ProtocolKind, position: YAMLPosition)] = []
    /// `params` keys present in the file (nested ones dotted), with their values as written.
    public var writtenParams: [String: (value: YAMLPlainScalar, position: YAMLPosition)]
    /// Keys of the file the loader does not read, with where they are (top level and `params`).
    public var ignoredKeys: [(key: String, position: YAMLPosition)]
    /// The file's leading comment lines (see `YAMLDocument.leadingComments`).
    public var leadingComments: [String]
    /// The document's root, for positions.
    public var root: YAMLNode

    /// Where the key at a dotted path (`resource_seed.amount`, `utilities.mix[1].weight`)
    /// starts; the nearest enclosing key's position when it is absent.
    public func position(of path: String) -> YAMLPosition? {
        var node: YAMLNode? = root
        var position: YAMLPosition?
        for part in path.split(separator: ".") {
            var key = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                key = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            guard let pair = node?.pairs?.first(where: { $0.key == key }) else { return position }
            position = pair.keyPosition
            node = pair.value
            if let index {
                guard let items = node?.items, index >= 0, index < items.count else { return position }
                node = items[index]
                position = items[index].position
            }
        }
        return position
    }
}

/// Which VMT version a file is written for, as its keys tell (`ScenarioLoader.detect`).
public struct TargetDetection: Sendable {
    /// The target: 2025-11 when any key only its loader reads is present, else 2025-10.
    public var target: VMTTarget
    /// The keys only the 2025-11 loader reads (`search_protocol`, `params.log_preferences`), in file order.
    public var newKeys: [(key: String, position: YAMLPosition)]
    /// The keys only the 2025-10 loader reads (money keys, `dA_max`, `initial_inventories.M`), in file order.
    public var oldKeys: [(key: String, position: YAMLPosition)]

    /// Whether the file has keys of both versions (then it is read as 2025-11, whose loader
    /// ignores the old keys, and `import` warns naming both sides: VMT605).
    public var isMixed: Bool { !newKeys.isEmpty && !oldKeys.isEmpty }
}

/// Reads a YAML document the way VMT's loader does, with its rules.
public enum ScenarioLoader {
    /// The top-level keys the 2025-10 loader reads.
    public static let topLevelKeys = ["schema_version", "name", "N", "agents", "initial_inventories", "utilities",
                                      "params", "resource_seed", "mode_schedule"]

    /// The top-level keys `target`'s loader reads (2025-11 adds the three protocol keys).
    public static func topLevelKeys(_ target: VMTTarget) -> [String] {
        target.hasProtocols ? topLevelKeys + ProtocolKind.allCases.map(\.key) : topLevelKeys
    }

    /// `params` keys our `set` knows although VMT's 2025-10 loader (e0152f0) does not read them
    /// (the 2025-11 loader does).
    public static let unreadSchemaKeys = ["enable_resource_claiming", "enforce_single_harvester"]

    /// The target a document's keys ask for. The rule: any key only the 2025-11 loader reads (a
    /// protocol key, `params.log_preferences`) → 2025-11; otherwise 2025-10, the default (any
    /// money key, `dA_max` or `M` stock also says 2025-10). Keys of both → 2025-11 (`isMixed`).
    /// The claiming switches are no sign: the 2025-10 files the reference writes carry them.
    public static func detect(_ root: YAMLNode) -> TargetDetection {
        var newKeys: [(key: String, position: YAMLPosition)] = []
        var oldKeys: [(key: String, position: YAMLPosition)] = []
        for pair in root.pairs ?? [] {
            if ProtocolKind(key: pair.key) != nil { newKeys.append((pair.key, pair.keyPosition)) }
            if pair.key == "params" {
                for param in pair.value.pairs ?? [] {
                    let key = param.key == "ΔA_max" ? "dA_max" : param.key
                    if key == "log_preferences" { newKeys.append(("params." + param.key, param.keyPosition)) }
                    if LoadedScenario.droppedIn2025_11.contains(key) { oldKeys.append(("params." + param.key, param.keyPosition)) }
                }
            }
            if pair.key == "initial_inventories", let money = pair.value.pairs?.first(where: { $0.key == Good.m.rawValue }) {
                oldKeys.append(("initial_inventories.M", money.keyPosition))
            }
        }
        return TargetDetection(target: newKeys.isEmpty ? .v2025_10 : .v2025_11, newKeys: newKeys, oldKeys: oldKeys)
    }

    /// The loaded meaning of scenario bytes under `target`'s loader rules (nil: the target the
    /// file's keys ask for, `detect`), or the first problem.
    /// A file that is not YAML fails as `.scenarioLoad` too ("not YAML: ..."), so every failure
    /// is `.scenarioLoad`.
    public static func load(_ bytes: [UInt8], target: VMTTarget? = nil) -> Result<ScenarioReading, ProjectError> {
        switch YAMLReader.read(bytes) {
        case .failure(.yaml(let failure)):
            return .failure(.scenarioLoad(ScenarioLoadFailure(key: "", message: ProjectMessages.Load.notYAML(failure.message), position: failure.position)))
        case .failure(let error):
            return .failure(error)
        case .success(let document):
            return Result { () throws(ProjectError) in try load(document, target: target) }
        }
    }

    /// The loaded meaning of a read document under `target`'s loader rules (nil: the target the
    /// file's keys ask for).
    public static func load(_ document: YAMLDocument, target: VMTTarget? = nil) throws(ProjectError) -> ScenarioReading {
        guard let root = document.root, let pairs = root.pairs else {
            throw .scenarioLoad(ScenarioLoadFailure(key: "", message: ProjectMessages.Load.topLevelNotMapping, position: document.root?.position))
        }
        var detection = detect(root)
        if let target { detection.target = target }
        let target = detection.target
        let reader = Reading(root: root)
        var ignored: [(key: String, position: YAMLPosition)] = []
        let readKeys = topLevelKeys(target)
        for pair in pairs where !readKeys.contains(pair.key) { ignored.append((pair.key, pair.keyPosition)) }
        let schemaVersion = try reader.number("schema_version")
        let name = try reader.string("name")
        let grid = try reader.number("N")
        let agents = try reader.number("agents")
        try reader.rule(grid > 0, "N", ProjectMessages.Load.gridNotPositive(grid))
        try reader.rule(agents > 0, "agents", ProjectMessages.Load.agentsNotPositive(agents))

        // params, with the loader's defaults.
        var params: [String: LoadedValue] = [:]
        var written: [String: (value: YAMLPlainScalar, position: YAMLPosition)] = [:]
        let paramsNode = root["params"]
        if let paramsNode, !(paramsNode.scalar == .null), paramsNode.pairs == nil {
            throw reader.error("params", ProjectMessages.Load.paramsNotMapping)
        }
        for (key, value) in LoadedScenario.paramDefaults(target) { params[key] = value }
        for pair in paramsNode?.pairs ?? [] {
            var key = pair.key
            if key == "ΔA_max" && target.hasMoney { key = "dA_max" }
            let path = "params." + pair.key
            guard let defaultValue = params[key] else {
                if !target.hasProtocols, unreadSchemaKeys.contains(key), let scalar = pair.value.scalar {
                    written[key] = (scalar, pair.keyPosition)
                }
                ignored.append((path, pair.keyPosition))
                continue
            }
            if case .map(var fields) = defaultValue {
                guard let subpairs = pair.value.pairs else { throw reader.error(path, "\(pair.key) must be a mapping", at: pair.value.position) }
                for sub in subpairs {
                    guard fields[sub.key] != nil else {
                        ignored.append((path + "." + sub.key, sub.keyPosition))
                        continue
                    }
                    fields[sub.key] = try reader.loadedScalar(sub.value, path + "." + sub.key)
                    if let scalar = sub.value.scalar { written[key + "." + sub.key] = (scalar, sub.keyPosition) }
                }
                params[key] = .map(fields)
            } else {
                params[key] = try reader.loadedScalar(pair.value, path)
                if let scalar = pair.value.scalar { written[key] = (scalar, pair.keyPosition) }
            }
        }
        try reader.checkParams(params, written: written, target: target)

        // initial_inventories: A and B required, M optional (absent is 0 for everyone).
        guard let inventories = root["initial_inventories"], let inventoryPairs = inventories.pairs else {
            throw reader.error("initial_inventories", root["initial_inventories"] == nil ? ProjectMessages.Load.missing : ProjectMessages.Load.notMapping)
        }
        var stock: [Good: [Double]] = [:]
        var scalarStock = Set<Good>()
        var givenStock = Set<Good>()
        let count = Int(exactly: agents) ?? 0
        for pair in inventoryPairs {
            let path = "initial_inventories." + pair.key
            guard let good = Good(rawValue: pair.key), good != .m || target.hasMoney else {
                ignored.append((path, pair.keyPosition))
                continue
            }
            givenStock.insert(good)
            if let items = pair.value.items {
                var values: [Double] = []
                for item in items { values.append(try reader.integer(item, path)) }
                try reader.rule(values.count == count, path, ProjectMessages.Load.stockCount(values.count, agents: count), at: pair.value.position)
                stock[good] = values
            } else {
                let value = try reader.integer(pair.value, path)
                scalarStock.insert(good)
                stock[good] = Array(repeating: value, count: count)
            }
        }
        for good in [Good.a, .b] where stock[good] == nil {
            throw reader.error("initial_inventories.\(good.rawValue)", ProjectMessages.Load.missing, at: inventories.position)
        }
        if stock[.m] == nil, target.hasMoney { stock[.m] = Array(repeating: 0, count: count) }
        if case .string(let regime)? = params["exchange_regime"], ExchangeRegime(rawValue: regime)?.usesMoney == true, !givenStock.contains(.m) {
            throw reader.error("initial_inventories", ProjectMessages.Load.moneyRegimeWithoutM(regime), at: inventories.position)
        }

        let mix = try reader.mix(scalarStock: scalarStock, stock: stock)

        // resource_seed.
        guard let seed = root["resource_seed"], seed.pairs != nil else {
            throw reader.error("resource_seed", root["resource_seed"] == nil ? ProjectMessages.Load.missing : ProjectMessages.Load.notMapping)
        }
        let density = try reader.number(seed, "density", path: "resource_seed.density")
        let amount = try reader.number(seed, "amount", path: "resource_seed.amount")
        try reader.rule(density >= 0 && density <= 1, "resource_seed.density", ProjectMessages.Load.densityOutOfRange(density))
        if density > 0, case .int? = seed["amount"]?.scalar {
            try reader.rule(amount > 0, "resource_seed.amount", ProjectMessages.Load.amountNotPositive(amount))
        }

        // mode_schedule.
        var schedule: LoadedSchedule?
        if let node = root["mode_schedule"], node.scalar != .null {
            guard node.pairs != nil else { throw reader.error("mode_schedule", ProjectMessages.Load.notMapping) }
            let type = try reader.string(node, "type", path: "mode_schedule.type")
            try reader.rule(type == "global_cycle", "mode_schedule.type", ProjectMessages.Load.scheduleType(type))
            let forage = try reader.number(node, "forage_ticks", path: "mode_schedule.forage_ticks")
            let trade = try reader.number(node, "trade_ticks", path: "mode_schedule.trade_ticks")
            try reader.rule(forage > 0, "mode_schedule.forage_ticks", ProjectMessages.Load.ticksNotPositive("forage_ticks"))
            try reader.rule(trade > 0, "mode_schedule.trade_ticks", ProjectMessages.Load.ticksNotPositive("trade_ticks"))
            var start = "forage"
            if node["start_mode"] != nil { start = try reader.string(node, "start_mode", path: "mode_schedule.start_mode") }
            try reader.rule(start == "forage" || start == "trade", "mode_schedule.start_mode", ProjectMessages.Load.startMode(start))
            for pair in node.pairs ?? [] where !["type", "forage_ticks", "trade_ticks", "start_mode"].contains(pair.key) {
                ignored.append(("mode_schedule." + pair.key, pair.keyPosition))
            }
            schedule = LoadedSchedule(forageTicks: forage, tradeTicks: trade, startMode: start)
        }

        // The trade protocols (2025-11): a name, or a mapping with `name` and optional `params`.
        var protocols: [ProtocolKind: String] = [:]
        var protocolParameters: [(kind: ProtocolKind, position: YAMLPosition)] = []
        if target.hasProtocols {
            for kind in ProtocolKind.allCases {
                guard let node = root[kind.key], node.scalar != .null else { continue }
                let nameNode: YAMLNode
                if node.pairs != nil {
                    guard let named = node["name"] else { throw reader.error(kind.key + ".name", ProjectMessages.Load.missing, at: node.position) }
                    nameNode = named
                    if let params = node["params"], params.scalar != .null {
                        guard let fields = params.pairs else { throw reader.error(kind.key + ".params", ProjectMessages.Load.notMapping, at: params.position) }
                        if !fields.isEmpty { protocolParameters.append((kind, params.position)) }
                    }
                    for pair in node.pairs ?? [] where pair.key != "name" && pair.key != "params" {
                        ignored.append((kind.key + "." + pair.key, pair.keyPosition))
                    }
                } else {
                    nameNode = node
                }
                guard case .string(let name)? = nameNode.scalar else {
                    throw reader.error(kind.key, ProjectMessages.Load.protocolShape, at: nameNode.position)
                }
                guard kind.names.contains(name) else {
                    let message = Messages.unknownProtocol(kind, name)
                    throw .scenarioLoad(ScenarioLoadFailure(key: kind.key, message: message.text, position: nameNode.position,
                                                            code: message.code, hint: Messages.suggestion(for: name, in: kind.names)))
                }
                protocols[kind] = name
            }
        }

        let loaded = LoadedScenario(schemaVersion: schemaVersion, name: name, grid: grid, agents: agents, stock: stock, mix: mix,
                                    params: params, density: density, amount: amount, schedule: schedule, target: target,
                                    protocols: protocols)
        return ScenarioReading(loaded: loaded, scalarStock: scalarStock, givenStock: givenStock, detection: detection,
                               protocolParameters: protocolParameters, writtenParams: written,
                               ignoredKeys: ignored, leadingComments: document.leadingComments, root: root)
    }
}

/// Typed access to the document with errors that name the key and its position.
private struct Reading {
    let root: YAMLNode

    func position(_ path: String) -> YAMLPosition? {
        var node: YAMLNode? = root
        var position: YAMLPosition?
        for part in path.split(separator: ".") {
            let key = String(part.split(separator: "[").first ?? part)
            guard let pair = node?.pairs?.first(where: { $0.key == key }) else { return position ?? node?.position }
            position = pair.keyPosition
            node = pair.value
        }
        return position
    }

    func error(_ path: String, _ message: String, at position: YAMLPosition? = nil) -> ProjectError {
        .scenarioLoad(ScenarioLoadFailure(key: path, message: message, position: position ?? self.position(path)))
    }

    func rule(_ condition: Bool, _ path: String, _ message: String, at position: YAMLPosition? = nil) throws(ProjectError) {
        if !condition { throw error(path, message, at: position) }
    }

    /// A number (int or float, not a bool) at `node`.
    func number(_ node: YAMLNode?, _ path: String) throws(ProjectError) -> Double {
        guard let node else { throw error(path, ProjectMessages.Load.missing) }
        switch node.scalar {
        case .int(let value)?: return Double(value)
        case .float(let value)?:
            guard value.isFinite else { throw error(path, ProjectMessages.Load.notFinite, at: node.position) }
            return value
        default: throw error(path, ProjectMessages.Load.notNumber, at: node.position)
        }
    }

    func number(_ key: String) throws(ProjectError) -> Double { try number(root[key], key) }
    func number(_ parent: YAMLNode, _ key: String, path: String) throws(ProjectError) -> Double { try number(parent[key], path) }

    /// An integer (a stock), refused when it is a float or negative.
    func integer(_ node: YAMLNode, _ path: String) throws(ProjectError) -> Double {
        guard case .int(let value)? = node.scalar else {
            throw error(path, ProjectMessages.Load.stockNotInteger, at: node.position)
        }
        guard value >= 0 else { throw error(path, ProjectMessages.Load.stockNegative(value), at: node.position) }
        return Double(value)
    }

    func string(_ key: String) throws(ProjectError) -> String { try string(root, key, path: key) }

    func string(_ parent: YAMLNode, _ key: String, path: String) throws(ProjectError) -> String {
        guard let node = parent[key] else { throw error(path, ProjectMessages.Load.missing) }
        guard case .string(let text)? = node.scalar else { throw error(path, ProjectMessages.Load.notString, at: node.position) }
        return text
    }

    /// A `params` scalar as the loader holds it.
    func loadedScalar(_ node: YAMLNode, _ path: String) throws(ProjectError) -> LoadedValue {
        switch node.scalar {
        case .int(let value)?: return .number(Double(value))
        case .float(let value)?:
            guard value.isFinite else { throw error(path, ProjectMessages.Load.notFinite, at: node.position) }
            return .number(value)
        case .bool(let value)?: return .bool(value)
        case .string(let text)?: return .string(text)
        default: throw error(path, ProjectMessages.Load.unsupported, at: node.position)
        }
    }

    /// The loader's rules for `params`.
    func checkParams(_ params: [String: LoadedValue], written: [String: (value: YAMLPlainScalar, position: YAMLPosition)],
                     target: VMTTarget) throws(ProjectError) {
        func number(_ key: String) throws(ProjectError) -> Double {
            guard case .number(let value)? = params[key] else { throw error("params." + key, ProjectMessages.Load.notNumber, at: written[key]?.position) }
            return value
        }
        let rules: [(String, (Double) -> Bool, String)] = [
            ("spread", { $0 >= 0 }, ">= 0"), ("vision_radius", { $0 >= 0 }, ">= 0"), ("interaction_radius", { $0 >= 0 }, ">= 0"),
            ("move_budget_per_tick", { $0 > 0 }, "> 0"), ("dA_max", { $0 > 0 }, "> 0"), ("forage_rate", { $0 > 0 }, "> 0"),
            ("epsilon", { $0 > 0 }, "> 0"), ("beta", { $0 > 0 && $0 <= 1 }, "in (0, 1]"), ("resource_growth_rate", { $0 >= 0 }, ">= 0"),
            ("resource_max_amount", { $0 > 0 }, "> 0"), ("resource_regen_cooldown", { $0 >= 0 }, ">= 0"),
            ("trade_cooldown_ticks", { $0 >= 0 }, ">= 0"), ("money_scale", { $0 >= 1 }, ">= 1"), ("lambda_money", { $0 > 0 }, "> 0"),
            ("lambda_update_rate", { $0 >= 0 && $0 <= 1 }, "in [0, 1]"),
        ]
        for (key, test, rule) in rules where params[key] != nil {
            let value = try number(key)
            if !test(value) {
                throw error("params." + key, ProjectMessages.Load.mustBe(key, rule, got: value), at: written[key]?.position)
            }
        }
        if case .map(let bounds)? = params["lambda_bounds"], case .number(let low)? = bounds["lambda_min"],
           case .number(let high)? = bounds["lambda_max"], !(low > 0 && low < high) {
            throw error("params.lambda_bounds", ProjectMessages.Load.lambdaBounds, at: written["lambda_bounds.lambda_min"]?.position)
        }
        if case .map(let gate)? = params["liquidity_gate"], case .number(let quotes)? = gate["min_quotes"], !(quotes >= 0) {
            throw error("params.liquidity_gate.min_quotes", ProjectMessages.Load.minQuotesNegative, at: written["liquidity_gate.min_quotes"]?.position)
        }
        let switches = target.hasMoney ? ["earn_money_enabled"] : ["enable_resource_claiming", "enforce_single_harvester", "log_preferences"]
        for key in switches {
            if case .bool? = params[key] {} else { throw error("params." + key, ProjectMessages.Load.notBool, at: written[key]?.position) }
        }
    }

    /// `utilities.mix` with the loader's rules per type.
    func mix(scalarStock: Set<Good>, stock: [Good: [Double]]) throws(ProjectError) -> [LoadedUtility] {
        guard let utilities = root["utilities"] else { throw error("utilities", ProjectMessages.Load.missing) }
        guard let items = utilities["mix"]?.items else { throw error("utilities.mix", ProjectMessages.Load.mixNotList) }
        try rule(!items.isEmpty, "utilities.mix", ProjectMessages.Load.mixEmpty)
        var mix: [LoadedUtility] = []
        var sum = 0.0
        for (index, item) in items.enumerated() {
            let path = "utilities.mix[\(index)]"
            guard item.pairs != nil else { throw error(path, ProjectMessages.Load.entryNotMapping, at: item.position) }
            guard case .string(let typeName)? = item["type"]?.scalar, let type = UtilityType(rawValue: typeName) else {
                throw error(path + ".type", ProjectMessages.Load.unknownUtilityType(UtilityType.names), at: item["type"]?.position ?? item.position)
            }
            let weight = try number(item["weight"], path + ".weight")
            try rule(weight >= 0, path + ".weight", ProjectMessages.Load.weightNegative, at: item["weight"]?.position)
            sum += weight
            var parameters: [String: Double] = [:]
            let paramsNode = item["params"]
            for pair in paramsNode?.pairs ?? [] {
                guard type.parameterNames.contains(pair.key) else {
                    throw error(path + ".params." + pair.key, ProjectMessages.Load.noSuchParameter(type, pair.key), at: pair.keyPosition)
                }
                parameters[pair.key] = try number(pair.value, path + ".params." + pair.key)
            }
            if type == .quadratic, parameters["gamma"] == nil { parameters["gamma"] = 0.0 }
            for name in type.parameterNames where parameters[name] == nil {
                throw error(path + ".params." + name, ProjectMessages.Load.missingParameter(type, name), at: paramsNode?.position ?? item.position)
            }
            func value(_ name: String) -> Double { parameters[name] ?? .nan }
            func check(_ condition: Bool, _ name: String) throws(ProjectError) {
                let at = paramsNode?.pairs?.first { $0.key == name }?.keyPosition ?? item.position
                try rule(condition, path + ".params." + name, ProjectMessages.Load.parameterRule(type, name), at: at)
            }
            switch type {
            case .ces:
                try check(value("rho") != 1.0, "rho")
                try check(value("wA") > 0, "wA")
                try check(value("wB") > 0, "wB")
            case .linear:
                try check(value("vA") > 0, "vA")
                try check(value("vB") > 0, "vB")
            case .quadratic:
                for name in ["A_star", "B_star", "sigma_A", "sigma_B"] { try check(value(name) > 0, name) }
                try check(value("gamma") >= 0, "gamma")
            case .translog:
                try check(value("alpha_A") > 0, "alpha_A")
                try check(value("alpha_B") > 0, "alpha_B")
            case .stoneGeary:
                try check(value("alpha_A") > 0, "alpha_A")
                try check(value("alpha_B") > 0, "alpha_B")
                try check(value("gamma_A") >= 0, "gamma_A")
                try check(value("gamma_B") >= 0, "gamma_B")
                // The loader checks only a scalar stock against gamma.
                for good in [Good.a, .b] where scalarStock.contains(good) {
                    let gamma = value("gamma_" + good.rawValue)
                    if let stock = stock[good]?.first, !(stock > gamma) {
                        throw error("initial_inventories.\(good.rawValue)",
                                    ProjectMessages.Load.stockBelowSubsistence(good, gamma: gamma, stock: stock))
                    }
                }
            }
            mix.append(LoadedUtility(type: type, weight: weight, parameters: parameters))
        }
        try rule(abs(sum - 1) <= 1e-6, "utilities.mix", ProjectMessages.Load.weightsSum(sum))
        return mix
    }
}
