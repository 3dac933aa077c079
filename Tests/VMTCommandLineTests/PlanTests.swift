// `vmt-dsl plan` and `vmt-dsl diff` on real git repositories made in a temporary folder: a
// parent change reaching its children, sweeps gaining and losing variants, renames, a `set`
// of one key, a new seed, recipes broken on one side, the three output formats as goldens
// (re-record with `VMT_RECORD=1 swift test --filter PlanTests`, then read the diffs), and
// `diff` agreeing with `plan`.
import Foundation
import XCTest
import VMTCore
@testable import VMTCommandLine

/// A git repository in a temporary folder, holding a `scenarios.d` project.
struct GitProject {
    let folder: URL
    let environment: [String: String]

    /// A repository with `files` (paths relative to the repository) committed.
    init(_ test: XCTestCase, files: [String: String]) throws {
        folder = try temporaryDirectory(test)
        environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        try git("init", "-q")
        for (path, text) in files { try write(path, text) }
        try commit("the project as it was")
    }

    /// Writes `text` at `path`, making folders.
    func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Replaces `old` with `new` in the file at `path`.
    func edit(_ path: String, _ old: String, _ new: String) throws {
        let url = folder.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) has no '\(old)'")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Stages everything and commits.
    func commit(_ message: String) throws {
        try git("add", "-A")
        try git("-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message)
    }

    /// Runs git in the repository; fails the test when git fails.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 { XCTFail("git \(arguments.joined(separator: " ")): \(text)") }
        return text
    }

    /// Runs `vmt-dsl ARGUMENTS` in the repository.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) -> CommandRun {
        runTool(arguments, in: folder, environment: environment.merging(extra) { $1 })
    }

    /// `plan --format json`, parsed.
    func planJSON(_ arguments: [String] = []) throws -> JSON {
        let run = self.run(["plan", "--format", "json"] + arguments)
        XCTAssertTrue(run.status == 0 || run.status == 1, run.stderr)
        return try JSON.parse(run.stdout)
    }
}

extension JSON {
    /// The elements of an array (empty for anything else).
    var items: [JSON] {
        if case .array(let items) = self { return items }
        return []
    }
}

final class PlanTests: XCTestCase {
    /// The project every test starts from: a template with four children (one overriding
    /// agents, one a sweep of seeds), a sweep, a recipe with a seed and one without.
    static let files: [String: String] = [
        "scenarios.d/lab/base.vmt": "scenario base\ntemplate\nextends minimal\nagents 20\nseed 5\n",
        "scenarios.d/lab/child_a.vmt": "extends base\nset vision_radius 9\n",
        "scenarios.d/lab/child_b.vmt": "extends base\ngrid 25\n",
        "scenarios.d/lab/own.vmt": "extends base\nagents 12\n",
        "scenarios.d/lab/sweep_child.vmt": "scenario sc_{seed}\nextends base\nvary seed 1..2\noutput sc/{seed}.yaml\n",
        "scenarios.d/sweep.vmt": "scenario sw_{seed}\nextends minimal\nvary seed 1..3\noutput sw/{seed}.yaml\n",
        "scenarios.d/solo.vmt": "extends minimal\nseed 9\n",
        "scenarios.d/noseed.vmt": "extends minimal\n",
    ]

    func project() throws -> GitProject {
        try GitProject(self, files: Self.files)
    }

    func scenarios(_ plan: JSON, _ change: String) -> [String] {
        plan["scenarios"]?.items.filter { $0["change"]?.stringValue == change }.compactMap { $0["output"]?.stringValue } ?? []
    }

    func scenario(_ plan: JSON, _ output: String) throws -> JSON {
        try XCTUnwrap(plan["scenarios"]?.items.first { $0["output"]?.stringValue == output }, "no \(output) in the plan")
    }

    func testNoChanges() throws {
        let repo = try project()
        let run = repo.run(["plan", "--detailed-exitcode"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("No changes: 10 scenarios unchanged.\n"), run.stdout)
    }

    /// Every count in plan's summary lines agrees with its noun: "1 scenario", "2 scenarios".
    func testSummaryLinesAgreeInNumber() throws {
        let one = try GitProject(self, files: ["scenarios.d/a.vmt": "extends minimal\nseed 1\n"])
        XCTAssertTrue(one.run(["plan"]).stdout.hasSuffix("\nNo changes: 1 scenario unchanged.\n"))
        try one.write("scenarios.d/a.vmt", "extends minimal\nseed 2\n")
        let changed = one.run(["plan"]).stdout
        XCTAssertTrue(changed.contains("  scenarios.d/a.vmt:2 seed 1 → 2: 1 scenario\n"), changed)
        XCTAssertTrue(changed.hasSuffix("Plan: 0 to add, 1 to change, 0 to remove, 0 renamed; 0 unchanged.\n"), changed)
        try one.write("scenarios.d/b.vmt", "scenario b_{seed}\nextends minimal\nvary seed 1, 2\n")
        let added = one.run(["plan"]).stdout
        XCTAssertTrue(added.contains("  scenarios.d/b.vmt: +2 scenarios\n"), added)
        try one.write("scenarios.d/b.vmt", "scenario b_{seed}\nextends minimal\nvary seed 1\n")
        XCTAssertTrue(one.run(["plan"]).stdout.contains("  scenarios.d/b.vmt: +1 scenario\n"))
    }

    func testParentChangeReachesEveryChildAndNothingElse() throws {
        let repo = try project()
        try repo.edit("scenarios.d/lab/base.vmt", "agents 20", "agents 40")
        XCTAssertEqual(repo.run(["plan", "--detailed-exitcode"]).status, 3)
        XCTAssertEqual(repo.run(["plan"]).status, 0)
        let plan = try repo.planJSON()
        XCTAssertEqual(scenarios(plan, "change"), ["lab/child_a.yaml", "lab/child_b.yaml", "sc/1.yaml", "sc/2.yaml"])
        XCTAssertEqual(plan["scenarios"]?.items.count, 4, "nothing else: own.vmt sets its own agents")
        XCTAssertEqual(plan["summary"]?["unchanged"]?.intValue, 6)
        XCTAssertEqual(try scenario(plan, "sc/2.yaml")["variant"]?["seed"]?.stringValue, "2")
        for output in ["lab/child_a.yaml", "lab/child_b.yaml", "sc/1.yaml", "sc/2.yaml"] {
            let fields = try scenario(plan, output)["fields"]?.items ?? []
            XCTAssertEqual(fields.count, 1)
            XCTAssertEqual(fields.first?["field"]?.stringValue, "agents")
            XCTAssertEqual(fields.first?["old"]?.stringValue, "20")
            XCTAssertEqual(fields.first?["new"]?.stringValue, "40")
            for side in ["old_origin", "new_origin"] {
                XCTAssertEqual(fields.first?[side]?["text"]?.stringValue, "scenarios.d/lab/base.vmt:4")
            }
            XCTAssertEqual(try scenario(plan, output)["redraw"]?["causes"], .array([.string("agents")]))
        }
        let impact = plan["impact"]?.items ?? []
        XCTAssertEqual(impact.count, 1)
        XCTAssertEqual(impact.first?["file"]?.stringValue, "scenarios.d/lab/base.vmt")
        XCTAssertEqual(impact.first?["line"]?.intValue, 4)
        XCTAssertEqual(impact.first?["text"]?.stringValue, "agents 40")
        XCTAssertEqual(impact.first?["scenarios"]?.intValue, 4)
        let text = repo.run(["plan"]).stdout
        XCTAssertTrue(text.contains("  scenarios.d/lab/base.vmt:4 agents 20 → 40: 4 scenarios\n"), text)
        XCTAssertTrue(text.contains("      ~ agents: 20 → 40  (scenarios.d/lab/base.vmt:4)\n"), text)
    }

    func testSweepGainsAndLosesVariants() throws {
        let repo = try project()
        try repo.edit("scenarios.d/sweep.vmt", "vary seed 1..3", "vary seed 2..5")
        let plan = try repo.planJSON()
        XCTAssertEqual(scenarios(plan, "remove"), ["sw/1.yaml"])
        XCTAssertEqual(scenarios(plan, "add"), ["sw/4.yaml", "sw/5.yaml"])
        XCTAssertEqual(scenarios(plan, "change"), [])
        XCTAssertEqual(try scenario(plan, "sw/4.yaml")["variant"]?["seed"]?.stringValue, "4")
        let impact = plan["impact"]?.items ?? []
        XCTAssertEqual(impact.count, 1, "one entry for the recipe: \(impact)")
        XCTAssertEqual(impact.map { $0["added"]?.intValue ?? 0 }.reduce(0, +), 2)
        XCTAssertEqual(impact.map { $0["removed"]?.intValue ?? 0 }.reduce(0, +), 1)
        let text = repo.run(["plan"]).stdout
        XCTAssertTrue(text.contains("  - sw/1.yaml  (sw_1, scenarios.d/sweep.vmt)\n      variant: seed=1\n"), text)
        XCTAssertTrue(text.contains("Plan: 2 to add, 0 to change, 1 to remove, 0 renamed; 9 unchanged."), text)
    }

    /// `plan` counts scenarios as `build` does and refuses a run past `--max-build-variants`
    /// (the same flag and message as build's), comparing nothing; at the limit it plans.
    func testPerRunLimitRefusesLikeBuild() throws {
        let repo = try project()
        let over = repo.run(["plan", "--max-build-variants", "9"])
        XCTAssertEqual(over.status, 1, over.stdout + over.stderr)
        let message = "this build would write 10 scenarios, more than the limit of 9 per build; "
            + "build fewer recipes at once, or raise the limit with --max-build-variants"
        XCTAssertTrue((over.stdout + over.stderr).contains(message), over.stdout + over.stderr)
        let build = repo.run(["check", "--max-build-variants", "9"])
        XCTAssertTrue(build.stderr.contains(message), build.stderr)
        XCTAssertEqual(repo.run(["plan", "--max-build-variants", "10"]).status, 0)
        XCTAssertEqual(repo.run(["plan", "--max-build-variants", "0"]).status, 2)
    }

    /// A scenario whose output moves to another recipe is matched by its output path across
    /// recipes (changed or unchanged, never removed and added).
    func testScenarioMovedToAnotherRecipe() throws {
        let repo = try project()
        try repo.git("rm", "-q", "scenarios.d/solo.vmt")
        try repo.write("scenarios.d/moved.vmt", "extends minimal\nscenario solo\noutput solo.yaml\nseed 9\n")
        try repo.edit("scenarios.d/sweep.vmt", "output sw/{seed}.yaml", "output sw/{seed}.yaml\nset vision_radius 4")
        let plan = try repo.planJSON()
        XCTAssertEqual(scenarios(plan, "add"), [])
        XCTAssertEqual(scenarios(plan, "remove"), [])
        XCTAssertEqual(scenarios(plan, "change"), ["sw/1.yaml", "sw/2.yaml", "sw/3.yaml"])
        XCTAssertEqual(plan["summary"]?["unchanged"]?.intValue, 7)
    }

    func testRenamedRecipe() throws {
        let repo = try project()
        // solo sets its seed: only its name and output change, so it is a rename. noseed's seed
        // comes from its name, so its draws change: removed and added.
        try repo.git("mv", "scenarios.d/solo.vmt", "scenarios.d/single.vmt")
        try repo.git("mv", "scenarios.d/noseed.vmt", "scenarios.d/unseeded.vmt")
        let plan = try repo.planJSON()
        XCTAssertEqual(scenarios(plan, "rename"), ["single.yaml"])
        let rename = try scenario(plan, "single.yaml")
        XCTAssertEqual(rename["old_output"]?.stringValue, "solo.yaml")
        XCTAssertEqual(rename["old_recipe"]?.stringValue, "scenarios.d/solo.vmt")
        XCTAssertEqual(rename["fields"]?.items.compactMap { $0["field"]?.stringValue }, ["name", "output"])
        XCTAssertEqual(rename["redraw"]?["causes"], .array([]))
        XCTAssertEqual(scenarios(plan, "remove"), ["noseed.yaml"])
        XCTAssertEqual(scenarios(plan, "add"), ["unseeded.yaml"])
    }

    func testSetChangesOneKeyOnly() throws {
        let repo = try project()
        try repo.edit("scenarios.d/lab/child_a.vmt", "vision_radius 9", "vision_radius 11")
        let plan = try repo.planJSON()
        let changed = try scenario(plan, "lab/child_a.yaml")
        XCTAssertEqual(changed["fields"]?.items.compactMap { $0["field"]?.stringValue }, ["params.vision_radius"])
        XCTAssertEqual(changed["redraw"]?["causes"], .array([]))
        XCTAssertEqual(changed["drawn"]?["stocks"], .array([]))
        XCTAssertEqual(changed["drawn"]?["parameters"], .array([]))
        XCTAssertEqual(changed["file"]?["removed_lines"]?.intValue, 1)
        XCTAssertEqual(changed["file"]?["added_lines"]?.intValue, 1)
        XCTAssertEqual(plan["scenarios"]?.items.count, 1)
    }

    func testSeedChangeRedraws() throws {
        let repo = try project()
        try repo.edit("scenarios.d/lab/base.vmt", "seed 5", "seed 6")
        let plan = try repo.planJSON()
        XCTAssertEqual(scenarios(plan, "change"), ["lab/child_a.yaml", "lab/child_b.yaml", "lab/own.yaml"])
        for item in plan["scenarios"]?.items ?? [] {
            XCTAssertEqual(item["redraw"]?["causes"], .array([.string("seed")]))
            let stocks = item["drawn"]?["stocks"]?.items ?? []
            XCTAssertEqual(stocks.compactMap { $0["good"]?.stringValue }, ["A", "B"])
            XCTAssertGreaterThan(stocks.first?["changed"]?.intValue ?? 0, 0)
            XCTAssertFalse(item["drawn"]?["parameters"]?.items.isEmpty ?? true)
        }
        let text = repo.run(["plan"]).stdout
        XCTAssertTrue(text.contains("draws: the new seed redraws every stock and utility parameter"), text)
    }

    func testRecipeBrokenOnOneSide() throws {
        let repo = try project()
        try repo.edit("scenarios.d/lab/child_b.vmt", "grid 25", "grid -3")
        try repo.edit("scenarios.d/lab/base.vmt", "agents 20", "agents 30")
        let run = repo.run(["plan", "--detailed-exitcode"])
        XCTAssertEqual(run.status, 1, "a recipe that fails now is an error")
        XCTAssertTrue(run.stdout.contains("Recipes that fail:\n  working tree: scenarios.d/lab/child_b.vmt (1 scenario of the other side not compared)\n"),
                      run.stdout)
        XCTAssertTrue(run.stdout.contains("scenarios.d/lab/child_b.vmt:2:6: error:"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  - lab/child_b.yaml  (child_b, scenarios.d/lab/child_b.vmt) new side failed\n"), run.stdout)
        let plan = try repo.planJSON()
        XCTAssertEqual(scenarios(plan, "remove"), ["lab/child_b.yaml"], "an output no longer written is a removal")
        XCTAssertEqual(try scenario(plan, "lab/child_b.yaml")["failed_side"]?.stringValue, "new")
        XCTAssertEqual(scenarios(plan, "change"), ["lab/child_a.yaml", "sc/1.yaml", "sc/2.yaml"], "the rest of the plan is still made")
        let failure = try XCTUnwrap(plan["failures"]?.items.first)
        XCTAssertEqual(failure["side"]?.stringValue, "new")
        XCTAssertEqual(failure["diagnostics"]?.items.first?["line"]?.intValue, 2)

        // Broken at the base, fixed now: reported, not an error, but the output it now writes
        // is a change (+, "old side failed"), so --detailed-exitcode says 3.
        try repo.commit("break child_b")
        try repo.edit("scenarios.d/lab/child_b.vmt", "grid -3", "grid 25")
        let fixed = repo.run(["plan", "--format", "json", "--detailed-exitcode"])
        XCTAssertEqual(fixed.status, 3, fixed.stderr)
        let after = try JSON.parse(fixed.stdout)
        XCTAssertEqual(after["failures"]?.items.first?["side"]?.stringValue, "old")
        XCTAssertEqual(scenarios(after, "add"), ["lab/child_b.yaml"], "a scenario of a recipe that failed before is written now")
        let added = try scenario(after, "lab/child_b.yaml")
        XCTAssertEqual(added["failed_side"]?.stringValue, "old")
        XCTAssertEqual(added["redraw"], .null, "fields are not compared with the failing side")
        XCTAssertEqual(after["summary"]?["add"]?.intValue, 1)
    }

    /// The attacker's example: a recipe broken at HEAD and fixed now writes an output that HEAD
    /// did not; the plan must not say "No changes" (nor exit 0 under --detailed-exitcode).
    func testFixedRecipeIsAChangeNotNoChanges() throws {
        let repo = try GitProject(self, files: ["scenarios.d/m.vmt": "extends money_demo\nseed 4\nagents 0\n"])
        try repo.write("scenarios.d/m.vmt", "extends standard\nseed 4\n")
        let run = repo.run(["plan", "--detailed-exitcode"])
        XCTAssertEqual(run.status, 3, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("  + m.yaml  (m, scenarios.d/m.vmt) old side failed\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  HEAD: scenarios.d/m.vmt (1 scenario of the other side not compared)\n"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("Plan: 1 to add, 0 to change, 0 to remove, 0 renamed; 0 unchanged.\n"), run.stdout)

        // The same under --vmt 2025-11 when HEAD used money: the old side fails (VMT702).
        try repo.write("scenarios.d/m.vmt", "extends money_demo\nseed 4\n")
        try repo.commit("money")
        try repo.write("scenarios.d/m.vmt", "extends standard\nseed 4\n")
        let target = repo.run(["plan", "--vmt", "2025-11", "--detailed-exitcode"])
        XCTAssertEqual(target.status, 3, target.stdout + target.stderr)
        XCTAssertTrue(target.stdout.contains("[VMT702]"), target.stdout)
        XCTAssertTrue(target.stdout.contains("  + m.yaml  (m, scenarios.d/m.vmt) old side failed\n"), target.stdout)
        let markdown = repo.run(["plan", "--vmt", "2025-11", "--format", "markdown"])
        XCTAssertTrue(markdown.stdout.contains("| + to add | 1 |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("(m) old side failed</summary>"), markdown.stdout)

        // The reverse: broken now. An error (exit 1 whatever --detailed-exitcode says), and the
        // output no longer written is a removal, not "No changes".
        try repo.write("scenarios.d/m.vmt", "extends money_demo\nseed 4\nagents 0\n")
        let broken = repo.run(["plan", "--detailed-exitcode"])
        XCTAssertEqual(broken.status, 1, broken.stdout + broken.stderr)
        XCTAssertTrue(broken.stdout.contains("  - m.yaml  (m, scenarios.d/m.vmt) new side failed\n"), broken.stdout)
        XCTAssertTrue(broken.stdout.hasSuffix("Plan: 0 to add, 0 to change, 1 to remove, 0 renamed; 0 unchanged.\n"), broken.stdout)
    }

    /// Two recipes that would write one file fail the build; the plan says so (the check build
    /// makes), rather than comparing whichever of the two it met last.
    func testAnOutputClashFailsTheNewSide() throws {
        let repo = try GitProject(self, files: ["scenarios.d/c5.vmt": "extends minimal\nscenario c5\noutput same.yaml\n"])
        try repo.write("scenarios.d/c4.vmt", "extends minimal\nscenario c4\noutput same.yaml\nagents 0\n")
        let run = repo.run(["plan", "--detailed-exitcode"])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("scenarios.d/c4.vmt:3:8: error: two recipes would write 'same.yaml' [VMT501]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("scenarios.d/c5.vmt:3:8: error: two recipes would write 'same.yaml' [VMT501]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  - same.yaml  (c5, scenarios.d/c5.vmt) new side failed\n"), run.stdout)
    }

    func testPathSelectsRecipesButExtendsSeesTheProject() throws {
        let repo = try project()
        try repo.edit("scenarios.d/lab/base.vmt", "agents 20", "agents 40")
        try repo.edit("scenarios.d/sweep.vmt", "1..3", "1..4")
        let plan = try repo.planJSON(["scenarios.d/lab/child_a.vmt"])
        XCTAssertEqual(plan["scenarios"]?.items.compactMap { $0["output"]?.stringValue }, ["lab/child_a.yaml"])
        XCTAssertEqual(plan["summary"]?["unchanged"]?.intValue, 0)
    }

    func testFromInsideTheProject() throws {
        let repo = try project()
        try repo.edit("scenarios.d/lab/base.vmt", "agents 20", "agents 40")
        let inside = runTool(["plan", "--format", "json"], in: repo.folder.appendingPathComponent("scenarios.d/lab"),
                             environment: repo.environment)
        XCTAssertEqual(inside.status, 0, inside.stderr)
        let plan = try JSON.parse(inside.stdout)
        XCTAssertEqual(plan["root"]?.stringValue, "..")
        XCTAssertEqual(scenarios(plan, "change"), ["lab/child_a.yaml", "lab/child_b.yaml", "sc/1.yaml", "sc/2.yaml"])
    }

    func testAgainstFolderAndBaseRevision() throws {
        let repo = try project()
        let old = try temporaryDirectory(self)
        try FileManager.default.copyItem(at: repo.folder.appendingPathComponent("scenarios.d"),
                                         to: old.appendingPathComponent("scenarios.d"))
        try repo.edit("scenarios.d/lab/base.vmt", "agents 20", "agents 40")
        try repo.commit("more agents")
        XCTAssertTrue(repo.run(["plan"]).stdout.hasPrefix("vmt-dsl plan: scenarios.d, HEAD → working tree\n\nNo changes"))
        let againstDir = try JSON.parse(repo.run(["plan", "--format", "json", "--against", old.path]).stdout)
        let againstRevision = try repo.planJSON(["--base", "HEAD~1"])
        XCTAssertEqual(scenarios(againstDir, "change"), ["lab/child_a.yaml", "lab/child_b.yaml", "sc/1.yaml", "sc/2.yaml"])
        XCTAssertEqual(againstDir["scenarios"], againstRevision["scenarios"])
        XCTAssertEqual(againstDir["impact"], againstRevision["impact"])
    }

    func testClearErrorsWithoutGitOrRepository() throws {
        let repo = try project()
        let noGit = repo.run(["plan"], environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(noGit.status, 1)
        XCTAssertTrue(noGit.stderr.hasPrefix("error: git is not installed"), noGit.stderr)
        let plain = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: plain.appendingPathComponent("scenarios.d"), withIntermediateDirectories: true)
        let notRepo = runTool(["plan"], in: plain, environment: repo.environment)
        XCTAssertEqual(notRepo.status, 1)
        XCTAssertTrue(notRepo.stderr.contains("is not in a git repository"), notRepo.stderr)
        let badRevision = repo.run(["plan", "--base", "no-such-branch"])
        XCTAssertEqual(badRevision.status, 1)
        XCTAssertTrue(badRevision.stderr.contains("'no-such-branch' names no commit"), badRevision.stderr)
        XCTAssertEqual(repo.run(["plan", "--base", "HEAD", "--against", "."]).status, 2)
        XCTAssertEqual(repo.run(["plan", "--format", "yaml"]).status, 2)
    }

    func testColourOnlyOnATerminalWithoutNoColor() throws {
        let repo = try project()
        try repo.edit("scenarios.d/lab/base.vmt", "agents 20", "agents 40")
        func run(_ environment: [String: String]) -> String {
            var stdout = ""
            var context = CommandContext(currentDirectory: repo.folder.path, standardOutput: { stdout += $0 }, standardError: { _ in },
                                         environment: repo.environment.merging(environment) { $1 })
            context.standardOutputIsTerminal = true
            _ = CommandLineTool.main(["plan"], context: context)
            return stdout
        }
        XCTAssertTrue(run([:]).contains("\u{1B}[33m~ lab/child_a.yaml"))
        XCTAssertFalse(run(["NO_COLOR": "1"]).contains("\u{1B}["))
        XCTAssertFalse(repo.run(["plan"]).stdout.contains("\u{1B}["))
    }

    // MARK: Goldens

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("plan")

    /// One change of each kind: a parent's agents, a sweep's range, a rename, a `set`, a seed,
    /// a regime that brings money, and a recipe broken now.
    func goldenRepository() throws -> GitProject {
        let repo = try project()
        try repo.write("scenarios.d/money.vmt", "extends minimal\nseed 3\n")
        try repo.commit("money")
        try repo.edit("scenarios.d/lab/base.vmt", "agents 20", "agents 24")
        try repo.edit("scenarios.d/sweep.vmt", "vary seed 1..3", "vary seed 2..4")
        try repo.git("mv", "scenarios.d/solo.vmt", "scenarios.d/single.vmt")
        try repo.edit("scenarios.d/lab/child_a.vmt", "vision_radius 9", "vision_radius 11")
        try repo.edit("scenarios.d/lab/own.vmt", "agents 12", "agents 12\nseed 8")
        try repo.edit("scenarios.d/money.vmt", "seed 3", "seed 3\nregime money_only")
        try repo.edit("scenarios.d/noseed.vmt", "extends minimal", "extends minimal\ngrid 0")
        return repo
    }

    func testGoldenOutputs() throws {
        let repo = try goldenRepository()
        var outputs: [String: String] = [:]
        for (format, file) in [("text", "plan.txt"), ("markdown", "plan.md"), ("json", "plan.json")] {
            let run = repo.run(["plan", "--format", format])
            XCTAssertEqual(run.status, 1, "noseed.vmt fails now")
            XCTAssertEqual(run.stderr, "")
            outputs[format] = run.stdout
            let url = Self.goldenFolder.appendingPathComponent(file)
            if ProcessInfo.processInfo.environment["VMT_RECORD"] == "1" {
                try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
                try Data(run.stdout.utf8).write(to: url)
                continue
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            XCTAssertEqual(run.stdout, expected, "\(file) differs; re-record with VMT_RECORD=1 and read the diff")
        }
        // The JSON parses back and tells what the text tells.
        let json = try JSON.parse(try XCTUnwrap(outputs["json"]))
        let text = try XCTUnwrap(outputs["text"])
        let summary = try XCTUnwrap(json["summary"])
        XCTAssertTrue(text.contains("Plan: \(summary["add"]?.intValue ?? -1) to add, \(summary["change"]?.intValue ?? -1) to change, "
            + "\(summary["remove"]?.intValue ?? -1) to remove, \(summary["rename"]?.intValue ?? -1) renamed; "
            + "\(summary["unchanged"]?.intValue ?? -1) unchanged."), text)
        for item in json["scenarios"]?.items ?? [] {
            let change = item["change"]?.stringValue ?? ""
            let symbol = change == "add" ? "+" : change == "remove" ? "-" : "~"
            let output = (item["old_output"]?.stringValue.map { "\($0) → " } ?? "") + (item["output"]?.stringValue ?? "")
            XCTAssertTrue(text.contains("\n  \(symbol) \(output)  ("), "\(output) in the text")
            if change == "change" || change == "rename" {
                for field in item["fields"]?.items ?? [] {
                    let name = field["field"]?.stringValue ?? ""
                    let (old, new) = (field["old"]?.stringValue, field["new"]?.stringValue)
                    let origin = (field["old_origin"]?["text"]?.stringValue ?? field["new_origin"]?["text"]?.stringValue) ?? ""
                    let shown = old.map { a in new.map { "~ \(name): \(a) → \($0)" } ?? "- \(name): \(a)" } ?? "+ \(name): \(new ?? "")"
                    XCTAssertTrue(text.contains("      \(shown)  (\(origin)"), "\(shown) of \(output) in the text")
                }
            }
        }
        for impact in json["impact"]?.items ?? [] {
            XCTAssertTrue(text.contains("  \(impact["file"]?.stringValue ?? "")"), "impact on \(impact) in the text")
        }
        XCTAssertEqual(json["failures"]?.items.compactMap { $0["recipe"]?.stringValue }, ["scenarios.d/noseed.vmt"])
        XCTAssertTrue(outputs["markdown"]?.contains("<details><summary>~ <code>lab/child_a.yaml</code> (child_a)</summary>") ?? false)
    }

    // MARK: diff

    /// `diff` of the two built files names the same changed fields as `plan` (on the fields a
    /// scenario file has), for a `set`, a parent's agents, a seed and a regime.
    func testDiffAgreesWithPlan() throws {
        let repo = try goldenRepository()
        try repo.edit("scenarios.d/noseed.vmt", "grid 0", "grid 7")
        let plan = try repo.planJSON()
        let oldOut = try temporaryDirectory(self), newOut = try temporaryDirectory(self)
        XCTAssertEqual(repo.run(["build", "--out", newOut.path]).status, 0)
        try repo.git("stash", "-q")
        XCTAssertEqual(repo.run(["build", "--out", oldOut.path]).status, 0)
        try repo.git("stash", "pop", "-q")
        // The fields a scenario file has (plan also has regime, inventory, money, seed, pins, output).
        let fileFields: (String) -> Bool = { name in
            ["name", "grid", "agents", "utilities", "resources.density", "resources.max", "schedule"].contains(name)
                || name.hasPrefix("params.")
        }
        var compared = 0
        for item in plan["scenarios"]?.items ?? [] where item["change"]?.stringValue == "change" {
            let output = try XCTUnwrap(item["output"]?.stringValue)
            let run = runTool(["diff", oldOut.appendingPathComponent(output).path, newOut.appendingPathComponent(output).path,
                               "--format", "json"], in: repo.folder)
            XCTAssertEqual(run.status, 0, run.stderr)
            let diff = try JSON.parse(run.stdout)
            let diffFields = (diff["fields"]?.items ?? []).compactMap { $0["field"]?.stringValue }
            let planFields = (item["fields"]?.items ?? []).compactMap { $0["field"]?.stringValue }
            // A key written on one side only with the loader's default (money parameters a
            // regime change stops writing) is plan's change, and diff's "defaults" line; a key
            // the loader does not read is diff's "unread" line.
            let defaults = (diff["defaults"]?.items ?? []).compactMap { $0["field"]?.stringValue }
                + (diff["unread"]?.items ?? []).compactMap { $0["field"]?.stringValue }
            XCTAssertEqual(Set(diffFields.filter { !$0.hasPrefix("utilities[") } + defaults), Set(planFields.filter(fileFields)), output)
            // The drawn values agree too.
            let drawn = (item["drawn"]?["parameters"]?.items ?? []).compactMap { $0["field"]?.stringValue }
            XCTAssertEqual(diffFields.filter { $0.hasPrefix("utilities[") }, drawn, output)
            XCTAssertEqual(diff["stocks"], item["drawn"]?["stocks"], output)
            compared += 1
        }
        XCTAssertEqual(compared, 7)
        let same = runTool(["diff", newOut.appendingPathComponent("solo.yaml").path, newOut.appendingPathComponent("solo.yaml").path,
                            "--detailed-exitcode"], in: repo.folder)
        XCTAssertEqual(same.status, 1, "solo.yaml was renamed: it is not in the new build")
        let identical = runTool(["diff", newOut.appendingPathComponent("single.yaml").path, newOut.appendingPathComponent("single.yaml").path,
                                 "--detailed-exitcode"], in: repo.folder)
        XCTAssertEqual(identical.status, 0, identical.stderr)
        XCTAssertTrue(identical.stdout.hasSuffix("No differences.\n"), identical.stdout)
    }

    func testDiffSummarisesStocks() throws {
        let folder = try temporaryDirectory(self)
        let head = "schema_version: 1\nname: 'x: y'\nN: 5\nagents: 3\ninitial_inventories:\n  A:\n"
        try Data((head + "  - 10\n  - 20\n  - 30\n  B:\n  - 1\n  - 1\n  - 1\nutilities:\n  mix: []\n").utf8)
            .write(to: folder.appendingPathComponent("a.yaml"))
        try Data((head + "  - 10\n  - 25\n  - 35\n  B:\n  - 1\n  - 1\n  - 1\nutilities:\n  mix: []\n").utf8)
            .write(to: folder.appendingPathComponent("b.yaml"))
        let run = runTool(["diff", "a.yaml", "b.yaml", "--detailed-exitcode"], in: folder)
        XCTAssertEqual(run.status, 3, run.stderr)
        XCTAssertEqual(run.stdout, """
        vmt-dsl diff: a.yaml → b.yaml
          ~ stocks A: 2 of 3 changed (min 10, max 30, mean 20.0 → min 10, max 35, mean 23.3)
            stocks B: the same for all 3 agents
        0 fields differ; stocks of 1 good differ.

        """)
        let bad = runTool(["diff", "a.yaml", "missing.yaml"], in: folder)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("error: cannot read missing.yaml"), bad.stderr)
        XCTAssertEqual(runTool(["diff", "a.yaml"], in: folder).status, 2)
    }

    /// VMT's own hand-written scenario files read and compare (every pair of a few).
    func testDiffReadsVMTsHandWrittenFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/vmt-scenarios")
        let files = listing(folder).filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(files.count, 15)
        for file in files {
            let same = runTool(["diff", file, file, "--detailed-exitcode"], in: folder)
            XCTAssertEqual(same.status, 0, "\(file): \(same.stderr)")
            XCTAssertTrue(same.stdout.hasSuffix("No differences.\n"), file)
        }
        let other = runTool(["diff", "mixed.yaml", "money_test_basic.yaml", "--format", "json"], in: folder)
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertEqual(try JSON.parse(other.stdout)["same"], .bool(false))
    }
}
