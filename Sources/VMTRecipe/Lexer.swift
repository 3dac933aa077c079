// The lexer: UTF-8 bytes in, tokens out. Every token carries its source
// range; lexical errors become `.error` tokens (the reader turns them into
// diagnostics) and the lexer skips to the end of that line and goes on.

/// What kind of text a token is.
public enum TokenKind: String, Equatable, Hashable, Sendable, CaseIterable {
    /// A plain word: ASCII letters, digits, `_`, `-`, `.`, `/`, `{` and `}`, such as
    /// `agents`, `money/big_mixed.yaml`, `lambda_bounds.lambda_max` or
    /// `seed-{seed}.yaml`. Text that reads as a number or a range is one of
    /// those instead. (Braces are word characters so that `{field}`
    /// placeholders need no quotes; the rules allow them only in `scenario`
    /// and `output`.)
    case word
    /// An integer of any size with an optional sign: `42`, `-7`, `+3`,
    /// `123456789012345678901234567890`. The text is kept as written.
    case integer
    /// A decimal with a dot or an exponent: `0.3`, `.5`, `1.`, `1e-6`, `1.5E+3`.
    case decimal
    /// Two integers joined by `..`, such as `10..60`; `bounds` holds both.
    case range
    /// Text in double quotes with `\"` and `\\` escapes; `value` holds the contents.
    case string
    /// A `,` separating list items.
    case comma
    /// A `:` between a list item and its weight.
    case colon
    /// A `#` comment up to (not including) the end of the line.
    case comment
    /// A line break: LF, CRLF or a lone CR.
    case newline
    /// The end of the input; always the last token.
    case eof
    /// Text the lexer could not read; `value` holds the message.
    case error
}

/// One token: its kind, its source text, its value and where it was read.
public struct Token: Equatable, Hashable, Sendable {
    /// What kind of token this is.
    public var kind: TokenKind
    /// The source text exactly as written (for a string, with its quotes).
    public var text: String
    /// For `.string`, the contents with escapes resolved; for `.error`, the
    /// diagnostic message; for every other kind, the same as `text`.
    public var value: String
    /// Where the token was read.
    public var range: SourceRange
    /// For `.range`, the two integer bounds with their own texts and ranges.
    public var bounds: RangeBounds?
    /// For `.error`, the code of the diagnostic `value` is the message of; nil otherwise.
    public var errorCode: DiagnosticCode?
    /// For `.error`, the diagnostic's hint, if any (`did you mean 'grid 20'?` for `grid = 20`).
    public var errorHint: String?

    /// Creates a token.
    public init(kind: TokenKind, text: String, value: String? = nil, range: SourceRange, bounds: RangeBounds? = nil,
                errorCode: DiagnosticCode? = nil, errorHint: String? = nil) {
        self.kind = kind
        self.text = text
        self.value = value ?? text
        self.range = range
        self.bounds = bounds
        self.errorCode = errorCode
        self.errorHint = errorHint
    }
}

/// The two integer bounds of a `MIN..MAX` range token, as written.
public struct RangeBounds: Equatable, Hashable, Sendable {
    /// The text and range of `MIN`.
    public var lower: Located<String>
    /// The text and range of `MAX`.
    public var upper: Located<String>
}

/// Turns the bytes of one file into tokens, one `next()` at a time.
///
/// Rules: a UTF-8 byte order mark at the very start is skipped; spaces and
/// tabs separate tokens; LF, CRLF and a lone CR end a line; a last line
/// without a line break is fine. Invalid UTF-8, control characters and a
/// byte order mark elsewhere are errors at their position; after any error
/// the rest of that line is skipped.
struct Lexer {
    /// The path put into every token's range.
    let path: String
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    /// Creates a lexer over the bytes of the file at `path`.
    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
    }

    /// All tokens of a file, ending with exactly one `.eof`.
    static func tokenize(path: String, bytes: [UInt8]) -> [Token] {
        var lexer = Lexer(path: path, bytes: bytes)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    private var position: SourcePosition {
        SourcePosition(line: line, column: column, offset: index)
    }

    /// The next token; `.eof` once the input is used up, and again on every later call.
    mutating func next() -> Token {
        while index < bytes.count, bytes[index] == Byte.space || bytes[index] == Byte.tab {
            index += 1
            column += 1
        }
        let start = position
        guard index < bytes.count else { return make(.eof, from: start) }
        let byte = bytes[index]
        switch byte {
        case Byte.lineFeed, Byte.carriageReturn:
            index += 1
            if byte == Byte.carriageReturn, index < bytes.count, bytes[index] == Byte.lineFeed {
                index += 1
            }
            column += 1
            let token = make(.newline, from: start)
            line += 1
            column = 1
            return token
        case Byte.hash:
            while index < bytes.count, !Byte.isLineBreak(bytes[index]) {
                if let error = advanceTextScalar() { return error }
            }
            return make(.comment, from: start)
        case Byte.quote:
            return lexString(from: start)
        case Byte.comma:
            advanceASCII()
            return make(.comma, from: start)
        case Byte.colon:
            advanceASCII()
            return make(.colon, from: start)
        default:
            if Byte.isAtom(byte) { return lexAtom(from: start) }
            return unexpected(from: start)
        }
    }

    // MARK: Tokens

    /// A word, number or range: a maximal run of word characters and `+`, classified.
    private mutating func lexAtom(from start: SourcePosition) -> Token {
        while index < bytes.count, Byte.isAtom(bytes[index]) {
            advanceASCII()
        }
        let run = bytes[start.offset..<index]
        if NumberSyntax.isInteger(run) { return make(.integer, from: start) }
        if NumberSyntax.isDecimal(run) { return make(.decimal, from: start) }
        if let dots = NumberSyntax.rangeSeparator(in: run) {
            let lower = run[run.startIndex..<dots]
            let upper = run[(dots + 2)...]
            if NumberSyntax.isInteger(lower), NumberSyntax.isInteger(upper) {
                var token = make(.range, from: start)
                token.bounds = RangeBounds(
                    lower: Located(text(lower), at: asciiRange(lower, tokenStart: start)),
                    upper: Located(text(upper), at: asciiRange(upper, tokenStart: start))
                )
                return token
            }
            if NumberSyntax.startsLikeNumber(run) {
                return fail(Messages.malformedRange(text(run)), from: start)
            }
        }
        if let plus = run.firstIndex(of: Byte.plus) {
            let at = SourcePosition(line: line, column: start.column + (plus - start.offset), offset: plus)
            let end = SourcePosition(line: line, column: at.column + 1, offset: plus + 1)
            let token = Token(
                kind: .error, text: "+", value: Messages.unexpectedCharacter("+").text,
                range: SourceRange(file: path, start: at, end: end), errorCode: .unexpectedCharacter
            )
            skipToLineEnd()
            return token
        }
        return make(.word, from: start)
    }

    /// A double-quoted string; escapes `\"` and `\\`; it must close on its line.
    private mutating func lexString(from start: SourcePosition) -> Token {
        advanceASCII()
        var contents: [UInt8] = []
        while true {
            guard index < bytes.count, !Byte.isLineBreak(bytes[index]) else {
                return fail(Messages.unterminatedString, from: start)
            }
            let byte = bytes[index]
            if byte == Byte.quote {
                advanceASCII()
                var token = make(.string, from: start)
                token.value = String(decoding: contents, as: UTF8.self)
                return token
            }
            if byte == Byte.backslash {
                let escapeStart = position
                advanceASCII()
                guard index < bytes.count, !Byte.isLineBreak(bytes[index]) else {
                    return fail(Messages.unterminatedString, from: start)
                }
                let escaped = bytes[index]
                if escaped == Byte.quote || escaped == Byte.backslash {
                    contents.append(escaped)
                    advanceASCII()
                    continue
                }
                if let (scalar, length) = UTF8Decoding.scalar(in: bytes, at: index), !Byte.isControl(scalar) {
                    index += length
                    column += 1
                    return fail(Messages.unknownEscape(scalar), from: escapeStart)
                }
                // An invalid byte or a control character after the backslash:
                // reported below as such.
            }
            let scalarStart = index
            if let error = advanceTextScalar() { return error }
            contents.append(contentsOf: bytes[scalarStart..<index])
        }
    }

    /// The digits (and decimal point) right before `offset`, if a number ends there (`30` of `30%`).
    private func numberBefore(_ offset: Int) -> String? {
        var start = offset
        while start > 0, Byte.isDigit(bytes[start - 1]) || bytes[start - 1] == Byte.dot { start -= 1 }
        guard start < offset, bytes[start..<offset].contains(where: Byte.isDigit) else { return nil }
        return text(bytes[start..<offset])
    }

    /// An error for a character that starts no token.
    private mutating func unexpected(from start: SourcePosition) -> Token {
        if let error = advanceTextScalar() { return error }
        guard let (scalar, _) = UTF8Decoding.scalar(in: bytes, at: start.offset) else {
            return fail(Messages.invalidUTF8(bytes[start.offset]), from: start)
        }
        if scalar == "%", let number = numberBefore(start.offset) {
            return fail(Messages.percentSign(number), from: start)
        }
        var token = fail(Messages.unexpectedCharacter(scalar), from: start)
        if scalar == "=" { token.errorHint = lineWithoutEquals(at: start.offset).map(Messages.didYouMean) }
        return token
    }

    /// The line holding the `=` at `offset` with the `=` (and the spaces around it) as one space,
    /// as YAML's `key: value` slip is answered (`grid = 20` → `grid 20`); nil when nothing comes
    /// before or after it. A comment after ` #` is left out.
    private func lineWithoutEquals(at offset: Int) -> String? {
        var start = offset
        while start > 0, !Byte.isLineBreak(bytes[start - 1]) { start -= 1 }
        var end = offset + 1
        while end < bytes.count, !Byte.isLineBreak(bytes[end]) { end += 1 }
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        func trimmed(_ part: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var lower = part.startIndex
            var upper = part.endIndex
            while lower < upper, isBlank(part[lower]) { lower += 1 }
            while upper > lower, isBlank(part[upper - 1]) { upper -= 1 }
            return part[lower..<upper]
        }
        var afterEnd = end
        if let hash = ((offset + 1)..<end).first(where: { bytes[$0] == 0x23 && isBlank(bytes[$0 - 1]) }) { afterEnd = hash }
        let head = trimmed(bytes[start..<offset])
        let tail = trimmed(bytes[(offset + 1)..<afterEnd])
        guard !head.isEmpty, !tail.isEmpty else { return nil }
        return text(head) + " " + text(tail)
    }

    // MARK: Moving

    /// Steps over one scalar of comment or string text, or returns the error
    /// token for invalid UTF-8, a control character or a misplaced byte order mark.
    private mutating func advanceTextScalar() -> Token? {
        let start = position
        guard let (scalar, length) = UTF8Decoding.scalar(in: bytes, at: index) else {
            let byte = bytes[index]
            index += 1
            column += 1
            return fail(Messages.invalidUTF8(byte), from: start)
        }
        index += length
        column += 1
        if Byte.isControl(scalar) {
            return fail(Messages.controlCharacter(scalar), from: start)
        }
        if scalar == "\u{FEFF}" {
            return fail(Messages.byteOrderMark, from: start)
        }
        return nil
    }

    private mutating func advanceASCII() {
        index += 1
        column += 1
    }

    /// Skips to the next line break (not consuming it), counting columns roughly.
    private mutating func skipToLineEnd() {
        while index < bytes.count, !Byte.isLineBreak(bytes[index]) {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
    }

    // MARK: Building tokens

    private func make(_ kind: TokenKind, from start: SourcePosition) -> Token {
        Token(kind: kind, text: text(bytes[start.offset..<index]), range: SourceRange(file: path, start: start, end: position))
    }

    /// An error token from `start` to here; the rest of the line is skipped.
    private mutating func fail(_ message: Message, from start: SourcePosition) -> Token {
        let token = Token(
            kind: .error, text: text(bytes[start.offset..<index]), value: message.text,
            range: SourceRange(file: path, start: start, end: position), errorCode: message.code
        )
        skipToLineEnd()
        return token
    }

    private func text(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice, as: UTF8.self)
    }

    /// The range of an ASCII slice of the token that starts at `tokenStart`.
    private func asciiRange(_ slice: ArraySlice<UInt8>, tokenStart: SourcePosition) -> SourceRange {
        let startColumn = tokenStart.column + (slice.startIndex - tokenStart.offset)
        let endColumn = tokenStart.column + (slice.endIndex - tokenStart.offset)
        let start = SourcePosition(line: line, column: startColumn, offset: slice.startIndex)
        let end = SourcePosition(line: line, column: endColumn, offset: slice.endIndex)
        return SourceRange(file: path, start: start, end: end)
    }
}

/// The byte values and byte classes the lexer needs.
enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let comma = UInt8(ascii: ",")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")

    static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == lineFeed || byte == carriageReturn
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// A word character (letters, digits, `_`, `-`, `.`, `/`, `{`, `}`), or `+`
    /// (which may only appear inside a number).
    static func isAtom(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == minus
            || byte == dot || byte == UInt8(ascii: "/") || byte == plus
            || byte == openBrace || byte == closeBrace
    }

    /// C0 controls other than tab, DEL, and the C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09) || (value >= 0x7F && value <= 0x9F)
    }
}

/// Recognisers for the number and range syntax inside a run of word characters.
enum NumberSyntax {
    /// `[+-]? DIGIT+`
    static func isInteger(_ run: ArraySlice<UInt8>) -> Bool {
        var i = run.startIndex
        if i < run.endIndex, run[i] == Byte.plus || run[i] == Byte.minus { i += 1 }
        guard i < run.endIndex else { return false }
        return run[i...].allSatisfy(Byte.isDigit)
    }

    /// `[+-]? (DIGIT+ ("." DIGIT*)? | "." DIGIT+) ([eE] [+-]? DIGIT+)?`, with a dot or an exponent.
    static func isDecimal(_ run: ArraySlice<UInt8>) -> Bool {
        var i = run.startIndex
        let end = run.endIndex
        if i < end, run[i] == Byte.plus || run[i] == Byte.minus { i += 1 }
        var digits = 0
        while i < end, Byte.isDigit(run[i]) {
            i += 1
            digits += 1
        }
        var hasDot = false
        if i < end, run[i] == Byte.dot {
            hasDot = true
            i += 1
            while i < end, Byte.isDigit(run[i]) {
                i += 1
                digits += 1
            }
        }
        guard digits > 0 else { return false }
        var hasExponent = false
        if i < end, run[i] == UInt8(ascii: "e") || run[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, run[i] == Byte.plus || run[i] == Byte.minus { i += 1 }
            let exponentStart = i
            while i < end, Byte.isDigit(run[i]) { i += 1 }
            guard i > exponentStart else { return false }
            hasExponent = true
        }
        return i == end && (hasDot || hasExponent)
    }

    /// The index of the first `..` in the run, if any.
    static func rangeSeparator(in run: ArraySlice<UInt8>) -> Int? {
        var i = run.startIndex
        while i + 1 < run.endIndex {
            if run[i] == Byte.dot, run[i + 1] == Byte.dot { return i }
            i += 1
        }
        return nil
    }

    /// A digit first, or a sign followed by a digit or a dot.
    static func startsLikeNumber(_ run: ArraySlice<UInt8>) -> Bool {
        guard let first = run.first else { return false }
        if Byte.isDigit(first) { return true }
        guard first == Byte.plus || first == Byte.minus, run.count > 1 else { return false }
        let second = run[run.startIndex + 1]
        return Byte.isDigit(second) || second == Byte.dot
    }
}

/// A strict UTF-8 decoder for one scalar at a time.
enum UTF8Decoding {
    /// The scalar starting at `index` and its length in bytes, or nil when the
    /// bytes there are not valid UTF-8 (overlong forms, surrogates and values
    /// above U+10FFFF are invalid).
    static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        guard index >= 0, index < bytes.count else { return nil }
        let first = bytes[index]
        let length: Int
        var value: UInt32
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch first {
        case 0x00...0x7F:
            return (Unicode.Scalar(first), 1)
        case 0xC2...0xDF:
            length = 2
            value = UInt32(first & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(first & 0x0F)
            if first == 0xE0 { low = 0xA0 }
            if first == 0xED { high = 0x9F }
        case 0xF0...0xF4:
            length = 4
            value = UInt32(first & 0x07)
            if first == 0xF0 { low = 0x90 }
            if first == 0xF4 { high = 0x8F }
        default:
            return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let lowest: UInt8 = offset == 1 ? low : 0x80
            let highest: UInt8 = offset == 1 ? high : 0xBF
            guard byte >= lowest, byte <= highest else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }
}
