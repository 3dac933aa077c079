import Foundation
import XCTest
import VMTCore
@testable import VMTCommandLine

/// `generate` reads its command line as CPython 3.11 does: each rule checked against a table
/// recorded from CPython by `scripts/record_python_rules.py` (Fixtures/python-rules).
final class PythonRulesTests: XCTestCase {
    struct Table: Decodable {
        struct IntCase: Decodable { let text: String; let value: String? }
        struct FloatCase: Decodable { let text: String; let repr: String? }
        struct StripCase: Decodable { let text: String; let stripped: String }
        struct ArgvCase: Decodable { let argv: [String]; let exit: Int; let values: [String: String]? }
        let python: String
        let unicode: String
        let whitespace: [UInt32]
        let decimals: [UInt32]
        let int: [IntCase]
        let float: [FloatCase]
        let strip: [StripCase]
        let argparse: [ArgvCase]
    }

    static func table() throws -> Table {
        let fixtures = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try Data(contentsOf: fixtures.appendingPathComponent("python-rules/python-rules.json"))
        return try JSONDecoder().decode(Table.self, from: data)
    }

    func testRecordedWithTheReferencesPython() throws {
        let table = try Self.table()
        XCTAssertTrue(table.python.hasPrefix("3.11."), table.python)
        XCTAssertEqual(table.unicode, "14.0.0")
    }

    /// `str.isspace()` and `unicodedata.decimal()` over every Unicode scalar.
    func testWhiteSpaceAndDigitsAreCPythons() throws {
        let table = try Self.table()
        let spaces = Set(table.whitespace), decimals = Set(table.decimals)
        var wrongSpaces: [String] = [], wrongDigits: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if PythonNumbers.isSpace(scalar) != spaces.contains(value) { wrongSpaces.append(String(value, radix: 16)) }
            if (PythonNumbers.decimalValue(scalar) != nil) != decimals.contains(value) { wrongDigits.append(String(value, radix: 16)) }
        }
        XCTAssertEqual(wrongSpaces, [], "white space that is not CPython's")
        XCTAssertEqual(wrongDigits, [], "decimal digits that are not CPython's")
    }

    func testIntIsCPythons() throws {
        for test in try Self.table().int {
            let ours = PythonNumbers.integer(test.text).map { ($0.negative ? "-" : "") + $0.digits }
            XCTAssertEqual(ours, test.value, "int(\(test.text.debugDescription))")
        }
    }

    func testFloatIsCPythons() throws {
        for test in try Self.table().float {
            XCTAssertEqual(PythonNumbers.float(test.text).map(PythonFloat.repr), test.repr, "float(\(test.text.debugDescription))")
        }
    }

    func testStripIsCPythons() throws {
        for test in try Self.table().strip {
            XCTAssertEqual(PythonNumbers.strip(test.text), test.stripped, "\(test.text.debugDescription).strip()")
        }
    }

    /// Whole command lines through the reference's argparse parser and through ours: the same
    /// refusals (exit 2), the same help requests, the same values.
    func testArgparseReadsAsOurs() throws {
        let flags: [String: String] = [
            "preset": "--preset", "agents": "--agents", "grid": "--grid", "inventory_range": "--inventory-range",
            "utilities": "--utilities", "resources": "--resources", "exchange_regime": "--exchange-regime",
            "seed": "--seed", "output": "--output",
        ]
        let integers: Set<String> = ["agents", "grid", "seed"]
        let choices: Set<String> = ["preset", "exchange_regime"]
        var mismatches = 0
        for test in try Self.table().argparse {
            // The deliberate difference README lists: `--agents=--` (an empty list in argparse) is refused.
            let deliberate = test.values?.contains { integers.contains($0.key) && $0.value == "[]" } ?? false
            let expectedExit = deliberate ? 2 : test.exit
            var expected: [String: String]? = test.values
            if var values = expected {
                for (key, value) in values where value == "[]" {
                    values[key] = choices.contains(key) ? nil : ""
                }
                expected = values
            }
            let ours: (exit: Int, values: [String: String]?)
            do {
                switch try ArgumentReader(GenerateCommand.spec).read(test.argv.map(CommandArgument.init)) {
                case .help:
                    ours = (0, nil)
                case .arguments(let parsed):
                    var values: [String: String] = [:]
                    if let name = parsed.positionals.first { values["name"] = name.text }
                    for (key, flag) in flags {
                        guard let value = parsed.value(flag) else { continue }
                        values[key] = integers.contains(key)
                            ? PythonNumbers.integer(value).map { ($0.negative ? "-" : "") + $0.digits } ?? "?" : value
                    }
                    ours = (0, values)
                }
            } catch {
                ours = (2, nil)
            }
            if ours.exit != expectedExit || (expectedExit == 0 && ours.values != expected) {
                mismatches += 1
                if mismatches <= 20 {
                    XCTFail("\(test.argv.debugDescription): argparse \(expectedExit) \(expected ?? [:]), ours \(ours.exit) \(ours.values ?? [:])")
                }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }
}
