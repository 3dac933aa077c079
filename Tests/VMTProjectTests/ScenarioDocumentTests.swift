import XCTest
import VMTCore
@testable import VMTProject

/// Scenario files read back as documents (through YAMLReader), their comparison, and the line delta.
final class ScenarioDocumentTests: XCTestCase {
    func testNotAScenarioDocument() {
        for (name, yaml) in [("empty", ""), ("a list", "- 1\n- 2\n"), ("bad YAML", "a: [1\n")] {
            XCTAssertThrowsError(try ScenarioDocument(yaml: Array(yaml.utf8)), name) { error in
                guard case .yaml? = error as? ProjectError else { return XCTFail("\(name): \(error)") }
            }
        }
    }

    /// A field's name is the path to its value, so a long key over many values would hold the
    /// key once per value: the document is refused when its fields pass the byte budget, at the
    /// value that passes it, and read when they fit.
    func testALongKeyOverManyValuesIsRefusedAtTheFieldBudget() throws {
        let key = String(repeating: "k", count: 400)
        let yaml = "a: {\(key): [" + Array(repeating: "1", count: 100).joined(separator: ",") + "]}\n"
        guard case .success(let document) = YAMLReader.read(Array(yaml.utf8)), let root = document.root else {
            return XCTFail("the file should read as YAML")
        }
        // Each field is "a.<key>[N]" (about 407 bytes) and "1".
        XCTAssertThrowsError(try ScenarioDocument(root, maxFieldBytes: 20_000)) { error in
            guard case .yaml(let failure)? = error as? ProjectError else { return XCTFail("\(error)") }
            XCTAssertTrue(failure.message.contains("more than"), failure.message)
            XCTAssertEqual(failure.position.line, 1)
        }
        let read = try ScenarioDocument(root, maxFieldBytes: 60_000)
        XCTAssertEqual(read.fields.filter { $0.name.hasPrefix("a.") }.count, 100)
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

    /// A protocol reads as one field whether written as a name or as `{name, params}`.
    func testProtocolsReadAsOneFieldEitherWay() throws {
        let named = try ScenarioDocument(yaml: Array("N: 5\nsearch_protocol: random_walk\nbargaining_protocol: split_difference\n".utf8))
        let mapped = try ScenarioDocument(yaml: Array(
            "N: 5\nsearch_protocol:\n  name: random_walk\nbargaining_protocol: {name: split_difference, params: {}}\n".utf8))
        XCTAssertEqual(named.fields.map(\.name), ["grid", "search_protocol", "bargaining_protocol", "schedule"])
        XCTAssertTrue(DocumentComparison(named, mapped).isEmpty, "\(DocumentComparison(named, mapped).fields)")
        let withParameter = try ScenarioDocument(yaml: Array("N: 5\nsearch_protocol: {name: random_walk, params: {step: 2}}\n".utf8))
        XCTAssertEqual(withParameter.fields.map { "\($0.name)=\($0.value)" },
                       ["grid=5", "search_protocol=random_walk", "search_protocol.params.step=2", "schedule=off"])
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
