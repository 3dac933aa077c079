/// Everything that determines a scenario: the generator's input.
///
/// The reference's command line fills the first eight fields; recipes can also give a money
/// range, utility weights, `params` overrides and a mode schedule, none of which draws a random
/// number, so adding them never changes any other value.
public struct ScenarioSpec: Equatable, Sendable {
    /// Written to `name:`.
    public var name: String
    /// The name as Python holds it, as code points, when it came from bytes that are not UTF-8
    /// (each such byte a lone surrogate U+DC80…U+DCFF, Python's `surrogateescape`); written to
    /// `name:` instead of `name`, which then holds U+FFFD for each such byte. Nil otherwise.
    public var nameCodePoints: [UInt32]?
    /// Number of agents.
    public var agents: Int
    /// Grid size N (the grid is N×N).
    public var grid: Int
    /// Range for goods A and B; nil when every A and B stock is explicit (then no stock is drawn
    /// for a good without a range, and quadratic parameters that are drawn need a range).
    public var inventory: InventoryRange?
    /// Range for money M; nil means the inventory range, as in the reference.
    public var money: InventoryRange?
    /// The utility mix, in order; repeats are allowed.
    public var utilities: [UtilityEntry]
    /// The resource field.
    public var resources: ResourceConfig
    /// The exchange regime.
    public var regime: ExchangeRegime
    /// The random seed.
    public var seed: Seed
    /// Overrides of `params` entries by dotted path (see `ParamSchema`).
    public var params: [String: ParamValue]
    /// The optional `mode_schedule` block.
    public var schedule: ModeSchedule?
    /// Pinned utility parameters by `TYPE.PARAM` (`ces.rho`): every mix entry of that type gets
    /// the value instead of its draw (the draw still happens, so nothing else moves).
    public var pins: [String: Double]
    /// Explicit stock of a good, one value per agent or one for every agent, instead of the draws
    /// (which still happen when there is a range to draw from, so nothing else moves).
    public var stock: [Good: Stock]
    /// The VMT version the file is written for: which `params` keys are written (see `ParamSchema`).
    public var target: VMTTarget
    /// The trade protocols named, by kind (written as top-level `search_protocol: NAME` and so on;
    /// only under a target that has protocols).
    public var protocols: [ProtocolKind: String]

    /// A spec; `params`, `schedule`, `pins`, `stock` and `protocols` default to none, `money` to
    /// the inventory range, `target` to `VMTTarget.standard`.
    public init(name: String, agents: Int, grid: Int, inventory: InventoryRange?, money: InventoryRange? = nil,
                utilities: [UtilityEntry], resources: ResourceConfig, regime: ExchangeRegime = .barterOnly,
                seed: Seed, params: [String: ParamValue] = [:], schedule: ModeSchedule? = nil,
                pins: [String: Double] = [:], stock: [Good: Stock] = [:], target: VMTTarget = .standard,
                protocols: [ProtocolKind: String] = [:]) {
        self.name = name
        self.agents = agents
        self.grid = grid
        self.inventory = inventory
        self.money = money
        self.utilities = utilities
        self.resources = resources
        self.regime = regime
        self.seed = seed
        self.params = params
        self.schedule = schedule
        self.pins = pins
        self.stock = stock
        self.target = target
        self.protocols = protocols
    }

    /// A spec from a preset's fields.
    public init(name: String, preset: Preset, seed: Seed) {
        self.init(name: name, agents: preset.agents, grid: preset.grid, inventory: preset.inventory,
                  utilities: preset.utilities.map { UtilityEntry($0) }, resources: preset.resources,
                  regime: preset.regime, seed: seed)
    }

    /// The range M is drawn from under a money regime; nil when there is none.
    public var moneyRange: InventoryRange? { money ?? inventory }
}

/// The explicit stock of one good: one value for every agent (YAML `A: 5`) or one per agent
/// (`A: [5, 7]`). VMT's loader reads both; only a scalar is checked against stone_geary gammas.
public enum Stock: Equatable, Hashable, Sendable, ExpressibleByArrayLiteral {
    /// The same stock for every agent, written as a scalar.
    case each(Int)
    /// One stock per agent, in agent order, written as a list.
    case list([Int])

    /// A list of per-agent stocks.
    public init(arrayLiteral elements: Int...) {
        self = .list(elements)
    }

    /// The stock of every agent, for `agents` agents.
    public func values(agents: Int) -> [Int] {
        switch self {
        case .each(let value): return Array(repeating: value, count: max(0, agents))
        case .list(let values): return values
        }
    }

    /// The lowest stock (nil for an empty list).
    public var lowest: Int? {
        switch self {
        case .each(let value): return value
        case .list(let values): return values.min()
        }
    }
}

/// The optional `mode_schedule` block: agents alternate between foraging and trading.
public struct ModeSchedule: Equatable, Hashable, Sendable {
    /// Which phase a cycle starts with.
    public enum Mode: String, CaseIterable, Sendable {
        /// Agents forage first.
        case forage
        /// Agents trade first.
        case trade
    }

    /// Ticks of foraging per cycle (> 0).
    public var forageTicks: Int
    /// Ticks of trading per cycle (> 0).
    public var tradeTicks: Int
    /// The phase each cycle starts with.
    public var startMode: Mode

    /// A `global_cycle` schedule.
    public init(forageTicks: Int, tradeTicks: Int, startMode: Mode = .forage) {
        self.forageTicks = forageTicks
        self.tradeTicks = tradeTicks
        self.startMode = startMode
    }
}

/// A field of the spec that a validation rule is about, so a caller can say where it was set.
public enum SpecField: Equatable, Hashable, Sendable {
    /// `name`.
    case name
    /// `agents`.
    case agents
    /// `N`, the grid size.
    case grid
    /// The A/B inventory range.
    case inventory
    /// The money range.
    case money
    /// The utility mix as a whole (its weights' sum, its emptiness).
    case utilities
    /// The entry at this index of the utility mix.
    case utility(Int)
    /// `resource_seed.density`.
    case resourceDensity
    /// Resource amount (`resource_seed.amount`, `params.resource_max_amount`).
    case resourceMax
    /// `resource_seed.amount` set apart from the max (`resources amount N`).
    case resourceAmount
    /// `params.resource_growth_rate`.
    case resourceRegen
    /// The exchange regime.
    case regime
    /// A `params` entry, by dotted path.
    case param(String)
    /// The mode schedule.
    case schedule
    /// A pinned utility parameter, by `TYPE.PARAM`.
    case pin(String)
    /// The explicit stock of a good.
    case stock(Good)
    /// The VMT target.
    case target
    /// A trade protocol.
    case protocolChoice(ProtocolKind)
}
