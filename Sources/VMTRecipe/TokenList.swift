// Compact lists for lines that can be long: a 1 MiB recipe may hold one
// `inventory A 1, 1, 1, ...` line of ~500,000 values. A full `Token` (two
// strings, a source range with its file, range bounds) costs ~270 bytes inline
// and an array of them several times that while it grows; these lists keep
// one packed entry per token (24 bytes) and make the `Token` only when it is
// read, so every diagnostic still gets the exact text and position.

/// The tokens of one line, stored packed: a collection of `Token` read lazily.
///
/// A plain token (its value is its text, no range bounds, no error, one line of
/// the list's file, ASCII text) is kept as 24 bytes plus its text bytes; any
/// other token is kept whole. Reading element `i` rebuilds the same `Token`
/// that was appended, with the same text and range.
public struct TokenList: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// One token: where its text is, where it was read, and its kind.
    struct Entry: Hashable, Sendable {
        /// Start of the text in `text`; for a whole token (`kind == Entry.whole`), its index in `whole`.
        var textStart: UInt32
        /// The length of the text in bytes (also in columns: packed text is ASCII).
        var length: UInt32
        /// The byte offset of the token's start in its file.
        var offset: UInt32
        /// The column of the token's start.
        var column: UInt32
        /// The line of the token.
        var line: UInt32
        /// The index of the kind in `TokenKind.allCases`, or `Entry.whole`.
        var kind: UInt8

        /// The kind code of a token kept whole.
        static let whole: UInt8 = .max
    }

    private var entries: [Entry] = []
    private var text: [UInt8] = []
    private var whole: [Token] = []
    /// The file of every packed token (the first packed token's file).
    private var file: String?

    /// An empty list.
    public init() {}

    /// A list of `tokens`, in order.
    public init<S: Sequence>(_ tokens: S) where S.Element == Token {
        for token in tokens { append(token) }
    }

    /// A list of the given tokens, in order.
    public init(arrayLiteral tokens: Token...) {
        self.init(tokens)
    }

    /// The index of the first token: 0.
    public var startIndex: Int { 0 }
    /// One past the index of the last token: the count.
    public var endIndex: Int { entries.count }

    /// The token at `index` (0-based), rebuilt from its packed entry.
    public subscript(index: Int) -> Token {
        let entry = entries[index]
        if entry.kind == Entry.whole { return whole[Int(entry.textStart)] }
        let start = Int(entry.textStart)
        let length = Int(entry.length)
        let startPosition = SourcePosition(line: Int(entry.line), column: Int(entry.column), offset: Int(entry.offset))
        let endPosition = SourcePosition(line: Int(entry.line), column: Int(entry.column) + length, offset: Int(entry.offset) + length)
        return Token(
            kind: TokenKind.allCases[Int(entry.kind)],
            text: String(decoding: text[start..<(start + length)], as: UTF8.self),
            range: SourceRange(file: file ?? "", start: startPosition, end: endPosition)
        )
    }

    /// Adds `token` at the end: packed when it is a plain token, whole otherwise.
    public mutating func append(_ token: Token) {
        if let entry = packed(token) {
            if file == nil { file = token.range.file }
            text.append(contentsOf: token.text.utf8)
            entries.append(entry)
            return
        }
        entries.append(Entry(textStart: UInt32(truncatingIfNeeded: whole.count), length: 0, offset: 0, column: 0, line: 0,
                             kind: Entry.whole))
        whole.append(token)
    }

    /// Removes the last token; the list must not be empty.
    public mutating func removeLast() {
        guard let entry = entries.popLast() else { return }
        if entry.kind == Entry.whole {
            whole.removeLast()
        } else {
            text.removeLast(Int(entry.length))
        }
    }

    /// The entry of a plain token, or nil when the token must be kept whole.
    private func packed(_ token: Token) -> Entry? {
        let range = token.range
        let length = token.text.utf8.count
        guard token.kind != .error, token.bounds == nil, token.errorCode == nil, token.value == token.text,
              file == nil || file == range.file,
              range.start.line == range.end.line,
              range.end.offset - range.start.offset == length, range.end.column - range.start.column == length,
              token.text.utf8.allSatisfy({ $0 < 0x80 }),
              let kind = TokenKind.allCases.firstIndex(of: token.kind).flatMap(UInt8.init(exactly:)),
              let textStart = UInt32(exactly: text.count), let packedLength = UInt32(exactly: length),
              let offset = UInt32(exactly: range.start.offset), let column = UInt32(exactly: range.start.column),
              let line = UInt32(exactly: range.start.line)
        else { return nil }
        return Entry(textStart: textStart, length: packedLength, offset: offset, column: column, line: line, kind: kind)
    }

    /// Two lists are equal when they hold equal tokens in the same order.
    public static func == (lhs: TokenList, rhs: TokenList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    /// Hashes the tokens in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for token in self { hasher.combine(token) }
    }

    /// The tokens, printed as an array.
    public var description: String { Array(self).description }

    /// How many bytes the list holds per token, averaged (for tests of the compact path).
    var bytesPerToken: Int {
        guard !entries.isEmpty else { return 0 }
        let bytes = entries.count * MemoryLayout<Entry>.stride + text.count + whole.count * MemoryLayout<Token>.stride
        return bytes / entries.count
    }

    /// How many tokens are kept whole rather than packed (for tests of the compact path).
    var wholeCount: Int { whole.count }
}

/// Integers with the source range each was read from, stored packed: a collection of `Located<Int>`.
///
/// An integer whose range lies on one line of the list's file is kept as 24
/// bytes; any other is kept whole. Reading element `i` gives back exactly the
/// value and range that were appended.
public struct LocatedIntegers: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    /// One integer and its range on one line.
    struct Entry: Hashable, Sendable {
        var value: Int
        var offset: UInt32
        var column: UInt32
        var line: UInt32
        /// The length of the range in bytes and columns; `UInt32.max` marks a whole entry (index in `value`).
        var length: UInt32
    }

    private var entries: [Entry] = []
    private var whole: [Located<Int>] = []
    private var file: String?

    /// An empty list.
    public init() {}

    /// A list of `values`, in order.
    public init<S: Sequence>(_ values: S) where S.Element == Located<Int> {
        for value in values { append(value) }
    }

    /// A list of the given values, in order.
    public init(arrayLiteral values: Located<Int>...) {
        self.init(values)
    }

    /// The index of the first value: 0.
    public var startIndex: Int { 0 }
    /// One past the index of the last value: the count.
    public var endIndex: Int { entries.count }

    /// The value at `index` (0-based) with its range.
    public subscript(index: Int) -> Located<Int> {
        let entry = entries[index]
        if entry.length == .max { return whole[entry.value] }
        let length = Int(entry.length)
        let start = SourcePosition(line: Int(entry.line), column: Int(entry.column), offset: Int(entry.offset))
        let end = SourcePosition(line: Int(entry.line), column: Int(entry.column) + length, offset: Int(entry.offset) + length)
        return Located(entry.value, at: SourceRange(file: file ?? "", start: start, end: end))
    }

    /// Adds `located` at the end.
    public mutating func append(_ located: Located<Int>) {
        let range = located.range
        let length = range.end.offset - range.start.offset
        if file == nil || file == range.file, range.start.line == range.end.line,
           range.end.column - range.start.column == length,
           let packedLength = UInt32(exactly: length), packedLength != .max,
           let offset = UInt32(exactly: range.start.offset), let column = UInt32(exactly: range.start.column),
           let line = UInt32(exactly: range.start.line) {
            if file == nil { file = range.file }
            entries.append(Entry(value: located.value, offset: offset, column: column, line: line, length: packedLength))
            return
        }
        entries.append(Entry(value: whole.count, offset: 0, column: 0, line: 0, length: .max))
        whole.append(located)
    }

    /// The values without their ranges.
    public var values: [Int] { map(\.value) }

    /// Two lists are equal when they hold equal values with equal ranges in the same order.
    public static func == (lhs: LocatedIntegers, rhs: LocatedIntegers) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    /// Hashes the values and ranges in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value) }
    }

    /// How many bytes the list holds per value, averaged (for tests of the compact path).
    var bytesPerValue: Int {
        guard !entries.isEmpty else { return 0 }
        return (entries.count * MemoryLayout<Entry>.stride + whole.count * MemoryLayout<Located<Int>>.stride) / entries.count
    }
}
