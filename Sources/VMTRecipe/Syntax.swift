// The reader: tokens in, generic lines out (like Go's modfile read.go).
// A line is a keyword and its argument tokens; comments are trivia attached
// to lines so that `fmt` can print them back where they were.

/// A `#` comment, with the blank lines above it so that it can be printed back in place.
public struct Comment: Equatable, Hashable, Sendable {
    /// The text from `#` to the end of the line, without the line break.
    public var text: String
    /// Where the comment was read.
    public var range: SourceRange
    /// How many blank lines separate this comment from the line above it.
    public var blankLinesBefore: Int

    /// Creates a comment.
    public init(text: String, range: SourceRange, blankLinesBefore: Int) {
        self.text = text
        self.range = range
        self.blankLinesBefore = blankLinesBefore
    }
}

/// One directive line: a keyword, its argument tokens and the comments around it.
public struct SyntaxLine: Equatable, Hashable, Sendable {
    /// The first word of the line (not yet checked to be a known directive).
    public var keyword: Token
    /// Every other token of the line, in order; no newline, comment or EOF.
    /// Stored packed (a line can hold ~500,000 values), each token read on access.
    public var arguments: TokenList
    /// The comment lines between the previous directive and this one (after
    /// the head comments, for the first directive). Each records the blank
    /// lines above it; they move with this line.
    public var leadingComments: [Comment]
    /// A comment at the end of this line, after the arguments.
    public var trailingComment: Comment?
    /// How many blank lines separate this line from the line above it (a comment or a directive).
    public var blankLinesBefore: Int
    /// From the start of the keyword to the end of the last argument.
    public var range: SourceRange

    /// Creates a line; `range` runs from the keyword to the last argument.
    public init(
        keyword: Token,
        arguments: TokenList,
        leadingComments: [Comment] = [],
        trailingComment: Comment? = nil,
        blankLinesBefore: Int = 0
    ) {
        self.keyword = keyword
        self.arguments = arguments
        self.leadingComments = leadingComments
        self.trailingComment = trailingComment
        self.blankLinesBefore = blankLinesBefore
        self.range = keyword.range.union(arguments.last?.range ?? keyword.range)
    }
}

/// A recipe file read into lines, with the comments that belong to the file as a whole.
public struct SyntaxFile: Equatable, Hashable, Sendable {
    /// The path the file was read from, as given.
    public var path: String
    /// The directive lines in file order (lines with errors are left out).
    public var lines: [SyntaxLine]
    /// The comments at the top of the file that a blank line separates from
    /// the first directive. In a file without directives, every comment.
    public var headComments: [Comment]
    /// The comments after the last directive.
    public var trailingComments: [Comment]

    /// Creates a syntax file.
    public init(path: String, lines: [SyntaxLine], headComments: [Comment] = [], trailingComments: [Comment] = []) {
        self.path = path
        self.lines = lines
        self.headComments = headComments
        self.trailingComments = trailingComments
    }
}

/// Groups tokens into lines and attaches comments; reports lexical errors and
/// lines that do not start with a word, then goes on with the next line.
struct SyntaxReader {
    /// Reads a whole file: lexes the bytes, then groups the tokens into lines.
    /// The tokens are read one at a time and each line is kept packed (see
    /// `TokenList`), so memory stays proportional to the bytes, not the tokens.
    static func read(path: String, bytes: [UInt8]) -> (SyntaxFile, [Diagnostic]) {
        var lexer = Lexer(path: path, bytes: bytes)
        return read(path: path) { lexer.next() }
    }

    /// Groups tokens (ending with `.eof`) into lines.
    static func read(path: String, tokens: [Token]) -> (SyntaxFile, [Diagnostic]) {
        var iterator = tokens.makeIterator()
        return read(path: path) { iterator.next() ?? Token(kind: .eof, text: "", range: SourceRange(file: path, at: .start)) }
    }

    /// Groups the tokens `next` gives (until `.eof`) into lines.
    private static func read(path: String, next: () -> Token) -> (SyntaxFile, [Diagnostic]) {
        var reader = SyntaxReader(path: path)
        var current = PhysicalLine()
        while true {
            let token = next()
            switch token.kind {
            case .newline, .eof:
                reader.endLine(current)
                current = PhysicalLine()
            case .error:
                if current.error == nil { current.error = token }
            case .comment:
                current.comment = token
            default:
                if current.head == nil { current.head = token } else { current.rest.append(token) }
            }
            if token.kind == .eof { break }
        }
        return (reader.finish(), reader.diagnostics)
    }

    /// The tokens of one physical line, sorted as the reader needs them. A
    /// comment runs to the line break, and the lexer skips the rest of a line
    /// after an error, so each is the last token of its line.
    private struct PhysicalLine {
        /// The first token that is not a comment or an error.
        var head: Token?
        /// The tokens after `head`, except a comment or an error.
        var rest = TokenList()
        /// The comment at the end of the line.
        var comment: Token?
        /// The first error token of the line.
        var error: Token?
    }

    private let path: String
    private var lines: [SyntaxLine] = []
    private var headComments: [Comment] = []
    private var pendingComments: [Comment] = []
    private var blankLines = 0
    private var diagnostics: [Diagnostic] = []

    private init(path: String) {
        self.path = path
    }

    /// Files one physical line: blank, comment only, directive, or error.
    private mutating func endLine(_ physical: PhysicalLine) {
        if let error = physical.error {
            diagnostics.append(.error(Message(error.errorCode ?? .unexpectedCharacter, error.value), at: error.range,
                                      hint: error.errorHint))
            blankLines = 0
            return
        }
        let comment = physical.comment.map { Comment(text: $0.text, range: $0.range, blankLinesBefore: 0) }
        guard let keyword = physical.head else {
            if var comment {
                comment.blankLinesBefore = blankLines
                pendingComments.append(comment)
                blankLines = 0
            } else {
                blankLines += 1
            }
            return
        }
        guard keyword.kind == .word else {
            diagnostics.append(.error(Messages.expectedKeyword(found: keyword), at: keyword.range))
            blankLines = 0
            return
        }
        if lines.isEmpty { splitHeadComments() }
        lines.append(SyntaxLine(
            keyword: keyword,
            arguments: physical.rest,
            leadingComments: pendingComments,
            trailingComment: comment,
            blankLinesBefore: blankLines
        ))
        pendingComments = []
        blankLines = 0
    }

    /// Before the first directive: moves every comment that a blank line
    /// separates from it into the head comments.
    private mutating func splitHeadComments() {
        var split = 0
        for (index, comment) in pendingComments.enumerated() where comment.blankLinesBefore > 0 {
            split = index
        }
        if blankLines > 0 { split = pendingComments.count }
        headComments = Array(pendingComments[..<split])
        pendingComments = Array(pendingComments[split...])
    }

    private func finish() -> SyntaxFile {
        if lines.isEmpty {
            return SyntaxFile(path: path, lines: [], headComments: pendingComments, trailingComments: [])
        }
        return SyntaxFile(path: path, lines: lines, headComments: headComments, trailingComments: pendingComments)
    }
}
