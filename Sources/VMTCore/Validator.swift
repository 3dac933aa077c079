/// A broken rule of VMT's scenario loader, with the field it is about.
public struct ValidationIssue: Equatable, Sendable, CustomStringConvertible {
    /// The field whose value breaks the rule.
    public let field: SpecField
    /// The rule and the offending value, e.g. `agents must be > 0 (got 0)`.
    public let message: String

    /// An issue about `field`.
    public init(_ field: SpecField, _ message: String) {
        self.field = field
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The simulator loader's rules (`reference-generator.md` §6), checked before anything is written.
///
/// `validate(_:)` checks a spec before any value is drawn; `validate(_:)` on a `Scenario` checks
/// the drawn utility parameters and stocks. A spec that passes the first always yields a
/// scenario that passes the second, but both run, so a future change that breaks that is caught.
public enum Validator {
    /// The most agents a scenario may have: beyond this the file (and the simulation) stop
    /// being practical, and a typo should not fill the disk.
    public static let maxAgents = 10_000_000
    /// The largest grid size N.
    public static let maxGrid = 1_000_000
    /// How far the weights of a mix may sum away from 1.
    public static let weightTolerance = 1e-6

    /// Checks every rule that depends only on the spec; returns every broken one.
    public static func validate(_ spec: ScenarioSpec) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func check(_ condition: Bool, _ field: SpecField, _ message: @autoclosure () -> String) {
            if !condition { issues.append(ValidationIssue(field, message())) }
        }
        check(spec.agents > 0, .agents, CoreMessages.agentsNotPositive(spec.agents))
        check(spec.agents <= maxAgents, .agents, CoreMessages.tooManyAgents(spec.agents, most: maxAgents))
        check(spec.grid > 0, .grid, CoreMessages.gridNotPositive(spec.grid))
        check(spec.grid <= maxGrid, .grid, CoreMessages.gridTooLarge(spec.grid, most: maxGrid))
        if let inventory = spec.inventory {
            check(inventory.min >= 1, .inventory,
                  CoreMessages.inventoryMinimumBelowOne(inventory.min))
            check(inventory.max > inventory.min, .inventory,
                  CoreMessages.inventoryRangeEmpty(inventory.min, inventory.max))
        } else {
            for good in [Good.a, .b] where spec.stock[good] == nil {
                issues.append(ValidationIssue(.inventory, CoreMessages.noStockValues(good)))
            }
        }
        if let money = spec.money {
            check(money.min >= 0, .money, CoreMessages.moneyMinimumNegative(money.min))
            check(money.max > money.min, .money,
                  CoreMessages.moneyRangeEmpty(money.min, money.max))
        }
        if spec.regime.usesMoney, spec.moneyRange == nil, spec.stock[.m] == nil {
            issues.append(ValidationIssue(.money, CoreMessages.moneyRegimeWithoutMoney))
        }
        let density = spec.resources.density
        check(density.isFinite && density >= 0 && density <= 1, .resourceDensity,
              CoreMessages.densityOutOfRange(density))
        check(spec.resources.maxAmount > 0, .resourceMax,
              CoreMessages.resourceMaxNotPositive(spec.resources.maxAmount))
        if let amount = spec.resources.amount {
            // VMT's loader: the amount must be positive where resources are seeded (density > 0).
            check(amount >= 0, .resourceAmount, CoreMessages.resourceAmountNegative(amount))
            check(!(density > 0) || amount > 0, .resourceAmount,
                  CoreMessages.resourceAmountZeroWithDensity(amount, density: density))
        }
        check(spec.resources.regen >= 0, .resourceRegen,
              CoreMessages.regenNegative("\(spec.resources.regen)"))
        if let rate = spec.resources.regenRate {
            check(rate.isFinite && rate >= 0, .resourceRegen,
                  CoreMessages.regenNegative(PythonFloat.repr(rate)))
        }
        validateMix(spec.utilities, &issues)
        validatePins(spec.pins, &issues)
        validateEntryParameters(spec, &issues)
        for good in Good.allCases {
            guard case .list(let values)? = spec.stock[good] else {
                if case .each(let value)? = spec.stock[good], value < 0 {
                    issues.append(ValidationIssue(.stock(good), CoreMessages.stockNegative(good, value)))
                }
                continue
            }
            check(values.count == spec.agents, .stock(good),
                  CoreMessages.stockCount(good, values: values.count, agents: spec.agents))
            // VMT's loader accepts zero stock (and does not check lists against stone_geary gammas).
            if let index = values.firstIndex(where: { $0 < 0 }) {
                issues.append(ValidationIssue(.stock(good), CoreMessages.stockListNegative(good, agent: index + 1, value: values[index])))
            }
        }
        validateParams(spec.params, &issues)
        if let schedule = spec.schedule {
            check(schedule.forageTicks > 0, .schedule, CoreMessages.scheduleTicksNotPositive("forage", schedule.forageTicks))
            check(schedule.tradeTicks > 0, .schedule, CoreMessages.scheduleTicksNotPositive("trade", schedule.tradeTicks))
        }
        return issues
    }

    private static func validateMix(_ entries: [UtilityEntry], _ issues: inout [ValidationIssue]) {
        guard !entries.isEmpty else {
            issues.append(ValidationIssue(.utilities, CoreMessages.emptyMix))
            return
        }
        let given = entries.filter { $0.weight != nil }.count
        if given != 0 && given != entries.count {
            issues.append(ValidationIssue(.utilities, CoreMessages.mixedWeights))
            return
        }
        let weights = Generator.mixWeights(entries)
        var sum = 0.0
        for (index, weight) in weights.enumerated() {
            if !(weight.isFinite && weight >= 0) {
                issues.append(ValidationIssue(.utility(index), CoreMessages.weightNegative(weight)))
            }
            sum += weight
        }
        if !(abs(sum - 1.0) <= weightTolerance) {
            issues.append(ValidationIssue(.utilities, CoreMessages.weightsSum(sum)))
        }
    }

    /// The rule each pinnable parameter must meet, as a test and its wording.
    static func pinRule(_ key: String) -> (test: (Double) -> Bool, rule: String)? {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let type = UtilityType(rawValue: parts[0]), type.parameterNames.contains(parts[1]) else {
            return nil
        }
        switch (type, parts[1]) {
        case (.ces, "rho"): return ({ $0 != 1 }, CoreMessages.ParameterRule.notOne)
        case (.quadratic, "gamma"), (.stoneGeary, "gamma_A"), (.stoneGeary, "gamma_B"): return ({ $0 >= 0 }, CoreMessages.ParameterRule.notNegative)
        case (.translog, "alpha_0"), (.translog, "beta_AA"), (.translog, "beta_BB"), (.translog, "beta_AB"):
            return ({ _ in true }, CoreMessages.ParameterRule.anyNumber)
        default: return ({ $0 > 0 }, CoreMessages.ParameterRule.positive)
        }
    }

    private static func validatePins(_ pins: [String: Double], _ issues: inout [ValidationIssue]) {
        for key in pins.keys.sorted() {
            guard let value = pins[key] else { continue }
            guard let (test, rule) = pinRule(key) else {
                issues.append(ValidationIssue(.pin(key), CoreMessages.unknownUtilityParameter(key)))
                continue
            }
            if !(value.isFinite && test(value)) {
                issues.append(ValidationIssue(.pin(key), CoreMessages.utilityParameterRule(key, rule, got: value)))
                continue
            }
            // A pinned wA (alpha_A) alone sets its complement to 1 − value, which must stay > 0.
            let type = key.split(separator: ".").first.flatMap { UtilityType(rawValue: String($0)) }
            if let type, let (first, second) = type.complement, key == "\(type.rawValue).\(first)",
               pins["\(type.rawValue).\(second)"] == nil, !(value < 1) {
                issues.append(ValidationIssue(.pin(key), CoreMessages.complementNotPositive(key, first: first, second: second, got: value)))
            }
        }
    }

    /// The loader's rules for the parameters a `utility` line gives one entry, and the need for
    /// a range when a quadratic entry draws a parameter that scales with it.
    private static func validateEntryParameters(_ spec: ScenarioSpec, _ issues: inout [ValidationIssue]) {
        for (index, entry) in spec.utilities.enumerated() {
            for name in entry.type.parameterNames {
                guard let value = entry.parameters[name] else { continue }
                let key = entry.type.rawValue + "." + name
                guard let (test, rule) = pinRule(key) else { continue }
                if !(value.isFinite && test(value)) {
                    issues.append(ValidationIssue(.utility(index), CoreMessages.utilityParameterRule(key, rule, got: value)))
                }
            }
            for name in entry.parameters.keys.sorted() where !entry.type.parameterNames.contains(name) {
                issues.append(ValidationIssue(.utility(index), CoreMessages.unknownUtilityParameter(entry.type.rawValue + "." + name)))
            }
            let explicit = Generator.explicitValues(entry, spec.pins)
            if let (first, second) = entry.type.complement, let value = entry.parameters[first],
               explicit[entry.type.rawValue + "." + second] == nil, !(value < 1) {
                issues.append(ValidationIssue(.utility(index),
                    CoreMessages.complementNotPositive(entry.type.rawValue + " " + first, first: first, second: second, got: value)))
            }
            if entry.type == .quadratic, spec.inventory == nil {
                let drawn = ["A_star", "B_star", "sigma_A", "sigma_B"].filter { explicit["quadratic." + $0] == nil }
                if !drawn.isEmpty {
                    issues.append(ValidationIssue(.utility(index), CoreMessages.quadraticNeedsRange(drawn)))
                }
            }
        }
    }

    private static func validateParams(_ params: [String: ParamValue], _ issues: inout [ValidationIssue]) {
        for path in params.keys.sorted() {
            guard let value = params[path] else { continue }
            guard let definition = ParamSchema.definition(path) else {
                issues.append(ValidationIssue(.param(path), CoreMessages.unknownParameter(path)))
                continue
            }
            if let field = definition.mirrors {
                issues.append(ValidationIssue(.param(path), CoreMessages.mirroredParameter(path, field)))
                continue
            }
            if !definition.kind.accepts(value) {
                issues.append(ValidationIssue(.param(path), CoreMessages.badParameterValue(path, rule: definition.kind.rule, got: "\(value)")))
            }
        }
        let lambdaMin = ParamWriter.value(for: "lambda_bounds.lambda_min", in: params)
        let lambdaMax = ParamWriter.value(for: "lambda_bounds.lambda_max", in: params)
        if case .float(let low) = lambdaMin, case .float(let high) = lambdaMax, !(low < high) {
            let field = params["lambda_bounds.lambda_min"] != nil && params["lambda_bounds.lambda_max"] == nil
                ? "lambda_bounds.lambda_min" : "lambda_bounds.lambda_max"
            issues.append(ValidationIssue(.param(field), CoreMessages.lambdaBounds(low, high)))
        }
    }

    /// Checks the drawn utility parameters and, for Stone-Geary, the lowest stocks against the
    /// subsistence levels.
    public static func validate(_ drawn: DrawnValues, of spec: ScenarioSpec) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (index, utility) in drawn.utilities.enumerated() {
            let p = Dictionary(utility.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            func value(_ name: String) -> Double { p[name] ?? .nan }
            func check(_ condition: Bool, _ message: String) {
                if !condition { issues.append(ValidationIssue(.utility(index), message)) }
            }
            check(utility.values.allSatisfy(\.isFinite), CoreMessages.drawnNotFinite(utility.type))
            switch utility.type {
            case .ces:
                check(value("rho") != 1.0, CoreMessages.drawnRhoOne)
                check(value("wA") > 0 && value("wB") > 0, CoreMessages.drawnCESWeights)
            case .linear:
                check(value("vA") > 0 && value("vB") > 0, CoreMessages.drawnLinearValues)
            case .quadratic:
                check(["A_star", "B_star", "sigma_A", "sigma_B"].allSatisfy { value($0) > 0 },
                      CoreMessages.drawnQuadraticCentres)
                check(value("gamma") >= 0, CoreMessages.drawnQuadraticGamma)
            case .translog:
                check(value("alpha_A") > 0 && value("alpha_B") > 0, CoreMessages.drawnTranslogAlphas)
            case .stoneGeary:
                check(value("alpha_A") > 0 && value("alpha_B") > 0, CoreMessages.drawnStoneGearyAlphas)
                check(value("gamma_A") >= 0 && value("gamma_B") >= 0, CoreMessages.drawnStoneGearyGammas)
                for (good, gamma) in [(Good.a, value("gamma_A")), (Good.b, value("gamma_B"))] {
                    // VMT's loader checks a scalar stock against gamma but not a list; drawn
                    // stocks keep the reference's rule (every stock above gamma).
                    if case .list? = spec.stock[good] { continue }
                    if let low = drawn.lowestStock[good], !(Double(low) > gamma) {
                        // Blame the pinned subsistence level if there is one, else the stocks.
                        let pinKey = "stone_geary.gamma_" + good.rawValue
                        let field: SpecField = spec.pins[pinKey] != nil ? .pin(pinKey)
                            : spec.stock[good] != nil ? .stock(good) : .inventory
                        issues.append(ValidationIssue(field, CoreMessages.stockBelowSubsistence(
                            good, every: spec.stock[good] == nil, gamma: gamma, lowest: low)))
                    }
                }
            }
        }
        return issues
    }
}
