import VMTCore
import VMTRecipe

/// Printing diagnostics: rendered with their source lines, in colour only on a terminal
/// without `NO_COLOR`.
struct DiagnosticPrinter {
    let context: CommandContext
    let sources: [String: String]

    init(_ context: CommandContext, sources: [RecipeSource]) {
        self.context = context
        var texts: [String: String] = [:]
        for source in sources { texts[source.path] = String(decoding: source.bytes, as: UTF8.self) }
        self.sources = texts
    }

    var useColor: Bool {
        context.standardErrorIsTerminal && context.environment["NO_COLOR"] == nil
    }

    /// `diagnostics` sorted by file and position, without repeats.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            let (x, y) = (a.element.range, b.element.range)
            return (x.file, x.start.offset, a.offset) < (y.file, y.start.offset, b.offset)
        }.map(\.element)
    }

    /// Prints `diagnostics` to standard error, sorted by file and position, without repeats.
    func print(_ diagnostics: [Diagnostic]) {
        let sorted = Self.ordered(diagnostics)
        guard !sorted.isEmpty else { return }
        let renderer = DiagnosticRenderer(sources: sources, useColor: useColor)
        var text = renderer.render(sorted)
        if !text.hasSuffix("\n") { text += "\n" }
        context.standardError(text)
    }
}

extension DiagnosticPrinter {
    /// Prints `diagnostics` as JSON lines on standard output, sorted and without repeats:
    /// `{"file", "line", "column", "end_line", "end_column", "severity", "code", "message", "notes", "hint"}`,
    /// each note `{"message"}` plus `file`, `line`, `column` when it points somewhere.
    func printJSON(_ diagnostics: [Diagnostic]) {
        for diagnostic in Self.ordered(diagnostics) {
            context.print(Self.json(diagnostic).text)
        }
    }

    /// One diagnostic as a JSON object.
    static func json(_ diagnostic: Diagnostic) -> JSON {
        let range = diagnostic.range
        let notes = diagnostic.notes.map { note -> JSON in
            var pairs: [(String, JSON)] = [("message", .string(note.message))]
            if let at = note.range {
                pairs += [("file", .string(at.file)), ("line", .int(at.start.line)), ("column", .int(at.start.column))]
            }
            return .object(pairs)
        }
        return .object([
            ("file", .string(range.file)), ("line", .int(range.start.line)), ("column", .int(range.start.column)),
            ("end_line", .int(range.end.line)), ("end_column", .int(range.end.column)),
            ("severity", .string(diagnostic.severity.rawValue)), ("code", .string(diagnostic.code.rawValue)),
            ("message", .string(diagnostic.message)),
            ("notes", .array(notes)), ("hint", diagnostic.hint.map(JSON.string) ?? .null),
        ])
    }
}
