import Foundation
import XCTest
@testable import VMTCommandLine

/// `build`, `check`, `explain` and `fmt` over a project: paths select recipes, parents resolve
/// from the whole project, and a path that selects nothing is an error.
final class ProjectCommandTests: XCTestCase {
    private func project() throws -> URL {
        let work = try temporaryDirectory(self)
        let files = [
            "scenarios.d/lab/money_lab.vmt": "scenario money_lab\ntemplate\nextends money_demo\n",
            "scenarios.d/lab/money_lab_rich.vmt": "extends money_lab\nmoney 50..90\n",
            "scenarios.d/lab/money_lab_poor.vmt": "extends money_lab\nmoney 1..9\n",
            "scenarios.d/plain.vmt": "extends minimal\nseed 4\n",
            "empty/readme.txt": "no recipes here\n",
        ]
        for (path, text) in files {
            let url = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return work
    }

    func testCheckOfOneFileResolvesItsParentInASiblingFile() throws {
        let work = try project()
        let run = runTool(["check", "scenarios.d/lab/money_lab_rich.vmt"], in: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "checked 1 recipe: 1 scenario ok\n")
        let explain = runTool(["explain", "scenarios.d/lab/money_lab_rich.vmt"], in: work)
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertTrue(explain.stdout.contains("extends chain: scenarios.d/lab/money_lab_rich.vmt -> scenarios.d/lab/money_lab.vmt -> preset money_demo"),
                      explain.stdout)
    }

    func testBuildOfAFolderWritesWhereTheFullBuildWrites() throws {
        let work = try project()
        XCTAssertEqual(runTool(["build", "--out", "full"], in: work).status, 0)
        let partial = runTool(["build", "scenarios.d/lab", "--out", "part"], in: work)
        XCTAssertEqual(partial.stdout, "built 3 recipes (1 template): 2 scenarios written, 0 unchanged\n", partial.stderr)
        XCTAssertEqual(listing(work.appendingPathComponent("part")), [".vmt-dsl-manifest.jsonl", "lab"])
        for name in ["money_lab_rich.yaml", "money_lab_poor.yaml"] {
            XCTAssertEqual(FileManager.default.contents(atPath: work.appendingPathComponent("part/lab/\(name)").path),
                           FileManager.default.contents(atPath: work.appendingPathComponent("full/lab/\(name)").path), name)
        }
        let upToDate = runTool(["build", "scenarios.d/lab/money_lab_poor.vmt", "--out", "full", "--check"], in: work)
        XCTAssertEqual(upToDate.stdout, "checked 1 recipe: 1 scenario up to date, 0 stale, 0 missing\n")
    }

    func testAMistypedOrEmptyPathFails() throws {
        let work = try project()
        let mistyped = runTool(["check", "scenarios.d/lba"], in: work)
        XCTAssertEqual(mistyped.status, 1)
        XCTAssertEqual(mistyped.stderr, "error: no such file or folder: scenarios.d/lba\n")
        let empty = runTool(["build", "empty", "--out", "out"], in: work)
        XCTAssertEqual(empty.status, 1)
        XCTAssertEqual(empty.stderr, "error: no recipes (*.vmt) under empty\n")
        XCTAssertEqual(runTool(["fmt", "empty"], in: work).status, 1)
    }

    func testExplainOfALoneFileNeedsNoScenariosFolder() throws {
        let work = try temporaryDirectory(self)
        try Data("extends minimal\nseed 2\n".utf8).write(to: work.appendingPathComponent("alone.vmt"))
        let run = runTool(["explain", "alone.vmt"], in: work)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr, "", "no error about a missing scenarios.d")
    }

    func testAClashKeepsTheEarlierFileEvenWithPrune() throws {
        let work = try project()
        XCTAssertEqual(runTool(["build"], in: work).status, 0)
        let plain = work.appendingPathComponent("scenarios/plain.yaml")
        let before = try Data(contentsOf: plain)
        let clash = work.appendingPathComponent("scenarios.d/dup/clash.vmt")
        try FileManager.default.createDirectory(at: clash.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("scenario clash\nextends minimal\noutput plain.yaml\n".utf8).write(to: clash)
        let run = runTool(["build", "--prune"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("scenarios.d/plain.vmt:1:1: error: two recipes would write 'plain.yaml'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("scenarios.d/dup/clash.vmt:3:8: error: two recipes would write 'plain.yaml'"), run.stderr)
        XCTAssertFalse(run.stdout.contains("pruned"), run.stdout)
        XCTAssertEqual(try Data(contentsOf: plain), before, "the earlier file stays as it was")
    }
}
