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

/// A NAME that is not UTF-8 is kept as Python keeps it (`surrogateescape`): lone surrogates in
/// the YAML, the original bytes in the default file name. Expected texts recorded with
/// scripts/reference_oracle.py (CPython 3.11, PyYAML 6.0).
final class UndecodableNameTests: XCTestCase {
    /// The names in `folder`, as bytes.
    private func names(in folder: String) -> [[UInt8]] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != Array(".".utf8) && name != Array("..".utf8) { names.append(name) }
        }
        return names
    }

    private func run(_ arguments: [[UInt8]], in work: URL) -> CommandRun {
        var stdout = "", stderr = ""
        let context = CommandContext(currentDirectory: work.path, standardOutput: { stdout += $0 }, standardError: { stderr += $0 })
        let status = CommandLineTool.main(rawArguments: arguments, context: context)
        return CommandRun(status: status, stdout: stdout, stderr: stderr)
    }

    func testDefaultFileNameKeepsTheByteAndTheYAMLHoldsASurrogate() throws {
        let work = try temporaryDirectory(self)
        let name: [UInt8] = Array("caf".utf8) + [0xE9]
        let flags = ["--preset", "minimal", "--seed", "1"].map { Array($0.utf8) }
        let result = run([Array("generate".utf8), name] + flags, in: work)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(names(in: work.path + "/scenarios"), [name + Array(".yaml".utf8)])
        XCTAssertTrue(result.stdout.hasPrefix("✓ Generated scenarios/caf\\xE9.yaml\n"), result.stdout)
        let file = work.path + "/scenarios/caf\u{FFFD}.yaml"
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "not written under a replacement character")
        var path = Array(work.path.utf8) + Array("/scenarios/".utf8) + name + Array(".yaml".utf8)
        path.append(0)
        let descriptor = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY) }
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(descriptor, &buffer, 64)
        close(descriptor)
        XCTAssertTrue(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).hasPrefix("schema_version: 1\nname: \"caf\\uDCE9\"\nN: 20\n"))
    }

    func testSurrogatesAmongTextAreEscapedAsPyYAMLDoes() throws {
        let work = try temporaryDirectory(self)
        let name: [UInt8] = Array("x".utf8) + [0xFF, 0xFE] + Array(" y ".utf8) + [0xC3]
        let flags = ["--preset", "minimal", "--seed", "1", "--output", "o.yaml"].map { Array($0.utf8) }
        XCTAssertEqual(run([Array("generate".utf8), name] + flags, in: work).status, 0)
        let text = try String(contentsOf: work.appendingPathComponent("o.yaml"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("schema_version: 1\nname: \"x\\uDCFF\\uDCFE y \\uDCC3\"\n"), text)
        XCTAssertEqual(CommandArgument(bytes: name).pythonCodePoints, [0x78, 0xDCFF, 0xDCFE, 0x20, 0x79, 0x20, 0xDCC3])
        XCTAssertEqual(CommandArgument(bytes: Array("é".utf8)).pythonCodePoints, [0xE9])
        // Encoded surrogates and overlong forms are not UTF-8 for Python either: byte by byte.
        XCTAssertEqual(CommandArgument(bytes: [0xED, 0xA0, 0x80, 0xC0, 0xAF]).pythonCodePoints, [0xDCED, 0xDCA0, 0xDC80, 0xDCC0, 0xDCAF])
    }
}
