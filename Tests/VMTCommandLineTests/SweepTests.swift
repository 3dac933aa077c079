import Foundation
import XCTest
@testable import VMTCommandLine
import VMTCore

/// Sweeps (`vary`), pinned parameters (`pin`) and explicit stock (`inventory GOOD …`) end to end.
final class SweepTests: XCTestCase {
    /// Writes `files` (name → text) under `work/r` and returns `work`.
    private func recipes(_ files: [String: String]) throws -> URL {
        let work = try temporaryDirectory(self)
        for (name, text) in files {
            let url = work.appendingPathComponent("r/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return work
    }

    private func yaml(_ work: URL, _ path: String) throws -> String {
        try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8)
    }

    func testACrossProductEqualsTheSingleRecipesButForTheName() throws {
        let work = try recipes(["sweep.vmt": """
            scenario grid_{regime}_{seed}_{agents}
            extends standard
            vary regime barter_only, money_only, mixed
            vary seed 1..4
            vary agents 5, 12
            output sweep/{regime}/{agents}-{seed}.yaml
            """])
        let run = runTool(["build", "r", "--out", "out"], in: work)
        XCTAssertEqual(run.stdout, "built 1 recipe: 24 scenarios written, 0 unchanged\n", run.stderr)
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: work.appendingPathComponent("out").path) {
            for case let path as String in walker where path.hasSuffix(".yaml") { files.append(path) }
        }
        XCTAssertEqual(files.count, 24)
        for regime in ["barter_only", "money_only", "mixed"] {
            for seed in 1...4 {
                for agents in [5, 12] {
                    let name = "grid_\(regime)_\(seed)_\(agents)"
                    let single = try temporaryDirectory(self)
                    let generated = runTool(["generate", name, "--preset", "standard", "--exchange-regime", regime,
                                             "--seed", "\(seed)", "--agents", "\(agents)", "--output", "one.yaml"], in: single)
                    XCTAssertEqual(generated.status, 0)
                    XCTAssertEqual(try yaml(work, "out/sweep/\(regime)/\(agents)-\(seed).yaml"), try yaml(single, "one.yaml"), name)
                }
            }
        }
    }

    func testWithoutPlaceholdersVariantsGetSuffixesInVaryOrder() throws {
        let work = try recipes(["money/s.vmt": "extends minimal\nvary seed 7, 8\nvary resources.density 0.1, .5\n"])
        XCTAssertEqual(runTool(["build", "r", "--out", "out"], in: work).status, 0)
        XCTAssertEqual(listing(work.appendingPathComponent("out/money")), [
            "s_seed-7_resources.density-.5.yaml", "s_seed-7_resources.density-0.1.yaml",
            "s_seed-8_resources.density-.5.yaml", "s_seed-8_resources.density-0.1.yaml",
        ])
        let text = try yaml(work, "out/money/s_seed-8_resources.density-.5.yaml")
        XCTAssertTrue(text.hasPrefix("schema_version: 1\nname: s_seed-8_resources.density-.5\n"), text)
        XCTAssertTrue(text.contains("resource_seed:\n  density: 0.5\n"))
    }

    func testAChildFixesOrReplacesItsParentsVary() throws {
        let work = try recipes([
            "base.vmt": "scenario base\ntemplate\nextends minimal\nvary regime barter_only, mixed\nvary seed 1, 2\n",
            "fixed.vmt": "extends base\nregime mixed\n",
            "replaced.vmt": "extends base\nvary seed 5, 6, 7\n",
        ])
        XCTAssertEqual(runTool(["build", "r", "--out", "out"], in: work).status, 0)
        XCTAssertEqual(listing(work.appendingPathComponent("out")), [
            ".vmt-dsl-manifest.jsonl", "fixed_seed-1.yaml", "fixed_seed-2.yaml",
            "replaced_regime-barter_only_seed-5.yaml", "replaced_regime-barter_only_seed-6.yaml",
            "replaced_regime-barter_only_seed-7.yaml", "replaced_regime-mixed_seed-5.yaml",
            "replaced_regime-mixed_seed-6.yaml", "replaced_regime-mixed_seed-7.yaml",
        ])
    }

    func testPinsAndExplicitStockChangeOnlyWhatTheyName() throws {
        let work = try recipes([
            "plain.vmt": "extends standard\nagents 3\nseed 9\n",
            "pinned.vmt": "extends plain\npin ces.rho 0.25\ninventory B 4, 5, 6\n",
        ])
        XCTAssertEqual(runTool(["build", "r", "--out", "out"], in: work).status, 0)
        let plain = try yaml(work, "out/plain.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        let pinned = try yaml(work, "out/pinned.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(plain.count, pinned.count)
        let differing = zip(plain, pinned).filter { $0 != $1 }.map { "\($0.0) -> \($0.1)" }
        XCTAssertEqual(differing.count, 5, "name, three B stocks and rho: \(differing)")
        XCTAssertTrue(differing.contains { $0.hasSuffix("-> name: pinned") })
        XCTAssertTrue(differing.contains { $0.hasSuffix("rho: 0.25") }, "\(differing)")
        XCTAssertTrue(pinned.joined(separator: "\n").contains("  B:\n  - 4\n  - 5\n  - 6\n"))
    }

    func testSweepErrorsAreReportedAtTheirLineAndNothingIsWritten() throws {
        let cases: [(String, String)] = [
            ("scenario s_{regime}\nextends minimal\nvary seed 1, 2\n",
             "r/x.vmt:1:10: error: placeholder '{regime}' names no varied field: add 'vary regime ...' or remove it [VMT410]"),
            ("extends minimal\nvary seed 1, 2\nvary regime mixed, money_only\noutput x-{regime}.yaml\n",
             "r/x.vmt:4:8: error: variants 1 (seed 1, regime mixed) and 3 (seed 2, regime mixed) of this recipe would both write 'x-mixed.yaml' [VMT413]"),
            ("extends minimal\nvary seed 1..200\nvary agents 1..100\n",
             "r/x.vmt:3:6: error: this recipe gives 20000 variants, more than the limit of 10000 [VMT411]"),
            ("extends minimal\nagents 2\ninventory A 10, 20, 30\n",
             "r/x.vmt:3:1: error: inventory A lists 3 values for 2 agents [VMT309]"),
            ("extends minimal\npin ces.rho 1.0\n",
             "r/x.vmt:2:13: error: ces.rho must not be 1 (got 1.0) [VMT308]"),
            ("extends minimal\nvary agents 5, 0\n",
             "r/x.vmt:2:16: error: agents must be > 0 (got 0) [VMT301]"),
            ("extends minimal\nvary regime mixed, gold\n",
             "r/x.vmt:2:20: error: vary regime takes a regime (got 'gold') [VMT412]"),
        ]
        for (text, expected) in cases {
            let work = try recipes(["x.vmt": text])
            let run = runTool(["build", "r", "--out", "out"], in: work)
            XCTAssertEqual(run.status, 1, text)
            XCTAssertEqual(run.stderr.split(separator: "\n").first.map(String.init), expected, text)
            XCTAssertEqual(listing(work.appendingPathComponent("out")), [], "\(text): nothing written")
        }
        let work = try recipes(["x.vmt": "extends minimal\nvary seed 1..200\nvary agents 1..100\n"])
        XCTAssertEqual(runTool(["check", "r", "--max-variants", "20000"], in: work).status, 0, "the cap can be raised")
    }

    func testExplainShowsTheVariantsAndOneVariantsOrigins() throws {
        let work = try recipes(["s.vmt": "scenario s_{seed}\nextends minimal\nvary seed 3, 4\n"])
        let all = runTool(["explain", "s_{seed}", "r"], in: work)
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stdout.contains("variants: 2 (seed x2)"), all.stdout)
        XCTAssertTrue(all.stdout.contains("2  s_4   s_seed-4.yaml"), all.stdout)
        let one = runTool(["explain", "r/s.vmt", "r", "--variant", "2"], in: work)
        XCTAssertTrue(one.stdout.contains("variant 2: seed=4"), one.stdout)
        let seedLine = one.stdout.split(separator: "\n").first { $0.hasPrefix("seed ") }
        XCTAssertEqual(seedLine.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) },
                       ["seed", "4", "r/s.vmt:3"])
        let byName = runTool(["explain", "r/s.vmt", "r", "--variant", "s_3", "--json"], in: work)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["variant"] as? Int, 1)
        XCTAssertEqual((object["variants"] as? [Any])?.count, 2)
        XCTAssertEqual(runTool(["explain", "r/s.vmt", "r", "--variant", "9"], in: work).status, 1)
    }

    /// `explain` of a sweep whose chain sets no seed says once, in a note under the variant
    /// count, that each variant draws its own population; with a `seed` line (here or in a
    /// parent), with `vary seed`, or without `vary`, there is no such note.
    func testExplainNotesThatASweepWithoutSeedDrawsOnePopulationPerVariant() throws {
        let work = try recipes(["own.vmt": "scenario own_{regime}\nextends minimal\nvary regime barter_only, mixed\n",
                                "one.vmt": "scenario one_{regime}\nextends minimal\nseed 7\nvary regime barter_only, mixed\n",
                                "base.vmt": "template\nscenario base\nextends minimal\nseed 7\n",
                                "kid.vmt": "scenario kid_{grid}\nextends base\nvary grid 5, 6\n",
                                "rep.vmt": "scenario rep_{seed}\nextends minimal\nvary seed 1, 2\n",
                                "plain.vmt": "scenario plain\nextends minimal\n"])
        let note = "note: no 'seed' line in the chain, so each variant's seed derives from its name"
        for (file, noted) in [("own", true), ("one", false), ("kid", false), ("rep", false), ("plain", false)] {
            for extra in [[], ["--variant", "1"]] where file != "plain" || extra.isEmpty {
                let run = runTool(["explain", "r/\(file).vmt", "r"] + extra, in: work)
                XCTAssertEqual(run.status, 0, "\(file): \(run.stderr)")
                XCTAssertEqual(run.stdout.components(separatedBy: note).count - 1, noted ? 1 : 0, "\(file) \(extra): \(run.stdout)")
            }
        }
        let lines = runTool(["explain", "r/own.vmt", "r"], in: work).stdout.split(separator: "\n")
        let count = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("variants: 2 ") })
        XCTAssertTrue(lines[count + 1].hasPrefix(note), "the note follows the variant count")
        XCTAssertFalse(runTool(["explain", "r/own.vmt", "r", "--format", "json"], in: work).stdout.contains("note"), "text only")
    }

    /// `explain --format json`: `variants` lists the scenarios a recipe writes and `variant` is
    /// the index of the one `fields` shows (1 for a recipe without `vary`; null for a sweep
    /// without --variant and for a template, whose fields are no one scenario's).
    func testExplainJSONVariantIsTheIndexOfTheScenarioShown() throws {
        let work = try recipes(["plain.vmt": "scenario plain\nextends minimal\n",
                                "base.vmt": "template\nscenario base\nextends minimal\n",
                                "sweep.vmt": "scenario s_{seed}\nextends minimal\nvary seed 3, 4\n"])
        let cases: [(name: String, arguments: [String], variant: JSON, names: [String])] = [
            ("a recipe without vary", ["r/plain.vmt"], .int(1), ["plain"]),
            ("a template", ["r/base.vmt"], .null, []),
            ("a sweep", ["r/sweep.vmt"], .null, ["s_3", "s_4"]),
            ("a sweep's variant", ["r/sweep.vmt", "--variant", "2"], .int(2), ["s_3", "s_4"]),
            ("a variant by name", ["s_3", "r"], .int(1), ["s_3", "s_4"]),
        ]
        for test in cases {
            let run = runTool(["explain"] + test.arguments + ["--format", "json"], in: work)
            XCTAssertEqual(run.status, 0, "\(test.name): \(run.stderr)")
            let object = try JSON.parse(run.stdout)
            XCTAssertEqual(object["variant"], test.variant, test.name)
            let variants = object["variants"]?.items ?? []
            XCTAssertEqual(variants.compactMap { $0["name"]?.stringValue }, test.names, test.name)
            if let index = object["variant"]?.intValue {
                XCTAssertEqual(variants[index - 1]["name"]?.stringValue, object["scenario"]?.stringValue, test.name)
            }
        }
    }
}
