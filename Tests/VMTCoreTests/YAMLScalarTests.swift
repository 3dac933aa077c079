import XCTest
@testable import VMTCore

/// How strings are written: the table was produced with PyYAML 6.0 (`yaml.dump({'name': s},
/// allow_unicode=True, sort_keys=False)`), the writer the reference uses.
final class YAMLScalarTests: XCTestCase {
    /// (name, what PyYAML writes after `name:`).
    static let table: [(String, String)] = [
        ("plain", " plain"),
        ("", " ''"),
        (" lead", " ' lead'"),
        ("trail ", " 'trail '"),
        ("yes", " 'yes'"),
        ("No", " 'No'"),
        ("OFF", " 'OFF'"),
        ("null", " 'null'"),
        ("~", " '~'"),
        ("NULL", " 'NULL'"),
        ("123", " '123'"),
        ("-5", " '-5'"),
        ("0o7", " 0o7"),
        ("012", " '012'"),
        ("09", " 09"),
        ("0b101", " '0b101'"),
        ("0x1F", " '0x1F'"),
        ("1_000", " '1_000'"),
        ("12:30", " '12:30'"),
        ("1:60", " 1:60"),
        ("1.5", " '1.5'"),
        (".5", " '.5'"),
        ("1e5", " 1e5"),
        ("1.0e+5", " '1.0e+5'"),
        ("+.inf", " '+.inf'"),
        (".NaN", " '.NaN'"),
        ("2025-10-21", " '2025-10-21'"),
        ("2025-1-2", " 2025-1-2"),
        ("2001-12-14t21:59:43.10-05:00", " '2001-12-14t21:59:43.10-05:00'"),
        ("2001-1-1 1:02:03", " '2001-1-1 1:02:03'"),
        ("a: b", " 'a: b'"),
        ("x:y", " x:y"),
        ("ends:", " 'ends:'"),
        ("#hash", " '#hash'"),
        ("a #b", " 'a #b'"),
        ("a#b", " a#b"),
        ("- dash", " '- dash'"),
        ("-", " '-'"),
        ("-x", " -x"),
        ("?", " '?'"),
        ("? q", " '? q'"),
        (":", " ':'"),
        ("@at", " '@at'"),
        ("`tick", " '`tick'"),
        ("'quoted'", " '''quoted'''"),
        ("it's", " it's"),
        ("with\"dq", " with\"dq"),
        ("tab\there", " \"tab\\there\""),
        ("line\nbreak", " 'line\n\n  break'"),
        ("naïve_ñ", " naïve_ñ"),
        ("emoji 🚀", " emoji 🚀"),
        ("tab\t🚀", " \"tab\\t\\U0001F680\""),
        ("---", " '---'"),
        ("... x", " '... x'"),
        ("=", " '='"),
        ("<<", " '<<'"),
        ("!", " '!'"),
        ("a,b", " a,b"),
        ("[x]", " '[x]'"),
        ("x]", " x]"),
        ("nbsp\u{A0}x", " nbsp\u{A0}x"),
        ("bell\u{7}", " \"bell\\a\""),
        ("bom\u{FEFF}", " \"bom\\uFEFF\""),
        ("a long scenario name with many words that goes past the eighty column limit of the default writer width", " a long scenario name with many words that goes past the eighty column limit\n  of the default writer width"),
        ("a long 'quoted' scenario name with many words that goes past the eighty column limit: of the writer", " 'a long ''quoted'' scenario name with many words that goes past the eighty column\n  limit: of the writer'"),
        ("a long\ttabbed scenario name with many words that goes past the eighty column limit of the default writer width and more words still to wrap twice", " \"a long\\ttabbed scenario name with many words that goes past the eighty column\\\n  \\ limit of the default writer width and more words still to wrap twice\""),
    ]

    func testNamesAreWrittenAsPyYAMLWritesThem() {
        for (name, expected) in Self.table {
            XCTAssertEqual(YAMLScalar.render(name, column: 5, indent: 2), expected, "name \(name.debugDescription)")
        }
    }

    func testStylesAreChosenByResolverAndIndicators() {
        XCTAssertEqual(YAMLScalar.style(for: Array("word".unicodeScalars)), .plain)
        XCTAssertEqual(YAMLScalar.style(for: Array("true".unicodeScalars)), .singleQuoted)
        XCTAssertEqual(YAMLScalar.style(for: Array("a\tb".unicodeScalars)), .doubleQuoted)
    }

    func testResolverKnowsNumbersAndWords() {
        let nonStrings = ["0", "-0", "+12", "0b1_0", "0x_A", "0777", "1_000", "190:20:30", "1.", "-1.5e+3", ".5",
                          "1:20.5", ".inf", "-.Inf", ".nan", "yes", "Off", "~", "", "2002-12-14",
                          "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43Z", "<<", "="]
        for text in nonStrings {
            XCTAssertTrue(YAMLResolver.resolvesToNonString(Array(text.unicodeScalars)), text)
        }
        let strings = ["09", "0o7", "1e5", "1.5e5", "1:60", "yess", "nul", "2002-1-2", "0b2", "0x", "-", ".", "+.nan", "..5"]
        for text in strings {
            XCTAssertFalse(YAMLResolver.resolvesToNonString(Array(text.unicodeScalars)), text)
        }
    }
}
