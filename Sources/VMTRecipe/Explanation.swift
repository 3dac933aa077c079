// Every resolved field of a scenario with its value and origin, in the order `explain` prints.
import VMTCore

/// One field of a resolved scenario, for `explain`.
public struct ExplainedField: Sendable {
    /// A field's value, typed so that text and JSON can each spell it their way.
    public enum Value: Sendable {
        /// An integer.
        case int(Int)
        /// A float.
        case float(Double)
        /// A word or name.
        case string(String)
        /// A boolean.
        case bool(Bool)
        /// A seed (any size).
        case seed(Seed)
        /// An inventory or money range.
        case range(InventoryRange)
        /// The utility mix with its resolved weights.
        case utilities([(type: UtilityType, weight: Double)])
        /// A mode schedule, or none.
        case schedule(ModeSchedule?)
        /// Not set anywhere in the chain (only in templates).
        case unset

        /// The value as recipe text (`10..50`, `ces:0.5, linear:0.5`, `forage 10 trade 5 start forage`).
        public var text: String {
            switch self {
            case .int(let value): return String(value)
            case .float(let value): return PythonFloat.repr(value)
            case .string(let value): return value
            case .bool(let value): return value ? "true" : "false"
            case .seed(let seed): return seed.description
            case .range(let range): return "\(range.min)..\(range.max)"
            case .utilities(let mix):
                return mix.map { "\($0.type.rawValue):\(PythonFloat.repr($0.weight))" }.joined(separator: ", ")
            case .schedule(let schedule):
                guard let schedule else { return "off" }
                return "forage \(schedule.forageTicks) trade \(schedule.tradeTicks) start \(schedule.startMode.rawValue)"
            case .unset: return "(unset)"
            }
        }
    }

    /// The field's name: `agents`, `resources.density`, `params.vision_radius`, …
    public var name: String
    /// Its value.
    public var value: Value
    /// Where it came from; nil for an unset field.
    public var origin: Origin?
}

extension ResolvedScenario {
    /// Every field before variation, with its value and origin (see `ResolvedFields.explanation`).
    public func explanation() -> [ExplainedField] {
        fields.explanation(name: name, output: output)
    }
}

extension ResolvedVariant {
    /// Every field of this variant, with its value and origin (see `ResolvedFields.explanation`).
    public func explanation() -> [ExplainedField] {
        fields.explanation(name: name, output: output)
    }
}

extension ResolvedFields {
    /// Every field with its value and origin: name, regime, agents, grid, ranges, utilities,
    /// resources, seed, every `params` entry written, pins, explicit stock, schedule, output.
    func explanation(name: Sourced<String>, output: Sourced<String>) -> [ExplainedField] {
        let f = self
        var out: [ExplainedField] = []
        func add<T>(_ name: String, _ sourced: Sourced<T>?, _ value: (T) -> ExplainedField.Value) {
            if let sourced {
                out.append(ExplainedField(name: name, value: value(sourced.value), origin: sourced.origin))
            } else {
                out.append(ExplainedField(name: name, value: .unset, origin: nil))
            }
        }
        add("name", name) { .string($0) }
        // The target is shown when a `vmt` line or `--vmt` gave it; the built-in 2025-10 is not,
        // so explanations of recipes that never name a target read as before.
        if let target = f.target, target.origin != .builtIn {
            add("vmt", target) { .string($0.rawValue) }
        }
        add("regime", f.regime) { .string($0.rawValue) }
        add("agents", f.agents) { .int($0) }
        add("grid", f.grid) { .int($0) }
        add("inventory", f.inventory) { .range($0) }
        let regime = f.regime?.value ?? .barterOnly
        if let money = f.money {
            add("money", money) { .range($0) }
        } else if regime.usesMoney {
            // Without a money range, M is drawn from the inventory range.
            add("money", f.inventory) { .range($0) }
        }
        add("utilities", f.utilities) { entries in
            .utilities(Array(zip(entries.map(\.type), Generator.mixWeights(entries))).map { (type: $0.0, weight: $0.1) })
        }
        if let mix = f.utilities {
            // Each entry with explicit parameters (a `utility` line), at the line that gave it.
            for (index, entry) in mix.value.enumerated() where !entry.parameters.isEmpty || index < f.utilityLines.count {
                let origin = index < f.utilityLines.count ? Origin.directive(f.utilityLines[index]) : mix.origin
                var words = [entry.type.rawValue]
                if let weight = entry.weight { words += ["weight", PythonFloat.repr(weight)] }
                for name in entry.type.parameterNames {
                    if let value = entry.parameters[name] { words += [name, PythonFloat.repr(value)] }
                }
                let text = words.joined(separator: " ")
                out.append(ExplainedField(name: "utility.\(index + 1)", value: .string(text), origin: origin))
            }
        }
        add("resources.density", f.density) { .float($0) }
        add("resources.max", f.maxAmount) { .int($0) }
        if let amount = f.amount { add("resources.amount", amount) { .int($0) } }
        add("resources.regen", f.regen) { Self.explained($0) }
        add("seed", f.seed) { .seed($0) }
        for entry in ParamWriter.entries(regime: regime, regen: f.regen?.value ?? .int(0), maxAmount: f.maxAmount?.value ?? 0,
                                         params: f.params.mapValues(\.value), target: f.target?.value ?? .standard) {
            switch entry {
            case .scalar(let key, let value):
                out.append(param(key, value))
            case .map(let key, let pairs):
                for (field, value) in pairs { out.append(param(key + "." + field, value)) }
            }
        }
        for kind in ProtocolKind.allCases {
            if let choice = f.protocols[kind] {
                out.append(ExplainedField(name: kind.key, value: .string(choice.value), origin: choice.origin))
            }
        }
        for key in f.pins.keys.sorted() {
            if let pin = f.pins[key] { out.append(ExplainedField(name: "pin." + key, value: .float(pin.value), origin: pin.origin)) }
        }
        for good in Good.allCases {
            if let stock = f.stock[good] {
                let text: String
                switch stock.value {
                case .each(let value): text = "\(value) each"
                case .list(let values): text = values.map(String.init).joined(separator: ", ")
                }
                out.append(ExplainedField(name: "stock." + good.rawValue, value: .string(text), origin: stock.origin))
            }
        }
        if let schedule = f.schedule {
            out.append(ExplainedField(name: "schedule", value: .schedule(schedule.value), origin: schedule.origin))
        } else {
            out.append(ExplainedField(name: "schedule", value: .schedule(nil), origin: .builtIn))
        }
        out.append(ExplainedField(name: "output", value: .string(output.value), origin: output.origin))
        return out
    }

    /// A `params` value as an explained value.
    static func explained(_ value: ParamValue) -> ExplainedField.Value {
        switch value {
        case .int(let v): return .int(v)
        case .float(let v): return .float(v)
        case .bool(let v): return .bool(v)
        case .string(let v): return .string(v)
        }
    }

    /// One `params` entry with the origin of whatever set it.
    private func param(_ path: String, _ value: ParamValue) -> ExplainedField {
        let f = self
        let origin: Origin?
        var explained = Self.explained(value)
        switch path {
        case "exchange_regime": origin = f.regime?.origin
        case "resource_growth_rate":
            origin = f.regen?.origin
            if f.regen == nil { explained = .unset }
        case "resource_max_amount":
            origin = f.maxAmount?.origin
            if f.maxAmount == nil { explained = .unset }
        default: origin = f.params[path]?.origin ?? .builtIn
        }
        return ExplainedField(name: "params." + path, value: explained, origin: origin)
    }
}
