import XCTest
@testable import VMTCore

/// Reading JSON: table tests of accepted and refused texts, and "write, read again" round trips.
final class JSONTests: XCTestCase {
    func testAcceptedTexts() throws {
        let cases: [(name: String, text: String, value: JSON)] = [
            ("null", "null", .null),
            ("booleans in an array", "[true,false]", .array([.bool(true), .bool(false)])),
            ("numbers keep their spelling", "[0,-1,1.50,2e10,-0.5E-3]",
             .array([.number("0"), .number("-1"), .number("1.50"), .number("2e10"), .number("-0.5E-3")])),
            ("key order kept", #"{"b":1,"a":2}"#, .object([("b", .number("1")), ("a", .number("2"))])),
            ("blanks everywhere", " \n{ \"a\" :\t[ ] ,\"b\":{ } }\r\n", .object([("a", .array([])), ("b", .object([]))])),
            ("escapes", #""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{08}\u{0C}\n\r\t")),
            ("unicode escape", #""\u00e9\u20AC""#, .string("é€")),
            ("surrogate pair", #""\ud83d\ude00""#, .string("😀")),
            ("raw UTF-8", "\"héllo 😀\"", .string("héllo 😀")),
        ]
        for test in cases {
            XCTAssertEqual(try JSON.parse(test.text), test.value, test.name)
        }
    }

    func testRefusedTexts() {
        let cases: [(name: String, text: String, offset: Int)] = [
            ("empty", "", 0),
            ("trailing comma", "[1,]", 3),
            ("leading zero", "01", 1),
            ("bare word", "nul", 0),
            ("text after the value", "{} x", 3),
            ("unterminated string", "\"abc", 4),
            ("raw control character", "\"a\u{01}\"", 2),
            ("unknown escape", #""\x""#, 2),
            ("lone low surrogate", #""\udc00""#, 7),
            ("high surrogate alone", #""\ud800x""#, 7),
            ("key without quotes", "{a:1}", 1),
            ("missing colon", #"{"a" 1}"#, 5),
            ("fraction without digits", "1.", 2),
            ("single quotes", "'a'", 0),
        ]
        for test in cases {
            XCTAssertThrowsError(try JSON.parse(test.text), test.name) { error in
                guard case .jsonSyntax(let failure) = error as? CoreError else { return XCTFail("\(test.name): \(error)") }
                XCTAssertEqual(failure.offset, test.offset, "\(test.name): \(error)")
            }
        }
    }

    func testDepthIsBounded() {
        let deep = String(repeating: "[", count: JSON.maxDepth + 1) + String(repeating: "]", count: JSON.maxDepth + 1)
        XCTAssertThrowsError(try JSON.parse(deep))
        let fine = String(repeating: "[", count: JSON.maxDepth) + String(repeating: "]", count: JSON.maxDepth)
        XCTAssertNoThrow(try JSON.parse(fine))
    }

    func testWrittenTextReadsBackTheSame() throws {
        let values: [JSON] = [
            .object([("output", .string("a/b c.yaml")), ("variant", .null), ("n", .int(-3)),
                     ("values", .object([("seed", .string("1\"2\\3\n\u{01}\u{7F}\u{9F}é"))])), ("x", .float(0.1))]),
            .array([.bool(true), .string(""), .array([])]),
        ]
        for value in values {
            XCTAssertEqual(try JSON.parse(value.text), value, value.text)
        }
    }

    func testLookups() throws {
        let value = try JSON.parse(#"{"a":"x","n":12,"big":123456789012345678901234567890}"#)
        XCTAssertEqual(value["a"]?.stringValue, "x")
        XCTAssertEqual(value["n"]?.intValue, 12)
        XCTAssertNil(value["big"]?.intValue)
        XCTAssertNil(value["missing"])
        XCTAssertNil(JSON.null["a"])
    }
}
