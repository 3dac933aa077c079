import Foundation
import XCTest
import VMTCore
@testable import VMTProject

/// The YAML reader: the shapes scenario files use, positions of errors, what it refuses, and
/// agreement with PyYAML on VMT's own files (when python3 with PyYAML is installed).
final class YAMLReaderTests: XCTestCase {
    /// VMT's scenario files, kept with the command-line tests' fixtures.
    static let scenarios = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("VMTCommandLineTests/Fixtures/vmt-scenarios")

    static func scenarioFiles() throws -> [URL] {
        let top = try FileManager.default.contentsOfDirectory(at: scenarios, includingPropertiesForKeys: nil)
        let test = try FileManager.default.contentsOfDirectory(at: scenarios.appendingPathComponent("test"), includingPropertiesForKeys: nil)
        return (top + test).filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    private func read(_ text: String) -> Result<YAMLDocument, ProjectError> {
        YAMLReader.read(Array(text.utf8))
    }

    /// A node as compact text: `{k: v}`, `[a, b]`, plain scalars bare, quoted ones in quotes.
    private func show(_ node: YAMLNode?) -> String {
        guard let node else { return "~" }
        switch node.value {
        case .scalar(let text, let quoted): return quoted ? "'\(text)'" : text
        case .sequence(let items): return "[" + items.map(show).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{" + pairs.map { "\($0.key): \(show($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    func testShapes() {
        let cases: [(name: String, text: String, expected: String)] = [
            ("block mapping", "a: 1\nb: two\n", "{a: 1, b: two}"),
            ("nested mapping", "a:\n  b: 1\n  c:\n    d: x\ne: 2\n", "{a: {b: 1, c: {d: x}}, e: 2}"),
            ("sequence at the key's column", "mix:\n- 1\n- 2\nnext: 3\n", "{mix: [1, 2], next: 3}"),
            ("indented sequence", "mix:\n  - 1\n  - 2\n", "{mix: [1, 2]}"),
            ("mapping in a sequence item", "m:\n- type: ces\n  weight: 1\n- type: linear\n", "{m: [{type: ces, weight: 1}, {type: linear}]}"),
            ("flow sequence over lines", "A: [1, 2,\n    3]\n", "{A: [1, 2, 3]}"),
            ("flow mapping", "- {type: ces, params: {rho: -0.5, wA: 1.0}}\n", "[{type: ces, params: {rho: -0.5, wA: 1.0}}]"),
            ("quotes", "a: \"x \\\"y\\\" \\u00e9\"\nb: 'it''s'\n", "{a: 'x \"y\" é', b: 'it's'}"),
            ("comments everywhere", "# head\na: 1 # one\n# between\nb: [1, # c\n 2]\n", "{a: 1, b: [1, 2]}"),
            ("empty value", "a:\nb: 1\n", "{a: , b: 1}"),
            ("hash inside a plain value", "a: x#y\n", "{a: x#y}"),
            ("folded plain", "name: a long\n  name here\nb: 1\n", "{name: a long name here, b: 1}"),
            ("folded quoted", "name: 'a long\n  name'\n", "{name: 'a long name'}"),
            ("CRLF and BOM", "\u{FEFF}a: 1\r\nb: 2\r\n", "{a: 1, b: 2}"),
            ("document marker", "---\na: 1\n", "{a: 1}"),
            ("empty document", "# only a comment\n", "~"),
        ]
        for test in cases {
            switch read(test.text) {
            case .success(let document): XCTAssertEqual(show(document.root), test.expected, test.name)
            case .failure(let error): XCTFail("\(test.name): \(error)")
            }
        }
    }

    func testErrorsHavePositions() {
        let cases: [(name: String, text: String, expected: String)] = [
            ("duplicate key", "a: 1\na: 2\n", "2:1: duplicate key 'a' (first at line 1)"),
            ("bad indentation", "a:\n  b: 1\n   c: 2\n", "3:4: unexpected indentation (expected column 3)"),
            ("unclosed flow", "a: [1, 2\n", "1:4: '[' is not closed"),
            ("unclosed quote", "a: \"x\n", "1:4: a quoted value is not closed"),
            ("anchor", "a: &x 1\n", "1:4: anchors ('&') are not supported"),
            ("alias", "a: *x\n", "1:4: aliases ('*') are not supported"),
            ("tag", "a: !!int 1\n", "1:4: tags ('!') are not supported"),
            ("block scalar", "a: |\n  x\n", "1:4: block scalars ('|') are not supported"),
            ("two documents", "a: 1\n---\nb: 2\n", "2:1: a second document ('---') is not supported"),
            ("unknown escape", "a: \"\\q\"\n", "1:5: unknown escape '\\q' in a double-quoted value"),
            ("missing comma", "a: [1 2 3}\n", "1:10: expected ',' or ']' in a flow sequence"),
            ("not UTF-8", "a: \u{FF}", "1:1: the file is not UTF-8 text"),
        ]
        for test in cases {
            var bytes = Array(test.text.utf8)
            if test.name == "not UTF-8" { bytes = Array("a: ".utf8) + [0xFF] }
            switch YAMLReader.read(bytes) {
            case .success(let document): XCTFail("\(test.name): read as \(show(document.root))")
            case .failure(let error): XCTAssertEqual(error.description, test.expected, test.name)
            }
        }
    }

    func testLeadingComments() throws {
        let document = try read("# one\n#\n# two\n\n# three\n\na: 1 # not this\n# nor this\n").get()
        XCTAssertEqual(document.leadingComments, ["# one", "#", "# two", "", "# three"])
        XCTAssertEqual(try read("a: 1\n# late\n").get().leadingComments, [])
    }

    func testPlainScalarsResolveAsPyYAMLDoes() {
        let cases: [(String, YAMLPlainScalar)] = [
            ("5", .int(5)), ("-3", .int(-3)), ("0x1f", .int(31)), ("010", .int(8)), ("0b101", .int(5)), ("1_000", .int(1000)),
            ("1:30", .int(90)), ("0.10", .float(0.1)), ("1.0e-12", .float(1e-12)), ("0.000000000001", .float(1e-12)),
            ("1.", .float(1)), (".5", .float(0.5)), ("1e-12", .string("1e-12")), ("true", .bool(true)), ("No", .bool(false)),
            ("~", .null), ("", .null), ("barter_only", .string("barter_only")), ("2025-10-21", .timestamp("2025-10-21")),
            ("99999999999999999999", .hugeInt("99999999999999999999")),
        ]
        for (text, expected) in cases { XCTAssertEqual(YAMLPlainScalar.resolve(text), expected, text) }
        XCTAssertEqual(YAMLPlainScalar.resolve("-.inf"), .float(-.infinity))
    }

    func testDepthAndSizeAreBounded() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        guard case .failure(.yaml(let error)) = read("a: " + deep) else { return XCTFail("read a 200-deep flow") }
        XCTAssertTrue(error.message.contains("nested deeper than"), error.message)
        var nested = ""
        for level in 0..<100 { nested += String(repeating: " ", count: level) + "k:\n" }
        guard case .failure = read(nested + String(repeating: " ", count: 100) + "v\n") else { return XCTFail("read 100 levels") }
    }

    /// The value budget: a document past `maxValues` values (items, mapping values) is refused
    /// with one error naming the limit, whatever its shape; one at the limit reads.
    func testValueBudgetRefusesOversizedDocuments() {
        let limit = 1000
        // `a` counts one, its items one each: 999 items make 1000 values.
        let atLimit = "a: [" + Array(repeating: "1", count: limit - 1).joined(separator: ",") + "]\n"
        guard case .success(let document) = YAMLReader.read(Array(atLimit.utf8), maxValues: limit) else {
            return XCTFail("a document of exactly \(limit) values is refused")
        }
        XCTAssertEqual(document.root?["a"]?.items?.count, limit - 1)
        let shapes: [(name: String, text: String)] = [
            ("flow list", "a: [" + Array(repeating: "1", count: limit).joined(separator: ",") + "]\n"),
            ("flow mapping", "a: {" + (0..<limit).map { "k\($0): 1" }.joined(separator: ", ") + "}\n"),
            ("block mapping", (0...limit).map { "k\($0): 1\n" }.joined()),
            ("block sequence", "a:\n" + String(repeating: "- 1\n", count: limit)),
        ]
        for shape in shapes {
            guard case .failure(.yaml(let error)) = YAMLReader.read(Array(shape.text.utf8), maxValues: limit) else {
                XCTFail("\(shape.name): read past the budget")
                continue
            }
            XCTAssertTrue(error.message.hasPrefix("more than 1000 values; "), "\(shape.name): \(error.message)")
        }
        XCTAssertGreaterThan(YAMLReader.maxValues, 3 * 1_000_000, "a file of 1,000,000 agents with three goods reads")
    }

    func testArbitraryBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab: -[]{},#'\"\\\n \t&*!|>?%@`0.5e".utf8)
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<60, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 32 }
            _ = YAMLReader.read(bytes)
        }
    }

    func testReadsEveryVMTScenarioFile() throws {
        let files = try Self.scenarioFiles()
        XCTAssertEqual(files.count, 25)
        for url in files {
            let bytes = try [UInt8](Data(contentsOf: url))
            switch YAMLReader.read(bytes) {
            case .success(let document):
                XCTAssertNotNil(document.root?["utilities"]?["mix"]?.items, url.lastPathComponent)
            case .failure(let error):
                XCTFail("\(url.lastPathComponent): \(error)")
            }
        }
    }

    /// Our reading of every VMT file equals PyYAML's `safe_load`, compared as JSON-like text.
    func testAgreesWithPyYAMLOnVMTFiles() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import yaml"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { throw XCTSkip("python3 is not installed") }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { throw XCTSkip("PyYAML is not installed") }
        let script = """
            import sys, yaml, math
            def show(x):
                if isinstance(x, bool): return 'true' if x else 'false'
                if x is None: return 'null'
                if isinstance(x, int): return 'i%d' % x
                if isinstance(x, float): return 'f' + repr(x)
                if isinstance(x, str): return 's' + x
                if isinstance(x, list): return '[' + ','.join(show(i) for i in x) + ']'
                return '{' + ','.join(show(k) + ':' + show(v) for k, v in x.items()) + '}'
            for path in sys.argv[1:]:
                print(show(yaml.safe_load(open(path, encoding='utf-8'))))
            """
        let files = try Self.scenarioFiles()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, files.count)
        for (url, expected) in zip(files, lines) {
            let document = try YAMLReader.read([UInt8](Data(contentsOf: url))).get()
            XCTAssertEqual(Self.pythonText(document.root), expected, url.lastPathComponent)
        }
    }

    /// A node as the script above prints Python values.
    static func pythonText(_ node: YAMLNode?) -> String {
        guard let node else { return "null" }
        switch node.value {
        case .scalar:
            switch node.scalar {
            case .null?, nil: return "null"
            case .bool(let value)?: return value ? "true" : "false"
            case .int(let value)?: return "i\(value)"
            case .hugeInt(let text)?: return "i" + text
            case .float(let value)?: return "f" + PythonFloat.repr(value)
            case .timestamp(let text)?, .string(let text)?: return "s" + text
            }
        case .sequence(let items): return "[" + items.map(pythonText).joined(separator: ",") + "]"
        case .mapping(let pairs): return "{" + pairs.map { "s\($0.key):" + pythonText($0.value) }.joined(separator: ",") + "}"
        }
    }
}
