// A small reader for the YAML of scenario files: block mappings and sequences (PyYAML's style,
// where a sequence may sit at its key's indentation), plain, single- and double-quoted scalars
// (also over several lines), `{}` and `[]`, comments and document markers. It reads what
// vmt-dsl and VMT's reference generator write, and hand-written files in that style; anchors,
// tags, flow collections with content and block scalars (`|`, `>`) are refused by name.

/// A node of a scenario file's YAML document.
public indirect enum ScenarioYAMLNode: Equatable, Sendable {
    /// A scalar, as its decoded text (`~`, `null` and an empty value are the empty string).
    case scalar(String)
    /// A mapping, keys in document order.
    case mapping([(key: String, value: ScenarioYAMLNode)])
    /// A sequence.
    case sequence([ScenarioYAMLNode])

    /// Two nodes are equal when their structure and texts are.
    public static func == (lhs: ScenarioYAMLNode, rhs: ScenarioYAMLNode) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.sequence(let a), .sequence(let b)): return a == b
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> ScenarioYAMLNode? {
        guard case .mapping(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }
}

/// Why a YAML document could not be read: a message and the 1-based line.
public struct ScenarioYAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The line it is on.
    public var line: Int

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}

/// Reads one YAML document of the block style scenario files use.
public struct ScenarioYAMLReader {
    /// One line with content: its indentation (spaces), text after it, and 1-based number.
    private struct Line {
        var indent: Int
        var text: Substring
        var number: Int
    }

    private var lines: [Line] = []
    private var position = 0

    /// The deepest nesting read (a guard against exhausting the stack).
    static let maxDepth = 64

    /// Reads `bytes` as one document; throws `ScenarioYAMLError` at the first thing it cannot read.
    public static func read(_ bytes: [UInt8]) throws -> ScenarioYAMLNode {
        var reader = ScenarioYAMLReader()
        let text = String(decoding: bytes, as: UTF8.self)
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = raw
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.contains("\t"), line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                throw ScenarioYAMLError(message: "a tab in the indentation", line: number)
            }
            let indent = line.prefix(while: { $0 == " " }).count
            let body = line.dropFirst(indent)
            if body.isEmpty || body.hasPrefix("#") { continue }
            if indent == 0, body == "---" || body == "..." || body.hasPrefix("--- ") { continue }
            reader.lines.append(Line(indent: indent, text: body, number: number))
        }
        guard let first = reader.lines.first else { return .mapping([]) }
        let node = try reader.node(indent: first.indent, depth: 0)
        if reader.position < reader.lines.count {
            throw ScenarioYAMLError(message: "unexpected indentation", line: reader.lines[reader.position].number)
        }
        return node
    }

    /// The block starting at the current line, which is indented by `indent`.
    private mutating func node(indent: Int, depth: Int) throws -> ScenarioYAMLNode {
        guard depth < Self.maxDepth else {
            throw ScenarioYAMLError(message: "nested deeper than \(Self.maxDepth) levels", line: lines[position].number)
        }
        let line = lines[position]
        if line.text == "-" || line.text.hasPrefix("- ") { return try sequence(indent: indent, depth: depth) }
        if Self.keySplit(line.text) == nil {
            // A lone scalar (a document that is one value, or a sequence item over lines).
            position += 1
            return .scalar(try scalar(line.text, line: line.number, parentIndent: indent - 1))
        }
        return try mapping(indent: indent, depth: depth)
    }

    private mutating func sequence(indent: Int, depth: Int) throws -> ScenarioYAMLNode {
        var items: [ScenarioYAMLNode] = []
        while position < lines.count, lines[position].indent == indent,
              lines[position].text == "-" || lines[position].text.hasPrefix("- ") {
            let line = lines[position]
            let rest = line.text.dropFirst(1).drop { $0 == " " }
            if rest.isEmpty {
                position += 1
                if position < lines.count, lines[position].indent > indent {
                    items.append(try node(indent: lines[position].indent, depth: depth + 1))
                } else {
                    items.append(.scalar(""))
                }
                continue
            }
            // The item's content starts a block of its own at its column.
            let column = indent + (line.text.count - rest.count)
            lines[position] = Line(indent: column, text: rest, number: line.number)
            items.append(try node(indent: column, depth: depth + 1))
        }
        return .sequence(items)
    }

    private mutating func mapping(indent: Int, depth: Int) throws -> ScenarioYAMLNode {
        var pairs: [(key: String, value: ScenarioYAMLNode)] = []
        while position < lines.count, lines[position].indent == indent {
            let line = lines[position]
            if line.text == "-" || line.text.hasPrefix("- ") { break }
            guard let (rawKey, rawValue) = Self.keySplit(line.text) else {
                throw ScenarioYAMLError(message: "expected 'key: value'", line: line.number)
            }
            let key = try scalar(rawKey, line: line.number, parentIndent: indent, multiline: false)
            if pairs.contains(where: { $0.key == key }) {
                throw ScenarioYAMLError(message: "the key '\(key)' appears twice", line: line.number)
            }
            position += 1
            if !rawValue.isEmpty {
                pairs.append((key, .scalar(try scalar(rawValue, line: line.number, parentIndent: indent))))
                continue
            }
            if position < lines.count, lines[position].indent > indent {
                pairs.append((key, try node(indent: lines[position].indent, depth: depth + 1)))
            } else if position < lines.count, lines[position].indent == indent,
                      lines[position].text == "-" || lines[position].text.hasPrefix("- ") {
                // PyYAML's indentless sequence: the items sit at the key's column.
                pairs.append((key, try sequence(indent: indent, depth: depth + 1)))
            } else {
                pairs.append((key, .scalar("")))
            }
        }
        if position < lines.count, lines[position].indent > indent {
            throw ScenarioYAMLError(message: "unexpected indentation", line: lines[position].number)
        }
        return .mapping(pairs)
    }

    /// `key: value` split at the first `: ` (or a final `:`) outside quotes; nil for no key.
    private static func keySplit(_ text: Substring) -> (Substring, Substring)? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if (c == "'" || c == "\"") && index == text.startIndex {
                quote = c
            } else if c == "#" && index > text.startIndex && text[text.index(before: index)] == " " {
                return nil
            } else if c == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " {
                    let value = text[next...].drop { $0 == " " }
                    return (text[..<index], value)
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The decoded text of a scalar that starts with `first`; a plain or quoted scalar may go on
    /// over following lines indented deeper than `parentIndent`.
    private mutating func scalar(_ first: Substring, line: Int, parentIndent: Int, multiline: Bool = true) throws -> String {
        var text = String(first)
        if let c = text.first, "&*!|>%@`".contains(c) {
            throw ScenarioYAMLError(message: "'\(c)' (anchors, tags, block scalars) is not read here", line: line)
        }
        if text == "{}" || text == "[]" { return "" }
        if let c = text.first, c == "{" || c == "[" {
            throw ScenarioYAMLError(message: "flow collections are not read here", line: line)
        }
        if multiline {
            // Continuation lines: deeper than the parent, and not a new key or item.
            while position < lines.count, lines[position].indent > parentIndent,
                  Self.isOpenQuoted(text) || (Self.keySplit(lines[position].text) == nil && !lines[position].text.hasPrefix("- ")) {
                if text.hasPrefix("\""), text.hasSuffix("\\") {
                    // An escaped line break: the lines join without a space.
                    text = String(text.dropLast()) + lines[position].text
                } else {
                    text += " " + lines[position].text
                }
                position += 1
            }
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'"), !Self.isOpenQuoted(text) else {
                throw ScenarioYAMLError(message: "an unterminated single-quoted string", line: line)
            }
            return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if text.hasPrefix("\"") {
            guard text.count >= 2, !Self.isOpenQuoted(text) else {
                throw ScenarioYAMLError(message: "an unterminated double-quoted string", line: line)
            }
            return try Self.unescape(text.dropFirst().dropLast(), line: line)
        }
        if let hash = text.range(of: " #") { text = String(text[..<hash.lowerBound]) }
        text = String(text.reversed().drop { $0 == " " }.reversed())
        return text == "~" || text == "null" ? "" : text
    }

    /// Whether a quoted scalar's closing quote is still to come.
    private static func isOpenQuoted(_ text: String) -> Bool {
        guard let quote = text.first, quote == "'" || quote == "\"" else { return false }
        var escaped = false
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if quote == "\"" && c == "\\" && !escaped {
                escaped = true
            } else {
                if c == quote && !escaped {
                    let next = text.index(after: index)
                    if quote == "'" && next < text.endIndex && text[next] == "'" {
                        index = text.index(after: next)
                        continue
                    }
                    return false
                }
                escaped = false
            }
            index = text.index(after: index)
        }
        return true
    }

    /// The text of a double-quoted scalar's inside, escapes decoded (folded line breaks are
    /// already single spaces).
    private static func unescape(_ inside: Substring, line: Int) throws -> String {
        var out = ""
        var scalars = inside.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "\\" else {
                out.unicodeScalars.append(c)
                continue
            }
            guard let e = scalars.next() else { break }
            switch e {
            case "n": out += "\n"
            case "t": out += "\t"
            case "r": out += "\r"
            case "0": out += "\0"
            case "e": out += "\u{1B}"
            case "a": out += "\u{07}"
            case "b": out += "\u{08}"
            case "v": out += "\u{0B}"
            case "f": out += "\u{0C}"
            case "N": out += "\u{85}"
            case "_": out += "\u{A0}"
            case "L": out += "\u{2028}"
            case "P": out += "\u{2029}"
            case " ": out += " "
            case "x", "u", "U":
                let digits = e == "x" ? 2 : e == "u" ? 4 : 8
                var hex = ""
                for _ in 0..<digits { if let d = scalars.next() { hex.unicodeScalars.append(d) } }
                guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw ScenarioYAMLError(message: "a bad escape '\\\(e)\(hex)'", line: line)
                }
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(e)
            }
        }
        return out
    }
}
