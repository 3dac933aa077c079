/// Which plain strings PyYAML would read back as something other than a string.
///
/// PyYAML writes a string plain only when its resolver, reading the plain text back, finds a
/// string again. These are PyYAML's implicit resolvers (`resolver.py`): bool, float, int, merge,
/// null, timestamp, value and yaml, matched here by hand instead of by regular expressions.
enum YAMLResolver {
    /// True when `text`, written plain, would read back as a non-string (bool, number, null, …).
    static func resolvesToNonString(_ text: [Unicode.Scalar]) -> Bool {
        if text.isEmpty { return true }  // the empty plain scalar is null
        let string = String(String.UnicodeScalarView(text))
        if boolWords.contains(string) || nullWords.contains(string) || specialWords.contains(string) {
            return true
        }
        return isFloat(text) || isInt(text) || isTimestamp(text)
    }

    static let boolWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
        "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]
    static let nullWords: Set<String> = ["~", "null", "Null", "NULL"]
    /// The merge key, the value key, and the yaml resolver's `!`, `&`, `*`.
    private static let specialWords: Set<String> = ["<<", "=", "!", "&", "*"]

    /// A cursor over the scalars of a candidate, for the hand-written patterns.
    private struct Cursor {
        let text: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index == text.count }
        var current: Unicode.Scalar? { index < text.count ? text[index] : nil }

        /// Consumes one scalar if it satisfies `test`.
        mutating func take(_ test: (Unicode.Scalar) -> Bool) -> Bool {
            guard let scalar = current, test(scalar) else { return false }
            index += 1
            return true
        }

        /// Consumes `scalar` if it is next.
        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            take { $0 == scalar }
        }

        /// Consumes as many scalars satisfying `test` as there are; returns how many.
        @discardableResult
        mutating func takeAll(_ test: (Unicode.Scalar) -> Bool) -> Int {
            var count = 0
            while take(test) { count += 1 }
            return count
        }

        /// Consumes an optional leading `-` or `+`.
        mutating func takeSign() {
            _ = take { $0 == "-" || $0 == "+" }
        }

        /// Consumes `(:[0-5]?[0-9])+`, the base-60 groups; false when there is none.
        mutating func takeSexagesimalGroups() -> Bool {
            var groups = 0
            while current == ":" {
                let start = index
                index += 1
                let digits = takeAll(isDigit)
                let valid = digits == 1 || (digits == 2 && text[index - 2].value <= 0x35)
                if !valid {
                    index = start
                    break
                }
                groups += 1
            }
            return groups > 0
        }

        /// Consumes `[eE][-+][0-9]+` if present; false when it starts but is malformed.
        mutating func takeOptionalExponent() -> Bool {
            guard take({ $0 == "e" || $0 == "E" }) else { return true }
            guard take({ $0 == "-" || $0 == "+" }) else { return false }
            return takeAll(isDigit) > 0
        }
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    private static func isDigitOrUnderscore(_ c: Unicode.Scalar) -> Bool { isDigit(c) || c == "_" }

    /// PyYAML's float pattern.
    static func isFloat(_ text: [Unicode.Scalar]) -> Bool {
        let string = String(String.UnicodeScalarView(text))
        if [".nan", ".NaN", ".NAN"].contains(string) { return true }
        var unsigned = Substring(string)
        if let first = unsigned.first, first == "-" || first == "+" { unsigned = unsigned.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(unsigned) { return true }

        // `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?` and the base-60 form
        // `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`.
        var cursor = Cursor(text: text)
        cursor.takeSign()
        if cursor.take(isDigit) {
            cursor.takeAll(isDigitOrUnderscore)
            let sexagesimal = cursor.takeSexagesimalGroups()
            guard cursor.take(".") else { return false }
            cursor.takeAll(isDigitOrUnderscore)
            if sexagesimal { return cursor.atEnd }
            return cursor.takeOptionalExponent() && cursor.atEnd
        }
        // `\.[0-9][0-9_]*([eE][-+][0-9]+)?` (no sign allowed).
        var dotted = Cursor(text: text)
        guard dotted.take("."), dotted.take(isDigit) else { return false }
        dotted.takeAll(isDigitOrUnderscore)
        return dotted.takeOptionalExponent() && dotted.atEnd
    }

    /// PyYAML's int pattern: binary, octal, decimal, hexadecimal and base 60.
    static func isInt(_ text: [Unicode.Scalar]) -> Bool {
        var cursor = Cursor(text: text)
        cursor.takeSign()
        let body = Array(text[cursor.index...])
        guard let first = body.first else { return false }
        if first == "0" {
            if body.count == 1 { return true }
            let rest = body.dropFirst()
            if rest.first == "b" {
                return rest.count > 1 && rest.dropFirst().allSatisfy { $0 == "0" || $0 == "1" || $0 == "_" }
            }
            if rest.first == "x" {
                return rest.count > 1 && rest.dropFirst().allSatisfy { $0 == "_" || $0.properties.isASCIIHexDigit }
            }
            return rest.allSatisfy { ($0.value >= 0x30 && $0.value <= 0x37) || $0 == "_" }
        }
        guard isDigit(first) else { return false }
        var digits = Cursor(text: body)
        digits.index = 1
        digits.takeAll(isDigitOrUnderscore)
        if digits.atEnd { return true }
        return digits.takeSexagesimalGroups() && digits.atEnd
    }

    /// PyYAML's timestamp pattern: `2025-10-21`, or a date with a time and optional zone.
    static func isTimestamp(_ text: [Unicode.Scalar]) -> Bool {
        var cursor = Cursor(text: text)
        for _ in 0..<4 { guard cursor.take(isDigit) else { return false } }
        guard cursor.take("-") else { return false }
        let monthDigits = cursor.takeAll(isDigit)
        guard cursor.take("-") else { return false }
        let dayDigits = cursor.takeAll(isDigit)
        if cursor.atEnd { return monthDigits == 2 && dayDigits == 2 }
        guard (1...2).contains(monthDigits), (1...2).contains(dayDigits) else { return false }
        // (?:[Tt]|[ \t]+)
        if !cursor.take({ $0 == "T" || $0 == "t" }) {
            guard cursor.takeAll({ $0 == " " || $0 == "\t" }) > 0 else { return false }
        }
        guard (1...2).contains(cursor.takeAll(isDigit)) else { return false }
        for _ in 0..<2 {
            guard cursor.take(":"), cursor.takeAll(isDigit) == 2 else { return false }
        }
        if cursor.take(".") { cursor.takeAll(isDigit) }
        if cursor.atEnd { return true }
        cursor.takeAll { $0 == " " || $0 == "\t" }
        if cursor.take("Z") { return cursor.atEnd }
        guard cursor.take({ $0 == "-" || $0 == "+" }) else { return false }
        guard (1...2).contains(cursor.takeAll(isDigit)) else { return false }
        if cursor.take(":") {
            guard cursor.takeAll(isDigit) == 2 else { return false }
        }
        return cursor.atEnd
    }
}
