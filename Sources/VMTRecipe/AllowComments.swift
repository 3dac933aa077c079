// Silencing warnings: `# vmt-dsl: allow VMT250[, VMT251]` comments on a directive's line (or
// alone on the line directly above it), and the codes a run allows everywhere. The resolver
// asks `WarningAllowance` before it reports a warning; a silenced warning is never reported,
// so it neither prints nor fails `-W`. Errors cannot be allowed.

/// One code named by an allow comment, as written and where.
struct AllowedCode: Equatable {
    /// The word as written, such as `VMT250`.
    var text: String
    /// Where the word is.
    var range: SourceRange
    /// The code, when the word names one.
    var code: DiagnosticCode? { DiagnosticCode(rawValue: text) }
}

/// The syntax of allow comments.
enum AllowComment {
    /// The words that start an allow comment, after `#` and any spaces.
    static let marker = "vmt-dsl:"

    /// The codes an allow comment names, or nil when `comment` is not an allow comment.
    ///
    /// The form is `# vmt-dsl: allow CODE[, CODE]...`, spaces free around the words; the list
    /// ends at the first word not preceded by a comma, and what follows is a free reason
    /// (`# vmt-dsl: allow VMT250 stated on purpose`).
    static func codes(in comment: Comment) -> [AllowedCode]? {
        let scalars = Array(comment.text.unicodeScalars)
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }
        func word() -> (String, Int)? {
            let start = index
            while index < scalars.count, scalars[index] != " ", scalars[index] != "\t", scalars[index] != "," { index += 1 }
            guard index > start else { return nil }
            return (String(String.UnicodeScalarView(scalars[start..<index])), start)
        }
        guard index < scalars.count, scalars[index] == "#" else { return nil }
        index += 1
        skipSpaces()
        guard let (first, _) = word(), first == marker else { return nil }
        skipSpaces()
        guard let (verb, _) = word(), verb == "allow" else { return nil }
        var codes: [AllowedCode] = []
        while true {
            skipSpaces()
            guard let (text, offset) = word() else { break }
            let start = comment.range.start
            let from = SourcePosition(line: start.line, column: start.column + offset,
                                      offset: start.offset + comment.text.unicodeScalars.prefix(offset).reduce(0) { $0 + UTF8.width($1) })
            let to = SourcePosition(line: start.line, column: from.column + text.unicodeScalars.count,
                                    offset: from.offset + text.utf8.count)
            codes.append(AllowedCode(text: text, range: SourceRange(file: comment.range.file, start: from, end: to)))
            skipSpaces()
            guard index < scalars.count, scalars[index] == "," else { break }
            index += 1
        }
        return codes
    }

    /// The comments that may allow warnings for `line`: its trailing comment, and the comment
    /// alone on the line directly above it.
    static func comments(for line: SyntaxLine) -> [Comment] {
        var found: [Comment] = []
        if let above = line.leadingComments.last, above.range.start.line == line.range.start.line - 1 {
            found.append(above)
        }
        if let trailing = line.trailingComment { found.append(trailing) }
        return found
    }
}

/// Which warnings are silenced where: the codes a run allows everywhere, and, per file and
/// line, the codes that allow comments name for the directive on that line.
struct WarningAllowance {
    /// Codes allowed everywhere in the run (only warnings' codes have an effect).
    private let everywhere: Set<DiagnosticCode>
    /// Codes allowed by comments, by file path and 1-based line of the directive.
    private var byLine: [String: [Int: Set<DiagnosticCode>]] = [:]

    /// The allowance of a run over `recipes`.
    init(allowing: Set<DiagnosticCode>, recipes: [Recipe]) {
        everywhere = allowing.filter(\.isWarning)
        for recipe in recipes {
            for line in recipe.syntax.lines {
                let codes = AllowComment.comments(for: line).flatMap { AllowComment.codes(in: $0) ?? [] }
                    .compactMap(\.code).filter(\.isWarning)
                guard !codes.isEmpty else { continue }
                byLine[recipe.path, default: [:]][line.range.start.line, default: []].formUnion(codes)
            }
        }
    }

    /// Whether a warning of `code` about the text at `range` is silenced.
    func allows(_ code: DiagnosticCode, at range: SourceRange) -> Bool {
        guard code.isWarning else { return false }
        return everywhere.contains(code) || byLine[range.file]?[range.start.line]?.contains(code) == true
    }

    /// The warnings about the allow comments of `line` themselves: a code that does not exist,
    /// or an error's code (errors cannot be allowed).
    static func problems(of line: SyntaxLine) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for comment in AllowComment.comments(for: line) {
            guard let codes = AllowComment.codes(in: comment) else { continue }
            if codes.isEmpty {
                found.append(.warning(Messages.allowWithoutCodes, at: comment.range))
            }
            for entry in codes {
                if let code = entry.code {
                    if !code.isWarning { found.append(.warning(Messages.allowOfAnError(entry.text), at: entry.range)) }
                } else {
                    found.append(.warning(Messages.allowOfUnknownCode(entry.text), at: entry.range,
                                          hint: Messages.suggestion(for: entry.text, in: DiagnosticCode.allCases.filter(\.isWarning).map(\.rawValue))))
                }
            }
        }
        return found
    }
}
