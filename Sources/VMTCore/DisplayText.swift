// How user data (names, values, paths, messages) is shown in line-based output: the one escaping
// function every printer uses, so a value cannot break a line, recolour a terminal or shift a caret.

/// Text made safe to show on a line of output.
///
/// User data reaches text output in diagnostics, `diff`, `plan`'s text and markdown, `list`,
/// `import`'s and `build`'s lines and `error:` lines. A control character in it is shown as its
/// visible picture — line feed `␊`, carriage return `␍`, tab `␉`, escape `␛`, NUL `␀` (U+2400 +
/// the code), delete `␡` — and a C1 control (U+0080…U+009F) as `�`, so one value is one line.
/// Everything else (any other Unicode, the pictures themselves) is shown as it is.
/// Output that is data for a program keeps its own rules instead: JSON escapes, CSV quotes
/// (RFC 4180); a file name that is not UTF-8 is first decoded by `FileName.display` (`\xNN`).
public enum DisplayText {
    /// `text` with every control character made visible (see the type). With
    /// `keepingLineBreaks`, line feeds and tabs stay as they are: for a block that is several
    /// lines on purpose (a rendered diagnostic's source line), never for one value or message.
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepingLineBreaks) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09 where keepingLineBreaks, 0x0A where keepingLineBreaks: out.append(scalar)
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `scalar` is changed by `visible`.
    private static func isControl(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        let value = scalar.value
        if keepingLineBreaks && (value == 0x09 || value == 0x0A) { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
