import Foundation
import XCTest
import VMTCore
import VMTProject
@testable import VMTCommandLine

/// The manifest a build keeps, `list`, orphans and `--prune`, end to end through the commands.
final class ManifestCommandTests: XCTestCase {
    /// A project `work/scenarios.d` with `files` (path → text).
    private func project(_ files: [String: String]) throws -> URL {
        let work = try temporaryDirectory(self)
        for (name, text) in files {
            let url = work.appendingPathComponent("scenarios.d/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return work
    }

    private let sweep = """
        scenario sweep_{regime}_{seed}
        extends standard
        vary regime barter_only, money_only, mixed
        vary seed 1..4
        output sweeps/{regime}/seed-{seed}.yaml
        """

    private func manifestLines(_ work: URL) throws -> [JSON] {
        let text = try String(contentsOf: work.appendingPathComponent("scenarios/.vmt-dsl-manifest.jsonl"), encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { try JSON.parse(String($0)) }
    }

    /// `sha256sum` (or Python's hashlib) of each file, run as a separate program: a check of our
    /// SHA-256 that does not use it.
    private func independentDigests(_ paths: [String], in folder: URL) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let haveSha256sum = FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum")
        process.arguments = haveSha256sum ? ["sha256sum", "--"] + paths
            : ["python3", "-c", "import hashlib,sys\nfor p in sys.argv[1:]: print(hashlib.sha256(open(p,'rb').read()).hexdigest()+'  '+p)"] + paths
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        var digests: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            digests[String(parts[1].dropFirst())] = String(parts[0])
        }
        return digests
    }

    /// `list --format json` of a 3×4 sweep gives 12 objects whose paths, varied values and seeds
    /// are what `build` writes (each file equals `generate` with that regime and seed), and the
    /// manifest's hashes are the files' SHA-256 by `sha256sum`.
    func testListOfASweepMatchesTheBuildAndTheManifest() throws {
        let work = try project(["sweep.vmt": sweep, "plain.vmt": "extends minimal\nseed 5\n"])
        let list = runTool(["list", "--format", "json", "scenarios.d/sweep.vmt"], in: work)
        XCTAssertEqual(list.status, 0, list.stderr)
        let listed = try list.stdout.split(separator: "\n").map { try JSON.parse(String($0)) }
        XCTAssertEqual(listed.count, 12)
        XCTAssertTrue(listed.allSatisfy { $0["sha256"] == nil }, "no hash without --hash")
        XCTAssertEqual(listing(work), ["scenarios.d"], "list writes nothing")

        let build = runTool(["build"], in: work)
        XCTAssertEqual(build.stdout, "built 2 recipes: 13 scenarios written, 0 unchanged\n", build.stderr)
        let manifest = try manifestLines(work)
        XCTAssertEqual(manifest.count, 13)
        let outputs = manifest.compactMap { $0["output"]?.stringValue }
        XCTAssertEqual(outputs, outputs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

        var seen: Set<String> = []
        for object in listed {
            let output = try XCTUnwrap(object["output"]?.stringValue)
            let seed = try XCTUnwrap(object["seed"]?.stringValue)
            let values = try XCTUnwrap(object["variant"]?["values"])
            let regime = try XCTUnwrap(values["regime"]?.stringValue)
            XCTAssertEqual(values["seed"]?.stringValue, seed)
            XCTAssertEqual(output, "sweeps/\(regime)/seed-\(seed).yaml")
            XCTAssertEqual(object["recipe"]?.stringValue, "sweep.vmt")
            seen.insert(output)
            // The manifest says the same, plus the hash and the project that wrote it.
            var fromManifest = try XCTUnwrap(manifest.first { $0["output"]?.stringValue == output })
            XCTAssertEqual(fromManifest["project"]?.stringValue, "../scenarios.d")
            guard case .object(let pairs) = fromManifest else { return XCTFail("not an object") }
            fromManifest = .object(pairs.filter { $0.0 != "sha256" && $0.0 != "project" })
            XCTAssertEqual(fromManifest, object)
            // The file is the scenario of that regime and seed.
            let name = try XCTUnwrap(object["scenario"]?.stringValue)
            let single = try temporaryDirectory(self)
            XCTAssertEqual(runTool(["generate", name, "--preset", "standard", "--exchange-regime", regime, "--seed", seed,
                                    "--output", "one.yaml"], in: single).status, 0)
            XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("scenarios/" + output)),
                           try Data(contentsOf: single.appendingPathComponent("one.yaml")), output)
        }
        XCTAssertEqual(seen.count, 12)

        let digests = try independentDigests(outputs, in: work.appendingPathComponent("scenarios"))
        XCTAssertEqual(digests.count, 13)
        for object in manifest {
            let output = try XCTUnwrap(object["output"]?.stringValue)
            XCTAssertEqual(object["sha256"]?.stringValue, digests[output], output)
        }
        // list --hash says what the manifest says (a list writes nothing, so names no project).
        let hashed = runTool(["list", "--format", "json", "--hash"], in: work)
        let withoutProject = manifest.map { line -> JSON in
            guard case .object(let pairs) = line else { return line }
            return .object(pairs.filter { $0.0 != "project" })
        }
        // The same entries; list in build order, the manifest sorted by output.
        let byOutput: (JSON, JSON) -> Bool = { ($0["output"]?.stringValue ?? "") < ($1["output"]?.stringValue ?? "") }
        XCTAssertEqual(try hashed.stdout.split(separator: "\n").map { try JSON.parse(String($0)) }.sorted(by: byOutput),
                       withoutProject.sorted(by: byOutput))
    }

    /// `list` gives outputs in the order build makes them: recipes by path, each sweep's variants
    /// in `vary` order (the first line slowest; values as written: seed-2 before seed-10, and
    /// `vary grid 9, 3` lists 9 first), in every format.
    func testListFollowsTheSweepOrderNotTheTextOrderOfPaths() throws {
        let work = try project(["a.vmt": "scenario s_{seed}\nextends minimal\nvary seed 1..12\noutput seed-{seed}.yaml\n",
                                "b.vmt": "scenario g_{grid}_{seed}\nextends minimal\nvary grid 9, 3\nvary seed 2, 10\n"
                                    + "output g/{grid}-{seed}.yaml\n"])
        let expected = (1...12).map { "seed-\($0).yaml" } + ["g/9-2.yaml", "g/9-10.yaml", "g/3-2.yaml", "g/3-10.yaml"]
        let json = runTool(["list", "--format", "json"], in: work)
        XCTAssertEqual(json.status, 0, json.stderr)
        let objects = try json.stdout.split(separator: "\n").map { try JSON.parse(String($0)) }
        XCTAssertEqual(objects.compactMap { $0["output"]?.stringValue }, expected)
        XCTAssertEqual(objects.compactMap { $0["variant"]?["index"]?.intValue }, Array(1...12) + [1, 2, 3, 4])
        let csv = runTool(["list", "--format", "csv"], in: work).stdout.split(separator: "\n").dropFirst()
        XCTAssertEqual(csv.map { String($0.prefix { $0 != "," }) }, expected)
        let text = runTool(["list"], in: work).stdout.split(separator: "\n").dropFirst()
        XCTAssertEqual(text.map { String($0.prefix { $0 != " " }) }, expected)
    }

    /// After a recipe is deleted (and a sweep shrunk), `build --check` fails naming exactly the
    /// outputs no recipe produces; `build --prune` deletes exactly those, keeps one edited by
    /// hand, and never touches a file the manifest never listed.
    func testOrphansAreReportedAndPrunedOnlyWhenAsBuilt() throws {
        let work = try project(["sweep.vmt": sweep, "gone.vmt": "extends minimal\nseed 5\n",
                                "kept.vmt": "extends minimal\nseed 6\n"])
        XCTAssertEqual(runTool(["build"], in: work).status, 0)
        let out = work.appendingPathComponent("scenarios")
        try Data("not ours\n".utf8).write(to: out.appendingPathComponent("stray.yaml"))
        try FileManager.default.removeItem(at: work.appendingPathComponent("scenarios.d/gone.vmt"))
        try Data(sweep.replacingOccurrences(of: "1..4", with: "1..3").utf8).write(to: work.appendingPathComponent("scenarios.d/sweep.vmt"))
        let edited = out.appendingPathComponent("sweeps/mixed/seed-4.yaml")
        try Data((try String(contentsOf: edited, encoding: .utf8) + "# my note\n").utf8).write(to: edited)

        let check = runTool(["build", "--check"], in: work)
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stdout, """
            orphan: scenarios/gone.yaml (from scenarios.d/gone.vmt)
            orphan: scenarios/sweeps/barter_only/seed-4.yaml (from scenarios.d/sweep.vmt)
            orphan: scenarios/sweeps/mixed/seed-4.yaml (from scenarios.d/sweep.vmt)
            orphan: scenarios/sweeps/money_only/seed-4.yaml (from scenarios.d/sweep.vmt)
            checked 2 recipes: 10 scenarios up to date, 0 stale, 0 missing, 4 orphaned

            """)
        let json = runTool(["build", "--check", "--format", "json"], in: work)
        let objects = try json.stdout.split(separator: "\n").map { try JSON.parse(String($0)) }
        XCTAssertEqual(objects.first, .object([("kind", .string("orphan")), ("output", .string("scenarios/gone.yaml")),
                                               ("recipe", .string("scenarios.d/gone.vmt"))]))
        XCTAssertEqual(objects.last?["summary"]?["orphans"], .int(4))

        let before = Set(try allFiles(out))
        let prune = runTool(["build", "--prune"], in: work)
        XCTAssertEqual(prune.status, 1, "an orphan was kept")
        XCTAssertEqual(prune.stdout, """
            pruned: scenarios/gone.yaml (from scenarios.d/gone.vmt)
            pruned: scenarios/sweeps/barter_only/seed-4.yaml (from scenarios.d/sweep.vmt)
            pruned: scenarios/sweeps/money_only/seed-4.yaml (from scenarios.d/sweep.vmt)
            orphan: scenarios/sweeps/mixed/seed-4.yaml (from scenarios.d/sweep.vmt)
            built 2 recipes: 0 scenarios written, 10 unchanged, 3 pruned, 1 orphaned

            """)
        XCTAssertEqual(prune.stderr, "error: not pruning scenarios/sweeps/mixed/seed-4.yaml (from scenarios.d/sweep.vmt): it changed since it was built; delete it by hand if it is not needed\n")
        XCTAssertEqual(before.subtracting(try allFiles(out)),
                       ["gone.yaml", "sweeps/barter_only/seed-4.yaml", "sweeps/money_only/seed-4.yaml"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("stray.yaml").path))
        // The edited orphan stays listed (and reported) until it is deleted by hand.
        XCTAssertEqual(try manifestLines(work).count, 11)
        try FileManager.default.removeItem(at: edited)
        XCTAssertEqual(runTool(["build"], in: work).stdout, "built 2 recipes: 0 scenarios written, 10 unchanged\n")
        XCTAssertEqual(try manifestLines(work).count, 10)
        XCTAssertEqual(runTool(["build", "--check"], in: work).status, 0)
        XCTAssertEqual(runTool(["build", "--check", "--prune"], in: work).status, 2)
    }

    /// A build of one recipe updates its entries and keeps the others'; a build that changes
    /// nothing does not rewrite the manifest; a recipe with errors keeps its entries and files.
    func testPartialAndUnchangedBuildsKeepTheManifest() throws {
        let work = try project(["a.vmt": "extends minimal\nseed 1\n", "b.vmt": "extends minimal\nseed 2\n"])
        XCTAssertEqual(runTool(["build"], in: work).status, 0)
        let path = work.appendingPathComponent("scenarios/.vmt-dsl-manifest.jsonl").path
        let inode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)
        XCTAssertEqual(runTool(["build"], in: work).stdout, "built 2 recipes: 0 scenarios written, 2 unchanged\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber, inode,
                       "not rewritten")
        try Data("extends minimal\nseed 7\n".utf8).write(to: work.appendingPathComponent("scenarios.d/a.vmt"))
        XCTAssertEqual(runTool(["build", "scenarios.d/a.vmt"], in: work).stdout, "built 1 recipe: 1 scenario written, 0 unchanged\n")
        let lines = try manifestLines(work)
        XCTAssertEqual(lines.compactMap { $0["output"]?.stringValue }, ["a.yaml", "b.yaml"])
        XCTAssertEqual(lines.first?["seed"]?.stringValue, "7")
        // b breaks: its file and entry stay; it is not an orphan.
        try Data("extends minimal\nagents lots\n".utf8).write(to: work.appendingPathComponent("scenarios.d/b.vmt"))
        let broken = runTool(["build", "--prune"], in: work)
        XCTAssertEqual(broken.status, 1)
        XCTAssertFalse(broken.stdout.contains("orphan") || broken.stdout.contains("pruned"), broken.stdout)
        XCTAssertEqual(try manifestLines(work).count, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("scenarios/b.yaml").path))
    }

    /// A build of one folder of the project judges orphans only among the recipes of that
    /// folder (deleted ones included), writes the paths a full build writes, and keeps the
    /// manifest entries of the rest.
    func testAFolderBuildJudgesOrphansOnlyInsideIt() throws {
        let work = try project(["lab/a.vmt": "extends minimal\nseed 1\n", "lab/b.vmt": "extends a\nseed 2\n",
                                "money/m.vmt": "extends money_demo\nseed 3\n"])
        XCTAssertEqual(runTool(["build"], in: work).stdout, "built 3 recipes: 3 scenarios written, 0 unchanged\n")
        let partial = runTool(["build", "scenarios.d/lab"], in: work)
        XCTAssertEqual(partial.status, 0, partial.stderr)
        XCTAssertEqual(partial.stdout, "built 2 recipes: 0 scenarios written, 2 unchanged\n", "the full build's paths and bytes")
        try FileManager.default.removeItem(at: work.appendingPathComponent("scenarios.d/lab/b.vmt"))
        try FileManager.default.removeItem(at: work.appendingPathComponent("scenarios.d/money/m.vmt"))
        let check = runTool(["build", "scenarios.d/lab", "--check"], in: work)
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stdout.split(separator: "\n").filter { $0.hasPrefix("orphan:") }.map { $0.split(separator: " ")[1] },
                       ["scenarios/lab/b.yaml"], check.stdout)
        let prune = runTool(["build", "scenarios.d/lab", "--prune"], in: work)
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("scenarios/lab/b.yaml").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("scenarios/money/m.yaml").path))
        XCTAssertEqual(try manifestLines(work).compactMap { $0["output"]?.stringValue }, ["lab/a.yaml", "money/m.yaml"])
        let full = runTool(["build", "--check"], in: work)
        XCTAssertEqual(full.status, 1)
        XCTAssertTrue(full.stdout.contains("orphan: scenarios/money/m.yaml"), full.stdout)
    }

    /// Regression (two projects, one output folder): `lab/` (a folder outside any project) and
    /// `scenarios.d` both build into `scenarios/`; neither sees the other's outputs as orphans,
    /// `--prune` leaves them alone, each entry names its project, and writing over the other
    /// project's file is a warning.
    func testTwoProjectsSharingAnOutputFolderKeepEachOthersFiles() throws {
        let work = try temporaryDirectory(self)
        XCTAssertEqual(runTool(["new", "scenarios.d/rich.vmt", "--extends", "money_demo"], in: work).status, 0)
        XCTAssertEqual(runTool(["new", "lab/a.vmt"], in: work).status, 0)
        XCTAssertEqual(runTool(["build", "lab"], in: work).status, 0)
        let build = runTool(["build"], in: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertFalse(build.stdout.contains("orphan"), build.stdout)
        let prune = runTool(["build", "--prune"], in: work)
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertFalse(prune.stdout.contains("pruned"), prune.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("scenarios/a.yaml").path))
        XCTAssertEqual(try manifestLines(work).map { [$0["output"]?.stringValue, $0["project"]?.stringValue] },
                       [["a.yaml", "../lab"], ["rich.yaml", "../scenarios.d"]])
        // The lab's own orphans are still judged: its recipe gone, its output is pruned.
        try FileManager.default.removeItem(at: work.appendingPathComponent("lab/a.vmt"))
        try Data("extends minimal\nseed 1\n".utf8).write(to: work.appendingPathComponent("lab/b.vmt"))
        let labPrune = runTool(["build", "lab", "--prune"], in: work)
        XCTAssertEqual(labPrune.status, 0, labPrune.stderr)
        XCTAssertTrue(labPrune.stdout.contains("pruned: scenarios/a.yaml (from lab/a.vmt)"), labPrune.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("scenarios/rich.yaml").path))
        // The other project writing the same output: a warning naming the clash.
        try Data("extends minimal\nseed 5\n".utf8).write(to: work.appendingPathComponent("scenarios.d/b.vmt"))
        let clash = runTool(["build"], in: work)
        XCTAssertEqual(clash.status, 0, clash.stderr)
        XCTAssertTrue(clash.stderr.hasPrefix("warning: wrote scenarios/b.yaml, which the manifest listed as the output of b.vmt of the project ../lab"), clash.stderr)
    }

    func testABadManifestIsReportedAndNothingIsPruned() throws {
        let work = try project(["a.vmt": "extends minimal\nseed 1\n"])
        XCTAssertEqual(runTool(["build"], in: work).status, 0)
        try Data("{\"output\": 3}\n".utf8).write(to: work.appendingPathComponent("scenarios/.vmt-dsl-manifest.jsonl"))
        let run = runTool(["build", "--prune"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "error: cannot read the manifest \(work.path)/scenarios/.vmt-dsl-manifest.jsonl: line 1: field 'output' is missing or not valid\n")
    }

    func testCSVHeaderRuleAndQuoting() {
        XCTAssertEqual(CSV.line(["a", "b,c", "say \"hi\"", "two\nlines", " padded", ""]),
                       "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\n")
        let entries = [
            ManifestEntry(output: "a.yaml", recipe: "a.vmt", scenario: "a", variant: nil, seed: "1", sha256: nil),
            ManifestEntry(output: "s/x.yaml", recipe: "s.vmt", scenario: "x", seed: "2", sha256: nil,
                          variant: [("set.vision_radius", "3"), ("seed", "2")], index: 4),
            ManifestEntry(output: "t/y.yaml", recipe: "t.vmt", scenario: "y", seed: "9", sha256: nil,
                          variant: [("regime", "mixed"), ("set.vision_radius", "5")], index: 1),
        ]
        XCTAssertEqual(ListCommand.csvRows(entries, hash: false), [
            ["output", "recipe", "scenario", "variant", "seed", "vary.set.vision_radius", "vary.seed", "vary.regime"],
            ["a.yaml", "a.vmt", "a", "", "1", "", "", ""],
            ["s/x.yaml", "s.vmt", "x", "4", "2", "3", "2", ""],
            ["t/y.yaml", "t.vmt", "y", "1", "9", "5", "", "mixed"],
        ])
    }

    /// Every regular file under `folder`, relative, the manifest left out.
    private func allFiles(_ folder: URL) throws -> [String] {
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: folder.path) {
            for case let path as String in walker where !path.hasSuffix(".jsonl") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder.path + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                    files.append(path)
                }
            }
        }
        return files
    }
}

private extension ManifestEntry {
    /// A sweep entry, values as (field, value) pairs.
    init(output: String, recipe: String, scenario: String, seed: String, sha256: String?, variant: [(String, String)], index: Int) {
        self.init(output: output, recipe: recipe, scenario: scenario,
                  variant: Variant(index: index, values: variant.map { Variant.Value(field: $0.0, value: $0.1) }),
                  seed: seed, sha256: sha256)
    }
}
