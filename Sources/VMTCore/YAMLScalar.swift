/// Writes a string scalar exactly as PyYAML's emitter does (`emitter.py`): it picks plain,
/// single-quoted or double-quoted style, and folds long text at spaces past column 80.
///
/// Only `name` is free text in a scenario, but `set` values such as `money_mode` go through
/// here too, so every string the tool writes follows one set of rules.
enum YAMLScalar {
    /// PyYAML's default line width.
    static let bestWidth = 80

    /// The three styles this document can need.
    enum Style: Equatable {
        /// No quotes at all.
        case plain
        /// `'…'` with `'` doubled.
        case singleQuoted
        /// `"…"` with backslash escapes.
        case doubleQuoted
    }

    /// What `analyze_scalar` finds out about a string, reduced to what block context needs.
    struct Analysis {
        var empty = false
        var multiline = false
        var allowBlockPlain = true
        var allowSingleQuoted = true
    }

    private static let lineBreaks: Set<Unicode.Scalar> = ["\n", "\u{85}", "\u{2028}", "\u{2029}"]
    private static let whitespaceOrBreak: Set<Unicode.Scalar> = ["\0", " ", "\t", "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"]

    /// PyYAML's `analyze_scalar` with `allow_unicode=True`, for a value in block context.
    static func analyze(_ text: [Unicode.Scalar]) -> Analysis {
        if text.isEmpty { return Analysis(empty: true) }
        var blockIndicators = false
        var lineBreaksFound = false
        var specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false

        let string = String(String.UnicodeScalarView(text))
        if string.hasPrefix("---") || string.hasPrefix("...") { blockIndicators = true }

        var precededByWhitespace = true
        var followedByWhitespace = text.count == 1 || whitespaceOrBreak.contains(text[1])
        for (index, ch) in text.enumerated() {
            if index == 0 {
                if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(ch) { blockIndicators = true }
                if (ch == "?" || ch == ":") && followedByWhitespace { blockIndicators = true }
                if ch == "-" && followedByWhitespace { blockIndicators = true }
            } else {
                if ch == ":" && followedByWhitespace { blockIndicators = true }
                if ch == "#" && precededByWhitespace { blockIndicators = true }
            }
            if lineBreaks.contains(ch) { lineBreaksFound = true }
            if !(ch == "\n" || (0x20...0x7E).contains(ch.value)) {
                let v = ch.value
                let printable = v == 0x85 || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                    || (0x10000..<0x10FFFF).contains(v)
                if !printable || v == 0xFEFF { specialCharacters = true }
            }
            if ch == " " {
                if index == 0 { leadingSpace = true }
                if index == text.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if lineBreaks.contains(ch) {
                if index == 0 { leadingBreak = true }
                if index == text.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = whitespaceOrBreak.contains(ch)
            followedByWhitespace = index + 2 >= text.count || whitespaceOrBreak.contains(text[index + 2])
        }

        var analysis = Analysis(multiline: lineBreaksFound)
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { analysis.allowBlockPlain = false }
        if breakSpace { analysis.allowBlockPlain = false; analysis.allowSingleQuoted = false }
        if spaceBreak || specialCharacters { analysis.allowBlockPlain = false; analysis.allowSingleQuoted = false }
        if lineBreaksFound { analysis.allowBlockPlain = false }
        if blockIndicators { analysis.allowBlockPlain = false }
        return analysis
    }

    /// PyYAML's `choose_scalar_style` for a plain-tagged string value in block context.
    static func style(for text: [Unicode.Scalar]) -> Style {
        let analysis = analyze(text)
        if !YAMLResolver.resolvesToNonString(text) && analysis.allowBlockPlain && !analysis.empty {
            return .plain
        }
        return analysis.allowSingleQuoted ? .singleQuoted : .doubleQuoted
    }

    /// Renders `value` as the value of a mapping key whose `:` ends at `column`, the scalar's
    /// continuation lines indented to `indent`. The result starts with the separating space.
    static func render(_ value: String, column: Int, indent: Int) -> String {
        render(Array(value.unicodeScalars), surrogates: [:], column: column, indent: indent)
    }

    /// Renders a Python string given as code points, which may hold lone surrogates (U+D800 to
    /// U+DFFF: bytes of a command line that are not UTF-8, as Python's `surrogateescape` keeps
    /// them). PyYAML finds a surrogate not printable, so the string is double-quoted and the
    /// surrogate written as `\uDCE9`; to the emitter it is one more non-printable character.
    static func render(codePoints: [UInt32], column: Int, indent: Int) -> String {
        var text: [Unicode.Scalar] = []
        var surrogates: [Int: UInt32] = [:]
        for (index, value) in codePoints.enumerated() {
            if let scalar = Unicode.Scalar(value) {
                text.append(scalar)
            } else {
                // U+FFFF stands in: like a surrogate it is not printable, is escaped with four
                // hex digits, and is neither a space nor a break; the escape writes the surrogate.
                text.append("\u{FFFF}")
                surrogates[index] = value
            }
        }
        return render(text, surrogates: surrogates, column: column, indent: indent)
    }

    private static func render(_ text: [Unicode.Scalar], surrogates: [Int: UInt32], column: Int, indent: Int) -> String {
        var emitter = Emitter(column: column, indent: indent)
        emitter.surrogates = surrogates
        switch style(for: text) {
        case .plain: emitter.writePlain(text)
        case .singleQuoted: emitter.writeSingleQuoted(text)
        case .doubleQuoted: emitter.writeDoubleQuoted(text)
        }
        return String(String.UnicodeScalarView(emitter.output))
    }

    /// The part of PyYAML's emitter state that scalar writing reads and changes.
    private struct Emitter {
        var column: Int
        let indent: Int
        var whitespace = false
        var indention = false
        var output: [Unicode.Scalar] = []
        /// Lone surrogates by their index in the text (a U+FFFF stands in for each there).
        var surrogates: [Int: UInt32] = [:]

        init(column: Int, indent: Int) {
            self.column = column
            self.indent = indent
        }

        mutating func emit(_ scalars: ArraySlice<Unicode.Scalar>) {
            output.append(contentsOf: scalars)
            column += scalars.count
        }

        mutating func emit(_ string: String) {
            emit(ArraySlice(string.unicodeScalars))
        }

        mutating func writeIndicator(_ indicator: String, needWhitespace: Bool) {
            emit(whitespace || !needWhitespace ? indicator : " " + indicator)
            whitespace = false
            indention = false
        }

        mutating func writeLineBreak(_ scalar: Unicode.Scalar = "\n") {
            whitespace = true
            indention = true
            column = 0
            output.append(scalar)
        }

        mutating func writeIndent() {
            if !indention || column > indent || (column == indent && !whitespace) {
                writeLineBreak()
            }
            if column < indent {
                whitespace = true
                output.append(contentsOf: repeatElement(" ", count: indent - column))
                column = indent
            }
        }

        /// Writes the run of line breaks `text[start..<end]` as PyYAML does inside a scalar.
        mutating func writeBreaks(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) {
            if text[start] == "\n" { writeLineBreak() }
            for scalar in text[start..<end] { writeLineBreak(scalar) }
            writeIndent()
        }

        mutating func writePlain(_ text: [Unicode.Scalar]) {
            if text.isEmpty { return }
            if !whitespace { emit(" ") }
            whitespace = false
            indention = false
            var spaces = false, breaks = false
            var start = 0, end = 0
            while end <= text.count {
                let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
                if spaces {
                    if ch != " " {
                        if start + 1 == end && column > YAMLScalar.bestWidth {
                            writeIndent()
                            whitespace = false
                            indention = false
                        } else {
                            emit(text[start..<end])
                        }
                        start = end
                    }
                } else if breaks {
                    if ch.map({ !YAMLScalar.lineBreaks.contains($0) }) ?? true {
                        writeBreaks(text, start, end)
                        whitespace = false
                        indention = false
                        start = end
                    }
                } else if ch.map({ $0 == " " || YAMLScalar.lineBreaks.contains($0) }) ?? true {
                    emit(text[start..<end])
                    start = end
                }
                if let ch {
                    spaces = ch == " "
                    breaks = YAMLScalar.lineBreaks.contains(ch)
                }
                end += 1
            }
        }

        mutating func writeSingleQuoted(_ text: [Unicode.Scalar]) {
            writeIndicator("'", needWhitespace: true)
            var spaces = false, breaks = false
            var start = 0, end = 0
            while end <= text.count {
                let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
                if spaces {
                    if ch != " " {
                        if start + 1 == end && column > YAMLScalar.bestWidth && start != 0 && end != text.count {
                            writeIndent()
                        } else {
                            emit(text[start..<end])
                        }
                        start = end
                    }
                } else if breaks {
                    if ch.map({ !YAMLScalar.lineBreaks.contains($0) }) ?? true {
                        writeBreaks(text, start, end)
                        start = end
                    }
                } else if ch.map({ $0 == " " || $0 == "'" || YAMLScalar.lineBreaks.contains($0) }) ?? true {
                    if start < end {
                        emit(text[start..<end])
                        start = end
                    }
                }
                if ch == "'" {
                    emit("''")
                    start = end + 1
                }
                if let ch {
                    spaces = ch == " "
                    breaks = YAMLScalar.lineBreaks.contains(ch)
                }
                end += 1
            }
            writeIndicator("'", needWhitespace: false)
        }

        private static let escapes: [Unicode.Scalar: String] = [
            "\0": "0", "\u{07}": "a", "\u{08}": "b", "\t": "t", "\n": "n", "\u{0B}": "v",
            "\u{0C}": "f", "\r": "r", "\u{1B}": "e", "\"": "\"", "\\": "\\", "\u{85}": "N",
            "\u{A0}": "_", "\u{2028}": "L", "\u{2029}": "P",
        ]

        private static func hex(_ value: UInt32, digits: Int) -> String {
            let text = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }

        mutating func writeDoubleQuoted(_ text: [Unicode.Scalar]) {
            writeIndicator("\"", needWhitespace: true)
            var start = 0, end = 0
            while end <= text.count {
                let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
                let needsEscape: Bool = ch.map { c in
                    let v = c.value
                    if "\"\\\u{85}\u{2028}\u{2029}\u{FEFF}".unicodeScalars.contains(c) { return true }
                    return !((0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v))
                } ?? true
                if needsEscape {
                    if start < end {
                        emit(text[start..<end])
                        start = end
                    }
                    if let ch {
                        if let surrogate = surrogates[end] {
                            emit("\\u" + Self.hex(surrogate, digits: 4))
                        } else if let letter = Self.escapes[ch] {
                            emit("\\" + letter)
                        } else if ch.value <= 0xFF {
                            emit("\\x" + Self.hex(ch.value, digits: 2))
                        } else if ch.value <= 0xFFFF {
                            emit("\\u" + Self.hex(ch.value, digits: 4))
                        } else {
                            emit("\\U" + Self.hex(ch.value, digits: 8))
                        }
                        start = end + 1
                    }
                }
                if end > 0 && end < text.count - 1 && (ch == " " || start >= end)
                    && column + (end - start) > YAMLScalar.bestWidth {
                    if start < end {
                        emit(text[start..<end])
                        start = end
                    }
                    emit("\\")
                    writeIndent()
                    whitespace = false
                    indention = false
                    if text[start] == " " { emit("\\") }
                }
                end += 1
            }
            writeIndicator("\"", needWhitespace: false)
        }
    }
}
