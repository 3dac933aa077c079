import VMTRecipe

/// Reading flags and their values the way Python's argparse, `int()` and `float()` do, with
/// overflow turned into errors instead of traps.
enum FlagParsing {
    /// True when `argument` is a flag rather than a value: it starts with `-`, is not a negative
    /// number, and has no space (argparse's rule for what counts as an option).
    static func looksLikeFlag(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), argument.count > 1 else { return false }
        if argument.contains(" ") { return false }
        let rest = argument.dropFirst()
        if !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), rest.contains(where: \.isNumber) {
            return false
        }
        return true
    }

    /// The flag that `text` names: an exact name, or a prefix of exactly one (argparse's
    /// abbreviations). Anything else is a usage error that suggests the nearest flag.
    static func match(_ text: String, in flags: [String], command: String) throws -> String {
        if flags.contains(text) { return text }
        let candidates = text.hasPrefix("--") ? flags.filter { $0.hasPrefix(text) } : []
        if candidates.count == 1, let only = candidates.first { return only }
        if candidates.count > 1 {
            throw UsageError(message: "ambiguous option: \(text) could match \(candidates.joined(separator: ", "))")
        }
        throw UsageError(message: "unknown flag '\(text)' for '\(command)'" + suggestion(text, flags))
    }

    /// `; did you mean 'X'?` when a candidate is close to `word`, else nothing.
    static func suggestion(_ word: String, _ candidates: [String]) -> String {
        guard let nearest = VMTRecipe.nearest(word, in: candidates) else { return "" }
        return "; did you mean '\(nearest)'?"
    }

    /// Python's `int(text)` limited to `Int`: blanks around, an optional sign, digits with single
    /// underscores between them.
    static func integer(_ text: String, flag: String, exit: ExitCode = .usage) throws -> Int {
        let fail: (String) -> Error = { message in
            exit == .usage ? UsageError(message: "argument \(flag): \(message)") : InputError(message: "\(flag): \(message)")
        }
        let trimmed = text.trimmingBlanks
        var scalars = Substring(trimmed)
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        var value = 0
        var previousWasDigit = false
        for character in scalars {
            if character == "_" && previousWasDigit {
                previousWasDigit = false
                continue
            }
            guard let digit = character.asciiDigit else { throw fail("invalid int value: '\(text)'") }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 {
                throw fail(negative ? "'\(trimmed)' is too small (the limit is \(Int.min))"
                                    : "'\(trimmed)' is too large (the limit is \(Int.max))")
            }
            value = next
            previousWasDigit = true
        }
        guard previousWasDigit else { throw fail("invalid int value: '\(text)'") }
        return value
    }

    /// Python's `float(text)`: decimal and exponent forms, `_` between digits, blanks around,
    /// and `inf`/`nan` words (which validation then refuses). Nil when it is not a number.
    static func float(_ text: String) -> Double? {
        let trimmed = text.trimmingBlanks
        let lower = trimmed.lowercased()
        let unsigned = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
        if ["inf", "infinity", "nan"].contains(unsigned) {
            return Double(lower.replacingOccurrences(of: "infinity", with: "inf"))
        }
        // [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?  with `_` only between digits.
        var cleaned = ""
        var previous: Character = " "
        var sawDigit = false, sawPoint = false, sawExponent = false
        for (offset, character) in unsigned.enumerated() {
            if character == "_" {
                let next = unsigned.dropFirst(offset + 1).first
                guard previous.asciiDigit != nil, next?.asciiDigit != nil else { return nil }
                previous = character
                continue
            }
            if character.asciiDigit != nil {
                sawDigit = true
            } else if character == "." {
                guard !sawPoint, !sawExponent else { return nil }
                sawPoint = true
            } else if character == "e" {
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
                sawDigit = false
            } else if character == "-" || character == "+" {
                guard previous == "e" else { return nil }
            } else {
                return nil
            }
            cleaned.append(character)
            previous = character
        }
        guard sawDigit else { return nil }
        let sign = lower.hasPrefix("-") ? "-" : ""
        return Double(sign + cleaned)
    }
}

extension Character {
    /// The value of an ASCII digit, or nil.
    var asciiDigit: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }
}

extension StringProtocol {
    /// The text without blanks (spaces, tabs, line breaks) at either end, as Python's `strip()`.
    var trimmingBlanks: String {
        let blanks: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var slice = Substring(self)
        while let first = slice.first, blanks.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, blanks.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension FlagParsing {
    /// The codes of `--allow CODE` flags: each must be a warning's code (errors cannot be
    /// allowed), or the command line is unusable.
    static func allowedCodes(_ texts: [String]) throws -> Set<DiagnosticCode> {
        var codes: Set<DiagnosticCode> = []
        for text in texts {
            guard let code = DiagnosticCode(rawValue: text.uppercased()) else {
                let warnings = DiagnosticCode.allCases.filter(\.isWarning).map(\.rawValue)
                throw UsageError(message: "argument --allow: unknown diagnostic code '\(text)'" + suggestion(text, warnings))
            }
            guard code.isWarning else {
                throw UsageError(message: "argument --allow: \(code) is an error's code; only warnings can be allowed")
            }
            codes.insert(code)
        }
        return codes
    }
}
