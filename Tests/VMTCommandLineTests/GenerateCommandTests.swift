import Foundation
import XCTest
@testable import VMTCommandLine

/// `generate` beyond the corpus: flags, defaults, and bad input that must never trap.
final class GenerateCommandTests: XCTestCase {
    private let minimal = ["--preset", "minimal", "--seed", "1", "--output", "out.yaml"]

    func testDefaultOutputCreatesTheScenariosFolder() throws {
        let work = try temporaryDirectory(self)
        let run = runTool(["generate", "demo", "--preset", "money_demo", "--seed", "42"], in: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        let golden = try Data(contentsOf: goldenDirectory().appendingPathComponent("seed_demo_money_demo/expected.yaml"))
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("scenarios/demo.yaml")), golden)
        XCTAssertTrue(run.stdout.hasPrefix("✓ Generated scenarios/demo.yaml\n"), run.stdout)
    }

    func testExplicitRegimeBeatsThePreset() throws {
        let work = try temporaryDirectory(self)
        let run = runTool(["generate", "b", "--preset", "money_demo", "--exchange-regime", "barter_only",
                           "--seed", "3", "--output", "out.yaml"], in: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        let yaml = try String(contentsOf: work.appendingPathComponent("out.yaml"), encoding: .utf8)
        XCTAssertTrue(yaml.contains("exchange_regime: barter_only"))
        XCTAssertFalse(yaml.contains("  M:"))
        XCTAssertFalse(yaml.contains("money_mode"))
    }

    func testWithoutSeedTheChosenSeedIsPrintedAndRepeatsTheRun() throws {
        let work = try temporaryDirectory(self)
        let first = runTool(["generate", "r", "--preset", "standard", "--output", "a.yaml"], in: work)
        XCTAssertEqual(first.status, 0, first.stderr)
        let seedLine = try XCTUnwrap(first.stdout.split(separator: "\n").first { $0.contains("Seed:") })
        let seed = try XCTUnwrap(seedLine.split(separator: " ").dropFirst(2).first)
        let second = runTool(["generate", "r", "--preset", "standard", "--seed", String(seed), "--output", "b.yaml"], in: work)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("a.yaml")),
                       try Data(contentsOf: work.appendingPathComponent("b.yaml")))
    }

    func testFlagsMayBeAbbreviatedOrJoinedWithEquals() throws {
        let work = try temporaryDirectory(self)
        XCTAssertEqual(runTool(["generate", "x", "--pre=minimal", "--see", "42", "--output=a.yaml"], in: work).status, 0)
        XCTAssertEqual(runTool(["generate", "x", "--preset", "minimal", "--seed", "42", "--output", "b.yaml"], in: work).status, 0)
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("a.yaml")),
                       try Data(contentsOf: work.appendingPathComponent("b.yaml")))
    }

    /// (extra flags, exit status, the error line). Each must print exactly that one line and write nothing.
    static let badInput: [([String], Int32, String)] = [
        (["--agents", "0"], 1, "error: --agents: agents must be > 0 (got 0)"),
        (["--agents", "-3"], 1, "error: --agents: agents must be > 0 (got -3)"),
        (["--agents", "99999999999999999999"], 2, "error: argument --agents: '99999999999999999999' is too large (the limit is 9223372036854775807)"),
        (["--agents", ""], 2, "error: argument --agents: invalid int value: ''"),
        (["--agents", "many"], 2, "error: argument --agents: invalid int value: 'many'"),
        (["--agents", "x\r\n"], 2, "error: argument --agents: invalid int value: 'x␍␊'"),
        (["--inventory-range", "0,5", "--resources", "0.3,5,-1"], 1,
         "error: --inventory-range: inventory minimum must be >= 1, as log utilities need positive stock (got 0)"),
        (["--"], 2, "error: unexpected '--' at the end (nothing follows it; the reference's argparse refuses it too)"),
        (["--agents", "20000000"], 1, "error: --agents: agents must be at most 10000000 (got 20000000)"),
        (["--grid", "0"], 1, "error: --grid: grid size N must be > 0 (got 0)"),
        (["--inventory-range", "1,99999999999999999999"], 1, "error: --inventory-range: '99999999999999999999' is too large (the limit is 9223372036854775807)"),
        (["--inventory-range", "5"], 1, "error: --inventory-range: expected MIN,MAX (for example 10,50), got '5'"),
        (["--inventory-range", ","], 1, "error: --inventory-range: invalid int value: ''"),
        (["--inventory-range", "9,3"], 1, "error: --inventory-range: inventory maximum must be greater than the minimum (got 9..3)"),
        (["--resources", "nan,5,1"], 1, "error: --resources: resource density must be in [0, 1] (got nan)"),
        (["--resources", "inf,5,1"], 1, "error: --resources: resource density must be in [0, 1] (got inf)"),
        (["--resources", "1.5,5,1"], 1, "error: --resources: resource density must be in [0, 1] (got 1.5)"),
        (["--resources", "x,5,1"], 1, "error: --resources: density must be a number, got 'x'"),
        (["--resources", "0.3,0,1"], 1, "error: --resources: resource max amount must be > 0 (got 0)"),
        (["--resources", "0.3,5,-1"], 1, "error: --resources: resource regen (resource_growth_rate) must be >= 0 (got -1)"),
        (["--utilities", " "], 1, "error: --utilities: unknown utility '' (choose from ces, linear, quadratic, translog, stone_geary)"),
        (["--utilities", "ces,lineer"], 1, "error: --utilities: unknown utility 'lineer' (choose from ces, linear, quadratic, translog, stone_geary); did you mean 'linear'?"),
        (["--utilities", Array(repeating: "ces", count: 40).joined(separator: ",")], 1, "error: --utilities: utility weight must be >= 0 (got -0.17)"),
        (["--exchange-regime", "mixd"], 2, "error: argument --exchange-regime: invalid choice: 'mixd' (choose from barter_only, money_only, mixed, mixed_liquidity_gated); did you mean 'mixed'?"),
        (["--seed", "1.5"], 2, "error: argument --seed: invalid int value: '1.5'"),
        (["--seed"], 2, "error: argument --seed: expected one value"),
        (["--bogus", "1"], 2, "error: unknown flag '--bogus' for 'generate'"),
        (["--agnets", "1"], 2, "error: unknown flag '--agnets' for 'generate'; did you mean '--agents'?"),
        (["extra"], 2, "error: unexpected argument 'extra' (the scenario name is already 'x')"),
    ]

    func testBadInputIsRefusedWithOneLineAndNoFile() throws {
        for (extra, status, message) in Self.badInput {
            let work = try temporaryDirectory(self)
            let run = runTool(["generate", "x"] + minimal + extra, in: work)
            XCTAssertEqual(run.status, status, "\(extra)")
            XCTAssertEqual(run.stderr, message + "\n", "\(extra)")
            XCTAssertEqual(listing(work), [], "\(extra): nothing written")
        }
    }

    func testAFailedRunLeavesTheOldFileAlone() throws {
        let work = try temporaryDirectory(self)
        let file = work.appendingPathComponent("out.yaml")
        try Data("old".utf8).write(to: file)
        let run = runTool(["generate", "x"] + minimal + ["--agents", "0"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(try Data(contentsOf: file), Data("old".utf8))
        XCTAssertEqual(listing(work), ["out.yaml"])
    }

    func testAReplacedFileKeepsItsPermissions() throws {
        let work = try temporaryDirectory(self)
        let file = work.appendingPathComponent("out.yaml")
        try Data("old".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        XCTAssertEqual(runTool(["generate", "x"] + minimal, in: work).status, 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertNotEqual(try Data(contentsOf: file), Data("old".utf8))
    }

    func testAnOutputThatIsAFolderIsAnError() throws {
        let work = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("out.yaml"), withIntermediateDirectories: true)
        let run = runTool(["generate", "x"] + minimal, in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("error: cannot write"), run.stderr)
        XCTAssertEqual(listing(work), ["out.yaml"])
    }

    func testHelpAndVersion() throws {
        let work = try temporaryDirectory(self)
        XCTAssertTrue(runTool(["--version"], in: work).stdout.hasPrefix("vmt-dsl "))
        XCTAssertTrue(runTool(["generate", "--help"], in: work).stdout.contains("--inventory-range MIN,MAX"))
        XCTAssertTrue(runTool(["--help"], in: work).stdout.contains("generate NAME"))
        let unknown = runTool(["generat"], in: work)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'generate'?"), unknown.stderr)
    }

    /// Issue 17's reproductions: each reads as the reference reads it.
    func testCommandLinesReadAsTheReferenceReadsThem() throws {
        let work = try temporaryDirectory(self)
        func bytes(_ arguments: [String]) throws -> Data {
            let run = runTool(["generate", "t", "--preset", "minimal", "--seed", "1"] + arguments, in: work)
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)")
            let file = work.appendingPathComponent(arguments.contains { $0.hasPrefix("--output=a") } ? "a b.yaml" : "out.yaml")
            defer { try? FileManager.default.removeItem(at: file) }
            return try Data(contentsOf: file)
        }
        let plain = try bytes(["--output", "out.yaml"])
        let mix = try bytes(["--utilities", "ces,linear", "--output", "out.yaml"])
        XCTAssertEqual(try bytes(["--utilities=ces, linear", "--output", "out.yaml"]), mix, "= is looked for before spaces")
        XCTAssertEqual(try bytes(["--agents=10 ", "--output", "out.yaml"]), plain)
        XCTAssertEqual(try bytes(["--output=a b.yaml"]), plain)
        for flag in ["--utilities", "--inventory-range", "--resources"] {
            XCTAssertEqual(try bytes([flag, "", "--output", "out.yaml"]), plain, "\(flag) '' is not given")
        }
        XCTAssertEqual(try bytes(["--agents", "10\r\n", "--output", "out.yaml"]), plain)
        XCTAssertEqual(try bytes(["--seed", "1\r\n", "--output", "out.yaml"]), plain)
        XCTAssertEqual(try bytes(["--agents", "\u{FF11}\u{FF10}", "--output", "out.yaml"]), plain, "full-width digits")
        let empty = runTool(["generate", "t", "--preset", "minimal", "--seed", "1", "--output", ""], in: work)
        XCTAssertEqual(empty.status, 0)
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("scenarios/t.yaml")), plain)
    }
}
