// A scenario file as values to compare: its scalar fields named as `explain` and `plan` name
// them (`grid`, `resources.density`, `params.vision_radius`, `utilities`, …), the drawn utility
// parameters (`utilities[1].rho`), and the stocks of each good. `diff` compares two of these;
// `plan` reads its two rendered files the same way, so both tell the same story. A VMT 2025-11
// protocol key is one field whether it is written as a name or as `{name, params}`
// (`search_protocol: random_walk`), its parameters as `search_protocol.params.KEY`.
import VMTCore

/// The values of one scenario file.
public struct ScenarioDocument: Equatable, Sendable {
    /// Scalar fields in document order: (name, value text).
    public var fields: [Field]
    /// Stocks per good (`A`, `B`, `M`), in document order.
    public var stocks: [(good: String, values: [Int])]
    /// What is left of `maxFieldBytes` while the document is read.
    private var fieldBytesLeft = 0

    /// One named scalar value.
    public struct Field: Equatable, Sendable {
        /// The field's name (plan's vocabulary, or the YAML path for keys plan does not know).
        public var name: String
        /// The value's text as written (floats compared by value, see `sameValue`).
        public var value: String
    }

    /// Two documents are equal when their fields and stocks are.
    public static func == (lhs: ScenarioDocument, rhs: ScenarioDocument) -> Bool {
        lhs.fields == rhs.fields && lhs.stocks.count == rhs.stocks.count
            && zip(lhs.stocks, rhs.stocks).allSatisfy { $0.good == $1.good && $0.values == $1.values }
    }

    /// Reads a scenario file's bytes with `YAMLReader`; throws `ProjectError.yaml` when they
    /// are not YAML it reads, when the document is not a mapping, or when its fields come to
    /// more than `maxFieldBytes`.
    public init(yaml bytes: [UInt8]) throws(ProjectError) {
        switch YAMLReader.read(bytes) {
        case .success(let document):
            guard let root = document.root else {
                throw .yaml(YAMLFailure(message: ProjectMessages.YAML.emptyScenario,
                                        position: YAMLPosition(line: 1, column: 1)))
            }
            try self.init(root)
        case .failure(let error):
            throw error
        }
    }

    /// The most bytes the fields' names and values may take together (64 MiB). A field's name
    /// is the path to its value, so a long key over many values multiplies the file's size:
    /// a document whose fields come to more is refused (`ProjectError.yaml`), which bounds what
    /// `diff` and `plan` hold. Stocks (numbers per agent) are not counted.
    public static let maxFieldBytes = 64 << 20

    /// The values of a read document's root; throws `ProjectError.yaml` when the root is not a
    /// mapping or its fields come to more than `maxFieldBytes` bytes.
    public init(_ node: YAMLNode, maxFieldBytes: Int = ScenarioDocument.maxFieldBytes) throws(ProjectError) {
        guard let pairs = node.pairs?.map({ (key: $0.key, value: $0.value) }) else {
            throw .yaml(YAMLFailure(message: ProjectMessages.YAML.scenarioNotMapping, position: node.position))
        }
        fields = []
        stocks = []
        fieldBytesLeft = maxFieldBytes
        for (key, value) in pairs {
            switch key {
            case "N": try add("grid", value)
            case "initial_inventories":
                guard let goods = value.pairs else {
                    try add(key, value)
                    continue
                }
                for (good, list) in goods.map({ ($0.key, $0.value) }) {
                    if let items = list.items {
                        let numbers = items.compactMap { item in Self.text(item).flatMap { Int($0) } }
                        if numbers.count == items.count {
                            stocks.append((good, numbers))
                            continue
                        }
                    }
                    try add("initial_inventories." + good, list)
                }
            case "utilities":
                guard let mix = value["mix"]?.items else {
                    try add(key, value)
                    continue
                }
                var entries: [String] = []
                for (index, entry) in mix.enumerated() {
                    let type = entry["type"].flatMap(Self.text) ?? "?"
                    entries.append(type + ":" + (entry["weight"].flatMap(Self.text) ?? "?"))
                    for parameter in entry["params"]?.pairs ?? [] {
                        try add("utilities[\(index + 1)].\(parameter.key)", parameter.value)
                    }
                }
                fields.append(Field(name: "utilities", value: entries.joined(separator: ", ")))
            case "resource_seed":
                guard let settings = value.pairs?.map({ ($0.key, $0.value) }) else {
                    try add(key, value)
                    continue
                }
                for (name, setting) in settings {
                    try add(name == "density" ? "resources.density" : name == "amount" ? "resources.max" : "resource_seed." + name, setting)
                }
            case "mode_schedule":
                if let forage = value["forage_ticks"].flatMap(Self.text), let trade = value["trade_ticks"].flatMap(Self.text),
                   value["type"].flatMap(Self.text) == "global_cycle" {
                    let start = value["start_mode"].flatMap(Self.text) ?? "forage"
                    fields.append(Field(name: "schedule", value: "forage \(forage) trade \(trade) start \(start)"))
                } else {
                    try add(key, value)
                }
            default:
                if ProtocolKind(key: key) != nil, let name = value["name"].flatMap(Self.text) {
                    fields.append(Field(name: key, value: name))
                    for pair in value.pairs ?? [] where pair.key != "name" { try add(key + "." + pair.key, pair.value) }
                    continue
                }
                try add(key, value)
            }
        }
        if !fields.contains(where: { $0.name == "schedule" }) { fields.append(Field(name: "schedule", value: "off")) }
    }

    /// Adds `node` under `name`: a scalar as itself, a mapping key by key (`name.key`), a
    /// sequence item by item (`name[1]`). Throws when the fields pass `maxFieldBytes`.
    private mutating func add(_ name: String, _ node: YAMLNode) throws(ProjectError) {
        switch node.value {
        case .scalar(let text, _):
            fieldBytesLeft -= name.utf8.count + text.utf8.count
            guard fieldBytesLeft >= 0 else {
                throw .yaml(YAMLFailure(message: ProjectMessages.YAML.fieldsTooLarge(mebibytes: Self.maxFieldBytes >> 20),
                                        position: node.position))
            }
            fields.append(Field(name: name, value: text))
        case .mapping(let pairs): for pair in pairs { try add(name + "." + pair.key, pair.value) }
        case .sequence(let items): for (index, item) in items.enumerated() { try add("\(name)[\(index + 1)]", item) }
        }
    }

    private static func text(_ node: YAMLNode) -> String? {
        if case .scalar(let text, _) = node.value { return text }
        return nil
    }
}

/// What changed between two scenario files: the fields, and a summary per good of the stocks.
public struct DocumentComparison: Equatable, Sendable {
    /// A field whose value differs (nil on a side that lacks it).
    public struct FieldChange: Equatable, Sendable {
        /// The field's name.
        public var name: String
        /// The old value's text.
        public var old: String?
        /// The new value's text.
        public var new: String?
    }

    /// The count, lowest, highest and mean of one good's stocks.
    public struct StockSummary: Equatable, Sendable {
        /// Number of agents.
        public var count: Int
        /// The lowest stock.
        public var min: Int
        /// The highest stock.
        public var max: Int
        /// The mean stock.
        public var mean: Double

        /// The summary of `values`; nil for none.
        init?(_ values: [Int]) {
            guard let low = values.min(), let high = values.max() else { return nil }
            count = values.count
            min = low
            max = high
            // Summed as doubles: stocks are checked integers, but their sum may exceed 64 bits.
            mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        }
    }

    /// How one good's stocks changed.
    public struct StockChange: Equatable, Sendable {
        /// The good (`A`, `B`, `M`).
        public var good: String
        /// The agents whose stock differs (an agent on one side only counts too).
        public var changed: Int
        /// Before; nil when the old file has no stocks of this good.
        public var old: StockSummary?
        /// After; nil when the new file has none.
        public var new: StockSummary?
    }

    /// Changed scalar fields: the old document's order, then fields only the new one has.
    public var fields: [FieldChange]
    /// Goods whose stocks changed.
    public var stocks: [StockChange]
    /// Goods whose stocks are identical, with their count (for "unchanged" lines).
    public var unchangedStocks: [(good: String, count: Int)]
    /// Fields written in one file only that hold the loader's default (empty until
    /// `setAsideLoaderDefaults` moves them here out of `fields` and `stocks`; `diff` does).
    public var defaulted: [DefaultedField] = []
    /// Changed fields that VMT's loader does not read in any file that writes them (empty until
    /// `setAsideUnreadKeys` moves them here out of `fields`; `diff` does).
    public var unread: [FieldChange] = []

    /// Whether nothing differs.
    public var isEmpty: Bool { fields.isEmpty && stocks.isEmpty }

    /// Equal when fields and stocks are.
    public static func == (lhs: DocumentComparison, rhs: DocumentComparison) -> Bool {
        lhs.fields == rhs.fields && lhs.stocks == rhs.stocks
    }

    /// Compares `old` with `new`.
    public init(_ old: ScenarioDocument, _ new: ScenarioDocument) {
        var newValues: [String: String] = [:]
        for field in new.fields { newValues[field.name] = field.value }
        var oldNames: Set<String> = []
        fields = []
        for field in old.fields {
            oldNames.insert(field.name)
            let after = newValues[field.name]
            if after == nil || !Self.sameValue(field.value, after ?? "") {
                fields.append(FieldChange(name: field.name, old: field.value, new: after))
            }
        }
        for field in new.fields where !oldNames.contains(field.name) {
            fields.append(FieldChange(name: field.name, old: nil, new: field.value))
        }
        stocks = []
        unchangedStocks = []
        var goods = old.stocks.map(\.good)
        for good in new.stocks.map(\.good) where !goods.contains(good) { goods.append(good) }
        for good in goods {
            let before = old.stocks.first { $0.good == good }?.values
            let after = new.stocks.first { $0.good == good }?.values
            let a = before ?? [], b = after ?? []
            var changed = abs(a.count - b.count)
            for (x, y) in zip(a, b) where x != y { changed += 1 }
            if changed == 0 && (before == nil) == (after == nil) {
                unchangedStocks.append((good, a.count))
            } else {
                stocks.append(StockChange(good: good, changed: changed, old: before.flatMap(StockSummary.init),
                                          new: after.flatMap(StockSummary.init)))
            }
        }
    }

    /// Whether two value texts mean the same: equal, or equal as finite numbers (`0.30` and `0.3`).
    static func sameValue(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = Double(a), let y = Double(b), x.isFinite, y.isFinite else { return false }
        return x == y
    }
}
