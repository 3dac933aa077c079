// Where each resolved value came from: a directive's line, a preset, or a default.
import VMTCore

/// The origin of a resolved field, for diagnostics and `explain`.
public enum Origin: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Set by a directive; the range is its value (or its line).
    case directive(SourceRange)
    /// Taken from a built-in preset, which the `extends` line at `via` brought in.
    case preset(String, via: SourceRange)
    /// The built-in default (a schema default, `barter_only`, the file's stem, …).
    case builtIn
    /// Derived by a documented rule, named here (the default seed).
    case derived(String)

    /// `path:line`, `preset money_demo`, `default`, or the rule's name.
    public var description: String {
        switch self {
        case .directive(let range): return "\(range.file):\(range.start.line)"
        case .preset(let name, _): return "preset \(name)"
        case .builtIn: return "default"
        case .derived(let rule): return rule
        }
    }

    /// The preset's name when the value came from a preset, else nil.
    public var presetName: String? {
        if case .preset(let name, _) = self { return name }
        return nil
    }

    /// The range a diagnostic about this value points at, if the value came from a file.
    public var range: SourceRange? {
        switch self {
        case .directive(let range), .preset(_, let range): return range
        case .builtIn, .derived: return nil
        }
    }
}

/// A resolved value and where it came from.
public struct Sourced<Value> {
    /// The value.
    public var value: Value
    /// Where it came from.
    public var origin: Origin

    /// A value with its origin.
    public init(_ value: Value, _ origin: Origin) {
        self.value = value
        self.origin = origin
    }
}

extension Sourced: Equatable where Value: Equatable {}
extension Sourced: Sendable where Value: Sendable {}

/// Every field a recipe can set, resolved through its `extends` chain, each with its origin.
///
/// Fields a chain never sets are nil; a buildable scenario has all of the required ones.
public struct ResolvedFields: Sendable {
    /// `agents`.
    public var agents: Sourced<Int>?
    /// `grid`.
    public var grid: Sourced<Int>?
    /// `inventory`.
    public var inventory: Sourced<InventoryRange>?
    /// `money`; nil means the inventory range.
    public var money: Sourced<InventoryRange>?
    /// `utilities`, or the entries of `utility` lines.
    public var utilities: Sourced<[UtilityEntry]>?
    /// The `utility` line of each mix entry when the mix came from `utility` lines (empty when it
    /// came from a `utilities` line or a preset).
    public var utilityLines: [SourceRange] = []
    /// `resources density`.
    public var density: Sourced<Double>?
    /// `resources max`.
    public var maxAmount: Sourced<Int>?
    /// `resources amount`: `resource_seed.amount` alone; nil writes `resources max` there.
    public var amount: Sourced<Int>?
    /// `resources regen`: an integer or a decimal rate.
    public var regen: Sourced<ParamValue>?
    /// `regime`.
    public var regime: Sourced<ExchangeRegime>?
    /// `seed`.
    public var seed: Sourced<Seed>?
    /// `set` entries by dotted path.
    public var params: [String: Sourced<ParamValue>] = [:]
    /// `schedule`; a nil value is `schedule off`.
    public var schedule: Sourced<ModeSchedule?>?
    /// `pin` entries by `TYPE.PARAM`.
    public var pins: [String: Sourced<Double>] = [:]
    /// `inventory GOOD …` explicit stocks.
    public var stock: [Good: Sourced<Stock>] = [:]
    /// `vmt VERSION`; nil until the chain or the project default (`--vmt`) gives one.
    public var target: Sourced<VMTTarget>?
    /// `search`, `matching` and `bargaining` lines by kind.
    public var protocols: [ProtocolKind: Sourced<String>] = [:]
    /// `vary` lines through the chain, in cross-product order (the first varies slowest).
    public var variations: [Variation] = []
    /// Fields whose `vary` line was refused with an error (so a placeholder naming one is not
    /// reported a second time as naming no varied field).
    var refusedVariations: Set<VaryField> = []

    /// The value count of each `vary` line through the chain, in cross-product order, as
    /// decimal text (a range beyond the limit is counted, never expanded); for VMT411.
    var varyCounts: [VaryCount] = []

    /// One `vary` line's field, value count (decimal text, any size) and range.
    struct VaryCount: Sendable {
        var field: VaryField
        var count: String
        var range: SourceRange
    }

    /// One varied field and its typed values, each with the range of the token it came from.
    public struct Variation: Sendable {
        /// The field as written in `vary` (`regime`, `resources.density`, `set.beta`, …).
        public var field: VaryField
        /// The values in order.
        public var values: [Located<FieldValue>]
        /// The text of each value for names and file names (`mixed`, `0.3`, `10..50`, `7`).
        public var texts: [String]
        /// The `vary` line.
        public var range: SourceRange
    }

    /// A value of one variable field.
    public enum FieldValue: Sendable, Equatable {
        /// agents, grid, resources.max, resources.regen.
        case int(Int)
        /// seed.
        case seed(Seed)
        /// regime.
        case regime(ExchangeRegime)
        /// inventory, money.
        case range(InventoryRange)
        /// resources.density.
        case float(Double)
        /// set.PATH.
        case param(String, ParamValue)
        /// search, matching, bargaining: a protocol name of the kind's list.
        case protocolName(String)
    }

    /// Sets `field` to `value`, with `origin`. `Variation` types each value for its field, so a
    /// value of another kind never reaches a field; were it to, the field is left unchanged.
    mutating func assign(_ field: VaryField, _ value: FieldValue, _ origin: Origin) {
        switch (field, value) {
        case (.agents, .int(let v)): agents = Sourced(v, origin)
        case (.grid, .int(let v)): grid = Sourced(v, origin)
        case (.resourcesMax, .int(let v)): maxAmount = Sourced(v, origin)
        case (.resourcesRegen, .int(let v)): regen = Sourced(.int(v), origin)
        case (.seed, .seed(let v)): seed = Sourced(v, origin)
        case (.regime, .regime(let v)): regime = Sourced(v, origin)
        case (.inventory, .range(let v)): inventory = Sourced(v, origin)
        case (.money, .range(let v)): money = Sourced(v, origin)
        case (.resourcesDensity, .float(let v)): density = Sourced(v, origin)
        case (.parameter, .param(let path, let v)): params[path] = Sourced(v, origin)
        case (.protocolChoice(let kind), .protocolName(let v)): protocols[kind] = Sourced(v, origin)
        case (.agents, _), (.grid, _), (.resourcesMax, _), (.resourcesRegen, _), (.seed, _), (.regime, _),
             (.inventory, _), (.money, _), (.resourcesDensity, _), (.parameter, _), (.protocolChoice, _):
            break
        }
    }

    /// Drops an inherited `vary` of `field`: a recipe that sets a field plainly fixes it.
    mutating func fix(_ field: VaryField) {
        variations.removeAll { $0.field == field }
        varyCounts.removeAll { $0.field == field }
    }

    /// No field set.
    public init() {}

    /// The fields of a built-in preset, each with the origin `preset NAME` through `via`.
    init(preset: Preset, via: SourceRange) {
        let origin = Origin.preset(preset.name, via: via)
        agents = Sourced(preset.agents, origin)
        grid = Sourced(preset.grid, origin)
        inventory = Sourced(preset.inventory, origin)
        utilities = Sourced(preset.utilities.map { UtilityEntry($0) }, origin)
        density = Sourced(preset.resources.density, origin)
        maxAmount = Sourced(preset.resources.maxAmount, origin)
        regen = Sourced(.int(preset.resources.regen), origin)
        regime = Sourced(preset.regime, origin)
    }

    /// The required directives this chain leaves unset, in the order a user writes them.
    var missing: [String] {
        var names: [String] = []
        if agents == nil { names.append("agents") }
        if grid == nil { names.append("grid") }
        // Explicit stock of A and B needs no range (nothing is drawn for them).
        if inventory == nil, stock[.a] == nil || stock[.b] == nil { names.append("inventory") }
        if utilities == nil { names.append("utilities") }
        if density == nil { names.append("resources density") }
        if maxAmount == nil { names.append("resources max") }
        if regen == nil { names.append("resources regen") }
        return names
    }
}
