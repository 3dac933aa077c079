// Source positions and ranges: where every token, line, directive and
// diagnostic of a recipe comes from.

/// A point in a source file: a line and column for people, a byte offset for programs.
///
/// Lines and columns are 1-based. Columns count Unicode scalars, not bytes
/// and not grapheme clusters: `é` written as one scalar is one column, a tab
/// is one column, and a UTF-8 byte order mark at the very start of a file is
/// not counted at all. `offset` is the 0-based UTF-8 byte offset from the
/// start of the file (a skipped byte order mark does count there).
public struct SourcePosition: Equatable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int
    /// The 0-based UTF-8 byte offset from the start of the file.
    public var offset: Int

    /// Creates a position from its line, column and byte offset.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The first position of any file: line 1, column 1, offset 0.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    /// Orders positions by their byte offset.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset < rhs.offset
    }

    /// The position as `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A half-open stretch of one file: from `start` up to, but not including, `end`.
///
/// A range whose `start` equals its `end` is empty and marks a single point,
/// such as the end of a file.
public struct SourceRange: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The path of the file, as it was given to the parser.
    public var file: String
    /// The first position inside the range.
    public var start: SourcePosition
    /// The first position after the range.
    public var end: SourcePosition

    /// Creates a range of `file` from `start` up to, not including, `end`.
    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// Creates an empty range at one position of `file`.
    public init(file: String, at position: SourcePosition) {
        self.init(file: file, start: position, end: position)
    }

    /// The smallest range that covers both this range and `other` (same file assumed).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// The range's start as `file:line:column`, the prefix of a diagnostic.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}

/// A value together with the source range it was read from.
///
/// Typed directives keep one of these for every argument, so that a later
/// stage (the resolver, the validator) can point an error at the exact text.
public struct Located<Value> {
    /// The value read from the source.
    public var value: Value
    /// Where in the source the value was written.
    public var range: SourceRange

    /// Pairs a value with its source range.
    public init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Sendable where Value: Sendable {}
