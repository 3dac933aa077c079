// Positions: LSP counts lines from 0 and characters in UTF-16 code units (or UTF-8 bytes when
// the client agrees to `positionEncoding: utf-8`); recipes count UTF-8 byte offsets. This file
// converts between the two over the text of one document.
import VMTRecipe

/// How the client counts characters in a line.
enum PositionEncoding: String {
    /// UTF-16 code units (the LSP default).
    case utf16 = "utf-16"
    /// UTF-8 bytes.
    case utf8 = "utf-8"
}

/// An LSP position: a 0-based line and a 0-based character in the negotiated encoding.
struct LSPPosition: Equatable {
    /// The line, from 0.
    var line: Int
    /// The character within the line, from 0, in the negotiated units.
    var character: Int

    /// `{"line": …, "character": …}`.
    var json: [String: Any] { ["line": line, "character": character] }

    /// The position in a JSON object, if it has both integers.
    init?(json: Any?) {
        guard let object = json as? [String: Any], let line = object["line"] as? Int,
              let character = object["character"] as? Int, line >= 0, character >= 0 else { return nil }
        self.line = line
        self.character = character
    }

    /// A position.
    init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
}

/// The text of one document split into lines, for converting positions.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP and in the recipe lexer.
struct TextLines {
    /// The document's bytes.
    let bytes: [UInt8]
    /// The byte offset where each line starts.
    let starts: [Int]

    /// Splits `bytes` into lines.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        self.starts = starts
    }

    /// Splits a string into lines.
    init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The byte range of line `line` (0-based) without its line break; empty past the end.
    func lineBytes(_ line: Int) -> Range<Int> {
        guard line >= 0, line < starts.count else { return bytes.count..<bytes.count }
        let start = starts[line]
        var end = line + 1 < starts.count ? starts[line + 1] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The 0-based line holding byte `offset`.
    func line(ofOffset offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The LSP position of byte `offset` (clamped to the text), counted in `encoding`.
    func position(ofOffset offset: Int, _ encoding: PositionEncoding) -> LSPPosition {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(ofOffset: clamped)
        let start = starts[line]
        let end = min(clamped, lineBytes(line).upperBound)
        switch encoding {
        case .utf8:
            return LSPPosition(line: line, character: end - start)
        case .utf16:
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            return LSPPosition(line: line, character: text.utf16.count)
        }
    }

    /// The byte offset of an LSP position: clamped to the end of its line (or of the text), and
    /// moved back to the start of a character it points into.
    func offset(of position: LSPPosition, _ encoding: PositionEncoding) -> Int {
        guard position.line < starts.count else { return bytes.count }
        let range = lineBytes(position.line)
        var offset = range.lowerBound
        var units = 0
        while offset < range.upperBound {
            let length = Self.sequenceLength(bytes[offset])
            let step = encoding == .utf8 ? length : (length == 4 ? 2 : 1)
            if units + step > position.character { break }
            units += step
            offset = min(offset + length, range.upperBound)
        }
        return offset
    }

    /// The LSP range of a recipe's source range (by its byte offsets).
    func range(of range: SourceRange, _ encoding: PositionEncoding) -> [String: Any] {
        ["start": position(ofOffset: range.start.offset, encoding).json,
         "end": position(ofOffset: max(range.start.offset, range.end.offset), encoding).json]
    }

    /// The whole text as an LSP range.
    func wholeRange(_ encoding: PositionEncoding) -> [String: Any] {
        ["start": LSPPosition(line: 0, character: 0).json, "end": position(ofOffset: bytes.count, encoding).json]
    }

    /// The text of the line holding `offset`, from its start up to `offset`.
    func linePrefix(upTo offset: Int) -> String {
        let line = line(ofOffset: offset)
        let start = starts[line]
        return String(decoding: bytes[start..<max(start, min(offset, bytes.count))], as: UTF8.self)
    }

    /// The bytes a UTF-8 sequence starting with `lead` takes (1 for a stray continuation byte).
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }
}

/// Applies one `textDocument/didChange` content change to `text`: the whole text when the change
/// has no range, else the range replaced (positions counted in `encoding`).
func applyChange(_ change: [String: Any], to text: String, _ encoding: PositionEncoding) -> String? {
    guard let newText = change["text"] as? String else { return nil }
    guard let range = change["range"] as? [String: Any] else { return newText }
    guard let start = LSPPosition(json: range["start"]), let end = LSPPosition(json: range["end"]) else { return nil }
    let lines = TextLines(text)
    let from = lines.offset(of: start, encoding)
    let to = max(from, lines.offset(of: end, encoding))
    var bytes = lines.bytes
    bytes.replaceSubrange(from..<to, with: Array(newText.utf8))
    return String(decoding: bytes, as: UTF8.self)
}
