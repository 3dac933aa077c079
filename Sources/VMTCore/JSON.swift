/// A JSON value with ordered object keys, written by hand so output is stable and exact
/// (RFC 8259). Numbers keep their spelling, so a value read and written again is unchanged.
public indirect enum JSON: Sendable, Equatable {
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
    public static func int(_ value: Int) -> JSON { .number(String(value)) }

    /// A finite float, or null.
    public static func float(_ value: Double) -> JSON { value.isFinite ? .number(PythonFloat.repr(value)) : .null }

    /// The value on one line.
    public var text: String {
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
    public static func quote(_ value: String) -> String {
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

extension JSON {
    /// Two values are equal when they are spelled alike (object keys in the same order).
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of key `name` of an object (the first, if repeated); nil for other values.
    public subscript(name: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == name }?.1
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value of an integer number that fits `Int`.
    public var intValue: Int? {
        if case .number(let spelled) = self { return Int(spelled) }
        return nil
    }
}
