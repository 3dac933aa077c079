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

/// A generated scenario: the spec and every value drawn for it.
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
    /// Generates the scenario for `spec`. The spec should have passed `Validator.validate(_:)`:
    /// the draws need `inventory.min <= inventory.max` (and the same for money).
    ///
    /// Order of draws (any change shifts every later value): A inventories, B inventories,
    /// M inventories (money regimes only), then each utility entry's parameters in mix order.
    public static func generate(_ spec: ScenarioSpec) -> Scenario {
        var random = PythonRandom(seed: spec.seed)
        let inventoryA = drawInventories(spec.agents, spec.inventory, &random)
        let inventoryB = drawInventories(spec.agents, spec.inventory, &random)
        let inventoryM = spec.regime.usesMoney ? drawInventories(spec.agents, spec.moneyRange, &random) : nil
        let weights = mixWeights(spec.utilities)
        var utilities: [GeneratedUtility] = []
        utilities.reserveCapacity(spec.utilities.count)
        for (entry, weight) in zip(spec.utilities, weights) {
            let values = drawParameters(entry.type, inventory: spec.inventory, &random).map(PythonFloat.round2)
            utilities.append(GeneratedUtility(type: entry.type, weight: weight, values: values))
        }
        return Scenario(spec: spec, inventoryA: inventoryA, inventoryB: inventoryB, inventoryM: inventoryM,
                        utilities: utilities)
    }

    /// `agents` draws of `randint(min, max)`.
    static func drawInventories(_ agents: Int, _ range: InventoryRange, _ random: inout PythonRandom) -> [Int] {
        var values = [Int]()
        values.reserveCapacity(agents)
        for _ in 0..<agents { values.append(random.randint(range.min, range.max)) }
        return values
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
