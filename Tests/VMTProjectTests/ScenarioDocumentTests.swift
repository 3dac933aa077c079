import XCTest
import VMTCore
@testable import VMTProject

/// The scenario YAML reader, the document model, its comparison, and the line delta.
final class ScenarioDocumentTests: XCTestCase {
    func read(_ text: String) throws -> ScenarioYAMLNode {
        try ScenarioYAMLReader.read(Array(text.utf8))
    }

    func testReaderTable() throws {
        let cases: [(name: String, yaml: String, expected: ScenarioYAMLNode)] = [
            ("plain scalars", "a: 1\nb: x y\n", .mapping([("a", .scalar("1")), ("b", .scalar("x y"))])),
            ("indentless sequence", "A:\n- 1\n- 2\n", .mapping([("A", .sequence([.scalar("1"), .scalar("2")]))])),
            ("nested", "p:\n  q:\n    r: 0.5\n", .mapping([("p", .mapping([("q", .mapping([("r", .scalar("0.5"))]))]))])),
            ("items are mappings", "mix:\n- type: ces\n  weight: 1.0\n",
             .mapping([("mix", .sequence([.mapping([("type", .scalar("ces")), ("weight", .scalar("1.0"))])]))])),
            ("single quotes", "name: 'it''s: here'\n", .mapping([("name", .scalar("it's: here"))])),
            ("double quotes", "name: \"a\\tb\\x41\\u00e9\"\n", .mapping([("name", .scalar("a\tbAé"))])),
            ("folded plain", "name: a long\n  name here\nn: 1\n", .mapping([("name", .scalar("a long name here")), ("n", .scalar("1"))])),
            ("folded quoted", "name: \"abc\\\n  \\ def\"\n", .mapping([("name", .scalar("abc def"))])),
            ("comments, markers, empty", "---\n# c\nmix: []\nx: {}\ny:\nz: ~ # note\n",
             .mapping([("mix", .scalar("")), ("x", .scalar("")), ("y", .scalar("")), ("z", .scalar(""))])),
        ]
        for test in cases {
            XCTAssertEqual(try read(test.yaml), test.expected, test.name)
        }
    }

    func testReaderRefusals() {
        let cases: [(name: String, yaml: String, line: Int)] = [
            ("anchor", "a: &x 1\n", 1),
            ("flow", "a: [1, 2]\n", 1),
            ("block scalar", "a: |\n  x\n", 1),
            ("duplicate key", "a: 1\na: 2\n", 2),
            ("bad indentation", "a: 1\n  b: 2\n", 2),
            ("unterminated", "a: 'x\n", 1),
            ("tab", "a:\n\tb: 1\n", 2),
        ]
        for test in cases {
            XCTAssertThrowsError(try read(test.yaml), test.name) { error in
                XCTAssertEqual((error as? ScenarioYAMLError)?.line, test.line, test.name)
            }
        }
        var deep = ""
        for level in 0..<100 { deep += String(repeating: " ", count: level) + "k:\n" }
        XCTAssertThrowsError(try read(deep + String(repeating: " ", count: 100) + "v: 1\n"))
    }

    /// Every file the generator writes reads back with the values it was made from.
    func testGeneratedFilesReadBack() throws {
        for preset in Preset.all {
            for regime in ExchangeRegime.allCases {
                var spec = ScenarioSpec(name: "p: \(preset.name) #1", preset: preset, seed: Seed(7))
                spec.regime = regime
                spec.schedule = ModeSchedule(forageTicks: 3, tradeTicks: 2, startMode: .trade)
                guard case .success(let bytes) = ScenarioFile.render(spec) else { return XCTFail("render \(preset.name)") }
                let document = try ScenarioDocument(yaml: bytes)
                let scenario = Generator.generate(spec)
                func value(_ name: String) -> String? { document.fields.first { $0.name == name }?.value }
                XCTAssertEqual(value("name"), spec.name)
                XCTAssertEqual(value("agents"), String(spec.agents))
                XCTAssertEqual(value("grid"), String(spec.grid))
                XCTAssertEqual(value("schedule"), "forage 3 trade 2 start trade")
                XCTAssertEqual(value("params.exchange_regime"), regime.rawValue)
                XCTAssertEqual(document.stocks.first { $0.good == "A" }?.values, scenario.inventoryA)
                XCTAssertEqual(document.stocks.first { $0.good == "M" }?.values, scenario.inventoryM)
                XCTAssertEqual(value("utilities[1].\(scenario.utilities[0].type.parameterNames[0])"),
                               PythonFloat.repr(scenario.utilities[0].values[0]))
            }
        }
    }

    func testComparison() throws {
        let old = try ScenarioDocument(yaml: Array("N: 5\nagents: 2\ninitial_inventories:\n  A:\n  - 1\n  - 2\nparams:\n  beta: 0.90\n".utf8))
        let new = try ScenarioDocument(yaml: Array("N: 6\nagents: 3\ninitial_inventories:\n  A:\n  - 1\n  - 3\n  - 5\nparams:\n  beta: 0.9\n  x: 1\n".utf8))
        let comparison = DocumentComparison(old, new)
        XCTAssertEqual(comparison.fields.map(\.name), ["grid", "agents", "params.x"], "0.90 and 0.9 are the same number")
        XCTAssertEqual(comparison.stocks.count, 1)
        XCTAssertEqual(comparison.stocks.first?.changed, 2)
        XCTAssertEqual(comparison.stocks.first?.old?.mean, 1.5)
        XCTAssertEqual(comparison.stocks.first?.new?.max, 5)
        XCTAssertTrue(DocumentComparison(old, old).isEmpty)
    }

    func testOutputDelta() {
        func bytes(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }
        let a = bytes(["a", "b", "c", "d"])
        XCTAssertEqual(OutputDelta(old: a, new: a).removedLines, 0)
        let b = OutputDelta(old: a, new: bytes(["a", "x", "c", "d", "e"]))
        XCTAssertEqual([b.removedLines, b.addedLines, b.oldLines, b.newLines], [1, 2, 4, 5])
        XCTAssertFalse(b.approximate)
        XCTAssertEqual(OutputDelta.editDistance([1, 2, 3], [2, 3, 4], limit: 10), 2)
        XCTAssertNil(OutputDelta.editDistance([1, 2, 3], [4, 5, 6], limit: 2))
        XCTAssertEqual(OutputDelta.editDistance([], [1], limit: 10), 1)
    }
}
