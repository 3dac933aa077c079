import Foundation
import XCTest
@testable import VMTCommandLine
import VMTCore
import VMTProject

/// `vmt-dsl import` end to end: VMT's 25 files in, recipes out, `build` gives the same
/// scenarios (loaded meaning), and errors leave nothing behind. (.ci/run also checks the rebuilt
/// files with tools/validate_scenario.py when python3 with PyYAML is installed.)
final class ImportCommandTests: XCTestCase {
    func scenarioFiles() throws -> [URL] {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("vmt-scenarios")
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: folder.path).map { folder.appendingPathComponent($0) }
            + fm.contentsOfDirectory(atPath: folder.appendingPathComponent("test").path).map { folder.appendingPathComponent("test/" + $0) }
        return names.filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    func testImportThenBuildGivesTheSameScenarioForEveryVMTFile() throws {
        let directory = try temporaryDirectory(self)
        let files = try scenarioFiles()
        XCTAssertEqual(files.count, 25)
        let run = runTool(["import"] + files.map(\.path), in: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "", "no warning")
        XCTAssertTrue(run.stdout.hasSuffix("imported 25, failed 0\n"), run.stdout)
        let build = runTool(["build", "-W", "--out", "out"], in: directory)
        XCTAssertEqual(build.status, 0, build.stderr)
        for url in files {
            let stem = url.deletingPathExtension().lastPathComponent
            let original = try ScenarioLoader.load([UInt8](Data(contentsOf: url))).get().loaded
            let rebuilt = try ScenarioLoader.load([UInt8](Data(contentsOf: directory.appendingPathComponent("out/\(stem).yaml")))).get().loaded
            XCTAssertEqual(rebuilt.differences(from: original), [], stem)
        }
        XCTAssertEqual(runTool(["fmt", "--check"], in: directory).status, 0, "imported recipes are formatted")
    }

    /// The same end to end for this project's VMT 2025-11 files (Tests/VMTProjectTests/Fixtures/
    /// import-2025-11): `vmt 2025-11` recipes that build the same scenario under 6f7b3c7's rules,
    /// the dropped `protocol_config` named in a warning, and a second import of the built files
    /// gives recipes that build the same bytes.
    func testImportThenBuildOfLaterSchemaFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("VMTProjectTests/Fixtures/import-2025-11")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { folder.appendingPathComponent($0) }
        XCTAssertEqual(files.count, 3)
        let directory = try temporaryDirectory(self)
        let run = runTool(["import"] + files.map(\.path), in: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("quiet_market.yaml:18:1: warning: 'protocol_config' is not read by the loader of VMT 2025-11 (6f7b3c7); dropped [VMT603]"),
                      run.stderr)
        let build = runTool(["build", "--out", "out"], in: directory)
        XCTAssertEqual(build.status, 0, build.stderr)
        for url in files {
            let stem = url.deletingPathExtension().lastPathComponent
            let original = try ScenarioLoader.load([UInt8](Data(contentsOf: url)), target: .v2025_11).get().loaded
            let built = directory.appendingPathComponent("out/\(stem).yaml")
            let rebuilt = try ScenarioLoader.load([UInt8](Data(contentsOf: built)), target: .v2025_11).get().loaded
            XCTAssertEqual(rebuilt.differences(from: original), [], stem)
            XCTAssertEqual(rebuilt.target, .v2025_11, stem)
        }
        let again = runTool(["import", "--out", "again/scenarios.d"] + files.map { "out/" + $0.lastPathComponent }, in: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stderr, "", "a built file imports without a warning")
        let second = runTool(["build", "again/scenarios.d", "--out", "again/out2"], in: directory)
        XCTAssertEqual(second.status, 0, second.stderr)
        for url in files {
            let name = url.lastPathComponent
            XCTAssertEqual(try Data(contentsOf: directory.appendingPathComponent("again/out2/" + name)),
                           try Data(contentsOf: directory.appendingPathComponent("out/" + name)), name)
        }
    }

    /// `import --vmt 2025-11` imports a file whose keys say 2025-10 for 2025-11 (money keys
    /// dropped with a warning naming that loader); a bad version is a usage error.
    func testImportVMTOverridesTheDetection() throws {
        let directory = try temporaryDirectory(self)
        try Data("""
            schema_version: 1
            name: plain
            N: 8
            agents: 3
            initial_inventories: {A: [8, 4, 6], B: [4, 8, 6]}
            utilities: {mix: [{type: linear, weight: 1.0, params: {vA: 1, vB: 2}}]}
            resource_seed: {density: 0.3, amount: 5}
            params: {resource_growth_rate: 1, resource_max_amount: 5, exchange_regime: barter_only}

            """.utf8).write(to: directory.appendingPathComponent("plain.yaml"))
        let detected = runTool(["import", "plain.yaml", "--out", "a"], in: directory)
        XCTAssertEqual(detected.status, 0, detected.stderr)
        XCTAssertFalse(try String(contentsOf: directory.appendingPathComponent("a/plain.vmt"), encoding: .utf8).contains("vmt "))
        let forced = runTool(["import", "plain.yaml", "--out", "b", "--vmt", "2025-11"], in: directory)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(forced.stderr, "plain.yaml:8:59: warning: 'params.exchange_regime' is not read by the loader of VMT 2025-11 (6f7b3c7); dropped [VMT603]\n")
        XCTAssertTrue(try String(contentsOf: directory.appendingPathComponent("b/plain.vmt"), encoding: .utf8).contains("\nvmt 2025-11\n"))
        XCTAssertEqual(runTool(["import", "plain.yaml", "--out", "c", "--vmt", "2025-12"], in: directory).status, 2)
    }

    /// A scenario whose recipe would pass the 1 MiB recipe limit (here a name of 1,050,000
    /// characters) is refused before writing, naming the file; nothing is written, exit 1.
    func testARecipeOverTheLimitIsRefusedAndNothingWritten() throws {
        let directory = try temporaryDirectory(self)
        try writeScenario(String(repeating: "a", count: 1_050_000), to: directory.appendingPathComponent("big.yaml"))
        let run = assertImportRefused(["big.yaml", "--out", "r"], in: directory, saying: "larger than 1024 KiB; a recipe file may be at most that (nothing written)",
                                      notWriting: "r/big.vmt")
        XCTAssertTrue(run.stderr.hasPrefix("error: big.yaml: the recipe r/big.vmt would be "), run.stderr)
    }

    func testExtendsAndErrors() throws {
        let directory = try temporaryDirectory(self)
        let scenario = directory.appendingPathComponent("three.yaml")
        try writeScenario("three", to: scenario, comment: "# Three agents.\n\n", params: ", colour: red")
        let run = runTool(["import", "three.yaml", "--extends", "minimal", "--out", "r"], in: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("three.yaml:10:59: warning: 'params.colour' is not read by VMT's loader; dropped [VMT603]"), run.stderr)
        let recipe = try String(contentsOf: directory.appendingPathComponent("r/three.vmt"), encoding: .utf8)
        XCTAssertTrue(recipe.hasPrefix("# Three agents.\n\nscenario three\nextends minimal\nagents 3\ngrid 8\n"), recipe)
        XCTAssertFalse(recipe.contains("resources"), "density, max, amount and regen are minimal's")
        // A second import does not overwrite; a broken file writes nothing.
        let again = runTool(["import", "three.yaml", "--out", "r"], in: directory)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        try Data("schema_version: 1\nname: [\n".utf8).write(to: directory.appendingPathComponent("bad.yaml"))
        assertImportRefused(["bad.yaml", "--out", "r"], in: directory,
                            saying: "bad.yaml:2:7: error: not YAML: '[' is not closed [VMT601]", notWriting: "r/bad.vmt")
        XCTAssertEqual(runTool(["import"], in: directory).status, 2)
    }

    /// Runs `import arguments` in `directory` and asserts it is refused: exit 1, `message` on
    /// standard error, and no file at `path` (relative to `directory`). Returns the run.
    @discardableResult
    func assertImportRefused(_ arguments: [String], in directory: URL, saying message: String, notWriting path: String,
                             file: StaticString = #filePath, line: UInt = #line) -> CommandRun {
        let run = runTool(["import"] + arguments, in: directory)
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr, file: file, line: line)
        XCTAssertTrue(run.stderr.contains(message), run.stderr, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path), path, file: file, line: line)
        return run
    }

    func testImportIntoASubfolderRefusesANameTheProjectHas() throws {
        let directory = try temporaryDirectory(self)
        try writeScenario("three", to: directory.appendingPathComponent("three.yaml"))
        XCTAssertEqual(runTool(["import", "three.yaml"], in: directory).status, 0)
        let clash = assertImportRefused(["three.yaml", "--out", "scenarios.d/imported"], in: directory,
                                        saying: "a recipe named 'three' already exists in the project (scenarios.d/three.vmt)",
                                        notWriting: "scenarios.d/imported/three.vmt")
        XCTAssertTrue(clash.stdout.hasSuffix("imported 0, failed 1\n"), clash.stdout)
        let check = runTool(["check"], in: directory)
        XCTAssertEqual(check.status, 0, check.stderr)
        // Re-import into the same place says the file exists (checked before the project).
        let again = runTool(["import", "three.yaml"], in: directory)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("scenarios.d/three.vmt already exists"), again.stderr)
        XCTAssertFalse(again.stderr.contains("VMT604"), again.stderr)
    }

    func testImportRefusesAnOutputTheProjectWritesAndClashesWithinOneRun() throws {
        let directory = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("scenarios.d"), withIntermediateDirectories: true)
        try Data("scenario other\nextends minimal\noutput imported/three.yaml\n".utf8)
            .write(to: directory.appendingPathComponent("scenarios.d/other.vmt"))
        try writeScenario("three", to: directory.appendingPathComponent("three.yaml"))
        assertImportRefused(["three.yaml", "--out", "scenarios.d/imported"], in: directory,
                            saying: "the recipe would write 'imported/three.yaml', which scenarios.d/other.vmt already writes",
                            notWriting: "scenarios.d/imported/three.vmt")
        // Two files of one run with one scenario name: the second is refused, naming the first.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("b"), withIntermediateDirectories: true)
        try writeScenario("same", to: directory.appendingPathComponent("one.yaml"))
        try writeScenario("same", to: directory.appendingPathComponent("b/two.yaml"))
        assertImportRefused(["one.yaml", "b/two.yaml", "--out", "scenarios.d/more"], in: directory,
                            saying: "a recipe named 'same' already exists in the project (scenarios.d/more/one.vmt)",
                            notWriting: "scenarios.d/more/two.vmt")
        XCTAssertEqual(runTool(["check"], in: directory).status, 0)
    }

    /// `diff` compares what the loader reads: a file and the scenario built from its imported
    /// recipe differ only in keys the build writes with the loader's default (`params.spread`,
    /// `exchange_regime`, the claiming switches), listed as `=` lines and not counted; a key
    /// written on one side with any other value still differs, and zero `M` stocks equal none.
    func testDiffOfAnImportedFileAndItsBuildShowsNoDifferences() throws {
        let directory = try temporaryDirectory(self)
        let fixture = try scenarioFiles().first { $0.lastPathComponent == "three_agent_barter.yaml" }
        let original = try String(contentsOf: try XCTUnwrap(fixture), encoding: .utf8)
        try Data(original.utf8).write(to: directory.appendingPathComponent("three_agent_barter.yaml"))
        XCTAssertEqual(runTool(["import", "three_agent_barter.yaml"], in: directory).status, 0)
        XCTAssertEqual(runTool(["build"], in: directory).status, 0)
        let run = runTool(["diff", "three_agent_barter.yaml", "scenarios/three_agent_barter.yaml", "--detailed-exitcode"], in: directory)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("No differences.\n"), run.stdout)
        for key in ["spread: 0.0", "exchange_regime: barter_only", "enable_resource_claiming: true", "enforce_single_harvester: true"] {
            XCTAssertTrue(run.stdout.contains("  = params.\(key) (written in the new file only; the loader's default)\n"), run.stdout)
        }
        let json = try JSON.parse(runTool(["diff", "three_agent_barter.yaml", "scenarios/three_agent_barter.yaml", "--format", "json"],
                                          in: directory).stdout)
        XCTAssertEqual(json["same"], .bool(true))
        XCTAssertEqual(json["fields"], .array([]))
        XCTAssertEqual((json["defaults"]?.items ?? []).compactMap { $0["in"]?.stringValue }, ["new", "new", "new", "new"])
        // Not a default: a spread of 0.5 written on one side only.
        let spread = original.replacingOccurrences(of: "  vision_radius: 10\n", with: "  spread: 0.5\n  vision_radius: 10\n")
        XCTAssertNotEqual(spread, original)
        try Data(spread.utf8).write(to: directory.appendingPathComponent("spread.yaml"))
        let differs = runTool(["diff", "three_agent_barter.yaml", "spread.yaml", "--detailed-exitcode"], in: directory)
        XCTAssertEqual(differs.status, 3, differs.stderr)
        XCTAssertTrue(differs.stdout.contains("  + params.spread: 0.5\n"), differs.stdout)
        XCTAssertTrue(differs.stdout.contains("\n1 field differ"), differs.stdout)
        // A key VMT's loader does not read is no difference either: a '?' line.
        try Data((original + "protocol_config:\n  matching: {protocol: greedy}\n").utf8)
            .write(to: directory.appendingPathComponent("unread.yaml"))
        let unread = runTool(["diff", "unread.yaml", "three_agent_barter.yaml", "--detailed-exitcode"], in: directory)
        XCTAssertEqual(unread.status, 0, unread.stdout + unread.stderr)
        XCTAssertTrue(unread.stdout.contains("  ? protocol_config.matching.protocol: greedy (old) (not read by VMT's loader)\n"),
                      unread.stdout)
        // Zero money stocks on one side are what the loader reads from a file without M.
        let money = original.replacingOccurrences(of: "  B: [4, 8, 6]", with: "  B: [4, 8, 6]\n  M: [0, 0, 0]")
        XCTAssertNotEqual(money, original)
        try Data(money.utf8).write(to: directory.appendingPathComponent("money.yaml"))
        let zeros = runTool(["diff", "money.yaml", "three_agent_barter.yaml", "--detailed-exitcode"], in: directory)
        XCTAssertEqual(zeros.status, 0, zeros.stdout + zeros.stderr)
        XCTAssertTrue(zeros.stdout.contains("  = initial_inventories.M: 0 for every agent (written in the old file only; the loader's default)\n"),
                      zeros.stdout)
    }

    /// Under 2025-11 the loader reads no `M` stock: stocks of M written on one side (zeros or
    /// not) are a `?` line, not a difference.
    func testDiffOfMStocksUnderATargetWithoutMoneyIsNoDifference() throws {
        let directory = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("scenarios.d"), withIntermediateDirectories: true)
        try Data("scenario n\nextends minimal\nvmt 2025-11\nseed 3\n".utf8)
            .write(to: directory.appendingPathComponent("scenarios.d/n.vmt"))
        XCTAssertEqual(runTool(["build"], in: directory).status, 0)
        let built = try String(contentsOf: directory.appendingPathComponent("scenarios/n.yaml"), encoding: .utf8)
        let withMoney = built.replacingOccurrences(of: "initial_inventories:\n", with: "initial_inventories:\n  M: [0, 0, 3]\n")
        XCTAssertNotEqual(withMoney, built)
        try Data(withMoney.utf8).write(to: directory.appendingPathComponent("m.yaml"))
        let run = runTool(["diff", "scenarios/n.yaml", "m.yaml", "--detailed-exitcode"], in: directory)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("  ? initial_inventories.M: 3 agents, 0..3 (new) (not read by VMT's loader)\n"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("No differences.\n"), run.stdout)
    }
}
