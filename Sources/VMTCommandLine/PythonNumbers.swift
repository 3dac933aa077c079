import VMTCore
import VMTRecipe

/// Python 3.11's `int()`, `float()` and `str.strip()` on text, as the reference generator read
/// its flags; checked against CPython by `Tests/VMTCommandLineTests/Fixtures/python-rules.json`
/// (recorded by `scripts/record_python_rules.py`).
///
/// Both number readers first do what CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`
/// does: every non-ASCII white space character becomes a space, every non-ASCII decimal digit
/// (`５`, `٣`) its ASCII digit, any other non-ASCII character makes the text invalid. Python 3.11 knows
/// Unicode 14.0, so digits assigned later are not digits here either.
enum PythonNumbers {
    /// `str.isspace()`: the characters `strip()` removes and numbers may be surrounded by.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// The value of a Unicode decimal digit as Python 3.11 knows it (`unicodedata.decimal`), or nil.
    static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        if scalar.isASCII {
            return (0x30...0x39).contains(scalar.value) ? Int(scalar.value - 0x30) : nil
        }
        let properties = scalar.properties
        guard properties.numericType == .decimal, let value = properties.numericValue,
              let age = properties.age, (age.major, age.minor) <= (14, 0) else { return nil }
        return Int(value)
    }

    /// `str.strip()`: `text` without Unicode white space at either end.
    static func strip(_ text: some StringProtocol) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The ASCII text CPython's number parsers see: ASCII kept as it is, other white space a
    /// space, other decimal digits their ASCII digit, anything else a `?` (which no parser
    /// accepts); then trimmed of ASCII white space (`Py_ISSPACE`: space, `\t\n\v\f\r`; so the
    /// separators U+001C–U+001F, which `strip()` removes, are refused around a number).
    static func asciiForm(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else if isSpace(scalar) {
                bytes.append(0x20)
            } else if let digit = decimalValue(scalar) {
                bytes.append(0x30 + UInt8(digit))
            } else {
                bytes.append(UInt8(ascii: "?"))
            }
        }
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        while let last = bytes.last, isBlank(last) { bytes.removeLast() }
        return Array(bytes.drop(while: isBlank))
    }

    /// Python's `int(text)` as a sign and decimal digits without leading zeros ("0" for zero),
    /// or nil when `int()` refuses the text. `_` may stand between two digits.
    static func integer(_ text: String) -> (negative: Bool, digits: String)? {
        var bytes = asciiForm(text)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var previousWasDigit = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard (0x30...0x39).contains(byte) else { return nil }
            if !(digits.isEmpty && byte == 0x30) { digits.append(byte) }
            previousWasDigit = true
        }
        guard previousWasDigit else { return nil }
        if digits.isEmpty { return (false, "0") }
        return (negative, String(decoding: digits, as: UTF8.self))
    }

    /// `int(text)` within 64 bits, for the flag `flag`: a usage error (exit 2) when `int()`
    /// refuses the text or the value does not fit.
    static func int64(_ text: String, flag: String) throws(CommandError) -> Int {
        do {
            return try int64(text)
        } catch {
            throw .usage(CommandMessages.flagProblem(flag, error.message))
        }
    }

    /// `int(text)` within 64 bits; a refusal's message names the text (`invalid int value: 'x'`).
    static func int64(_ text: String) throws(CommandError) -> Int {
        guard let (negative, digits) = integer(text) else {
            throw .usage(CommandMessages.invalidInt(text))
        }
        var value = 0
        for byte in digits.utf8 {
            let digit = Int(byte - 0x30)
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 {
                let shown = (negative ? "-" : "") + digits
                throw .usage(negative ? CommandMessages.tooSmall(shown) : CommandMessages.tooLarge(shown))
            }
            value = next
        }
        return value
    }

    /// `int(text)` of any size up to `maxDigits` digits, as `-123` or `123` (a usage error otherwise).
    static func bigInteger(_ text: String, flag: String, maxDigits: Int) throws(CommandError) -> String {
        guard let (negative, digits) = integer(text) else {
            throw .usage(CommandMessages.invalidInt(flag, text))
        }
        guard digits.utf8.count <= maxDigits else {
            throw .usage(CommandMessages.seedTooLong(flag, most: maxDigits))
        }
        return (negative ? "-" : "") + digits
    }

    /// Python's `float(text)`: decimal and exponent forms, `_` between digits, white space
    /// around, `inf`/`infinity`/`nan` in any case with a sign. Nil when `float()` refuses it.
    /// A value beyond the double range is infinite, as in Python (`1e999`).
    static func float(_ text: String) -> Double? {
        var bytes = asciiForm(text)
        if bytes.contains(UInt8(ascii: "_")) {
            // CPython's `_Py_string_to_number_with_underscores`: each `_` between two digits.
            var kept: [UInt8] = []
            var previous: UInt8 = 0
            for byte in bytes {
                let isDigit = (0x30...0x39).contains(byte)
                if byte == UInt8(ascii: "_") {
                    guard (0x30...0x39).contains(previous) else { return nil }
                } else {
                    guard previous != UInt8(ascii: "_") || isDigit else { return nil }
                    kept.append(byte)
                }
                previous = byte
            }
            guard previous != UInt8(ascii: "_") else { return nil }
            bytes = kept
        }
        var body = bytes[...]
        var negative = false
        if let sign = body.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        let word = String(decoding: body, as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
        if word == "nan" { return negative ? -Double.nan : .nan }
        // digits [. digits?] | . digits, then optionally e [sign] digits; nothing else.
        var index = body.startIndex
        func digits() -> Int {
            let start = index
            while index < body.endIndex, (0x30...0x39).contains(body[index]) { index += 1 }
            return index - start
        }
        var mantissaDigits = digits()
        if index < body.endIndex, body[index] == UInt8(ascii: ".") {
            index += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return nil }
        if index < body.endIndex, body[index] == UInt8(ascii: "e") || body[index] == UInt8(ascii: "E") {
            index += 1
            if index < body.endIndex, body[index] == UInt8(ascii: "-") || body[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard index == body.endIndex else { return nil }
        guard let value = Double(String(decoding: body, as: UTF8.self)) else { return nil }
        return negative ? -value : value
    }
}

/// Suggestions for misspelt words in command-line messages.
enum FlagParsing {
    /// `; did you mean 'X'?` when a candidate is close to `word`, else nothing. For the VMT
    /// versions (every `--vmt` choice check, and `CommonFlags.target`) X is
    /// `Messages.suggestedTarget(for:)`, the rule of a recipe's `vmt` line (`2025-12` → `2025-11`).
    static func suggestion(_ word: String, _ candidates: [String]) -> String {
        // The VMT versions (`--vmt`) take the recipe's rule for a `vmt` line: nearest in time.
        let nearest = candidates == VMTTarget.names ? Messages.suggestedTarget(for: word) : VMTRecipe.nearest(word, in: candidates)
        guard let nearest else { return "" }
        return CommandMessages.didYouMean(nearest)
    }
}
