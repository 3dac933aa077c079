// Diagnostics as data, and the one place that renders them as text:
//
//     path:line:col: error: message [VMT123]
//       <the source line>
//       ^~~~
//     path:line:col: note: first set here
//     hint: did you mean 'agents'?

import VMTCore

/// A problem found in a recipe: its severity, code, message, source range, notes and hint.
///
/// Diagnostics are plain values; `DiagnosticRenderer` turns them into text.
/// Every message text comes from `Messages`, with its stable `DiagnosticCode`.
public struct Diagnostic: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Equatable, Hashable, Sendable {
        /// The recipe cannot be used.
        case error
        /// The recipe can be used, but probably does not say what was meant.
        case warning
        /// Extra information, usually attached to another diagnostic.
        case note
    }

    /// A secondary message attached to a diagnostic, with an optional range.
    public struct Note: Equatable, Hashable, Sendable {
        /// The note's text.
        public var message: String
        /// Where the note points, if anywhere (for example the first of two duplicates).
        public var range: SourceRange?

        /// Creates a note, optionally pointing at a range.
        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// How serious the problem is (`-W` turns a warning into an error; its code stays).
    public var severity: Severity
    /// The stable code of this kind of problem, such as `VMT203`.
    public var code: DiagnosticCode
    /// The one-line message, without the `error:` prefix and without the code.
    public var message: String
    /// The text the diagnostic is about; the caret goes under it.
    public var range: SourceRange
    /// Secondary messages, rendered after the source line.
    public var notes: [Note]
    /// A suggestion, such as `did you mean 'agents'?`, rendered last.
    public var hint: String?

    /// Creates a diagnostic from a message and its code.
    ///
    /// A hint the message already says word for word (a list of choices the message ends with)
    /// is dropped: a hint adds something or is not shown.
    public init(
        _ severity: Severity,
        _ message: Message,
        at range: SourceRange,
        notes: [Note] = [],
        hint: String? = nil
    ) {
        self.severity = severity
        self.code = message.code
        self.message = message.text
        self.range = range
        self.notes = notes
        self.hint = hint.flatMap { message.text.contains($0) ? nil : $0 }
    }

    /// Creates an error.
    public static func error(
        _ message: Message,
        at range: SourceRange,
        notes: [Note] = [],
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, at: range, notes: notes, hint: hint)
    }

    /// Creates a warning.
    public static func warning(
        _ message: Message,
        at range: SourceRange,
        notes: [Note] = [],
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, at: range, notes: notes, hint: hint)
    }

    /// The first line of the rendered diagnostic: `path:line:col: error: message [VMT123]`.
    public var description: String {
        "\(range): \(severity.rawValue): \(message) [\(code.rawValue)]"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of the diagnostics is an error.
    public var containsError: Bool {
        contains { $0.severity == .error }
    }
}

/// Renders diagnostics as text: location line, source line, caret, notes and hint.
///
/// The renderer asks `source` for the text of a file by its path; when that
/// returns nil (or the line does not exist) the source line and caret are left
/// out. Colour (ANSI escapes) is used only when `useColor` is true; the caller
/// decides, typically from `isatty` and the `NO_COLOR` environment variable.
public struct DiagnosticRenderer: Sendable {
    private let source: @Sendable (String) -> String?
    private let useColor: Bool

    /// Creates a renderer that reads source text through a closure.
    public init(useColor: Bool = false, source: @escaping @Sendable (String) -> String?) {
        self.source = source
        self.useColor = useColor
    }

    /// Creates a renderer over a table of file texts, keyed by path.
    public init(sources: [String: String], useColor: Bool = false) {
        self.init(useColor: useColor) { sources[$0] }
    }

    /// Renders one diagnostic; the text ends with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var cache: [String: [String]?] = [:]
        return render(diagnostic, cache: &cache)
    }

    /// Renders diagnostics one after the other, in the order given.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var cache: [String: [String]?] = [:]
        var out = ""
        for diagnostic in diagnostics {
            out += render(diagnostic, cache: &cache)
        }
        return out
    }

    /// Renders one diagnostic, splitting each file into lines only once per `cache`.
    private func render(_ diagnostic: Diagnostic, cache: inout [String: [String]?]) -> String {
        var out = ""
        // The first line is one line whatever the path or the message holds (DisplayText).
        out += style(.bold, DisplayText.visible("\(diagnostic.range)") + ":") + " "
        out += severityLabel(diagnostic.severity) + " "
        out += style(.bold, DisplayText.visible(diagnostic.message)) + " [\(diagnostic.code.rawValue)]\n"
        let file = diagnostic.range.file
        if cache[file] == nil {
            cache[file] = .some(source(file).map(DiagnosticRenderer.lines))
        }
        if let lines = cache[file] ?? nil, let snippet = snippet(for: diagnostic.range, in: lines) {
            out += snippet
        }
        for note in diagnostic.notes {
            if let range = note.range {
                out += style(.bold, DisplayText.visible("\(range)") + ":") + " "
            }
            out += severityLabel(.note) + " " + DisplayText.visible(note.message) + "\n"
        }
        if let hint = diagnostic.hint {
            out += style(.hint, "hint:") + " " + DisplayText.visible(hint) + "\n"
        }
        return out
    }

    /// The source line of `range.start`, indented by two spaces, and the caret line under it.
    private func snippet(for range: SourceRange, in lines: [String]) -> String? {
        guard range.start.line >= 1, range.start.line <= lines.count else { return nil }
        var scalars = Array(lines[range.start.line - 1].unicodeScalars)
        var startIndex = max(0, range.start.column - 1)
        var endColumn = range.end.line == range.start.line ? range.end.column : scalars.count + 1
        // A very long line is shown as a window around the range, so one diagnostic prints a
        // bounded amount of text whatever the line's length.
        let windowed = scalars.count > Self.snippetWidth
        if windowed {
            let from = max(0, min(startIndex - Self.snippetWidth / 4, scalars.count - Self.snippetWidth))
            let to = min(scalars.count, from + Self.snippetWidth)
            let prefix: [Unicode.Scalar] = from > 0 ? ["…"] : []
            let suffix: [Unicode.Scalar] = to < scalars.count ? ["…"] : []
            scalars = prefix + scalars[from..<to] + suffix
            startIndex = startIndex - from + prefix.count
            endColumn = min(endColumn - from + prefix.count, to - from + prefix.count + 1)
        }
        let line = DisplayText.visible(String(String.UnicodeScalarView(scalars)), keepingLineBreaks: true)
        // The caret line copies tabs and counts terminal cells: an East Asian wide character or
        // an emoji takes two, a combining mark none, so the caret stays under its token.
        var indent = ""
        for index in 0..<min(startIndex, scalars.count) {
            indent += scalars[index] == "\t" ? "\t" : String(repeating: " ", count: Self.cellWidth(scalars[index]))
        }
        if startIndex > scalars.count {
            indent += String(repeating: " ", count: startIndex - scalars.count)
        }
        let endIndex = min(endColumn - 1, windowed ? scalars.count : Int.max)
        var cells = 0
        if startIndex < scalars.count {
            for index in startIndex..<min(max(endIndex, startIndex), scalars.count) {
                cells += scalars[index] == "\t" ? 1 : Self.cellWidth(scalars[index])
            }
        }
        cells += max(0, endIndex - max(startIndex, scalars.count))
        let marker = "^" + String(repeating: "~", count: max(0, cells - 1))
        return "  \(line)\n  \(indent)\(style(.caret, marker))\n"
    }

    /// How many terminal cells a scalar takes: 2 for East Asian Wide and Fullwidth characters
    /// (Unicode's East_Asian_Width W and F) and for emoji with emoji presentation, 0 for
    /// combining marks, zero-width joiners and variation selectors, 1 otherwise.
    static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        if value == 0x200B || value == 0x200D || (0xFE00...0xFE0F).contains(value) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// The East_Asian_Width W and F ranges outside the emoji (Unicode 15, EastAsianWidth.txt).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// The most characters of a source line shown under a diagnostic.
    static let snippetWidth = 160

    /// Line `number` (1-based) of `text`, as `lines(_:)` splits it.
    static func line(_ number: Int, of text: String) -> String? {
        let all = lines(text)
        return number >= 1 && number <= all.count ? all[number - 1] : nil
    }

    /// The lines of `text`, split at LF, CRLF and lone CR, without a leading BOM;
    /// a text ending in a line break ends with an empty line.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var line = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }
        while let scalar = pending {
            pending = iterator.next()
            if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", pending == "\n" {
                    pending = iterator.next()
                }
                result.append(String(line))
                line = String.UnicodeScalarView()
                continue
            }
            line.append(scalar)
        }
        result.append(String(line))
        return result
    }

    private enum Style {
        case bold, error, warning, note, caret, hint

        var code: String {
            switch self {
            case .bold: return "\u{1B}[1m"
            case .error: return "\u{1B}[1;31m"
            case .warning: return "\u{1B}[1;35m"
            case .note: return "\u{1B}[1;36m"
            case .caret: return "\u{1B}[1;32m"
            case .hint: return "\u{1B}[1;32m"
            }
        }
    }

    private func style(_ style: Style, _ text: String) -> String {
        useColor ? style.code + text + "\u{1B}[0m" : text
    }

    private func severityLabel(_ severity: Diagnostic.Severity) -> String {
        let label = severity.rawValue + ":"
        switch severity {
        case .error: return style(.error, label)
        case .warning: return style(.warning, label)
        case .note: return style(.note, label)
        }
    }
}
