/// A value in the scenario's `params` block.
public enum ParamValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// An integer, written in decimal.
    case int(Int)
    /// A float, written as PyYAML writes Python floats.
    case float(Double)
    /// A boolean, written `true` / `false`.
    case bool(Bool)
    /// A string (one of a parameter's choices).
    case string(String)

    /// The value as it appears in the YAML.
    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .float(let value): return PythonFloat.yaml(value)
        case .bool(let value): return value ? "true" : "false"
        case .string(let value): return value
        }
    }
}

/// The type and allowed values of one parameter, and how a text value is read as one.
public enum ParamKind: Sendable {
    /// An integer with an inclusive lower bound.
    case int(atLeast: Int)
    /// A float within bounds (nil for unbounded); `true` in a bound's flag means inclusive.
    case float(lower: Double?, lowerInclusive: Bool, upper: Double?, upperInclusive: Bool)
    /// `true` or `false`.
    case bool
    /// One of a fixed set of words.
    case choice([String])

    /// The rule in words, for messages: "an integer ≥ 0", "a number in (0, 1]".
    public var rule: String { CoreMessages.rule(of: self) }

    /// True when `value` has this kind's type and lies within its bounds.
    public func accepts(_ value: ParamValue) -> Bool {
        switch (self, value) {
        case let (.int(least), .int(v)):
            return v >= least
        case let (.float(lower, lowerInclusive, upper, upperInclusive), .float(v)):
            guard v.isFinite else { return false }
            if let lower, lowerInclusive ? v < lower : v <= lower { return false }
            if let upper, upperInclusive ? v > upper : v >= upper { return false }
            return true
        case (.bool, .bool):
            return true
        case let (.choice(words), .string(v)):
            return words.contains(v)
        default:
            return false
        }
    }
}

/// One entry of the schema of `params`.
public struct ParamDefinition: Sendable {
    /// When the entry appears in the YAML.
    public enum Placement: Sendable {
        /// Always written (the reference writes it for every scenario).
        case always
        /// Written for money regimes, or when set.
        case money
        /// Written only when set.
        case optional
    }

    /// The key, dotted for a field of a nested map (`lambda_bounds.lambda_max`).
    public let path: String
    /// Type and range.
    public let kind: ParamKind
    /// The value written when the entry is written but not set.
    public let defaultValue: ParamValue
    /// When it is written.
    public let placement: Placement
    /// The scenario field this entry is written from (the exchange regime, the resource regen
    /// rate, the resource amount), for entries that mirror another field; such an entry is not a
    /// free parameter. Nil for every free parameter. (How a language lets a user set that field
    /// is its own business: the recipe layer maps the field to its directive.)
    public let mirrors: SpecField?
    /// The VMT versions whose loader reads the entry; it is written (and may be set) only there.
    public let targets: Set<VMTTarget>

    /// Whether `target`'s loader reads the entry.
    public func isRead(by target: VMTTarget) -> Bool { targets.contains(target) }
}

/// The schema of the `params` block: every entry VMT's loader knows, in the order written.
///
/// The first fifteen are the ones the reference always writes, in its order; money parameters
/// follow, then the optional ones. Each entry names the VMT targets that read it: under
/// `2025-10` the reference's keys are written; under `2025-11` `dA_max`, `exchange_regime` and
/// the money entries are not, and `log_preferences` is (after `resource_regen_cooldown`). Nested maps (`lambda_bounds`, `liquidity_gate`) are listed
/// field by field with dotted paths and written as one map.
public enum ParamSchema {
    /// Every entry, in the order they are written.
    public static let entries: [ParamDefinition] = [
        entry("spread", .float(lower: 0, lowerInclusive: true, upper: nil, upperInclusive: false), .float(0.0)),
        entry("vision_radius", .int(atLeast: 0), .int(8)),
        entry("interaction_radius", .int(atLeast: 0), .int(1)),
        entry("move_budget_per_tick", .int(atLeast: 1), .int(1)),
        entry("dA_max", .int(atLeast: 1), .int(5), only: .v2025_10),
        entry("forage_rate", .int(atLeast: 1), .int(1)),
        entry("trade_cooldown_ticks", .int(atLeast: 0), .int(3)),
        entry("beta", .float(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true), .float(0.95)),
        entry("epsilon", .float(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false), .float(1e-12)),
        entry("exchange_regime", .choice(ExchangeRegime.names), .string("barter_only"), mirrors: .regime, only: .v2025_10),
        entry("enable_resource_claiming", .bool, .bool(true)),
        entry("enforce_single_harvester", .bool, .bool(true)),
        entry("resource_growth_rate", .int(atLeast: 0), .int(0), mirrors: .resourceRegen),
        entry("resource_max_amount", .int(atLeast: 1), .int(5), mirrors: .resourceMax),
        entry("resource_regen_cooldown", .int(atLeast: 0), .int(5)),
        entry("log_preferences", .bool, .bool(false), only: .v2025_11),
        entry("money_mode", .choice(["quasilinear", "kkt_lambda"]), .string("quasilinear"), .money, only: .v2025_10),
        entry("money_scale", .int(atLeast: 1), .int(1), .money, only: .v2025_10),
        entry("lambda_money", .float(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false), .float(1.0), .money, only: .v2025_10),
        entry("lambda_update_rate", .float(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: true), .float(0.2), .optional, only: .v2025_10),
        entry("lambda_bounds.lambda_min", .float(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false), .float(1e-6), .optional, only: .v2025_10),
        entry("lambda_bounds.lambda_max", .float(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false), .float(1e6), .optional, only: .v2025_10),
        entry("liquidity_gate.min_quotes", .int(atLeast: 0), .int(3), .optional, only: .v2025_10),
        entry("earn_money_enabled", .bool, .bool(false), .optional, only: .v2025_10),
    ]

    private static func entry(_ path: String, _ kind: ParamKind, _ value: ParamValue,
                              _ placement: ParamDefinition.Placement = .always, mirrors: SpecField? = nil,
                              only: VMTTarget? = nil) -> ParamDefinition {
        ParamDefinition(path: path, kind: kind, defaultValue: value, placement: placement, mirrors: mirrors,
                        targets: only.map { [$0] } ?? Set(VMTTarget.allCases))
    }

    /// The entry at `path`, if the schema has one.
    public static func definition(_ path: String) -> ParamDefinition? {
        entries.first { $0.path == path }
    }

    /// The paths that only matter when agents hold money: the money parameters and the
    /// optional entries after them.
    public static var moneyPaths: [String] {
        entries.filter { $0.placement != .always }.map(\.path)
    }

    /// Every free parameter's path (the entries that mirror no other field), under any target.
    public static var settablePaths: [String] {
        entries.filter { $0.mirrors == nil }.map(\.path)
    }

    /// The paths a recipe may `set` under `target`.
    public static func settablePaths(for target: VMTTarget) -> [String] {
        entries.filter { $0.mirrors == nil && $0.isRead(by: target) }.map(\.path)
    }
}
