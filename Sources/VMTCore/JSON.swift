import VMTCore

/// A JSON value with ordered object keys, written by hand so output is stable and exact.
indirect enum JSON {
    /// A string.
    case string(String)
    /// A number, already spelled (integers in decimal, floats as Python's repr).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array.
    case array([JSON])
    /// An object, keys in the order given.
    case object([(String, JSON)])

    /// An integer.
    static func int(_ value: Int) -> JSON { .number(String(value)) }

    /// A finite float, or null.
    static func float(_ value: Double) -> JSON { value.isFinite ? .number(PythonFloat.repr(value)) : .null }

    /// The value on one line.
    var text: String {
        switch self {
        case .string(let value): return JSON.quote(value)
        case .number(let value): return value
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { JSON.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    /// `value` as a JSON string literal.
    static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
