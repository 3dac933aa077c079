import Foundation
import XCTest

/// The example recipes in `scenarios.d/` all build, and a second build rewrites nothing.
final class ScenariosFolderTests: XCTestCase {
    /// The repository's top folder, found from this file's path.
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testEveryExampleBuildsAndRebuildsToTheSameBytes() throws {
        let out = try temporaryDirectory(self)
        let recipes = repository.appendingPathComponent("scenarios.d").path
        let first = runTool(["build", recipes, "--out", out.path], in: repository)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr, "")
        XCTAssertEqual(first.stdout, "built 20 recipes (1 template): 48 scenarios written, 0 unchanged\n")
        let second = runTool(["build", recipes, "--out", out.path], in: repository)
        XCTAssertEqual(second.stdout, "built 20 recipes (1 template): 0 scenarios written, 48 unchanged\n")
        let check = runTool(["build", recipes, "--out", out.path, "--check"], in: repository)
        XCTAssertEqual(check.status, 0, check.stdout)
    }

    func testSpelledOutPresetsMatchTheReference() throws {
        let out = try temporaryDirectory(self)
        let recipes = repository.appendingPathComponent("scenarios.d").path
        XCTAssertEqual(runTool(["build", recipes, "--out", out.path], in: repository).status, 0)
        for preset in ["minimal", "standard", "large", "money_demo", "mixed_economy"] {
            let built = try String(contentsOf: out.appendingPathComponent("presets/preset_\(preset).yaml"), encoding: .utf8)
            let reference = try String(contentsOf: goldenDirectory().appendingPathComponent("preset_\(preset)_seed42/expected.yaml"),
                                       encoding: .utf8)
            // The reference case is named differently; everything else is the same.
            XCTAssertEqual(built, reference.replacingOccurrences(of: "name: \(preset)_42\n", with: "name: preset_\(preset)\n"), preset)
        }
        let demo = try Data(contentsOf: out.appendingPathComponent("phase2/demo.yaml"))
        XCTAssertEqual(demo, try Data(contentsOf: goldenDirectory().appendingPathComponent("seed_demo_money_demo/expected.yaml")))
    }
}
