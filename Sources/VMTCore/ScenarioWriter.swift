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
        entries(regime: spec.regime, regen: spec.resources.growthRate, maxAmount: spec.resources.maxAmount, params: spec.params,
                target: spec.target)
    }

    /// The schema grouped as written: a scalar entry, or a nested map's name and fields.
    private static let layout: [(map: String?, fields: [ParamDefinition])] = {
        var groups: [(map: String?, fields: [ParamDefinition])] = []
        for definition in ParamSchema.entries {
            let parts = definition.path.split(separator: ".", maxSplits: 1)
            if parts.count == 2 {
                let map = String(parts[0])
                if let last = groups.last, last.map == map {
                    groups[groups.count - 1].fields.append(definition)
                } else {
                    groups.append((map, [definition]))
                }
            } else {
                groups.append((nil, [definition]))
            }
        }
        return groups
    }()

    /// The entries of `params` for these fields (see `entries(for:)`); the parts that other
    /// directives own are given apart so that an incomplete recipe can be explained too. Only the
    /// entries `target`'s loader reads are written.
    public static func entries(regime: ExchangeRegime, regen: ParamValue, maxAmount: Int, params: [String: ParamValue],
                               target: VMTTarget = .standard) -> [Entry] {
        var entries: [Entry] = []
        for group in layout where group.fields.allSatisfy({ $0.isRead(by: target) }) {
            if let map = group.map {
                guard group.fields.contains(where: { params[$0.path] != nil }) else { continue }
                entries.append(.map(map, group.fields.map { field in
                    (String(field.path.dropFirst(map.count + 1)), params[field.path] ?? field.defaultValue)
                }))
                continue
            }
            guard let definition = group.fields.first else { continue }
            let value: ParamValue
            switch definition.path {
            case "exchange_regime": value = .string(regime.rawValue)
            case "resource_growth_rate": value = regen
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

/// Writes a scenario as YAML, byte for byte as the reference's `yaml.dump` does, drawing its
/// values while it writes: the stocks go straight to the sink, so memory does not grow with
/// the number of agents.
///
/// The document's shape is fixed, so this is a direct writer rather than a general emitter:
/// block mappings with two-space indent, sequences at their key's column, floats as Python's
/// `repr`, and the one free-text string (`name`) through `YAMLScalar`. Under a target with
/// protocols, the named ones follow the other keys as `search_protocol: NAME` and so on.
public enum ScenarioWriter {
    /// Draws and writes `spec`'s scenario into `sink`, then flushes. Throws `CoreError.invalid`
    /// when the drawn values break a rule (the sink then holds a partial document, which the
    /// caller discards), or the sink's `CoreError.write`.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, to sink: ByteSink) throws(CoreError) -> DrawnValues {
        var writer = StockWriter(out: ByteWriter(sink: sink))
        try writer.out.write("schema_version: 1\nname:")
        try writer.out.write(spec.nameCodePoints.map { YAMLScalar.render(codePoints: $0, column: 5, indent: 2) }
            ?? YAMLScalar.render(spec.name, column: 5, indent: 2))
        try writer.out.write("\nN: ")
        try writer.out.write(spec.grid)
        try writer.out.write("\nagents: ")
        try writer.out.write(spec.agents)
        try writer.out.write("\ninitial_inventories:\n")
        let drawn = try Generator.draw(spec, into: &writer)
        let issues = Validator.validate(drawn, of: spec)
        if let failure = ValidationFailure(issues) { throw .invalid(failure) }
        let out = writer.out
        try out.write("utilities:\n  mix:\n")
        for utility in drawn.utilities {
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
                try writeParam(key, value, indent: 2, out)
            case .map(let key, let fields):
                try out.write("  " + key + ":\n")
                for (field, value) in fields { try writeParam(field, value, indent: 4, out) }
            }
        }
        try out.write("resource_seed:\n  density: ")
        try out.write(PythonFloat.yaml(spec.resources.density))
        try out.write("\n  amount: ")
        try out.write(spec.resources.seedAmount)
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
        if spec.target.hasProtocols {
            for kind in ProtocolKind.allCases {
                guard let name = spec.protocols[kind] else { continue }
                try out.write(kind.key + ": " + name + "\n")
            }
        }
        try out.flush()
        return drawn
    }

    /// The scenario's YAML in memory, or the rules its drawn values break (`.invalid`). A
    /// memory sink does not fail.
    public static func bytes(_ spec: ScenarioSpec) -> Result<[UInt8], CoreError> {
        let sink = MemorySink()
        return Result { () throws(CoreError) in
            try write(spec, to: sink)
            return sink.bytes
        }
    }

    /// Writes the stocks as they are drawn: `  A:` then one `  - N` line per agent.
    private struct StockWriter: StockReceiver {
        typealias Failure = CoreError
        let out: ByteWriter

        mutating func begin(_ good: Good) throws(CoreError) {
            try out.write("  " + good.rawValue + ":\n")
        }

        @inline(__always)
        mutating func stock(_ value: Int) throws(CoreError) {
            try out.writeByte(32)
            try out.writeByte(32)
            try out.writeByte(45)
            try out.writeByte(32)
            try out.write(value)
            try out.writeByte(10)
        }

        mutating func each(_ good: Good, _ value: Int) throws(CoreError) {
            try out.write("  " + good.rawValue + ": ")
            try out.write(value)
            try out.writeByte(10)
        }
    }

    private static func writeParam(_ key: String, _ value: ParamValue, indent: Int, _ out: ByteWriter) throws(CoreError) {
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
