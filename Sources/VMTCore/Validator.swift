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

/// The wording of the rules that both the core and a front end state (a front end that checks a
/// value before building a spec quotes these, so each text exists once).
public enum RuleText {
    /// A `params` path the schema does not know.
    public static func unknownParameter(_ path: String) -> String {
        "unknown parameter '\(path)'"
    }

    /// A `params` value of the wrong type or out of range.
    public static func badParameterValue(_ path: String, rule: String, got: String) -> String {
        "\(path) must be \(rule) (got \(got))"
    }

    /// A mix with weights on some entries only.
    public static let mixedWeights = "give a weight to every utility or to none"

    /// A `params` entry that mirrors another field of the scenario.
    public static func mirroredParameter(_ path: String, _ field: SpecField) -> String {
        "'\(path)' is written from the scenario's \(field.words), not given as a parameter"
    }
}

extension SpecField {
    /// The field in words, for messages: "exchange regime", "resource regen rate".
    public var words: String {
        switch self {
        case .name: return "name"
        case .agents: return "number of agents"
        case .grid: return "grid size"
        case .inventory: return "inventory range"
        case .money: return "money range"
        case .utilities: return "utility mix"
        case .utility(let index): return "utility \(index + 1)"
        case .resourceDensity: return "resource density"
        case .resourceMax: return "resource max amount"
        case .resourceAmount: return "resource seed amount"
        case .resourceRegen: return "resource regen rate"
        case .regime: return "exchange regime"
        case .param(let path): return "parameter \(path)"
        case .schedule: return "mode schedule"
        case .pin(let key): return "pinned \(key)"
        case .stock(let good): return "stock of \(good.rawValue)"
        case .target: return "VMT target"
        case .protocolChoice(let kind): return "\(kind.rawValue) protocol"
        }
    }
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
        check(spec.agents > 0, .agents, "agents must be > 0 (got \(spec.agents))")
        check(spec.agents <= maxAgents, .agents, "agents must be at most \(maxAgents) (got \(spec.agents))")
        check(spec.grid > 0, .grid, "grid size N must be > 0 (got \(spec.grid))")
        check(spec.grid <= maxGrid, .grid, "grid size N must be at most \(maxGrid) (got \(spec.grid))")
        if let inventory = spec.inventory {
            check(inventory.min >= 1, .inventory,
                  "inventory minimum must be >= 1, as log utilities need positive stock (got \(inventory.min))")
            check(inventory.max > inventory.min, .inventory,
                  "inventory maximum must be greater than the minimum (got \(inventory.min)..\(inventory.max))")
        } else {
            for good in [Good.a, .b] where spec.stock[good] == nil {
                issues.append(ValidationIssue(.inventory,
                    "inventory \(good.rawValue) has no values: give a range MIN..MAX or 'inventory \(good.rawValue) V, ...'"))
            }
        }
        if let money = spec.money {
            check(money.min >= 0, .money, "money minimum must be >= 0 (got \(money.min))")
            check(money.max > money.min, .money,
                  "money maximum must be greater than the minimum (got \(money.min)..\(money.max))")
        }
        if spec.regime.usesMoney, spec.moneyRange == nil, spec.stock[.m] == nil {
            issues.append(ValidationIssue(.money,
                "a money regime needs M stock: give 'money MIN..MAX', 'inventory MIN..MAX' or 'inventory M V, ...'"))
        }
        let density = spec.resources.density
        check(density.isFinite && density >= 0 && density <= 1, .resourceDensity,
              "resource density must be in [0, 1] (got \(PythonFloat.repr(density)))")
        check(spec.resources.maxAmount > 0, .resourceMax,
              "resource max amount must be > 0 (got \(spec.resources.maxAmount))")
        if let amount = spec.resources.amount {
            // VMT's loader: the amount must be positive where resources are seeded (density > 0).
            check(amount >= 0, .resourceAmount, "resource amount must be >= 0 (got \(amount))")
            check(!(density > 0) || amount > 0, .resourceAmount,
                  "resource amount must be > 0 when density is above 0 (got \(amount) with density \(PythonFloat.repr(density)))")
        }
        check(spec.resources.regen >= 0, .resourceRegen,
              "resource regen (resource_growth_rate) must be >= 0 (got \(spec.resources.regen))")
        if let rate = spec.resources.regenRate {
            check(rate.isFinite && rate >= 0, .resourceRegen,
                  "resource regen (resource_growth_rate) must be >= 0 (got \(PythonFloat.repr(rate)))")
        }
        validateMix(spec.utilities, &issues)
        validatePins(spec.pins, &issues)
        validateEntryParameters(spec, &issues)
        for good in Good.allCases {
            guard case .list(let values)? = spec.stock[good] else {
                if case .each(let value)? = spec.stock[good], value < 0 {
                    issues.append(ValidationIssue(.stock(good), "inventory \(good.rawValue) must be >= 0 (got \(value))"))
                }
                continue
            }
            check(values.count == spec.agents, .stock(good),
                  "inventory \(good.rawValue) lists \(values.count) value\(values.count == 1 ? "" : "s") for \(spec.agents) agent\(spec.agents == 1 ? "" : "s")")
            // VMT's loader accepts zero stock (and does not check lists against stone_geary gammas).
            if let index = values.firstIndex(where: { $0 < 0 }) {
                issues.append(ValidationIssue(.stock(good),
                    "inventory \(good.rawValue) values must be >= 0 (agent \(index + 1) has \(values[index]))"))
            }
        }
        validateParams(spec.params, &issues)
        if let schedule = spec.schedule {
            check(schedule.forageTicks > 0, .schedule, "schedule forage ticks must be > 0 (got \(schedule.forageTicks))")
            check(schedule.tradeTicks > 0, .schedule, "schedule trade ticks must be > 0 (got \(schedule.tradeTicks))")
        }
        return issues
    }

    private static func validateMix(_ entries: [UtilityEntry], _ issues: inout [ValidationIssue]) {
        guard !entries.isEmpty else {
            issues.append(ValidationIssue(.utilities, "the utility mix must not be empty"))
            return
        }
        let given = entries.filter { $0.weight != nil }.count
        if given != 0 && given != entries.count {
            issues.append(ValidationIssue(.utilities, RuleText.mixedWeights))
            return
        }
        let weights = Generator.mixWeights(entries)
        var sum = 0.0
        for (index, weight) in weights.enumerated() {
            if !(weight.isFinite && weight >= 0) {
                issues.append(ValidationIssue(.utility(index),
                                              "utility weight must be >= 0 (got \(PythonFloat.repr(weight)))"))
            }
            sum += weight
        }
        if !(abs(sum - 1.0) <= weightTolerance) {
            issues.append(ValidationIssue(.utilities,
                                          "utility weights must sum to 1 (they sum to \(PythonFloat.repr(sum)))"))
        }
    }

    /// The rule each pinnable parameter must meet, as a test and its wording.
    static func pinRule(_ key: String) -> (test: (Double) -> Bool, rule: String)? {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let type = UtilityType(rawValue: parts[0]), type.parameterNames.contains(parts[1]) else {
            return nil
        }
        switch (type, parts[1]) {
        case (.ces, "rho"): return ({ $0 != 1 }, "must not be 1")
        case (.quadratic, "gamma"), (.stoneGeary, "gamma_A"), (.stoneGeary, "gamma_B"): return ({ $0 >= 0 }, "must be >= 0")
        case (.translog, "alpha_0"), (.translog, "beta_AA"), (.translog, "beta_BB"), (.translog, "beta_AB"):
            return ({ _ in true }, "must be a number")
        default: return ({ $0 > 0 }, "must be > 0")
        }
    }

    private static func validatePins(_ pins: [String: Double], _ issues: inout [ValidationIssue]) {
        for key in pins.keys.sorted() {
            guard let value = pins[key] else { continue }
            guard let (test, rule) = pinRule(key) else {
                issues.append(ValidationIssue(.pin(key), "unknown utility parameter '\(key)'"))
                continue
            }
            if !(value.isFinite && test(value)) {
                issues.append(ValidationIssue(.pin(key), "\(key) \(rule) (got \(PythonFloat.repr(value)))"))
                continue
            }
            // A pinned wA (alpha_A) alone sets its complement to 1 − value, which must stay > 0.
            let type = key.split(separator: ".").first.flatMap { UtilityType(rawValue: String($0)) }
            if let type, let (first, second) = type.complement, key == "\(type.rawValue).\(first)",
               pins["\(type.rawValue).\(second)"] == nil, !(value < 1) {
                issues.append(ValidationIssue(.pin(key),
                    "\(key) must be < 1, as \(second) = 1 - \(first) must stay > 0 (got \(PythonFloat.repr(value)))"))
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
                    issues.append(ValidationIssue(.utility(index), "\(key) \(rule) (got \(PythonFloat.repr(value)))"))
                }
            }
            for name in entry.parameters.keys.sorted() where !entry.type.parameterNames.contains(name) {
                issues.append(ValidationIssue(.utility(index), "unknown utility parameter '\(entry.type.rawValue).\(name)'"))
            }
            let explicit = Generator.explicitValues(entry, spec.pins)
            if let (first, second) = entry.type.complement, let value = entry.parameters[first],
               explicit[entry.type.rawValue + "." + second] == nil, !(value < 1) {
                issues.append(ValidationIssue(.utility(index),
                    "\(entry.type.rawValue) \(first) must be < 1, as \(second) = 1 - \(first) must stay > 0 (got \(PythonFloat.repr(value)))"))
            }
            if entry.type == .quadratic, spec.inventory == nil {
                let drawn = ["A_star", "B_star", "sigma_A", "sigma_B"].filter { explicit["quadratic." + $0] == nil }
                if !drawn.isEmpty {
                    issues.append(ValidationIssue(.utility(index),
                        "quadratic \(drawn.joined(separator: ", ")) \(drawn.count == 1 ? "is" : "are") drawn from the inventory range, and there is none: give a range or the value\(drawn.count == 1 ? "" : "s")"))
                }
            }
        }
    }

    private static func validateParams(_ params: [String: ParamValue], _ issues: inout [ValidationIssue]) {
        for path in params.keys.sorted() {
            guard let value = params[path] else { continue }
            guard let definition = ParamSchema.definition(path) else {
                issues.append(ValidationIssue(.param(path), RuleText.unknownParameter(path)))
                continue
            }
            if let field = definition.mirrors {
                issues.append(ValidationIssue(.param(path), RuleText.mirroredParameter(path, field)))
                continue
            }
            if !definition.kind.accepts(value) {
                issues.append(ValidationIssue(.param(path), RuleText.badParameterValue(path, rule: definition.kind.rule, got: "\(value)")))
            }
        }
        let lambdaMin = ParamWriter.value(for: "lambda_bounds.lambda_min", in: params)
        let lambdaMax = ParamWriter.value(for: "lambda_bounds.lambda_max", in: params)
        if case .float(let low) = lambdaMin, case .float(let high) = lambdaMax, !(low < high) {
            let field = params["lambda_bounds.lambda_min"] != nil && params["lambda_bounds.lambda_max"] == nil
                ? "lambda_bounds.lambda_min" : "lambda_bounds.lambda_max"
            issues.append(ValidationIssue(.param(field),
                                          "lambda_bounds needs lambda_min < lambda_max (got \(PythonFloat.repr(low)) and \(PythonFloat.repr(high)))"))
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
            check(utility.values.allSatisfy(\.isFinite), "\(utility.type.rawValue) parameters must be finite numbers")
            switch utility.type {
            case .ces:
                check(value("rho") != 1.0, "ces rho must not be 1")
                check(value("wA") > 0 && value("wB") > 0, "ces wA and wB must be > 0")
            case .linear:
                check(value("vA") > 0 && value("vB") > 0, "linear vA and vB must be > 0")
            case .quadratic:
                check(["A_star", "B_star", "sigma_A", "sigma_B"].allSatisfy { value($0) > 0 },
                      "quadratic A_star, B_star, sigma_A and sigma_B must be > 0")
                check(value("gamma") >= 0, "quadratic gamma must be >= 0")
            case .translog:
                check(value("alpha_A") > 0 && value("alpha_B") > 0, "translog alpha_A and alpha_B must be > 0")
            case .stoneGeary:
                check(value("alpha_A") > 0 && value("alpha_B") > 0, "stone_geary alpha_A and alpha_B must be > 0")
                check(value("gamma_A") >= 0 && value("gamma_B") >= 0, "stone_geary gamma_A and gamma_B must be >= 0")
                for (good, gamma) in [(Good.a, value("gamma_A")), (Good.b, value("gamma_B"))] {
                    // VMT's loader checks a scalar stock against gamma but not a list; drawn
                    // stocks keep the reference's rule (every stock above gamma).
                    if case .list? = spec.stock[good] { continue }
                    if let low = drawn.lowestStock[good], !(Double(low) > gamma) {
                        // Blame the pinned subsistence level if there is one, else the stocks.
                        let pinKey = "stone_geary.gamma_" + good.rawValue
                        let field: SpecField = spec.pins[pinKey] != nil ? .pin(pinKey)
                            : spec.stock[good] != nil ? .stock(good) : .inventory
                        let what = spec.stock[good] != nil ? "the" : "every"
                        issues.append(ValidationIssue(field,
                            "stone_geary needs \(what) \(good.rawValue) inventory > gamma_\(good.rawValue) = \(PythonFloat.repr(gamma)) (an agent has \(low))"))
                    }
                }
            }
        }
        return issues
    }
}
