// Reading JSON text (RFC 8259) into `JSON` values: strict (no comments, no trailing commas, no
// leading zeros), bounded in depth, with the byte offset of the first problem.

extension JSON {
    /// The deepest nesting of arrays and objects read; deeper text is refused rather than
    /// risking the stack.
    public static let maxDepth = 256

    /// Reads `text` as exactly one JSON value (blanks around it allowed). Object keys keep their
    /// order; numbers keep their spelling.
    ///
    /// - Throws: `CoreError.jsonSyntax` for anything else: bad syntax, a bad escape, a lone
    ///   surrogate, nesting deeper than `maxDepth`, or text after the value.
    public static func parse(_ text: String) throws(CoreError) -> JSON {
        try parse(Array(text.utf8))
    }

    /// Reads UTF-8 `bytes` as exactly one JSON value; see `parse(_:)` for a string.
    public static func parse(_ bytes: [UInt8]) throws(CoreError) -> JSON {
        var reader = JSONReader(bytes: bytes)
        reader.skipBlanks()
        let value = try reader.value(depth: 0)
        reader.skipBlanks()
        guard reader.position == bytes.count else { throw reader.failure(CoreMessages.JSONSyntax.textAfterValue) }
        return value
    }
}

/// A cursor over the bytes of a JSON text.
private struct JSONReader {
    let bytes: [UInt8]
    var position = 0

    func failure(_ message: String) -> CoreError {
        .jsonSyntax(JSONSyntaxFailure(message: message, offset: position))
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipBlanks() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    /// Steps over `word`, or fails at the place it should start.
    mutating func expect(_ word: String) throws(CoreError) {
        let start = position
        for byte in word.utf8 {
            guard current == byte else { throw .jsonSyntax(JSONSyntaxFailure(message: CoreMessages.JSONSyntax.expectedWord(word), offset: start)) }
            position += 1
        }
    }

    mutating func value(depth: Int) throws(CoreError) -> JSON {
        guard let byte = current else { throw failure(CoreMessages.JSONSyntax.unexpectedEnd) }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure(CoreMessages.JSONSyntax.unexpectedCharacter)
        }
    }

    mutating func object(depth: Int) throws(CoreError) -> JSON {
        guard depth <= JSON.maxDepth else { throw failure(CoreMessages.JSONSyntax.tooDeep(JSON.maxDepth)) }
        position += 1
        var pairs: [(String, JSON)] = []
        skipBlanks()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(pairs)
        }
        while true {
            skipBlanks()
            guard current == UInt8(ascii: "\"") else { throw failure(CoreMessages.JSONSyntax.expectedKey) }
            let key = try string()
            skipBlanks()
            try expect(":")
            skipBlanks()
            pairs.append((key, try value(depth: depth)))
            skipBlanks()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(pairs)
            default: throw failure(CoreMessages.JSONSyntax.expectedCommaOrBrace)
            }
        }
    }

    mutating func array(depth: Int) throws(CoreError) -> JSON {
        guard depth <= JSON.maxDepth else { throw failure(CoreMessages.JSONSyntax.tooDeep(JSON.maxDepth)) }
        position += 1
        var items: [JSON] = []
        skipBlanks()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipBlanks()
            items.append(try value(depth: depth))
            skipBlanks()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(items)
            default: throw failure(CoreMessages.JSONSyntax.expectedCommaOrBracket)
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as spelled.
    mutating func number() throws(CoreError) -> String {
        let start = position
        func digits() throws(CoreError) {
            guard let byte = current, (0x30...0x39).contains(byte) else { throw failure(CoreMessages.JSONSyntax.expectedDigit) }
            while let byte = current, (0x30...0x39).contains(byte) { position += 1 }
        }
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
            if let byte = current, (0x30...0x39).contains(byte) { throw failure(CoreMessages.JSONSyntax.leadingZero) }
        } else {
            try digits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            try digits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            try digits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A string literal, the opening quote at `position`.
    mutating func string() throws(CoreError) -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw failure(CoreMessages.JSONSyntax.unterminatedString) }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                // The input came from a Swift String or is checked here: invalid UTF-8 is refused.
                // (Decoding replaces bad sequences with U+FFFD, so valid text round-trips exactly;
                // `String(validating:)` would say the same but needs macOS 15.)
                let text = String(decoding: out, as: UTF8.self)
                guard text.utf8.elementsEqual(out) else { throw failure(CoreMessages.JSONSyntax.invalidUTF8) }
                return text
            case UInt8(ascii: "\\"):
                position += 1
                try escape(into: &out)
            case 0x00..<0x20:
                throw failure(CoreMessages.JSONSyntax.controlCharacter)
            default:
                out.append(byte)
                position += 1
            }
        }
    }

    /// One escape after its backslash, appended as UTF-8.
    mutating func escape(into out: inout [UInt8]) throws(CoreError) {
        guard let byte = current else { throw failure(CoreMessages.JSONSyntax.unterminatedString) }
        position += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let plain = simple[byte] {
            out.append(plain)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            position -= 1
            throw failure(CoreMessages.JSONSyntax.unknownEscape)
        }
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                throw failure(CoreMessages.JSONSyntax.loneHighSurrogate)
            }
            position += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure(CoreMessages.JSONSyntax.loneHighSurrogate) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw failure(CoreMessages.JSONSyntax.loneLowSurrogate)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw failure(CoreMessages.JSONSyntax.notAScalar) }
        out += Array(String(Character(unicode)).utf8)
    }

    /// Four hexadecimal digits.
    mutating func hex4() throws(CoreError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw failure(CoreMessages.JSONSyntax.expectedHexDigits) }
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw failure(CoreMessages.JSONSyntax.expectedHexDigits)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
