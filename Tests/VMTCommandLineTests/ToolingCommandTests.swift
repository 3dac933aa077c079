import Foundation
import XCTest
import VMTCore
@testable import VMTCommandLine

/// explain, presets, new, completions, warnings and JSON output.
///
/// The explain golden files are re-recorded with `VMT_RECORD=1 swift test --filter ToolingCommandTests`.
final class ToolingCommandTests: XCTestCase {
    private var explainFixtures: URL {
        get throws { try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("explain") }
    }

    /// Compares `actual` with the golden file `name` (or records it when VMT_RECORD=1).
    private func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        if ProcessInfo.processInfo.environment["VMT_RECORD"] == "1" {
            let source = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
                .appendingPathComponent("Fixtures/explain/\(name)")
            try actual.write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: explainFixtures.appendingPathComponent(name), encoding: .utf8)
        XCTAssertEqual(actual, expected, name, file: file, line: line)
    }

    func testExplainNamesTheOriginOfEveryFieldThreeLevelsDeep() throws {
        let run = runTool(["explain", "leaf", "recipes"], in: try explainFixtures)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        try assertGolden(run.stdout, "leaf.txt")
        // The same target given as a file.
        let byFile = runTool(["explain", "recipes/leaf.vmt", "recipes"], in: try explainFixtures)
        XCTAssertEqual(byFile.stdout, run.stdout)
    }

    func testExplainJSONParsesBackWithTheSameOrigins() throws {
        let run = runTool(["explain", "leaf", "recipes", "--json"], in: try explainFixtures)
        XCTAssertEqual(run.status, 0, run.stderr)
        try assertGolden(run.stdout, "leaf.json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["scenario"] as? String, "leaf")
        XCTAssertEqual(object["chain"] as? [String], ["recipes/leaf.vmt", "recipes/middle.vmt", "recipes/base.vmt", "preset money_demo"])
        let fields = try XCTUnwrap(object["fields"] as? [String: [String: Any]])
        func origin(_ field: String) -> String? { (fields[field]?["origin"] as? [String: Any])?["text"] as? String }
        XCTAssertEqual(origin("grid"), "recipes/leaf.vmt:3")
        XCTAssertEqual(origin("regime"), "recipes/middle.vmt:4")
        XCTAssertEqual(origin("agents"), "recipes/base.vmt:5")
        XCTAssertEqual(origin("inventory"), "preset money_demo")
        XCTAssertEqual(origin("params.resource_max_amount"), "recipes/base.vmt:6")
        XCTAssertEqual(origin("params.spread"), "default")
        XCTAssertEqual(fields["agents"]?["value"] as? Int, 30)
        XCTAssertEqual((fields["money"]?["value"] as? [String: Int])?["max"], 100)
    }

    func testExplainByVariantNameFileStemAndRelativePath() throws {
        let work = try temporaryDirectory(self)
        let sweeps = work.appendingPathComponent("scenarios.d/sweeps")
        try FileManager.default.createDirectory(at: sweeps, withIntermediateDirectories: true)
        try Data("scenario \"sweep_{regime}_{seed}\"\nextends minimal\nvary regime barter_only, money_only\nvary seed 1, 2, 3\n".utf8)
            .write(to: sweeps.appendingPathComponent("regimes.vmt"))
        let byVariant = runTool(["explain", "sweep_money_only_3"], in: work)
        XCTAssertEqual(byVariant.status, 0, byVariant.stderr)
        XCTAssertEqual(byVariant.stdout, runTool(["explain", "sweep_{regime}_{seed}", "--variant", "sweep_money_only_3"], in: work).stdout)
        XCTAssertTrue(byVariant.stdout.hasPrefix("scenario sweep_money_only_3 (scenarios.d/sweeps/regimes.vmt)\n"), byVariant.stdout)
        let byStem = runTool(["explain", "regimes"], in: work)
        XCTAssertEqual(byStem.status, 0, byStem.stderr)
        XCTAssertEqual(byStem.stdout, runTool(["explain", "sweep_{regime}_{seed}"], in: work).stdout)
        XCTAssertEqual(runTool(["explain", "sweeps/regimes"], in: work).stdout, byStem.stdout)
        let nearVariant = runTool(["explain", "sweep_money_only_4"], in: work)
        XCTAssertEqual(nearVariant.status, 1)
        XCTAssertTrue(nearVariant.stderr.contains("did you mean 'sweep_money_only_"), nearVariant.stderr)
        let nearStem = runTool(["explain", "regims"], in: work)
        XCTAssertEqual(nearStem.stderr, "error: no recipe named 'regims' under scenarios.d; did you mean 'regimes'?\n")
    }

    func testExplainOfAnUnknownOrBrokenTarget() throws {
        let unknown = runTool(["explain", "leef", "recipes"], in: try explainFixtures)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "error: no recipe named 'leef' under recipes; did you mean 'leaf'?\n")
        let work = try temporaryDirectory(self)
        try Data("agents 0\n".utf8).write(to: work.appendingPathComponent("bad.vmt"))
        let broken = runTool(["explain", "bad", "."], in: work)
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("error: cannot explain bad: ./bad.vmt has errors"), broken.stderr)
    }

    func testPresetsTableAndRecipeLinesBuildTheSameAsTheReference() throws {
        let work = try temporaryDirectory(self)
        let table = runTool(["presets"], in: work)
        XCTAssertEqual(table.status, 0)
        XCTAssertEqual(table.stdout.split(separator: "\n").count, 6)
        let lines = runTool(["presets", "standard"], in: work)
        XCTAssertEqual(lines.status, 0)
        // The printed lines, plus a name and seed, are the preset: same bytes as the reference.
        let recipes = work.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data((lines.stdout + "scenario standard_42\nseed 42\n").utf8).write(to: recipes.appendingPathComponent("s.vmt"))
        XCTAssertEqual(runTool(["build", "r", "--out", "out"], in: work).status, 0)
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("out/s.yaml")),
                       try Data(contentsOf: goldenDirectory().appendingPathComponent("preset_standard_seed42/expected.yaml")))
        let unknown = runTool(["presets", "standart"], in: work)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasSuffix("did you mean 'standard'?\n"), unknown.stderr)
    }

    func testNewWritesABuildableStarterAndNeverOverwrites() throws {
        let work = try temporaryDirectory(self)
        let first = runTool(["new", "scenarios.d/money/rich.vmt", "--extends", "money_demo"], in: work)
        XCTAssertEqual(first.status, 0, first.stderr)
        let text = try String(contentsOf: work.appendingPathComponent("scenarios.d/money/rich.vmt"), encoding: .utf8)
        XCTAssertTrue(text.contains("\nscenario rich\nextends money_demo\nseed "), text)
        let build = runTool(["build"], in: work)
        XCTAssertEqual(build.stdout, "built 1 recipe: 1 scenario written, 0 unchanged\n", build.stderr)
        let again = runTool(["new", "scenarios.d/money/rich.vmt"], in: work)
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("scenarios.d/money/rich.vmt"), encoding: .utf8), text)
        XCTAssertEqual(runTool(["new", "minimal.vmt"], in: work).status, 1, "a preset's name is refused")
        XCTAssertEqual(runTool(["new", "notes.txt"], in: work).status, 1)
    }

    func testNewRefusesAnUnknownParentAndWritesNothing() throws {
        let work = try temporaryDirectory(self)
        let run = runTool(["new", "scenarios.d/x.vmt", "--extends", "standart"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "error: unknown parent 'standart': it is neither a built-in preset nor a recipe of the project; did you mean 'standard'?\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("scenarios.d").path))
    }

    /// A stem that is no valid scenario name is reported as such (VMT103's message), not as a
    /// broken parent; a stem with braces (a placeholder, which a non-template starter would fail
    /// check on with VMT410) is refused. Nothing is written either way.
    func testNewRefusesAStemThatIsNoValidScenarioName() throws {
        let work = try temporaryDirectory(self)
        for name in ["1.vmt", "{seed}.vmt"] {
            let run = runTool(["new", name], in: work)
            XCTAssertEqual(run.status, 1, name)
            XCTAssertTrue(run.stderr.contains("is not a valid scenario name"), run.stderr)
            XCTAssertFalse(run.stderr.contains("has errors"), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent(name).path), name)
        }
    }

    /// The commented lines carry the parent's resolved values: with all of them uncommented the
    /// recipe builds the same bytes; the parent may be a recipe in a sibling folder.
    func testNewFillsTheParentsValuesFromTheProject() throws {
        let work = try temporaryDirectory(self)
        let money = work.appendingPathComponent("scenarios.d/money")
        try FileManager.default.createDirectory(at: money, withIntermediateDirectories: true)
        try Data("extends mixed_economy\nagents 33\nmoney 5..70\nutilities ces:0.25, quadratic:0.75\nresources regen 2\nset vision_radius 4\nschedule forage 3 trade 2\nseed 9\n".utf8)
            .write(to: money.appendingPathComponent("rich.vmt"))
        let new = runTool(["new", "scenarios.d/lab/child.vmt", "--extends", "rich"], in: work)
        XCTAssertEqual(new.status, 0, new.stderr)
        XCTAssertEqual(new.stdout, "created scenarios.d/lab/child.vmt (extends rich); build it with: vmt-dsl build\n")
        let file = work.appendingPathComponent("scenarios.d/lab/child.vmt")
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in ["# agents 33", "# money 5..70", "# utilities ces:0.25, quadratic:0.75", "# resources density 0.3 max 6 regen 2",
                     "# regime mixed", "# set vision_radius 4", "# schedule forage 3 trade 2 start forage"] {
            XCTAssertTrue(text.contains("\n" + line + " ") || text.contains("\n" + line + "\n"), "\(line) in\n\(text)")
        }
        XCTAssertEqual(runTool(["build"], in: work).status, 0)
        let built = try Data(contentsOf: work.appendingPathComponent("scenarios/lab/child.yaml"))
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let directives = ["agents", "grid", "inventory", "money", "utilities", "resources", "regime", "set", "schedule"]
            return directives.contains(where: { line.hasPrefix("# " + $0 + " ") }) ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        XCTAssertNotEqual(uncommented, text)
        try Data(uncommented.utf8).write(to: file)
        let rebuild = runTool(["build"], in: work)
        XCTAssertEqual(rebuild.stdout, "built 2 recipes: 0 scenarios written, 2 unchanged\n", rebuild.stderr)
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("scenarios/lab/child.yaml")), built)
    }

    /// The starter suggests only what its target accepts: a 2025-11 parent (or `--vmt 2025-11`)
    /// gives no money or regime line and gives search, matching and bargaining lines; every
    /// commented line, uncommented, checks. A required field the parent leaves unset is written
    /// with an example value and named in the message, and the file builds as written.
    func testNewFollowsTheTargetAndFillsWhatTheParentLeavesUnset() throws {
        let work = try temporaryDirectory(self)
        let folder = work.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("template\nscenario nov_base\nvmt 2025-11\nagents 12\ngrid 16\nutilities ces, linear\nresources density 0.2 max 4 regen 1\n".utf8)
            .write(to: folder.appendingPathComponent("nov_base.vmt"))
        let new = runTool(["new", "scenarios.d/fam/tioli.vmt", "--extends", "nov_base"], in: work)
        XCTAssertEqual(new.stdout, "created scenarios.d/fam/tioli.vmt (extends nov_base; example values for inventory: check them); "
                       + "build it with: vmt-dsl build\n", new.stderr)
        let file = folder.appendingPathComponent("fam/tioli.vmt")
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains("\ninventory 10..50 "), text)
        XCTAssertFalse(text.contains("money") || text.contains("regime") || text.contains("\nvmt "), text)
        for kind in ProtocolKind.allCases { XCTAssertTrue(text.contains("\n# \(kind.rawValue) \(kind.names[0]) "), text) }
        // The comment says the parent names none (so VMT's own default applies), not that this
        // name IS that default.
        XCTAssertTrue(text.contains("('nov_base' names none, so VMT uses its own default; uncommenting picks this one)\n"), text)
        XCTAssertFalse(text.contains("names none: VMT's own default"), text)
        let build = runTool(["build"], in: work)
        XCTAssertEqual(build.status, 0, build.stdout + build.stderr)
        // Every suggestion is a line the target accepts.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("# ") && !line.hasPrefix("# Uncomment") && !line.hasPrefix("# tioli:") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        try Data(uncommented.utf8).write(to: file)
        let check = runTool(["check", "--allow", "VMT250"], in: work)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        // --vmt against the chain's own vmt line: the parent's wins, and one warning says so.
        let ignored = runTool(["new", "scenarios.d/ignored.vmt", "--extends", "nov_base", "--vmt", "2025-10"], in: work)
        XCTAssertEqual(ignored.status, 0, ignored.stderr)
        XCTAssertEqual(ignored.stderr, "warning: " + CommandMessages.newTargetIgnored(asked: "2025-10", parent: "nov_base", chain: "2025-11") + "\n")
        XCTAssertTrue(ignored.stderr.contains("the parent's 'vmt' line wins"), ignored.stderr)
        let ignoredText = try String(contentsOf: folder.appendingPathComponent("ignored.vmt"), encoding: .utf8)
        XCTAssertTrue(ignoredText.contains("\n# bargaining ") && !ignoredText.contains("\nvmt "), ignoredText)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("ignored.vmt"))
        let same = runTool(["new", "scenarios.d/same.vmt", "--extends", "nov_base", "--vmt", "2025-11"], in: work)
        XCTAssertEqual(same.stderr, "", "the same target: nothing to say")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("same.vmt"))
        // --vmt: a parent that names no target; the starter says vmt itself.
        let late = runTool(["new", "scenarios.d/late.vmt", "--vmt", "2025-11"], in: work)
        XCTAssertEqual(late.status, 0, late.stderr)
        let lateText = try String(contentsOf: folder.appendingPathComponent("late.vmt"), encoding: .utf8)
        XCTAssertTrue(lateText.contains("\nextends minimal\nvmt 2025-11\nseed "), lateText)
        XCTAssertFalse(lateText.contains("money") || lateText.contains("regime"), lateText)
        XCTAssertTrue(lateText.contains("\n# bargaining "), lateText)
        // Under 2025-10 the money lines stay, and no protocol is offered.
        let early = runTool(["new", "scenarios.d/early.vmt", "--extends", "money_demo"], in: work)
        XCTAssertEqual(early.status, 0, early.stderr)
        let earlyText = try String(contentsOf: folder.appendingPathComponent("early.vmt"), encoding: .utf8)
        XCTAssertTrue(earlyText.contains("\n# money ") && earlyText.contains("\n# regime money_only "), earlyText)
        XCTAssertFalse(earlyText.contains("search") || earlyText.contains("\nvmt "), earlyText)
        XCTAssertEqual(runTool(["check"], in: work).status, 0)
    }

    /// `new --vmt 2025-11` over a parent whose regime uses money writes `regime barter_only`
    /// (with a comment saying why), so the starter checks clean as written (no VMT702).
    func testNewOverAMoneyParentForATargetWithoutMoneyWritesBarter() throws {
        let work = try temporaryDirectory(self)
        for parent in ["money_demo", "mixed_economy"] {
            let path = "scenarios.d/\(parent)_nov.vmt"
            let run = runTool(["new", path, "--extends", parent, "--vmt", "2025-11"], in: work)
            XCTAssertEqual(run.status, 0, run.stderr)
            let text = try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8)
            XCTAssertTrue(text.contains("\nregime barter_only "), text)
            XCTAssertTrue(text.contains("'\(parent)' uses 'regime "), text)
            XCTAssertFalse(text.contains("money_only") && parent == "mixed_economy", text)
        }
        let check = runTool(["check", "-W"], in: work)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertEqual(check.stderr, "")
    }

    /// The printed build command reads the new file: the project root it lands in.
    func testNewPrintsTheBuildCommandThatReadsTheFile() throws {
        let work = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("lab/deep"), withIntermediateDirectories: true)
        try Data().write(to: work.appendingPathComponent("lab/.vmt-project"))
        let cases: [(path: String, command: String)] = [
            ("scenarios.d/a/b.vmt", "vmt-dsl build"),
            ("elsewhere/c.vmt", "vmt-dsl build elsewhere"),
            ("lab/deep/d.vmt", "vmt-dsl build lab"),
            ("top.vmt", "vmt-dsl build ."),
        ]
        for test in cases {
            let run = runTool(["new", test.path], in: work)
            XCTAssertEqual(run.stdout, "created \(test.path) (extends minimal); build it with: \(test.command)\n", run.stderr)
        }
        XCTAssertEqual(runTool(["new", "scenarios.d/b.vmt"], in: work).status, 1, "the scenario name b is taken in the project")
        let inside = runTool(["new", "e.vmt"], in: work.appendingPathComponent("lab/deep"))
        XCTAssertEqual(inside.stdout, "created e.vmt (extends minimal); build it with: vmt-dsl build ..\n", inside.stderr)
        XCTAssertEqual(NewCommand.relativePath("/a/b/c", from: "/a/x/y"), "../../b/c")
        XCTAssertEqual(NewCommand.relativePath("/a", from: "/a"), ".")
        XCTAssertEqual(NewCommand.relativePath("/p/q", from: "/r"), "/p/q")
    }

    func testWarningsAndWarningsAsErrors() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("extends minimal\nagents 10\nmoney 0..9\nseed 1\n".utf8).write(to: recipes.appendingPathComponent("w.vmt"))
        let plain = runTool(["build", "r", "--out", "out"], in: work)
        XCTAssertEqual(plain.status, 0)
        XCTAssertEqual(plain.stderr, """
            r/w.vmt:2:1: warning: this 'agents' line repeats the value it inherits (preset minimal) [VMT250]
              agents 10
              ^~~~~~~~~
            hint: remove the line, or change the value
            r/w.vmt:3:7: warning: 'money' has no effect under barter_only: agents hold no money [VMT251]
              money 0..9
                    ^~~~
            hint: remove it, or choose a money regime (money_only, mixed, mixed_liquidity_gated)

            """)
        XCTAssertEqual(plain.stdout, "built 1 recipe: 1 scenario written, 0 unchanged\n")
        try FileManager.default.removeItem(at: work.appendingPathComponent("out"))
        let strict = runTool(["build", "r", "--out", "out", "-W"], in: work)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("r/w.vmt:2:1: error: this 'agents' line"), strict.stderr)
        XCTAssertEqual(strict.stdout, "built 1 recipe: 0 scenarios written, 0 unchanged, 1 recipe failed\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/w.yaml").path))
    }

    func testAllowSilencesAWarningForTheRunButNeverAnError() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("extends minimal\nagents 10\nmoney 0..9\n".utf8).write(to: recipes.appendingPathComponent("w.vmt"))
        XCTAssertEqual(runTool(["check", "r", "-W"], in: work).status, 1)
        XCTAssertEqual(runTool(["check", "r", "-W", "--allow", "VMT250"], in: work).status, 1, "VMT251 is left")
        let both = runTool(["check", "r", "-W", "--allow", "VMT250", "--allow=VMT251"], in: work)
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertEqual(both.stderr, "")
        XCTAssertEqual(runTool(["build", "r", "--out", "o", "-W", "--allow", "VMT250", "--allow", "VMT251"], in: work).status, 0)
        let error = runTool(["check", "r", "--allow", "VMT203"], in: work)
        XCTAssertEqual(error.status, 2)
        XCTAssertEqual(error.stderr, "error: argument --allow: VMT203 is an error's code; only warnings can be allowed\n")
        let unknown = runTool(["check", "r", "--allow", "VMT25"], in: work)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("error: argument --allow: unknown diagnostic code 'VMT25'"), unknown.stderr)
        XCTAssertEqual(runTool(["explain", "r/w.vmt", "r", "--allow", "VMT250"], in: work).status, 0)
    }

    func testCheckAndBuildSpeakJSONLines() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("extends minmal\n".utf8).write(to: recipes.appendingPathComponent("a.vmt"))
        try Data("extends minimal\nseed 3\n".utf8).write(to: recipes.appendingPathComponent("b.vmt"))
        let run = runTool(["check", "r", "--format", "json"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "")
        let objects = try run.stdout.split(separator: "\n").map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(objects.count, 2)
        XCTAssertEqual(objects[0]["file"] as? String, "r/a.vmt")
        XCTAssertEqual(objects[0]["line"] as? Int, 1)
        XCTAssertEqual(objects[0]["column"] as? Int, 9)
        XCTAssertEqual(objects[0]["severity"] as? String, "error")
        XCTAssertEqual(objects[0]["code"] as? String, "VMT203")
        XCTAssertEqual(objects[0]["hint"] as? String, "did you mean 'minimal'?")
        XCTAssertEqual(objects[1]["summary"] as? [String: Int], ["recipes": 2, "templates": 0, "scenarios": 1, "ok": 1,
                                                                 "recipes_failed": 1, "errors_outside_recipes": 0, "failed": 1])
        let build = runTool(["build", "r", "--out", "o", "--format=json"], in: work)
        let last = try XCTUnwrap(build.stdout.split(separator: "\n").last)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: [String: Int]],
                       ["summary": ["recipes": 2, "templates": 0, "scenarios": 1, "built": 1, "unchanged": 0, "orphans": 0, "pruned": 0,
                                    "recipes_failed": 1, "errors_outside_recipes": 0, "failed": 1]])
    }

    /// The last line of build and check names what it counts: scenarios ok or written, recipes
    /// that failed, and errors outside any recipe (a PATH that names nothing), never one bare
    /// "failed" mixing them; JSON keeps `failed` (their sum) and adds the two parts.
    func testSummaryLinesSayWhatTheyCount() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("extends minimal\nseed 3\nmoney 10..20\n".utf8).write(to: recipes.appendingPathComponent("a.vmt"))
        for name in ["b", "c"] {
            try Data("extends minimal\nseed 3\nvary grid 5, 6\n".utf8).write(to: recipes.appendingPathComponent(name + ".vmt"))
        }
        let cases: [(name: String, arguments: [String], status: Int32, line: String)] = [
            ("check -W", ["check", "-W", "r"], 1, "checked 3 recipes: 4 scenarios ok, 1 recipe failed"),
            ("build -W", ["build", "-W", "r", "--out", "o"], 1, "built 3 recipes: 4 scenarios written, 0 unchanged, 1 recipe failed"),
            ("a path that names nothing", ["build", "nosuch", "--out", "o"], 1,
             "built 0 recipes: 0 scenarios written, 0 unchanged, 1 error outside any recipe"),
            ("both", ["check", "-W", "r", "nosuch"], 1, "checked 3 recipes: 4 scenarios ok, 1 recipe failed, 1 error outside any recipe"),
            ("none", ["check", "r/b.vmt"], 0, "checked 1 recipe: 2 scenarios ok"),
        ]
        for test in cases {
            let run = runTool(test.arguments, in: work)
            XCTAssertEqual(run.status, test.status, "\(test.name): \(run.stderr)")
            XCTAssertEqual(run.stdout, test.line + "\n", test.name)
        }
        let json = runTool(["check", "-W", "r", "nosuch", "--format", "json"], in: work)
        let last = try XCTUnwrap(json.stdout.split(separator: "\n").last)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: [String: Int]],
                       ["summary": ["recipes": 3, "templates": 0, "scenarios": 4, "ok": 4, "recipes_failed": 1,
                                    "errors_outside_recipes": 1, "failed": 2]])
    }

    /// A warning in a parent that is not selected shows once, as found while building the
    /// selected child ("note: while building …"), not also as the parent's own; a recipe
    /// outside the selection's chains shows none; selecting the parent shows its own.
    func testWarningsOfUnselectedParentsShowOnlyForTheSelectedChild() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        let files = ["base.vmt": "scenario base\nextends standard\nmoney 10..20\n", "kid.vmt": "scenario kid\nextends base\nseed 3\n",
                     "other.vmt": "scenario other\nextends standard\nseed 4\n"]
        for (name, text) in files { try Data(text.utf8).write(to: recipes.appendingPathComponent(name)) }
        let warning = "scenarios.d/base.vmt:3:7: warning: 'money' has no effect under barter_only"
        func count(_ arguments: [String], _ text: String) -> Int {
            runTool(arguments, in: work).stderr.components(separatedBy: text).count - 1
        }
        XCTAssertEqual(count(["check", "scenarios.d/kid.vmt"], warning), 1, "once, for the child")
        XCTAssertEqual(count(["check", "scenarios.d/kid.vmt"], "note: while building scenarios.d/kid.vmt"), 1)
        XCTAssertEqual(count(["check", "scenarios.d/other.vmt"], "warning:"), 0, "not in other's chain")
        XCTAssertEqual(count(["check", "scenarios.d/base.vmt"], warning), 1, "the parent's own")
        XCTAssertEqual(count(["check"], warning), 2, "the parent's own, and as found building the child")
        // -W: the child fails on its parent's warning, which is shown as its error.
        let strict = runTool(["check", "-W", "scenarios.d/kid.vmt"], in: work)
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stderr.components(separatedBy: "scenarios.d/base.vmt:3:7: error:").count - 1, 1, strict.stderr)
        XCTAssertEqual(strict.stdout, "checked 1 recipe: 0 scenarios ok, 1 recipe failed\n")
    }

    func testCompletionsNameEveryCommandAndPreset() throws {
        let work = try temporaryDirectory(self)
        for shell in ["bash", "zsh", "fish"] {
            let run = runTool(["completions", shell], in: work)
            XCTAssertEqual(run.status, 0, shell)
            for word in CommandLineTool.commandTable.map(\.name) + ["money_demo", "mixed_liquidity_gated", "inventory-range"] {
                XCTAssertTrue(run.stdout.contains(word), "\(shell) completion lacks \(word)")
            }
        }
        XCTAssertEqual(runTool(["completions", "tcsh"], in: work).status, 2)
        // The bash script is valid bash and completes a preset after --preset.
        let script = work.appendingPathComponent("c.bash")
        try Data(runTool(["completions", "bash"], in: work).stdout.utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "source '\(script.path)'; COMP_WORDS=(vmt-dsl generate x --preset money_d); COMP_CWORD=4; _vmt_dsl; echo \"${COMPREPLY[@]}\""]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(output, "money_demo\n")
    }

    func testEveryCommandHasHelpThatREADMEMentions() throws {
        let work = try temporaryDirectory(self)
        let readme = try String(contentsOf: URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        for command in CommandLineTool.commandTable {
            let viaFlag = runTool([command.name, "--help"], in: work)
            let viaHelp = runTool(["help", command.name], in: work)
            XCTAssertEqual(viaFlag.status, 0, command.name)
            XCTAssertEqual(viaFlag.stdout, viaHelp.stdout, command.name)
            XCTAssertTrue(viaFlag.stdout.hasPrefix("usage: vmt-dsl \(command.name)"), command.name)
            XCTAssertTrue(readme.contains("vmt-dsl \(command.name)"), "README does not document \(command.name)")
            for flag in command.flags {
                XCTAssertTrue(viaFlag.stdout.contains(flag.long), "\(command.name) --help lacks \(flag.long)")
            }
        }
    }
}

/// Diagnostics are coloured only on a terminal, and never when NO_COLOR is set.
final class ColourTests: XCTestCase {
    func testColourOnlyOnATerminalWithoutNoColor() throws {
        let work = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("r"), withIntermediateDirectories: true)
        try Data("agnets 5\n".utf8).write(to: work.appendingPathComponent("r/a.vmt"))
        func run(terminal: Bool, environment: [String: String]) -> String {
            var stderr = ""
            let context = CommandContext(currentDirectory: work.path, standardOutput: { _ in }, standardError: { stderr += $0 },
                                         environment: environment, standardErrorIsTerminal: terminal)
            _ = CommandLineTool.main(["check", "r"], context: context)
            return stderr
        }
        XCTAssertTrue(run(terminal: true, environment: [:]).contains("\u{1B}["), "colour on a terminal")
        XCTAssertFalse(run(terminal: true, environment: ["NO_COLOR": "1"]).contains("\u{1B}["), "NO_COLOR wins")
        XCTAssertFalse(run(terminal: false, environment: [:]).contains("\u{1B}["), "no colour into a pipe or file")
        XCTAssertEqual(run(terminal: false, environment: [:]),
                       run(terminal: true, environment: ["NO_COLOR": ""]), "NO_COLOR counts when set, even empty")
    }

    /// A command with `--detailed-exitcode` (plan, diff) exits 0 with changes unless given it: its
    /// help says so, and never that 0 means "no changes" alone.
    func testHelpOfDetailedExitCodeCommandsSaysZeroHoldsWithChanges() throws {
        let work = try temporaryDirectory(self)
        let commands = CommandLineTool.commandTable.filter { $0.flags.contains { $0.long == "--detailed-exitcode" } }
        XCTAssertEqual(Set(commands.map(\.name)), ["plan", "diff"])
        for command in commands {
            let help = runTool(["help", command.name], in: work).stdout.replacingOccurrences(of: "\n", with: " ")
            let status = try XCTUnwrap(help.range(of: "exit status: ").map { String(help[$0.upperBound...]) }, command.name)
            XCTAssertTrue(status.hasPrefix("0 "), "\(command.name): \(status)")
            XCTAssertTrue(status.contains("with or without"), "\(command.name): 0 holds with changes too: \(status)")
            XCTAssertFalse(status.hasPrefix("0 no changes"), "\(command.name): \(status)")
            XCTAssertTrue(status.contains("with --detailed-exitcode: 0 no"), "\(command.name): \(status)")
        }
    }

    func testEveryCommandsHelpHasExamples() throws {
        let work = try temporaryDirectory(self)
        for command in CommandLineTool.commandTable {
            let help = runTool([command.name, "--help"], in: work).stdout
            XCTAssertTrue(help.contains("vmt-dsl \(command.name) ") && help.lowercased().contains("example"),
                          "\(command.name) --help has no examples:\n\(help)")
        }
    }
}
