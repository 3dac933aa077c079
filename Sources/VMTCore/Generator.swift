/// One generated entry of the utility mix: its type, weight and parameters in key order.
public struct GeneratedUtility: Equatable, Sendable {
    /// The utility family.
    public var type: UtilityType
    /// Its weight in the mix.
    public var weight: Double
    /// Parameter values, in `type.parameterNames` order.
    public var values: [Double]

    /// Pairs of parameter name and value, in the order written.
    public var parameters: [(name: String, value: Double)] {
        Array(zip(type.parameterNames, values)).map { (name: $0.0, value: $0.1) }
    }
}

/// A good agents hold: A and B, and money M under a money regime.
public enum Good: String, CaseIterable, Sendable {
    /// Good A.
    case a = "A"
    /// Good B.
    case b = "B"
    /// Money.
    case m = "M"
}

/// Receives each agent's stock as it is drawn, good by good (A, B, then M): the writer streams
/// it to the file, `Generator.generate` keeps it in arrays.
public protocol StockReceiver {
    /// What taking a stock can throw: `CoreError` for a writer, `Never` for a collector.
    associatedtype Failure: Error
    /// The stocks of `good` follow.
    mutating func begin(_ good: Good) throws(Failure)
    /// One agent's stock of the current good.
    mutating func stock(_ value: Int) throws(Failure)
    /// Every agent holds `value` of `good` (an explicit scalar stock); no `begin` precedes it.
    mutating func each(_ good: Good, _ value: Int) throws(Failure)
}

/// What the draws produced besides the stocks: the utility mix and the lowest stock of each good
/// (what the Stone-Geary rule needs), so a streamed scenario can be validated without keeping it.
public struct DrawnValues: Equatable, Sendable {
    /// The utility mix with drawn parameters.
    public var utilities: [GeneratedUtility]
    /// The lowest stock of each good.
    public var lowestStock: [Good: Int]
}

/// A generated scenario held in memory: the spec and every value drawn for it.
public struct Scenario: Equatable, Sendable {
    /// What the scenario was generated from.
    public let spec: ScenarioSpec
    /// Stock of good A per agent.
    public var inventoryA: [Int]
    /// Stock of good B per agent.
    public var inventoryB: [Int]
    /// Money per agent; nil under `barter_only`.
    public var inventoryM: [Int]?
    /// The utility mix with drawn parameters.
    public var utilities: [GeneratedUtility]
}

/// Draws a scenario's random values exactly as the reference generator does.
public enum Generator {
    /// Draws every value of `spec`, handing the stocks to `receiver` as they are drawn.
    ///
    /// The spec should have passed `Validator.validate(_:)`: the draws need
    /// `inventory.min <= inventory.max` (and the same for money). Order of draws (any change
    /// shifts every later value): A stocks, B stocks, M stocks (money regimes only), then each
    /// utility entry's parameters in mix order. That is also the order of the YAML, so a writer
    /// can stream the stocks without keeping them.
    public static func draw<Receiver: StockReceiver>(_ spec: ScenarioSpec, into receiver: inout Receiver) throws(Receiver.Failure) -> DrawnValues {
        var random = PythonRandom(seed: spec.seed)
        var lowest: [Good: Int] = [:]
        var goods: [(Good, InventoryRange?)] = [(.a, spec.inventory), (.b, spec.inventory)]
        if spec.regime.usesMoney { goods.append((.m, spec.moneyRange)) }
        for (good, range) in goods {
            switch spec.stock[good] {
            case .each(let value)?:
                // The draws still happen (when there is a range), so later values do not move.
                if let range { for _ in 0..<max(0, spec.agents) { _ = random.randint(range.min, range.max) } }
                try receiver.each(good, value)
                lowest[good] = value
            case .list(let explicit)?:
                try receiver.begin(good)
                var low = Int.max
                for index in 0..<max(0, spec.agents) {
                    if let range { _ = random.randint(range.min, range.max) }
                    let value = index < explicit.count ? explicit[index] : 0
                    if value < low { low = value }
                    try receiver.stock(value)
                }
                lowest[good] = low
            case nil:
                try receiver.begin(good)
                var low = Int.max
                // Without a range nothing can be drawn; the validator refuses such a spec first.
                if let range {
                    for _ in 0..<max(0, spec.agents) {
                        let value = random.randint(range.min, range.max)
                        if value < low { low = value }
                        try receiver.stock(value)
                    }
                }
                lowest[good] = low
            }
        }
        let weights = mixWeights(spec.utilities)
        var utilities: [GeneratedUtility] = []
        utilities.reserveCapacity(spec.utilities.count)
        // Quadratic draws scale with the range; without one they are all explicit (validated).
        let drawRange = spec.inventory ?? InventoryRange(min: 0, max: 0)
        for (entry, weight) in zip(spec.utilities, weights) {
            let drawn = drawParameters(entry.type, inventory: drawRange, &random).map(PythonFloat.round2)
            let values = pin(drawn, of: entry.type, explicitValues(entry, spec.pins))
            utilities.append(GeneratedUtility(type: entry.type, weight: weight, values: values))
        }
        return DrawnValues(utilities: utilities, lowestStock: lowest)
    }

    /// Generates the whole scenario in memory.
    public static func generate(_ spec: ScenarioSpec) -> Scenario {
        var collector = StockCollector(agents: spec.agents)
        let drawn = draw(spec, into: &collector)
        return Scenario(spec: spec, inventoryA: collector.stocks[.a] ?? [], inventoryB: collector.stocks[.b] ?? [],
                        inventoryM: collector.stocks[.m], utilities: drawn.utilities)
    }

    /// The explicit values for one entry by `TYPE.PARAM`: the recipe's pins of its type, then the
    /// entry's own parameters over them.
    public static func explicitValues(_ entry: UtilityEntry, _ pins: [String: Double]) -> [String: Double] {
        guard !entry.parameters.isEmpty else { return pins }
        var values = pins
        for (name, value) in entry.parameters { values[entry.type.rawValue + "." + name] = value }
        return values
    }

    /// Replaces pinned parameters. A pinned ces `wA` (stone_geary `alpha_A`) also sets `wB`
    /// (`alpha_B`) to `round(1 − wA, 2)`, as the draw would, unless that one is pinned too.
    static func pin(_ values: [Double], of type: UtilityType, _ pins: [String: Double]) -> [Double] {
        guard !pins.isEmpty else { return values }
        var values = values
        let names = type.parameterNames
        for (index, name) in names.enumerated() {
            if let pinned = pins[type.rawValue + "." + name] { values[index] = pinned }
        }
        if let (first, second) = type.complement,
           pins[type.rawValue + "." + first] != nil, pins[type.rawValue + "." + second] == nil,
           let a = names.firstIndex(of: first), let b = names.firstIndex(of: second) {
            values[b] = PythonFloat.round2(1.0 - values[a])
        }
        return values
    }

    /// Keeps the stocks in arrays.
    private struct StockCollector: StockReceiver {
        typealias Failure = Never
        let agents: Int
        var stocks: [Good: [Int]] = [:]
        var current: Good = .a
        mutating func begin(_ good: Good) {
            current = good
            stocks[good] = []
        }
        mutating func stock(_ value: Int) {
            stocks[current, default: []].append(value)
        }
        mutating func each(_ good: Good, _ value: Int) {
            stocks[good] = Array(repeating: value, count: max(0, agents))
        }
    }

    /// The weights of the mix: the given ones, or the reference's equal shares.
    ///
    /// The reference gives each of the first k−1 entries `round(1/k, 2)` and the last
    /// `round(1 − (sum of the others, added left to right), 2)`.
    public static func mixWeights(_ entries: [UtilityEntry]) -> [Double] {
        if !entries.isEmpty, entries.allSatisfy({ $0.weight != nil }) {
            return entries.map { $0.weight ?? 0 }
        }
        let k = entries.count
        guard k > 0 else { return [] }
        let share = PythonFloat.round2(1.0 / Double(k))
        var weights = [Double](repeating: share, count: k - 1)
        var sum = 0.0
        for weight in weights { sum += weight }
        weights.append(PythonFloat.round2(1.0 - sum))
        return weights
    }

    /// One entry's raw (unrounded) parameters, in the reference's order of draws, which is also
    /// the order the keys are written.
    static func drawParameters(_ type: UtilityType, inventory: InventoryRange, _ random: inout PythonRandom) -> [Double] {
        switch type {
        case .ces:
            let wA = random.uniform(0.3, 0.7)
            var rho = random.uniform(-1.0, 1.0)
            var tries = 1
            while rho >= 0.8 && rho <= 1.2 {
                if tries >= 100 {
                    // The reference's fallback after 100 failed draws (unreachable in practice).
                    rho = random.random() < 0.5 ? 0.79 : 1.21
                    break
                }
                rho = random.uniform(-1.0, 1.0)
                tries += 1
            }
            return [rho, wA, 1.0 - wA]
        case .linear:
            let vA = random.uniform(0.5, 3.0)
            let vB = random.uniform(0.5, 3.0)
            return [vA, vB]
        case .quadratic:
            let low = 1.2 * Double(inventory.min)
            let high = 0.8 * Double(inventory.max)
            let aStar = random.uniform(low, high)
            let bStar = random.uniform(low, high)
            let sigmaA = random.uniform(0.4 * aStar, 0.8 * aStar)
            let sigmaB = random.uniform(0.4 * bStar, 0.8 * bStar)
            let gamma = random.uniform(0.0, 0.2)
            return [aStar, bStar, sigmaA, sigmaB, gamma]
        case .translog:
            let alphaA = random.uniform(0.4, 0.6)
            let alphaB = random.uniform(0.4, 0.6)
            let betaAA = random.uniform(-0.10, -0.02)
            let betaBB = random.uniform(-0.10, -0.02)
            let betaAB = random.uniform(-0.03, 0.03)
            return [0.0, alphaA, alphaB, betaAA, betaBB, betaAB]
        case .stoneGeary:
            let alphaA = random.uniform(0.4, 0.6)
            return [alphaA, 1.0 - alphaA, 0.0, 0.0]
        }
    }
}
