import XCTest
@testable import VMTRecipe

/// Table tests of the lexer: each case lists every token as `line:col kind text`.
final class LexerTests: XCTestCase {
    /// One table case: a name, the input bytes and the expected tokens.
    struct Case {
        let name: String
        let input: [UInt8]
        let expected: [String]

        init(_ name: String, _ input: String, _ expected: [String]) {
            self.name = name
            self.input = Array(input.utf8)
            self.expected = expected
        }

        init(_ name: String, bytes: [UInt8], _ expected: [String]) {
            self.name = name
            self.input = bytes
            self.expected = expected
        }
    }

    /// A token as `line:col kind text`; strings add `= value`, errors show their message.
    static func describe(_ token: Token) -> String {
        let at = "\(token.range.start.line):\(token.range.start.column)"
        switch token.kind {
        case .error: return "\(at) error: \(token.value)"
        case .eof: return "\(at) eof"
        case .newline:
            let shown = token.text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
            return "\(at) newline \(shown)"
        case .string: return "\(at) string \(token.text) = \(token.value)"
        default: return "\(at) \(token.kind.rawValue) \(token.text)"
        }
    }

    /// After an invalid byte the rest of the line is skipped; there, every
    /// byte that is not a UTF-8 continuation byte counts as one column.
    static let cases: [Case] = [
        Case("empty input", "", ["1:1 eof"]),
        Case("directive with newline", "agents 50\n", [
            "1:1 word agents", "1:8 integer 50", "1:10 newline \\n", "2:1 eof",
        ]),
        Case("no final newline", "grid 40", ["1:1 word grid", "1:6 integer 40", "1:8 eof"]),
        Case("CRLF line endings", "a 1\r\nb 2\r\n", [
            "1:1 word a", "1:3 integer 1", "1:4 newline \\r\\n",
            "2:1 word b", "2:3 integer 2", "2:4 newline \\r\\n", "3:1 eof",
        ]),
        Case("lone CR line endings", "a\rb", ["1:1 word a", "1:2 newline \\r", "2:1 word b", "2:2 eof"]),
        Case("CR then LF then CR", "a\r\n\rb", [
            "1:1 word a", "1:2 newline \\r\\n", "2:1 newline \\r", "3:1 word b", "3:2 eof",
        ]),
        Case("tabs separate", "\tagents\t50 \t", ["1:2 word agents", "1:9 integer 50", "1:13 eof"]),
        Case("blank and whitespace-only lines", " \t \n\n", ["1:4 newline \\n", "2:1 newline \\n", "3:1 eof"]),
        Case("BOM at start is skipped", "\u{FEFF}agents 5", ["1:1 word agents", "1:8 integer 5", "1:9 eof"]),
        Case("BOM elsewhere is an error", "agents \u{FEFF}5\ngrid 4", [
            "1:1 word agents", "1:8 error: unexpected byte order mark U+FEFF; it may only start the file",
            "1:10 newline \\n", "2:1 word grid", "2:6 integer 4", "2:7 eof",
        ]),
        Case("integers", "-7 +3 007 123456789012345678901234567890 0", [
            "1:1 integer -7", "1:4 integer +3", "1:7 integer 007",
            "1:11 integer 123456789012345678901234567890", "1:42 integer 0", "1:43 eof",
        ]),
        Case("decimals", "0.3 .5 1. 1e-6 1.5E+3 -.5 1e5 +2.", [
            "1:1 decimal 0.3", "1:5 decimal .5", "1:8 decimal 1.", "1:11 decimal 1e-6",
            "1:16 decimal 1.5E+3", "1:23 decimal -.5", "1:27 decimal 1e5", "1:31 decimal +2.", "1:34 eof",
        ]),
        Case("ranges", "10..60 -5..+5 0..0", [
            "1:1 range 10..60", "1:8 range -5..+5", "1:15 range 0..0", "1:19 eof",
        ]),
        Case("range, decimal, dotted decimal and dots", "1..9 1.5 1. .. .", [
            "1:1 range 1..9", "1:6 decimal 1.5", "1:10 decimal 1.", "1:13 word ..", "1:16 word .", "1:17 eof",
        ]),
        Case("words with dots, slashes, dashes", "money/big_mixed.yaml lambda_bounds.lambda_max - ./x 2024-run 1e5x 1.2.3 -x", [
            "1:1 word money/big_mixed.yaml", "1:22 word lambda_bounds.lambda_max", "1:47 word -",
            "1:49 word ./x", "1:53 word 2024-run", "1:62 word 1e5x", "1:67 word 1.2.3", "1:73 word -x", "1:75 eof",
        ]),
        Case("weighted list without blanks", "ces:0.6,linear:0.4", [
            "1:1 word ces", "1:4 colon :", "1:5 decimal 0.6", "1:8 comma ,",
            "1:9 word linear", "1:15 colon :", "1:16 decimal 0.4", "1:19 eof",
        ]),
        Case("weighted list with blanks", "ces: 0.6 , linear:0.4", [
            "1:1 word ces", "1:4 colon :", "1:6 decimal 0.6", "1:10 comma ,",
            "1:12 word linear", "1:18 colon :", "1:19 decimal 0.4", "1:22 eof",
        ]),
        Case("integer weight", "ces:1", ["1:1 word ces", "1:4 colon :", "1:5 integer 1", "1:6 eof"]),
        Case("string with escapes", #"scenario "My \"big\" one \\ x""#, [
            #"1:1 word scenario"#, #"1:10 string "My \"big\" one \\ x" = My "big" one \ x"#, "1:31 eof",
        ]),
        Case("empty string", #""""#, [#"1:1 string "" = "#, "1:3 eof"]),
        Case("columns count scalars", "\"café\" x", ["1:1 string \"café\" = café", "1:8 word x", "1:9 eof"]),
        Case("string next to word", #""a"b"#, [#"1:1 string "a" = a"#, "1:4 word b", "1:5 eof"]),
        Case("comments", "agents 5 # fifty\n# whole line\n", [
            "1:1 word agents", "1:8 integer 5", "1:10 comment # fifty", "1:17 newline \\n",
            "2:1 comment # whole line", "2:13 newline \\n", "3:1 eof",
        ]),
        Case("hash inside a string", #""a#b" # c"#, [#"1:1 string "a#b" = a#b"#, "1:7 comment # c", "1:10 eof"]),
        Case("comment with non-ASCII and tab", "# é\tü", ["1:1 comment # é\tü", "1:6 eof"]),
        Case("unterminated string", "scenario \"abc\ngrid 4", [
            "1:1 word scenario", "1:10 error: unterminated string; the closing '\"' is missing",
            "1:14 newline \\n", "2:1 word grid", "2:6 integer 4", "2:7 eof",
        ]),
        Case("unterminated string at end of input", "\"abc", [
            "1:1 error: unterminated string; the closing '\"' is missing", "1:5 eof",
        ]),
        Case("backslash at end of line", "\"abc\\\nx", [
            "1:1 error: unterminated string; the closing '\"' is missing", "1:6 newline \\n", "2:1 word x", "2:2 eof",
        ]),
        Case("unknown escape", #""a\nb" x"#, [
            #"1:3 error: unknown escape sequence '\n' in string; only \" and \\ are allowed"#, "1:9 eof",
        ]),
        Case("control character in string", "\"a\u{1}\"", ["1:3 error: unexpected control character U+0001", "1:5 eof"]),
        Case("NUL byte", "a\u{0}b\nc", [
            "1:1 word a", "1:2 error: unexpected control character U+0000", "1:4 newline \\n", "2:1 word c", "2:2 eof",
        ]),
        Case("DEL and C1 controls in comments", "# \u{7F}\n# \u{85}", [
            "1:3 error: unexpected control character U+007F", "1:4 newline \\n",
            "2:3 error: unexpected control character U+0085", "2:4 eof",
        ]),
        Case("form feed is not a separator", "a\u{C}b", ["1:1 word a", "1:2 error: unexpected control character U+000C", "1:4 eof"]),
        Case("unexpected ASCII character", "agents = 5", ["1:1 word agents", "1:8 error: unexpected character '='", "1:11 eof"]),
        Case("non-ASCII outside a string", "scenario café", [
            "1:1 word scenario", "1:10 word caf",
            "1:13 error: unexpected character 'é' (U+00E9); put text that is not a plain word in double quotes", "1:14 eof",
        ]),
        Case("plus inside a word", "a+b +", [
            "1:2 error: unexpected character '+'", "1:6 eof",
        ]),
        Case("plus alone", "+ 5", ["1:1 error: unexpected character '+'", "1:4 eof"]),
        Case("malformed ranges", "1...9\n1.5..3\n1..\n-1..x", [
            "1:1 error: malformed range '1...9'; write MIN..MAX with two integers", "1:6 newline \\n",
            "2:1 error: malformed range '1.5..3'; write MIN..MAX with two integers", "2:7 newline \\n",
            "3:1 error: malformed range '1..'; write MIN..MAX with two integers", "3:4 newline \\n",
            "4:1 error: malformed range '-1..x'; write MIN..MAX with two integers", "4:6 eof",
        ]),
        Case("dots before a number are a word", "..5 a..b", ["1:1 word ..5", "1:5 word a..b", "1:9 eof"]),
        Case("invalid UTF-8 byte", bytes: [0x61, 0x20, 0xFF, 0x62, 0x0A, 0x63], [
            "1:1 word a", "1:3 error: invalid UTF-8 byte 0xFF", "1:5 newline \\n", "2:1 word c", "2:2 eof",
        ]),
        Case("invalid UTF-8 in a comment", bytes: Array("# ".utf8) + [0xC3, 0x28], [
            "1:3 error: invalid UTF-8 byte 0xC3", "1:5 eof",
        ]),
        Case("overlong encoding", bytes: [0x22, 0xC0, 0xAF, 0x22], ["1:2 error: invalid UTF-8 byte 0xC0", "1:4 eof"]),
        Case("encoded surrogate", bytes: [0x23, 0xED, 0xA0, 0x80], ["1:2 error: invalid UTF-8 byte 0xED", "1:3 eof"]),
        Case("truncated sequence at end of input", bytes: [0x23, 0xE2, 0x82], ["1:2 error: invalid UTF-8 byte 0xE2", "1:3 eof"]),
        Case("braces are word characters", "scenario regimes_{regime}_{seed}", [
            "1:1 word scenario", "1:10 word regimes_{regime}_{seed}", "1:33 eof",
        ]),
        Case("placeholders in an output path", "output regimes/{regime}/seed-{seed}.yaml", [
            "1:1 word output", "1:8 word regimes/{regime}/seed-{seed}.yaml", "1:41 eof",
        ]),
        Case("any braces make a word; the rules check them", "{} }{ {a{b}} 1{x} {1..2} {set.lambda_money}", [
            "1:1 word {}", "1:4 word }{", "1:7 word {a{b}}", "1:14 word 1{x}", "1:19 word {1..2}",
            "1:26 word {set.lambda_money}", "1:44 eof",
        ]),
        Case("a range next to a brace is malformed", "1..{x}", [
            "1:1 error: malformed range '1..{x}'; write MIN..MAX with two integers", "1:7 eof",
        ]),
        Case("plus inside braces", "{a+b}", ["1:3 error: unexpected character '+'", "1:6 eof"]),
        Case("braces in strings and comments", "\"{x}\" # {y}", [
            "1:1 string \"{x}\" = {x}", "1:7 comment # {y}", "1:12 eof",
        ]),
        Case("vary list", "vary regime barter_only,money_only , mixed", [
            "1:1 word vary", "1:6 word regime", "1:13 word barter_only", "1:24 comma ,", "1:25 word money_only",
            "1:36 comma ,", "1:38 word mixed", "1:43 eof",
        ]),
        Case("vary range and set path", "vary set.lambda_bounds.lambda_max 1..10", [
            "1:1 word vary", "1:6 word set.lambda_bounds.lambda_max", "1:35 range 1..10", "1:40 eof",
        ]),
        Case("pin", "pin ces.rho -0.5", ["1:1 word pin", "1:5 word ces.rho", "1:13 decimal -0.5", "1:17 eof"]),
        Case("explicit stock", "inventory A 10, 1", [
            "1:1 word inventory", "1:11 word A", "1:13 integer 10", "1:15 comma ,", "1:17 integer 1", "1:18 eof",
        ]),
        Case("errors on two lines are both reported", "a = 1\nb ; 2\n", [
            "1:1 word a", "1:3 error: unexpected character '='", "1:6 newline \\n",
            "2:1 word b", "2:3 error: unexpected character ';'", "2:6 newline \\n", "3:1 eof",
        ]),
    ]

    func testTable() {
        for testCase in LexerTests.cases {
            let tokens = Lexer.tokenize(path: "t.vmt", bytes: testCase.input)
            XCTAssertEqual(tokens.map(LexerTests.describe), testCase.expected, testCase.name)
        }
    }

    func testCaseNamesAreUnique() {
        XCTAssertEqual(Set(LexerTests.cases.map(\.name)).count, LexerTests.cases.count)
    }

    func testRangeBoundsKeepTextsAndPositions() throws {
        let tokens = Lexer.tokenize(path: "t.vmt", bytes: Array("inventory  -10..+60".utf8))
        let bounds = try XCTUnwrap(tokens[1].bounds)
        XCTAssertEqual(bounds.lower.value, "-10")
        XCTAssertEqual(bounds.upper.value, "+60")
        XCTAssertEqual(bounds.lower.range.start, SourcePosition(line: 1, column: 12, offset: 11))
        XCTAssertEqual(bounds.lower.range.end, SourcePosition(line: 1, column: 15, offset: 14))
        XCTAssertEqual(bounds.upper.range.start, SourcePosition(line: 1, column: 17, offset: 16))
        XCTAssertEqual(bounds.upper.range.end, SourcePosition(line: 1, column: 20, offset: 19))
        XCTAssertNil(tokens[0].bounds)
    }

    func testRangeBoundsAfterNonASCIIText() throws {
        let tokens = Lexer.tokenize(path: "t.vmt", bytes: Array("\"é\" 1..22".utf8))
        let bounds = try XCTUnwrap(tokens[1].bounds)
        XCTAssertEqual(bounds.upper.range.start, SourcePosition(line: 1, column: 8, offset: 8))
    }

    func testOffsetsCountBytesAndColumnsCountScalars() {
        let tokens = Lexer.tokenize(path: "f.vmt", bytes: Array("\u{FEFF}# ü\nx".utf8))
        XCTAssertEqual(tokens[0].range, SourceRange(
            file: "f.vmt",
            start: SourcePosition(line: 1, column: 1, offset: 3),
            end: SourcePosition(line: 1, column: 4, offset: 7)
        ))
        XCTAssertEqual(tokens[2].range.start, SourcePosition(line: 2, column: 1, offset: 8))
    }

    func testNextKeepsReturningEOF() {
        var lexer = Lexer(path: "t.vmt", bytes: Array("a".utf8))
        XCTAssertEqual(lexer.next().kind, .word)
        XCTAssertEqual(lexer.next().kind, .eof)
        XCTAssertEqual(lexer.next().kind, .eof)
    }

    func testEveryTokenRangeLiesInsideTheInput() {
        for testCase in LexerTests.cases {
            let tokens = Lexer.tokenize(path: "t.vmt", bytes: testCase.input)
            XCTAssertEqual(tokens.filter { $0.kind == .eof }.count, 1, testCase.name)
            for token in tokens {
                XCTAssertLessThanOrEqual(token.range.start.offset, token.range.end.offset, testCase.name)
                XCTAssertLessThanOrEqual(token.range.end.offset, testCase.input.count, testCase.name)
            }
        }
    }
}
