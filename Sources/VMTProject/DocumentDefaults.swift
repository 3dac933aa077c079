// `diff` compares what VMT's loader reads: a key written in one file only is no difference when
// the loader reads the same value from the other file anyway, as its default (`params.spread:
// 0.0` against no `spread`; no `M` stocks against zeros; a quadratic entry without `gamma`
// against `gamma: 0.0`). The defaults are the loader model's (`LoadedScenario`): the value the
// other file's loaded meaning holds for the field, or, for a key that file's loader does not
// read at all (the claiming switches under 2025-10), that key's default under a loader that
// reads it. Such fields are set aside, not dropped: `diff` lists them on lines of their own;
// so are keys the loader does not read at all (`setAsideUnreadKeys`).
import VMTCore

extension DocumentComparison {
    /// A field written in one file only whose value is what the loader reads from the other
    /// file anyway (its default).
    public struct DefaultedField: Equatable, Sendable {
        /// The field's name (`params.spread`, `initial_inventories.M`).
        public var name: String
        /// The written value's text (`0 for every agent` for stocks).
        public var value: String
        /// Whether the old file is the one that writes it (else the new one does).
        public var writtenInOld: Bool
    }

    /// Moves the changes that the loader does not see into `defaulted`: a field or a good's
    /// stocks written in one file only, equal to what the loader reads from the other file.
    /// `old` and `new` are the files' loaded meanings (`ScenarioLoader.load`); nil for a file
    /// the loader refuses, whose keys are then judged by the loader's defaults alone (and its
    /// stocks and utility parameters not at all). Changes written on both sides always stay.
    public mutating func setAsideLoaderDefaults(old: LoadedScenario?, new: LoadedScenario?) {
        var kept: [FieldChange] = []
        for change in fields {
            switch (change.old, change.new) {
            case let (value?, nil) where Self.isDefault(change.name, value, written: old, absent: new):
                defaulted.append(DefaultedField(name: change.name, value: value, writtenInOld: true))
            case let (nil, value?) where Self.isDefault(change.name, value, written: new, absent: old):
                defaulted.append(DefaultedField(name: change.name, value: value, writtenInOld: false))
            default:
                kept.append(change)
            }
        }
        fields = kept
        guard let old, let new else { return }
        var keptStocks: [StockChange] = []
        for change in stocks {
            let good = Good(rawValue: change.good)
            let oneSided = (change.old == nil) != (change.new == nil)
            if oneSided, let good, let values = old.stock[good], values == new.stock[good], values.allSatisfy({ $0 == 0 }) {
                defaulted.append(DefaultedField(name: "initial_inventories." + change.good, value: "0 for every agent",
                                                writtenInOld: change.old != nil))
            } else {
                keptStocks.append(change)
            }
        }
        stocks = keptStocks
    }

    /// Moves the changes of keys VMT's loader does not read into `unread`: a field whose every
    /// writing file's loader ignores it (`protocol_config`, `params.colour`, the claiming
    /// switches under 2025-10, money keys under 2025-11). `oldIgnored` and `newIgnored` are
    /// the files' ignored keys (`ScenarioReading.ignoredKeys`, dotted paths); nil for a file the
    /// loader refuses, whose keys are then kept as differences.
    public mutating func setAsideUnreadKeys(oldIgnored: [String]?, newIgnored: [String]?) {
        func ignores(_ keys: [String]?, _ name: String) -> Bool {
            keys?.contains { name == $0 || name.hasPrefix($0 + ".") || name.hasPrefix($0 + "[") } ?? false
        }
        var kept: [FieldChange] = []
        for change in fields {
            let unreadOld = change.old == nil || ignores(oldIgnored, change.name)
            let unreadNew = change.new == nil || ignores(newIgnored, change.name)
            if unreadOld && unreadNew {
                unread.append(change)
            } else {
                kept.append(change)
            }
        }
        fields = kept
        // A good's stocks the loader ignores (M under 2025-11) are no difference either.
        var keptStocks: [StockChange] = []
        for change in stocks {
            let name = "initial_inventories." + change.good
            if (change.old == nil || ignores(oldIgnored, name)) && (change.new == nil || ignores(newIgnored, name)) {
                unread.append(FieldChange(name: name, old: change.old.map(Self.describe), new: change.new.map(Self.describe)))
            } else {
                keptStocks.append(change)
            }
        }
        stocks = keptStocks
    }

    /// A good's stocks in one line: `10 agents, 0..5`.
    static func describe(_ summary: StockSummary) -> String {
        "\(summary.count) agent\(summary.count == 1 ? "" : "s"), \(summary.min)..\(summary.max)"
    }

    /// Whether `value`, written under `name` in the file loaded as `written` and absent from the
    /// file loaded as `absent`, is what the loader reads from the latter.
    static func isDefault(_ name: String, _ value: String, written: LoadedScenario?, absent: LoadedScenario?) -> Bool {
        if name.hasPrefix("params.") {
            let path = String(name.dropFirst("params.".count))
            let read = absent?.param(path)
                ?? VMTTarget.allCases.lazy.compactMap { LoadedScenario.defaultValue(path, target: $0) }.first
            guard let read else { return false }
            if let loaded = written?.param(path) { return loaded == read }
            return matches(value, read)
        }
        // A utility parameter (`utilities[2].gamma`): the same entry loads with the same value.
        if name.hasPrefix("utilities["), let close = name.firstIndex(of: "]"),
           let index = Int(name[name.index(name.startIndex, offsetBy: "utilities[".count)..<close]),
           name[name.index(after: close)...].hasPrefix("."), let written, let absent {
            let parameter = String(name[name.index(close, offsetBy: 2)...])
            guard index >= 1, index <= written.mix.count, index <= absent.mix.count else { return false }
            let (a, b) = (written.mix[index - 1], absent.mix[index - 1])
            return a.type == b.type && a.parameters[parameter] != nil && a.parameters[parameter] == b.parameters[parameter]
        }
        return false
    }

    /// Whether a written scalar's text is the loaded value `read` (numbers by value).
    static func matches(_ text: String, _ read: LoadedValue) -> Bool {
        switch read {
        case .number(let number): return Double(text) == number
        case .bool(let flag): return ["true", "True", "TRUE"].contains(text) ? flag : ["false", "False", "FALSE"].contains(text) && !flag
        case .string(let string): return text == string
        case .map: return false
        }
    }
}
