import Foundation
import XCTest
@testable import VMTCommandLine
import VMTCore
import VMTRecipe

/// VMT targets (issue 16): `vmt 2025-10|2025-11`, `--vmt`, protocols, and money refused where VMT
/// dropped it. Golden outputs of Fixtures/targets/scenarios.d are in Fixtures/targets/expected
/// (re-record with `VMT_RECORD=1 swift test --filter TargetTests`); each later-schema rule has an
/// accepted and a refused recipe below.
final class TargetTests: XCTestCase {
    private static var recording: Bool { ProcessInfo.processInfo.environment["VMT_RECORD"] == "1" }

    private func fixtures() throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("targets")
    }

    /// A project holding `recipes` (file name → text) in scenarios.d.
    private func project(_ recipes: [String: String]) throws -> URL {
        let root = try temporaryDirectory(self)
        let folder = root.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in recipes {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return root
    }

    private static let late = """
        scenario late
        vmt 2025-11
        agents 6
        grid 10
        inventory 5..15
        utilities ces, linear
        resources density 0.2 max 4 regen 1
        seed 7

        """

    // MARK: Goldens

    /// The files of november_sweep.vmt: `vary matching` (2 values) × `vary bargaining` (3 values).
    private static let sweepOutputs = ["greedy_surplus", "three_pass_matching"].flatMap { matching in
        ["compensating_block", "split_difference", "take_it_or_leave_it"].map { "sweep_\(matching)_\($0).yaml" }
    }

    func testGoldenOutputsUnderEachTarget() throws {
        let root = try temporaryDirectory(self)
        let source = try fixtures().appendingPathComponent("scenarios.d")
        try FileManager.default.copyItem(at: source, to: root.appendingPathComponent("scenarios.d"))
        let run = runTool(["build", "--out", "out"], in: root)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        let expected = try fixtures().appendingPathComponent("expected")
        let built = listing(root.appendingPathComponent("out")).filter { $0.hasSuffix(".yaml") }
        XCTAssertEqual(built, ["november.yaml", "november_all.yaml", "november_protocols.yaml", "october.yaml", "october_money.yaml"]
            + Self.sweepOutputs)
        for name in built {
            let actual = try Data(contentsOf: root.appendingPathComponent("out").appendingPathComponent(name))
            let golden = expected.appendingPathComponent(name)
            if Self.recording {
                // Into the source tree, not the test bundle's copy.
                let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("Fixtures/targets/expected").appendingPathComponent(name)
                try actual.write(to: source)
                continue
            }
            XCTAssertEqual(String(decoding: actual, as: UTF8.self), try String(contentsOf: golden, encoding: .utf8), name)
        }
    }

    func testTheLaterSchemaWritesNoneOfTheDroppedKeys() throws {
        let expected = try fixtures().appendingPathComponent("expected")
        for name in ["november.yaml", "november_all.yaml", "november_protocols.yaml"] {
            let text = try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)
            for key in ["exchange_regime", "money_mode", "money_scale", "lambda_", "liquidity_gate", "earn_money_enabled",
                        "dA_max", "\n  M:"] {
                XCTAssertFalse(text.contains(key), "\(name) holds \(key)")
            }
            XCTAssertTrue(text.contains("  log_preferences: "), name)
        }
        let protocols = try String(contentsOf: expected.appendingPathComponent("november_protocols.yaml"), encoding: .utf8)
        XCTAssertTrue(protocols.hasSuffix("search_protocol: random_walk\nbargaining_protocol: take_it_or_leave_it\n"))
        XCTAssertTrue(protocols.contains("  enable_resource_claiming: false\n"))
        let october = try String(contentsOf: expected.appendingPathComponent("october.yaml"), encoding: .utf8)
        XCTAssertTrue(october.contains("  dA_max: 5\n") && october.contains("  exchange_regime: barter_only\n"))
        XCTAssertFalse(october.contains("log_preferences") || october.contains("_protocol"))
    }

    /// The default target changes nothing: a recipe without a `vmt` line builds the same bytes as
    /// with `vmt 2025-10`, and `--vmt 2025-11` moves it to the later schema.
    func testTheProjectDefault() throws {
        let body = Self.late.replacingOccurrences(of: "vmt 2025-11\n", with: "")
        let root = try project(["a.vmt": body])
        let plain = runTool(["build", "--out", "plain"], in: root)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let late = runTool(["build", "--vmt", "2025-11", "--out", "late"], in: root)
        XCTAssertEqual(late.status, 0, late.stderr)
        let explicit = try project(["a.vmt": Self.late.replacingOccurrences(of: "vmt 2025-11", with: "vmt 2025-10")])
        XCTAssertEqual(runTool(["build", "--vmt", "2025-11", "--out", "x"], in: explicit).status, 0)
        let plainText = try String(contentsOf: root.appendingPathComponent("plain/a.yaml"), encoding: .utf8)
        let lateText = try String(contentsOf: root.appendingPathComponent("late/a.yaml"), encoding: .utf8)
        let explicitText = try String(contentsOf: explicit.appendingPathComponent("x/a.yaml"), encoding: .utf8)
        XCTAssertEqual(plainText, explicitText, "a vmt line beats --vmt")
        XCTAssertTrue(plainText.contains("dA_max") && !lateText.contains("dA_max"))
        let explain = runTool(["explain", "--vmt", "2025-11", "scenarios.d/a.vmt"], in: root)
        XCTAssertTrue(explain.stdout.contains("2025-11") && explain.stdout.contains("the project default (--vmt)"), explain.stdout)
        let bad = runTool(["check", "--vmt", "2025-12"], in: root)
        XCTAssertEqual(bad.status, 2)
        // One suggestion rule for --vmt and a `vmt` line: nearest in time, a tie to the later.
        XCTAssertTrue(bad.stderr.hasSuffix("did you mean '2025-11'?\n"), bad.stderr)
        for (text, expected) in [("2025-12", "2025-11"), ("2025-09", "2025-10"), ("2024-01", "2025-10"), ("2025-1", "2025-10")] {
            let suggestion = Messages.suggestedTarget(for: text)
            XCTAssertEqual(FlagParsing.suggestion(text, VMTTarget.names), suggestion.map(CommandMessages.didYouMean) ?? "", text)
            if text.count == 7 { XCTAssertEqual(suggestion, expected, text) }
        }
        let newRun = runTool(["new", "scenarios.d/z.vmt", "--vmt", "2025-12"], in: root)
        XCTAssertTrue(newRun.stderr.contains("did you mean '2025-11'?"), newRun.stderr)
    }

    func testExplainShowsTheInheritedTargetsOrigin() throws {
        let root = try project(["base.vmt": Self.late + "template\n", "child.vmt": "extends late\nscenario child\n"])
        let run = runTool(["explain", "child"], in: root)
        XCTAssertEqual(run.status, 0, run.stderr)
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("vmt ") }
        XCTAssertNotNil(line)
        XCTAssertTrue(line?.contains("scenarios.d/base.vmt:2") ?? false, run.stdout)
    }

    // MARK: One accepted and one refused recipe per rule of the later schema

    private func check(_ recipes: [String: String]) throws -> CommandRun {
        runTool(["check", "--format", "text"], in: try project(recipes))
    }

    private func assertRefused(_ recipe: String, _ code: String, line: Int, file: StaticString = #filePath, at: UInt = #line) throws {
        let run = try check(["r.vmt": recipe])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr, file: file, line: at)
        XCTAssertTrue(run.stderr.contains("scenarios.d/r.vmt:\(line):") && run.stderr.contains("[\(code)]"), run.stderr,
                      file: file, line: at)
    }

    private func assertAccepted(_ recipe: String, file: StaticString = #filePath, at: UInt = #line) throws {
        let run = try check(["r.vmt": recipe])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr, file: file, line: at)
    }

    func testMoneyRegimes() throws {
        try assertAccepted(Self.late + "regime barter_only\n")
        try assertRefused(Self.late + "regime money_only\n", "VMT702", line: 9)
        let run = try check(["r.vmt": Self.late + "regime money_only\n"])
        XCTAssertTrue(run.stderr.contains("VMT 2025-11 (6f7b3c7) dropped money"), run.stderr)
        try assertRefused(Self.late + "vary regime barter_only, mixed\noutput r-{regime}.yaml\n", "VMT702", line: 9)
    }

    func testMoneyRangeStockAndParameters() throws {
        try assertAccepted(Self.late + "inventory A 3 each\n")
        try assertRefused(Self.late + "money 0..9\n", "VMT702", line: 9)
        try assertRefused(Self.late + "inventory M 3 each\n", "VMT702", line: 9)
        try assertRefused(Self.late + "set money_scale 2\n", "VMT702", line: 9)
        try assertRefused(Self.late + "set lambda_bounds.lambda_max 10.0\n", "VMT702", line: 9)
    }

    func testMoneyInheritedFromAParentIsReportedAtItsLine() throws {
        let parent = Self.late.replacingOccurrences(of: "vmt 2025-11\n", with: "") + "template\nmoney 0..9\nregime mixed\n"
        let run = try check(["p.vmt": parent.replacingOccurrences(of: "scenario late", with: "scenario parent"),
                             "c.vmt": "extends parent\nscenario child\nvmt 2025-11\n"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("scenarios.d/p.vmt:9:") && run.stderr.contains("scenarios.d/p.vmt:10:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("while building"), run.stderr)
        // A money preset names its regime through the extends line.
        let preset = try check(["r.vmt": "extends money_demo\nscenario r\nvmt 2025-11\n"])
        XCTAssertEqual(preset.status, 1)
        XCTAssertTrue(preset.stderr.contains("scenarios.d/r.vmt:1:") && preset.stderr.contains("[VMT702]"), preset.stderr)
    }

    func testParametersReadByOneTarget() throws {
        try assertAccepted(Self.late + "set log_preferences true\nset enforce_single_harvester false\n")
        try assertRefused(Self.late + "set dA_max 3\n", "VMT706", line: 9)
        let early = Self.late.replacingOccurrences(of: "vmt 2025-11", with: "vmt 2025-10")
        try assertAccepted(early + "set dA_max 3\n")
        try assertRefused(early + "set log_preferences true\n", "VMT706", line: 9)
        try assertRefused(Self.late + "set log_preferences yes\n", "VMT211", line: 9)
    }

    /// A `set` of a money key at its 2025-10 default: redundant there (VMT250, a warning), an
    /// error alone under 2025-11 (VMT702), where the key has no default to repeat; and the
    /// hints of the target errors name the fix that works (an inherited regime is overridden here).
    func testTargetErrorsAreNotAlsoRedundantAndHintTheFix() throws {
        let early = try check(["r.vmt": Self.late.replacingOccurrences(of: "vmt 2025-11", with: "vmt 2025-10")
                                   + "set money_mode quasilinear\n"])
        XCTAssertEqual(early.status, 0, early.stderr)
        XCTAssertTrue(early.stderr.contains("[VMT250]"), early.stderr)
        let late = try check(["r.vmt": Self.late + "set money_mode quasilinear\n"])
        XCTAssertEqual(late.status, 1, late.stderr)
        XCTAssertTrue(late.stderr.contains("[VMT702]"), late.stderr)
        XCTAssertFalse(late.stderr.contains("VMT250") || late.stderr.contains("(default)"), late.stderr)
        let parent = try check(["p.vmt": "template\nextends minimal\nscenario p\nregime mixed\n", "c.vmt": "extends p\nscenario c\nvmt 2025-11\n"])
        XCTAssertTrue(parent.stderr.contains("hint: write 'regime barter_only' in this recipe, or build for"), parent.stderr)
        let preset = try check(["r.vmt": "extends money_demo\nscenario r\nvmt 2025-11\n"])
        XCTAssertTrue(preset.stderr.contains("hint: write 'regime barter_only' in this recipe, or extend a barter preset "
                                             + "(minimal, standard, large)"), preset.stderr)
        let dA = try check(["r.vmt": Self.late + "set dA_max 3\n"])
        XCTAssertTrue(dA.stderr.contains("hint: remove the line, or build for the version that reads it: 'vmt 2025-10'"), dA.stderr)
    }

    func testProtocols() throws {
        for kind in ProtocolKind.allCases {
            for name in kind.names { try assertAccepted(Self.late + "\(kind.rawValue) \(name)\n") }
        }
        try assertRefused(Self.late + "search random_wlak\n", "VMT703", line: 9)
        let typo = try check(["r.vmt": Self.late + "search random_wlak\n"])
        XCTAssertTrue(typo.stderr.contains("did you mean 'random_walk'"), typo.stderr)
        try assertRefused(Self.late + "bargaining take_it_or_leave_it proposer_power 0.5\n", "VMT704", line: 9)
        try assertRefused(Self.late.replacingOccurrences(of: "vmt 2025-11", with: "vmt 2025-10") + "search random_walk\n",
                          "VMT705", line: 9)
        try assertRefused(Self.late + "matching greedy_surplus\nmatching random_matching\n", "VMT105", line: 10)
    }

    /// `vary search|matching|bargaining`: each value checked as the directive's name is (VMT703,
    /// with its did-you-mean), refused under a target without protocols as the directive is
    /// (VMT705, once for the line), and usable as a `{placeholder}`.
    func testProtocolsCanBeVaried() throws {
        let scenario = Self.late.replacingOccurrences(of: "scenario late", with: "scenario proto_{bargaining}")
        for kind in ProtocolKind.allCases {
            try assertAccepted(Self.late + "vary \(kind.rawValue) \(kind.names.joined(separator: ", "))\n")
        }
        try assertAccepted(scenario + "vary bargaining compensating_block, split_difference, take_it_or_leave_it\n")
        let typo = try check(["r.vmt": scenario + "vary bargaining compensating_block, nash_bargain, take_it_or_leave_i\n"])
        XCTAssertEqual(typo.status, 1, typo.stderr)
        XCTAssertTrue(typo.stderr.contains("r.vmt:9:37: error: unknown bargaining protocol 'nash_bargain'; expected one of "
                                           + "compensating_block, split_difference, take_it_or_leave_it [VMT703]"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("hint: did you mean 'take_it_or_leave_it'?"), typo.stderr)
        XCTAssertFalse(typo.stderr.contains("placeholder"), typo.stderr)
        let early = scenario.replacingOccurrences(of: "vmt 2025-11", with: "vmt 2025-10")
        let refused = try check(["r.vmt": early + "vary bargaining split_difference, take_it_or_leave_it\n"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        let directive = try check(["r.vmt": Self.late.replacingOccurrences(of: "vmt 2025-11", with: "vmt 2025-10")
                                       + "bargaining split_difference\n"])
        // The same message and code as the directive, once for the line.
        let message = "error: 'bargaining' names a trade protocol, which VMT 2025-10 (e0152f0) does not read [VMT705]"
        XCTAssertTrue(directive.stderr.contains(message), directive.stderr)
        XCTAssertEqual(refused.stderr.components(separatedBy: message).count, 2, refused.stderr)
        // A recipe both setting and varying a protocol; a child's plain line fixes the parent's vary.
        try assertRefused(Self.late + "bargaining split_difference\nvary bargaining compensating_block, split_difference\n",
                          "VMT403", line: 10)
        let child = try check(["p.vmt": Self.late.replacingOccurrences(of: "scenario late", with: "template\nscenario p")
                                   + "vary search random_walk, distance_discounted_search\n",
                               "c.vmt": "extends p\nscenario c\nsearch random_walk\n"])
        XCTAssertEqual(child.status, 0, child.stderr)
    }

    func testUnknownTarget() throws {
        try assertRefused(Self.late.replacingOccurrences(of: "vmt 2025-11", with: "vmt 2025-12"), "VMT701", line: 2)
    }

    /// The issue's done-when recipe passes the later loader's rules (validate_scenario.py
    /// --vmt 6f7b3c7, when python3 with PyYAML is installed; .ci/run always runs it there).
    func testTheDoneWhenRecipeLoadsInTheLaterVMT() throws {
        let expected = try fixtures().appendingPathComponent("expected")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [ProcessInfo.processInfo.environment["SHARED_DIR"].map { URL(fileURLWithPath: $0) },
                          repository.deletingLastPathComponent().appendingPathComponent("shared"),
                          repository.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")]
        guard let validator = candidates.compactMap({ $0?.appendingPathComponent("tools/validate_scenario.py").path })
            .first(where: { FileManager.default.fileExists(atPath: $0) }) else { throw XCTSkip("validate_scenario.py not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", validator, "--vmt", "6f7b3c7"]
            + (["november.yaml", "november_all.yaml", "november_protocols.yaml"] + Self.sweepOutputs)
            .map { expected.appendingPathComponent($0).path }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if text.contains("No module named") { throw XCTSkip("PyYAML is not installed") }
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("\(3 + Self.sweepOutputs.count) passed, 0 failed"), text)
    }
    // MARK: plan across targets

    private static let barter = """
        scenario a
        agents 6
        grid 10
        inventory 5..15
        utilities ces, linear
        resources density 0.2 max 4 regen 1
        seed 7

        """

    /// What `plan` reports when a recipe moves from 2025-10 to 2025-11: the `vmt` row, the
    /// 2025-11 keys gained, the money keys and `dA_max` dropped, nothing redrawn.
    func testPlanShowsATargetChange() throws {
        let repo = try GitProject(self, files: ["scenarios.d/a.vmt": Self.barter])
        try repo.edit("scenarios.d/a.vmt", "scenario a\n", "scenario a\nvmt 2025-11\n")
        let run = repo.run(["plan"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for line in ["  ~ a.yaml  (a, scenarios.d/a.vmt)",
                     "      + vmt: 2025-11  (scenarios.d/a.vmt:2)",
                     "      + params.log_preferences: false  (default)",
                     "      - params.dA_max: 5  (default)",
                     "      - params.exchange_regime: barter_only  (default)",
                     "      draws: nothing is redrawn: every stock and drawn parameter stays; only the fields listed change"] {
            XCTAssertTrue(run.stdout.contains(line + "\n"), "\(line)\n\(run.stdout)")
        }
    }

    /// `plan --vmt 2025-11` plans both sides under that target, as `build --vmt` builds: a
    /// protocol added to a recipe without a `vmt` line is its only change (without the flag the
    /// new side fails: a protocol under 2025-10 is VMT705).
    func testPlanTakesVMTForBothSides() throws {
        let repo = try GitProject(self, files: ["scenarios.d/a.vmt": Self.barter])
        try repo.edit("scenarios.d/a.vmt", "seed 7\n", "seed 7\nsearch random_walk\n")
        let plain = repo.run(["plan"])
        XCTAssertEqual(plain.status, 1, plain.stdout)
        XCTAssertTrue(plain.stdout.contains("[VMT705]"), plain.stdout)
        let late = repo.run(["plan", "--vmt", "2025-11"])
        XCTAssertEqual(late.status, 0, late.stdout + late.stderr)
        XCTAssertTrue(late.stdout.contains("      + search_protocol: random_walk  (scenarios.d/a.vmt:8)\n"), late.stdout)
        XCTAssertFalse(late.stdout.contains("dA_max") || late.stdout.contains("exchange_regime") || late.stdout.contains("+ vmt"), late.stdout)
        let unchanged = repo.run(["plan", "--vmt", "2025-11", "--against", repo.folder.path])
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr)
        XCTAssertEqual(repo.run(["plan", "--vmt", "2025-12"]).status, 2)
    }
}
