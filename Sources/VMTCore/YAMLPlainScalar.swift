/// What a plain (unquoted) YAML scalar means to PyYAML's `safe_load` (YAML 1.1 implicit types):
/// the reading side of `YAMLResolver`, for tools that read scenario files as VMT's loader does.
public enum YAMLPlainScalar: Equatable, Sendable {
    /// `~`, `null`, `Null`, `NULL` or nothing.
    case null
    /// `true`/`false`, `yes`/`no`, `on`/`off` in lower, Title or UPPER case.
    case bool(Bool)
    /// An integer: decimal, `0b`, `0x`, octal with a leading `0`, base 60, `_` anywhere.
    case int(Int)
    /// An integer beyond 64 bits, as written.
    case hugeInt(String)
    /// A float (a dot is required, as in YAML 1.1: `1e5` is a string), `.inf`, `.nan`.
    case float(Double)
    /// A date or date and time, as written.
    case timestamp(String)
    /// Anything else: a string.
    case string(String)

    /// The meaning of `text` written plain.
    public static func resolve(_ text: String) -> YAMLPlainScalar {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty || YAMLResolver.nullWords.contains(text) { return .null }
        if YAMLResolver.boolWords.contains(text) {
            return .bool(["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].contains(text))
        }
        if YAMLResolver.isInt(scalars) { return integer(text) }
        if YAMLResolver.isFloat(scalars) { return .float(float(text)) }
        if YAMLResolver.isTimestamp(scalars) { return .timestamp(text) }
        return .string(text)
    }

    /// The value of text that matches PyYAML's int pattern.
    private static func integer(_ text: String) -> YAMLPlainScalar {
        var body = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var magnitude: Int?
        if body.contains(":") {
            magnitude = 0
            for part in body.split(separator: ":") {
                guard let value = Int(part), let current = magnitude else { magnitude = nil; break }
                let (times, o1) = current.multipliedReportingOverflow(by: 60)
                let (sum, o2) = times.addingReportingOverflow(value)
                magnitude = o1 || o2 ? nil : sum
            }
        } else if body.hasPrefix("0b") {
            magnitude = Int(body.dropFirst(2), radix: 2)
        } else if body.hasPrefix("0x") {
            magnitude = Int(body.dropFirst(2), radix: 16)
        } else if body.count > 1, body.hasPrefix("0") {
            magnitude = Int(body.dropFirst(), radix: 8)
        } else {
            magnitude = Int(body)
        }
        guard let magnitude else { return .hugeInt(text) }
        return .int(negative ? -magnitude : magnitude)
    }

    /// The value of text that matches PyYAML's float pattern.
    private static func float(_ text: String) -> Double {
        var body = Substring(text.replacingOccurrences(of: "_", with: ""))
        var sign = 1.0
        if let first = body.first, first == "-" || first == "+" {
            if first == "-" { sign = -1 }
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case ".inf": return sign * .infinity
        case ".nan": return .nan
        default: break
        }
        if body.contains(":") {
            // Base 60: `1:30.5` is 90.5.
            var value = 0.0
            for part in body.split(separator: ":") { value = value * 60 + (Double(part) ?? 0) }
            return sign * value
        }
        var digits = String(body)
        if digits.hasPrefix(".") { digits = "0" + digits }
        if let dot = digits.firstIndex(of: "."), digits.index(after: dot) == digits.endIndex || !digits[digits.index(after: dot)].isNumber {
            digits.insert("0", at: digits.index(after: dot))
        }
        return sign * (Double(digits) ?? .nan)
    }
}
