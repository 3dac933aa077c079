/// The exchange regimes of VMT's simulator.
public enum ExchangeRegime: String, CaseIterable, Sendable {
    /// Goods A and B trade for each other only.
    case barterOnly = "barter_only"
    /// A and B trade for money M only.
    case moneyOnly = "money_only"
    /// Barter and money trades are both allowed.
    case mixed
    /// Money trades always; barter only where the market for money is thin.
    case mixedLiquidityGated = "mixed_liquidity_gated"

    /// True for the regimes that need money: they add M inventories and money parameters.
    public var usesMoney: Bool { self != .barterOnly }

    /// Every regime's name, in the reference's order.
    public static let names = allCases.map(\.rawValue)
}

/// The utility function families an agent can have.
public enum UtilityType: String, CaseIterable, Sendable {
    /// Constant elasticity of substitution: `rho`, `wA`, `wB`.
    case ces
    /// Perfect substitutes: `vA`, `vB`.
    case linear
    /// Bliss point with quadratic loss: `A_star`, `B_star`, `sigma_A`, `sigma_B`, `gamma`.
    case quadratic
    /// Transcendental logarithmic: `alpha_0`, `alpha_A`, `alpha_B`, `beta_AA`, `beta_BB`, `beta_AB`.
    case translog
    /// Subsistence levels: `alpha_A`, `alpha_B`, `gamma_A`, `gamma_B`.
    case stoneGeary = "stone_geary"

    /// Every type's name, in the reference's order.
    public static let names = allCases.map(\.rawValue)

    /// The pair of parameters the reference draws as one and its complement (`wB = 1 − wA`).
    public var complement: (String, String)? {
        switch self {
        case .ces: return ("wA", "wB")
        case .stoneGeary: return ("alpha_A", "alpha_B")
        default: return nil
        }
    }

    /// The parameters written for this type, in the reference's key order.
    public var parameterNames: [String] {
        switch self {
        case .ces: return ["rho", "wA", "wB"]
        case .linear: return ["vA", "vB"]
        case .quadratic: return ["A_star", "B_star", "sigma_A", "sigma_B", "gamma"]
        case .translog: return ["alpha_0", "alpha_A", "alpha_B", "beta_AA", "beta_BB", "beta_AB"]
        case .stoneGeary: return ["alpha_A", "alpha_B", "gamma_A", "gamma_B"]
        }
    }
}

/// An integer range `min...max` from which each agent's stock of a good is drawn.
public struct InventoryRange: Equatable, Hashable, Sendable {
    /// The smallest stock an agent can draw.
    public var min: Int
    /// The largest stock an agent can draw.
    public var max: Int

    /// A range; validation (`min ≥ 1`, `max > min`) happens in `Validator`.
    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }
}

/// The resource field: how dense, how much each cell holds, and how fast it grows back.
public struct ResourceConfig: Equatable, Hashable, Sendable {
    /// Fraction of cells that start with resources, 0...1.
    public var density: Double
    /// Amount per resource cell (`resource_seed.amount` and `params.resource_max_amount`).
    public var maxAmount: Int
    /// Regrowth per tick (`params.resource_growth_rate`) as an integer.
    public var regen: Int
    /// A decimal regrowth per tick (`resources regen 0.05`); when set it is written instead of `regen`.
    public var regenRate: Double?
    /// `resource_seed.amount` when it differs from `maxAmount` (`resources amount N`); nil writes `maxAmount`.
    public var amount: Int?

    /// A resource configuration.
    public init(density: Double, maxAmount: Int, regen: Int, regenRate: Double? = nil, amount: Int? = nil) {
        self.density = density
        self.maxAmount = maxAmount
        self.regen = regen
        self.regenRate = regenRate
        self.amount = amount
    }

    /// The amount each resource cell starts with: `amount`, or `maxAmount` when it is not set.
    public var seedAmount: Int { amount ?? maxAmount }

    /// `resource_growth_rate` as written: the decimal rate when set, else the integer.
    public var growthRate: ParamValue { regenRate.map(ParamValue.float) ?? .int(regen) }
}

/// One entry of the utility mix: a type, optionally its weight, and any explicit parameters.
public struct UtilityEntry: Equatable, Hashable, Sendable {
    /// The utility family.
    public var type: UtilityType
    /// The weight; nil for the reference's equal shares.
    public var weight: Double?
    /// Parameters given explicitly for this entry, by name (one of `type.parameterNames`); the
    /// others are drawn. An explicit value still consumes the draw it replaces.
    public var parameters: [String: Double]

    /// An entry of the mix.
    public init(_ type: UtilityType, weight: Double? = nil, parameters: [String: Double] = [:]) {
        self.type = type
        self.weight = weight
        self.parameters = parameters
    }
}

/// A built-in preset of the reference generator.
public struct Preset: Sendable {
    /// The preset's name (`minimal`, `standard`, …).
    public let name: String
    /// What the preset is for, in a few words.
    public let summary: String
    /// Number of agents.
    public let agents: Int
    /// Grid size N.
    public let grid: Int
    /// Inventory range for A and B.
    public let inventory: InventoryRange
    /// Utility types, in order.
    public let utilities: [UtilityType]
    /// Resource configuration.
    public let resources: ResourceConfig
    /// Exchange regime.
    public let regime: ExchangeRegime

    /// The reference's five presets, in its order.
    public static let all: [Preset] = [
        Preset(name: "minimal", summary: "quick tests", agents: 10, grid: 20,
               inventory: InventoryRange(min: 10, max: 50), utilities: [.ces, .linear],
               resources: ResourceConfig(density: 0.3, maxAmount: 5, regen: 1), regime: .barterOnly),
        Preset(name: "standard", summary: "every utility type", agents: 30, grid: 40,
               inventory: InventoryRange(min: 15, max: 60),
               utilities: [.ces, .linear, .quadratic, .translog, .stoneGeary],
               resources: ResourceConfig(density: 0.35, maxAmount: 6, regen: 2), regime: .barterOnly),
        Preset(name: "large", summary: "performance testing", agents: 80, grid: 80,
               inventory: InventoryRange(min: 10, max: 100), utilities: [.ces, .linear],
               resources: ResourceConfig(density: 0.4, maxAmount: 8, regen: 3), regime: .barterOnly),
        Preset(name: "money_demo", summary: "monetary exchange", agents: 20, grid: 30,
               inventory: InventoryRange(min: 10, max: 50), utilities: [.linear],
               resources: ResourceConfig(density: 0.2, maxAmount: 5, regen: 1), regime: .moneyOnly),
        Preset(name: "mixed_economy", summary: "barter and money", agents: 40, grid: 50,
               inventory: InventoryRange(min: 20, max: 80), utilities: [.ces, .linear, .quadratic],
               resources: ResourceConfig(density: 0.3, maxAmount: 6, regen: 2), regime: .mixed),
    ]

    /// Every preset's name, in order.
    public static let names = all.map(\.name)

    /// The preset called `name`, if there is one.
    public static func named(_ name: String) -> Preset? {
        all.first { $0.name == name }
    }
}
