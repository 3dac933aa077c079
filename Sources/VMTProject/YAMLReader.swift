import VMTCore

// A small YAML reader for scenario files: block and flow mappings and sequences, plain,
// single- and double-quoted scalars (folded over lines), comments. No anchors, aliases, tags,
// block scalars or several documents: scenario files never use them, and each is a clear
// error at its position. Bounded (size, depth, number of values) and never traps, whatever the bytes.

/// A place in a YAML text: 1-based line and column (columns count Unicode scalars).
public struct YAMLPosition: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// One node of a YAML document and where it starts.
public struct YAMLNode: Equatable, Sendable {
    /// What a node holds.
    public enum Value: Equatable, Sendable {
        /// A scalar's text; `quoted` when it was written in quotes (then it is always a string).
        case scalar(String, quoted: Bool)
        /// A sequence, in order.
        case sequence([YAMLNode])
        /// A mapping, in the order written (keys are unique).
        case mapping([YAMLPair])
    }

    /// The node's value.
    public var value: Value
    /// Where it starts.
    public var position: YAMLPosition

    /// The pairs of a mapping; nil for any other node.
    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    /// The items of a sequence; nil for any other node.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key == key }?.value
    }

    /// What PyYAML's safe loader reads a scalar as (a quoted one is always a string); nil for a collection.
    public var scalar: YAMLPlainScalar? {
        guard case .scalar(let text, let quoted) = value else { return nil }
        return quoted ? .string(text) : YAMLPlainScalar.resolve(text)
    }
}

/// One `key: value` of a mapping.
public struct YAMLPair: Equatable, Sendable {
    /// The key's text (keys are strings in scenario files).
    public var key: String
    /// Where the key starts.
    public var keyPosition: YAMLPosition
    /// The value (an empty plain scalar for `key:` with nothing after it).
    public var value: YAMLNode
}

/// A read document: its root node (nil for an empty document) and the comment block it opens with.
public struct YAMLDocument: Equatable, Sendable {
    /// The root node.
    public var root: YAMLNode?
    /// The comment lines before the first content line, each as written from its `#`; an empty
    /// string stands for a blank line between two comment lines.
    public var leadingComments: [String]
}

/// Reads YAML text into nodes (see the file's head comment for what is supported).
public enum YAMLReader {
    /// The largest text read, in bytes.
    public static let maxBytes = 64 << 20
    /// The deepest nesting of collections.
    public static let maxDepth = 64

    /// The most values (scalars and collections, each item and each mapping value counting
    /// one) a document may hold: a node costs about 40 bytes, so this bounds the tree at a few
    /// hundred megabytes whatever the text. A scenario file has about three values per agent
    /// (one stock per good), so files of up to 1,000,000 agents with three goods read, as does
    /// the largest explicit stock a 1 MiB recipe can give (about 530,000 values).
    public static let maxValues = 4_000_000

    /// Reads `bytes` (UTF-8, an optional byte order mark) into a document, or the first problem;
    /// a document of more than `maxValues` values is refused (`more than N values`) as soon as
    /// the reader passes that count.
    public static func read(_ bytes: [UInt8], maxValues: Int = YAMLReader.maxValues) -> Result<YAMLDocument, ProjectError> {
        guard bytes.count <= maxBytes else {
            return .failure(.yaml(YAMLFailure(message: ProjectMessages.YAML.tooLarge(mebibytes: maxBytes >> 20), position: YAMLPosition(line: 1, column: 1))))
        }
        // One pass: UTF-8 decoded to scalars, line breaks (CRLF, CR) normalised to LF.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var line = 1
        var afterCR = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if byte == 0x0A && afterCR {  // the LF of a CRLF: already written
                    afterCR = false
                    continue
                }
                afterCR = byte == 0x0D
                if byte == 0x0A || byte == 0x0D { line += 1 }
                scalars.append(Unicode.Scalar(byte == 0x0D ? 0x0A : byte))
                continue
            }
            afterCR = false
            var decoder = UTF8()
            var iterator = bytes[index...].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
                return .failure(.yaml(YAMLFailure(message: ProjectMessages.YAML.notUTF8, position: YAMLPosition(line: line, column: 1))))
            }
            scalars.append(scalar)
            index += UTF8.width(scalar)
        }
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var parser = Parser(scalars, maxValues: maxValues)
        scalars = []  // the parser holds the text now
        let comments = parser.leadingComments()
        return Result { () throws(ProjectError) in YAMLDocument(root: try parser.document(), leadingComments: comments) }
    }
}

/// The reader's state: the text as scalars (line breaks normalised to LF) and a cursor.
private struct Parser {
    let s: [Unicode.Scalar]
    var i = 0
    /// The offset where each line starts, for positions.
    let lineStarts: [Int]
    /// The most values the document may hold (`YAMLReader.maxValues`).
    let maxValues: Int
    /// Values read so far.
    var values = 0

    /// A parser of `text` (line breaks already normalised to LF).
    init(_ text: [Unicode.Scalar], maxValues: Int) {
        self.maxValues = maxValues
        s = text
        var starts = [0]
        for (offset, scalar) in text.enumerated() where scalar == "\n" { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The text of `range` as a string (ASCII, the usual case, without decoding).
    func string(_ range: Range<Int>) -> String {
        guard s[range].allSatisfy(\.isASCII) else { return String(String.UnicodeScalarView(s[range])) }
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, scalar) in s[range].enumerated() { buffer[offset] = UInt8(truncatingIfNeeded: scalar.value) }
            return range.count
        }
    }

    // MARK: Positions and characters

    /// The line (0-based) of the last position asked for: the reader asks about offsets near
    /// each other, so most look-ups are that line or the next.
    private final class LastLine {
        var line = 0
    }
    private let lastLine = LastLine()

    func position(_ offset: Int) -> YAMLPosition {
        let known = lastLine.line
        if known < lineStarts.count, lineStarts[known] <= offset {
            if known + 1 == lineStarts.count || offset < lineStarts[known + 1] {
                return YAMLPosition(line: known + 1, column: offset - lineStarts[known] + 1)
            }
            if known + 2 == lineStarts.count || offset < lineStarts[known + 2], lineStarts[known + 1] <= offset {
                lastLine.line = known + 1
                return YAMLPosition(line: known + 2, column: offset - lineStarts[known + 1] + 1)
            }
        }
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        lastLine.line = low
        return YAMLPosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The column (0-based) of an offset.
    func column(_ offset: Int) -> Int { position(offset).column - 1 }

    func at(_ offset: Int) -> Unicode.Scalar? { offset < s.count ? s[offset] : nil }
    var current: Unicode.Scalar? { at(i) }
    var atEnd: Bool { i >= s.count }

    func isBlank(_ c: Unicode.Scalar?) -> Bool { c == " " || c == "\t" }
    func isBreakOrEnd(_ c: Unicode.Scalar?) -> Bool { c == nil || c == "\n" }
    func isBlankOrBreak(_ c: Unicode.Scalar?) -> Bool { isBlank(c) || isBreakOrEnd(c) }

    func fail(_ message: String, at offset: Int? = nil) -> ProjectError {
        .yaml(YAMLFailure(message: message, position: position(min(offset ?? i, s.count))))
    }

    /// Counts one more value of the document; throws past `maxValues`.
    mutating func countValue() throws(ProjectError) {
        values += 1
        guard values <= maxValues else {
            throw fail(ProjectMessages.YAML.tooManyValues(maxValues))
        }
    }

    // MARK: Document

    /// The comment lines (and single blank lines between them) before the first content line.
    func leadingComments() -> [String] {
        var comments: [String] = []
        var offset = 0
        var blank = false
        while offset < s.count {
            var end = offset
            while end < s.count, s[end] != "\n" { end += 1 }
            let line = String(String.UnicodeScalarView(s[offset..<end]))
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty {
                blank = !comments.isEmpty
            } else if trimmed.hasPrefix("#") && line.first == "#" {
                if blank { comments.append("") }
                blank = false
                comments.append(line)
            } else {
                break
            }
            offset = end + 1
        }
        return comments
    }

    mutating func document() throws(ProjectError) -> YAMLNode? {
        skipToContent()
        if startsLine("---") {
            i += 3
            try finishLine()
        }
        guard !atEnd else { return nil }
        let root = try node(parentIndent: -1, depth: 0)
        if startsLine("...") {
            i += 3
            try finishLine()
        }
        guard atEnd else {
            if startsLine("---") { throw fail(ProjectMessages.YAML.secondDocument) }
            throw fail(ProjectMessages.YAML.unexpectedContent(column: column(i) + 1))
        }
        return root
    }

    /// Whether the cursor is at the start of a line that begins with `marker` and a blank or break.
    func startsLine(_ marker: String) -> Bool {
        guard column(i) == 0 else { return false }
        let m = Array(marker.unicodeScalars)
        for (k, c) in m.enumerated() where at(i + k) != c { return false }
        return isBlankOrBreak(at(i + m.count))
    }

    // MARK: Whitespace

    /// Skips blanks, comments and line breaks up to the next content character (or the end).
    mutating func skipToContent() {
        while let c = current {
            if c == " " || c == "\t" || c == "\n" {
                i += 1
            } else if c == "#" {
                while let d = current, d != "\n" { i += 1 }
            } else {
                return
            }
        }
    }

    /// Skips blanks and a comment to the end of the line, then to the next content.
    mutating func finishLine() throws(ProjectError) {
        while isBlank(current) { i += 1 }
        if current == "#" {
            while let d = current, d != "\n" { i += 1 }
        }
        guard isBreakOrEnd(current) else { throw fail(ProjectMessages.YAML.unexpectedAfterValue(current)) }
        skipToContent()
    }

    // MARK: Block nodes

    /// A node starting at the cursor (mid-line or at a line's content); leaves the cursor at the
    /// next content. `parentIndent` is the indentation of the collection that holds it.
    mutating func node(parentIndent: Int, depth: Int) throws(ProjectError) -> YAMLNode {
        guard depth < YAMLReader.maxDepth else { throw fail(ProjectMessages.YAML.tooDeep(YAMLReader.maxDepth)) }
        guard let c = current else { throw fail(ProjectMessages.YAML.expectedValue) }
        let indent = column(i)
        if c == "-", isBlankOrBreak(at(i + 1)) {
            return try blockSequence(indent: indent, depth: depth)
        }
        try refuseUnsupported(c)
        if isMappingKeyAhead() {
            return try blockMapping(indent: indent, depth: depth)
        }
        let value = try inlineValue(parentIndent: parentIndent, depth: depth)
        try finishLine()
        return value
    }

    /// Errors for the YAML features scenario files do not use.
    func refuseUnsupported(_ c: Unicode.Scalar) throws(ProjectError) {
        switch c {
        case "&": throw fail(ProjectMessages.YAML.anchors)
        case "*": throw fail(ProjectMessages.YAML.aliases)
        case "!": throw fail(ProjectMessages.YAML.tags)
        case "|", ">": throw fail(ProjectMessages.YAML.blockScalars(c))
        case "%": throw fail(ProjectMessages.YAML.directives)
        case "?": if isBlankOrBreak(at(i + 1)) { throw fail(ProjectMessages.YAML.complexKeys) }
        case "@", "`": throw fail(ProjectMessages.YAML.reservedStart(c))
        default: break
        }
    }

    /// Whether the line from the cursor is `KEY:` followed by a blank or a break (a quoted or plain key).
    func isMappingKeyAhead() -> Bool {
        var k = i
        if let q = at(k), q == "\"" || q == "'" {
            k += 1
            while let c = at(k), c != "\n" {
                if q == "\"", c == "\\" { k += 2; continue }
                if c == q {
                    if q == "'", at(k + 1) == "'" { k += 2; continue }
                    break
                }
                k += 1
            }
            guard at(k) == q else { return false }
            k += 1
            while isBlank(at(k)) { k += 1 }
            return at(k) == ":" && isBlankOrBreak(at(k + 1))
        }
        if at(k) == "[" || at(k) == "{" { return false }
        while let c = at(k), c != "\n" {
            if c == ":", isBlankOrBreak(at(k + 1)) { return true }
            if c == "#", k > i, isBlank(at(k - 1)) { return false }
            k += 1
        }
        return false
    }

    mutating func blockMapping(indent: Int, depth: Int) throws(ProjectError) -> YAMLNode {
        let start = position(i)
        var pairs: [YAMLPair] = []
        var seen: [String: YAMLPosition] = [:]
        while true {
            let keyOffset = i
            let key = try mappingKey()
            if let first = seen[key] {
                throw fail(ProjectMessages.YAML.duplicateKey(key, firstLine: first.line), at: keyOffset)
            }
            seen[key] = position(keyOffset)
            // The value: on this line, or below it (indented more, or a sequence at the key's column).
            while isBlank(current) { i += 1 }
            let value: YAMLNode
            if isBreakOrEnd(current) || current == "#" {
                let here = i
                skipToContent()
                let below = column(i)
                if !atEnd, below > indent || (below == indent && current == "-" && isBlankOrBreak(at(i + 1))) {
                    value = try node(parentIndent: indent, depth: depth + 1)
                } else {
                    value = YAMLNode(value: .scalar("", quoted: false), position: position(here))
                }
            } else {
                try refuseUnsupported(current ?? " ")
                if current == "-", isBlankOrBreak(at(i + 1)) { throw fail(ProjectMessages.YAML.sequenceOnKeyLine) }
                if isMappingKeyAhead() { throw fail(ProjectMessages.YAML.mappingOnKeyLine) }
                value = try inlineValue(parentIndent: indent, depth: depth + 1)
                try finishLine()
            }
            try countValue()
            pairs.append(YAMLPair(key: key, keyPosition: position(keyOffset), value: value))
            if atEnd { break }
            let next = column(i)
            if next < indent { break }
            if next > indent { throw fail(ProjectMessages.YAML.unexpectedIndentation(column: indent + 1)) }
            if current == "-", isBlankOrBreak(at(i + 1)) { break }  // the parent sequence's next item
            if startsLine("---") || startsLine("...") { break }
            guard isMappingKeyAhead() else { throw fail(ProjectMessages.YAML.expectedKeyValue(column: indent + 1)) }
        }
        return YAMLNode(value: .mapping(pairs), position: start)
    }

    /// A mapping key and its `:`; the cursor ends after the `:`.
    mutating func mappingKey() throws(ProjectError) -> String {
        let key: String
        if let q = current, q == "\"" || q == "'" {
            key = try quoted()
            while isBlank(current) { i += 1 }
        } else {
            var text: [Unicode.Scalar] = []
            while let c = current, !(c == ":" && isBlankOrBreak(at(i + 1))), c != "\n" {
                text.append(c)
                i += 1
            }
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            key = String(String.UnicodeScalarView(text))
        }
        guard current == ":" else { throw fail(ProjectMessages.YAML.expectedColon(after: key)) }
        i += 1
        return key
    }

    mutating func blockSequence(indent: Int, depth: Int) throws(ProjectError) -> YAMLNode {
        let start = position(i)
        var items: [YAMLNode] = []
        while true {
            let dash = i
            i += 1
            while isBlank(current) { i += 1 }
            if isBreakOrEnd(current) || current == "#" {
                skipToContent()
                if !atEnd, column(i) > indent {
                    try countValue()
                    items.append(try node(parentIndent: indent, depth: depth + 1))
                } else {
                    try countValue()
                    items.append(YAMLNode(value: .scalar("", quoted: false), position: position(dash)))
                }
            } else {
                try countValue()
                items.append(try node(parentIndent: indent, depth: depth + 1))
            }
            if atEnd { break }
            let next = column(i)
            if next < indent { break }
            if next > indent { throw fail(ProjectMessages.YAML.unexpectedIndentation(column: indent + 1)) }
            guard current == "-", isBlankOrBreak(at(i + 1)) else { break }  // the parent mapping's next key
        }
        return YAMLNode(value: .sequence(items), position: start)
    }

    // MARK: Inline values: flow collections and scalars

    /// A value on the current line: a flow collection, a quoted or a plain scalar (which may go
    /// on over lines indented more than `parentIndent`). The cursor ends right after it.
    mutating func inlineValue(parentIndent: Int, depth: Int) throws(ProjectError) -> YAMLNode {
        let start = position(i)
        switch current {
        case "["?, "{"?:
            return try flow(depth: depth)
        case "\""?, "'"?:
            return YAMLNode(value: .scalar(try quoted(), quoted: true), position: start)
        default:
            return YAMLNode(value: .scalar(try plain(parentIndent: parentIndent), quoted: false), position: start)
        }
    }

    /// A plain scalar in block context, folded over continuation lines.
    mutating func plain(parentIndent: Int) throws(ProjectError) -> String {
        var text = plainLine()
        // Continuation lines: indented more than the parent, not comments, not blank-only.
        while isBreakOrEnd(current), !atEnd {
            var k = i
            var breaks = 0
            var lineStart = k
            while k < s.count {
                if s[k] == "\n" {
                    breaks += 1
                    k += 1
                    lineStart = k
                } else if isBlank(s[k]) {
                    k += 1
                } else {
                    break
                }
            }
            guard k < s.count, k - lineStart > parentIndent, s[k] != "#" else { break }
            let save = i
            i = k
            if isMappingKeyAhead() || (s[k] == "-" && isBlankOrBreak(at(k + 1))) {
                i = save
                break
            }
            let more = plainLine()
            text += breaks > 1 ? String(repeating: "\n", count: breaks - 1) : " "
            text += more
        }
        return text
    }

    /// The plain text from the cursor to a comment or the end of the line, without trailing blanks.
    mutating func plainLine() -> String {
        let start = i
        while let c = current, c != "\n" {
            if c == "#", i > start, isBlank(s[i - 1]) { break }
            i += 1
        }
        var end = i
        while end > start, isBlank(s[end - 1]) { end -= 1 }
        return string(start..<end)
    }

    /// A single- or double-quoted scalar, over lines if need be (folded as YAML folds them).
    mutating func quoted() throws(ProjectError) -> String {
        let startOffset = i
        guard let q = current else { throw fail(ProjectMessages.YAML.expectedQuote) }
        i += 1
        var out: [Unicode.Scalar] = []
        while true {
            guard let c = current else { throw fail(ProjectMessages.YAML.unclosedQuote, at: startOffset) }
            if c == q {
                if q == "'", at(i + 1) == "'" {
                    out.append("'")
                    i += 2
                    continue
                }
                i += 1
                return String(String.UnicodeScalarView(out))
            }
            if c == "\n" {
                // Fold: trailing blanks go, one break is a space, each further break a newline.
                while let last = out.last, last == " " || last == "\t" { out.removeLast() }
                var breaks = 0
                while let d = current, d == "\n" || d == " " || d == "\t" {
                    if d == "\n" { breaks += 1 }
                    i += 1
                }
                if breaks > 1 {
                    out += Array(repeating: "\n", count: breaks - 1)
                } else {
                    out.append(" ")
                }
                continue
            }
            if q == "\"", c == "\\" {
                try escape(into: &out)
                continue
            }
            out.append(c)
            i += 1
        }
    }

    /// One `\` escape of a double-quoted scalar; the cursor is at the backslash.
    mutating func escape(into out: inout [Unicode.Scalar]) throws(ProjectError) {
        let backslash = i
        i += 1
        guard let e = current else { throw fail(ProjectMessages.YAML.unclosedQuote, at: backslash) }
        i += 1
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}", "f": "\u{0C}",
            "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
            "L": "\u{2028}", "P": "\u{2029}",
        ]
        if let scalar = simple[e] {
            out.append(scalar)
            return
        }
        if e == "\n" {
            // An escaped line break: the break and the next line's leading blanks vanish.
            while isBlank(current) { i += 1 }
            return
        }
        let digits: Int
        switch e {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        default: throw fail(ProjectMessages.YAML.unknownEscape(e), at: backslash)
        }
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let h = current, let digit = Int(String(h), radix: 16) else {
                throw fail(ProjectMessages.YAML.escapeDigits(e, digits), at: backslash)
            }
            value = value &* 16 &+ UInt32(digit)
            i += 1
        }
        guard let scalar = Unicode.Scalar(value) else { throw fail(ProjectMessages.YAML.escapeNoCharacter(e), at: backslash) }
        out.append(scalar)
    }

    /// A flow sequence `[a, b]` or mapping `{k: v}`, over lines if need be.
    mutating func flow(depth: Int) throws(ProjectError) -> YAMLNode {
        guard depth < YAMLReader.maxDepth else { throw fail(ProjectMessages.YAML.tooDeep(YAMLReader.maxDepth)) }
        let startOffset = i
        let start = position(i)
        let isMapping = current == "{"
        let close: Unicode.Scalar = isMapping ? "}" : "]"
        i += 1
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var seen: [String: YAMLPosition] = [:]
        while true {
            skipToContent()
            guard let c = current else { throw fail(ProjectMessages.YAML.unclosedFlow(mapping: isMapping), at: startOffset) }
            if c == close {
                i += 1
                break
            }
            if isMapping {
                let keyOffset = i
                let key: String
                if c == "\"" || c == "'" {
                    key = try quoted()
                } else {
                    key = try flowPlain(inKey: true)
                }
                skipToContent()
                guard current == ":" else { throw fail(ProjectMessages.YAML.expectedColon(after: key)) }
                i += 1
                if let first = seen[key] { throw fail(ProjectMessages.YAML.duplicateKey(key, firstLine: first.line), at: keyOffset) }
                seen[key] = position(keyOffset)
                skipToContent()
                let value = try flowItem(depth: depth)
                try countValue()
                pairs.append(YAMLPair(key: key, keyPosition: position(keyOffset), value: value))
            } else {
                try countValue()
                items.append(try flowItem(depth: depth))
            }
            skipToContent()
            if current == "," {
                i += 1
                continue
            }
            guard !atEnd else { throw fail(ProjectMessages.YAML.unclosedFlow(mapping: isMapping), at: startOffset) }
            guard current == close else {
                throw fail(ProjectMessages.YAML.expectedFlowSeparator(close, mapping: isMapping))
            }
        }
        return YAMLNode(value: isMapping ? .mapping(pairs) : .sequence(items), position: start)
    }

    /// One value inside a flow collection.
    mutating func flowItem(depth: Int) throws(ProjectError) -> YAMLNode {
        let start = position(i)
        guard let c = current else { throw fail(ProjectMessages.YAML.expectedValue) }
        switch c {
        case "[", "{": return try flow(depth: depth + 1)
        case "\"", "'": return YAMLNode(value: .scalar(try quoted(), quoted: true), position: start)
        case ",", "]", "}": return YAMLNode(value: .scalar("", quoted: false), position: start)
        default:
            try refuseUnsupported(c)
            return YAMLNode(value: .scalar(try flowPlain(inKey: false), quoted: false), position: start)
        }
    }

    /// A plain scalar inside a flow collection: up to `,`, a bracket, `: ` or a comment.
    mutating func flowPlain(inKey: Bool) throws(ProjectError) -> String {
        let start = i
        while let c = current, c != "\n" {
            if c == "," || c == "[" || c == "]" || c == "{" || c == "}" { break }
            if c == ":", isBlankOrBreak(at(i + 1)) || at(i + 1) == "," || at(i + 1) == "]" || at(i + 1) == "}" { break }
            if c == "#", i > start, isBlank(s[i - 1]) { break }
            i += 1
        }
        var end = i
        while end > start, isBlank(s[end - 1]) { end -= 1 }
        if end == start, inKey { throw fail(ProjectMessages.YAML.expectedKey) }
        return string(start..<end)
    }
}
