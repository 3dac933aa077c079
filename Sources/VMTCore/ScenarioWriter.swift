/// Resolves the `params` block: which entries are written, in what order, with what values.
public enum ParamWriter {
    /// One written entry: a scalar, or a nested map of scalars.
    public enum Entry: Equatable {
        /// `key: value`.
        case scalar(String, ParamValue)
        /// `key:` followed by indented `field: value` lines.
        case map(String, [(String, ParamValue)])

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            switch (lhs, rhs) {
            case let (.scalar(a, x), .scalar(b, y)): return a == b && x == y
            case let (.map(a, x), .map(b, y)): return a == b && x.elementsEqual(y, by: { $0 == $1 })
            default: return false
            }
        }
    }

    /// The value of `path` in a scenario with these overrides (ignoring placement).
    public static func value(for path: String, in overrides: [String: ParamValue]) -> ParamValue? {
        overrides[path] ?? ParamSchema.definition(path)?.defaultValue
    }

    /// The entries of `params` for `spec`, in the order written: the reference's fifteen, the
    /// money parameters under a money regime, then every other entry that the spec sets. A map
    /// is written whole (set fields and the defaults of the others) when any field is set.
    public static func entries(for spec: ScenarioSpec) -> [Entry] {
        entries(regime: spec.regime, regen: spec.resources.regen, maxAmount: spec.resources.maxAmount, params: spec.params)
    }

    /// The entries of `params` for these fields (see `entries(for:)`); the parts that other
    /// directives own are given apart so that an incomplete recipe can be explained too.
    public static func entries(regime: ExchangeRegime, regen: Int, maxAmount: Int, params: [String: ParamValue]) -> [Entry] {
        var entries: [Entry] = []
        var index = 0
        let schema = ParamSchema.entries
        while index < schema.count {
            let definition = schema[index]
            if let dot = definition.path.firstIndex(of: ".") {
                let mapName = String(definition.path[..<dot])
                var fields: [(String, ParamValue)] = []
                var anySet = false
                while index < schema.count, schema[index].path.hasPrefix(mapName + ".") {
                    let field = schema[index]
                    anySet = anySet || params[field.path] != nil
                    fields.append((String(field.path.dropFirst(mapName.count + 1)),
                                   params[field.path] ?? field.defaultValue))
                    index += 1
                }
                if anySet { entries.append(.map(mapName, fields)) }
                continue
            }
            index += 1
            let value: ParamValue
            switch definition.path {
            case "exchange_regime": value = .string(regime.rawValue)
            case "resource_growth_rate": value = .int(regen)
            case "resource_max_amount": value = .int(maxAmount)
            default: value = params[definition.path] ?? definition.defaultValue
            }
            let written: Bool
            switch definition.placement {
            case .always: written = true
            case .money: written = regime.usesMoney || params[definition.path] != nil
            case .optional: written = params[definition.path] != nil
            }
            if written { entries.append(.scalar(definition.path, value)) }
        }
        return entries
    }
}

/// Writes a scenario as YAML, byte for byte as the reference's `yaml.dump` does.
///
/// The document's shape is fixed, so this is a direct writer rather than a general emitter:
/// block mappings with two-space indent, sequences at their key's column, floats as Python's
/// `repr`, and the one free-text string (`name`) through `YAMLScalar`.
public enum ScenarioWriter {
    /// Writes `scenario` into `sink`, then flushes.
    public static func write(_ scenario: Scenario, to sink: ByteSink) throws {
        var out = ByteWriter(sink: sink)
        let spec = scenario.spec
        try out.write("schema_version: 1\nname:")
        try out.write(YAMLScalar.render(spec.name, column: 5, indent: 2))
        try out.write("\nN: ")
        try out.write(spec.grid)
        try out.write("\nagents: ")
        try out.write(spec.agents)
        try out.write("\ninitial_inventories:\n")
        try writeStock("A", scenario.inventoryA, &out)
        try writeStock("B", scenario.inventoryB, &out)
        if let money = scenario.inventoryM { try writeStock("M", money, &out) }
        try out.write("utilities:\n  mix:\n")
        for utility in scenario.utilities {
            try out.write("  - type: ")
            try out.write(utility.type.rawValue)
            try out.write("\n    weight: ")
            try out.write(PythonFloat.yaml(utility.weight))
            try out.write("\n    params:\n")
            for (name, value) in utility.parameters {
                try out.write("      ")
                try out.write(name)
                try out.write(": ")
                try out.write(PythonFloat.yaml(value))
                try out.writeByte(10)
            }
        }
        try out.write("params:\n")
        for entry in ParamWriter.entries(for: spec) {
            switch entry {
            case .scalar(let key, let value):
                try writeParam(key, value, indent: 2, &out)
            case .map(let key, let fields):
                try out.write("  " + key + ":\n")
                for (field, value) in fields { try writeParam(field, value, indent: 4, &out) }
            }
        }
        try out.write("resource_seed:\n  density: ")
        try out.write(PythonFloat.yaml(spec.resources.density))
        try out.write("\n  amount: ")
        try out.write(spec.resources.maxAmount)
        try out.writeByte(10)
        if let schedule = spec.schedule {
            try out.write("mode_schedule:\n  type: global_cycle\n  forage_ticks: ")
            try out.write(schedule.forageTicks)
            try out.write("\n  trade_ticks: ")
            try out.write(schedule.tradeTicks)
            try out.write("\n  start_mode: ")
            try out.write(schedule.startMode.rawValue)
            try out.writeByte(10)
        }
        try out.flush()
    }

    /// The scenario's YAML as bytes in memory.
    public static func bytes(_ scenario: Scenario) -> [UInt8] {
        let sink = MemorySink()
        // A MemorySink never throws.
        try? write(scenario, to: sink)
        return sink.bytes
    }

    private static func writeStock(_ good: String, _ values: [Int], _ out: inout ByteWriter) throws {
        try out.write("  " + good + ":\n")
        for value in values {
            try out.writeByte(32)
            try out.writeByte(32)
            try out.writeByte(45)
            try out.writeByte(32)
            try out.write(value)
            try out.writeByte(10)
        }
    }

    private static func writeParam(_ key: String, _ value: ParamValue, indent: Int, _ out: inout ByteWriter) throws {
        try out.write(String(repeating: " ", count: indent) + key + ":")
        switch value {
        case .string(let text):
            try out.write(YAMLScalar.render(text, column: indent + key.unicodeScalars.count + 1, indent: indent + 2))
        default:
            try out.write(" " + value.description)
        }
        try out.writeByte(10)
    }
}
