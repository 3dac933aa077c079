import Foundation
import XCTest
@testable import VMTCommandLine
import VMTCore

/// Files the tool creates or reads beside a build's outputs never go through a symbolic link
/// (README, "Guarantees": confinement), and a target that cannot be written is one clear line.
final class ConfinementTests: XCTestCase {
    /// Whether anything (a link included) has the name `path`.
    private func lexists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `import` refuses a dangling link where its recipe belongs: nothing is created at the
    /// link's target (nor its folders), the link stays, one error line, exit 1.
    func testImportRefusesADanglingLinkAtTheRecipe() throws {
        let directory = try temporaryDirectory(self)
        try writeScenario("o", to: directory.appendingPathComponent("o.yaml"))
        let folder = directory.appendingPathComponent("dl/scenarios.d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let elsewhere = directory.appendingPathComponent("elsewhere/deep/o.vmt").path
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("o.vmt").path, withDestinationPath: elsewhere)
        let run = runTool(["import", "o.yaml", "--out", "dl/scenarios.d"], in: directory)
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertEqual(run.stderr, "error: o.yaml: dl/scenarios.d/o.vmt is a symbolic link; not writing through it (choose another --out)\n")
        XCTAssertFalse(lexists(directory.appendingPathComponent("elsewhere").path), "nothing created through the link")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("o.vmt").path), elsewhere)
    }

    /// `new` refuses a link at PATH, dangling or not, and leaves its target alone.
    func testNewRefusesALinkAtItsPath() throws {
        let directory = try temporaryDirectory(self)
        let folder = directory.appendingPathComponent("dl/scenarios.d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dangling = directory.appendingPathComponent("elsewhere/n.vmt").path
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("n.vmt").path, withDestinationPath: dangling)
        var run = runTool(["new", "dl/scenarios.d/n.vmt"], in: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "error: dl/scenarios.d/n.vmt is a symbolic link; not writing through it\n")
        XCTAssertFalse(lexists(directory.appendingPathComponent("elsewhere").path))
        // A link to an existing file: the file keeps its bytes.
        let existing = directory.appendingPathComponent("kept.txt")
        try Data("kept\n".utf8).write(to: existing)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("k.vmt").path, withDestinationPath: existing.path)
        run = runTool(["new", "dl/scenarios.d/k.vmt"], in: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "error: dl/scenarios.d/k.vmt is a symbolic link; not writing through it\n")
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "kept\n")
    }

    /// The creating writer itself: a link appearing after the check is still refused (linkat
    /// never replaces), and a new file is created with the bytes.
    func testCreateNeverReplacesAnything() throws {
        let directory = try temporaryDirectory(self)
        let target = directory.appendingPathComponent("f.vmt").path
        try PathWriter.create(target) { sink throws(CoreError) in try sink.write(Array("one\n".utf8)) }
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "one\n")
        XCTAssertThrowsError(try PathWriter.create(target) { sink throws(CoreError) in try sink.write(Array("two\n".utf8)) }) { error in
            XCTAssertEqual(error as? CoreError, .write(WriteFailure(path: target, reason: .alreadyExists)))
        }
        let link = directory.appendingPathComponent("l.vmt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.appendingPathComponent("gone").path)
        // The link appears while the bytes are produced, after the first check.
        let late = directory.appendingPathComponent("late.vmt").path
        XCTAssertThrowsError(try PathWriter.create(late) { sink throws(CoreError) in
            _ = symlink(directory.appendingPathComponent("gone2").path, late)
            try sink.write(Array("x\n".utf8))
        }) { error in
            XCTAssertEqual(error as? CoreError, .write(WriteFailure(path: late, reason: .isASymbolicLink)))
        }
        XCTAssertFalse(lexists(directory.appendingPathComponent("gone2").path))
        XCTAssertEqual(listing(directory).filter { $0.hasPrefix(".vmt-dsl.tmp") }, [], "no temporary file left")
    }

    /// The manifest is read through the output folder's descriptor: a link there is reported as
    /// a link, never read (it was /etc/passwd's "line 1: not JSON").
    func testTheManifestIsNeverReadThroughALink() throws {
        let directory = try temporaryDirectory(self)
        XCTAssertEqual(runTool(["new", "scenarios.d/a.vmt"], in: directory).status, 0)
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent(".vmt-dsl-manifest.jsonl").path,
                                                   withDestinationPath: "/etc/passwd")
        let run = runTool(["build", "scenarios.d", "--out", "out"], in: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains(".vmt-dsl-manifest.jsonl: it is a symbolic link in the output folder; links there are never followed"), run.stderr)
        XCTAssertFalse(run.stderr.contains("not JSON"), run.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent(".vmt-dsl-manifest.jsonl").path), "/etc/passwd")
    }

    /// Orphans are hashed through the folder's descriptors: an orphan reached through a linked
    /// folder is not read, counts as changed, and is never pruned.
    func testAnOrphanBehindALinkedFolderIsNotFollowed() throws {
        let directory = try temporaryDirectory(self)
        XCTAssertEqual(runTool(["new", "scenarios.d/sub/a.vmt"], in: directory).status, 0)
        XCTAssertEqual(runTool(["build", "scenarios.d", "--out", "out"], in: directory).status, 0)
        // The built folder moves elsewhere and a link takes its place; the recipe goes away.
        let outside = directory.appendingPathComponent("outside")
        try FileManager.default.moveItem(at: directory.appendingPathComponent("out/sub"), to: outside)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("out/sub").path, withDestinationPath: outside.path)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("scenarios.d/sub/a.vmt"))
        try Data("scenario b\nextends minimal\n".utf8).write(to: directory.appendingPathComponent("scenarios.d/b.vmt"))
        let run = runTool(["build", "scenarios.d", "--out", "out", "--prune"], in: directory)
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.appendingPathComponent("a.yaml").path), run.stdout + run.stderr)
    }

    /// A target folder `import` cannot use is one line naming it, never a system error dump.
    func testImportIntoAFolderThatCannotBeOneIsOneLine() throws {
        let directory = try temporaryDirectory(self)
        try writeScenario("q", to: directory.appendingPathComponent("q.yaml"))
        try Data("x\n".utf8).write(to: directory.appendingPathComponent("o.yaml"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("LOOP").path, withDestinationPath: "LOOP")
        for out in ["o.yaml", "/proc/foo", "/dev/null/x", "LOOP"] {
            let run = runTool(["import", "q.yaml", "--out", out], in: directory)
            XCTAssertEqual(run.status, 1, out)
            let errors = run.stderr.split(separator: "\n")
            XCTAssertEqual(errors.count, 1, run.stderr)
            XCTAssertTrue(run.stderr.hasPrefix("error: q.yaml: cannot write \(out)/q.vmt: "), run.stderr)
            for debug in ["Error Domain", "NSCocoa", "UserInfo", "Code="] {
                XCTAssertFalse(run.stderr.contains(debug), run.stderr)
            }
        }
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("o.yaml"), encoding: .utf8), "x\n")
    }

    /// A recipe `new` or `import` cannot create (its name is too long for the file system)
    /// leaves nothing behind: not the file, nor the folders made for it; an existing folder stays.
    func testARefusedRecipeLeavesNoFoldersBehind() throws {
        let directory = try temporaryDirectory(self)
        let long = String(repeating: "m", count: 253)
        let refused = runTool(["new", "x/y/z/\(long).vmt"], in: directory)
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.hasPrefix("error: cannot write x/y/z/"), refused.stderr)
        XCTAssertFalse(lexists(directory.appendingPathComponent("x").path), "new left x/ behind")

        let yamlName = String(repeating: "q", count: 254)
        try writeScenario("q", to: directory.appendingPathComponent(yamlName))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("o"), withIntermediateDirectories: true)
        let failed = runTool(["import", yamlName, "--out", "o/p/q"], in: directory)
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertFalse(lexists(directory.appendingPathComponent("o/p").path), "import left o/p/ behind")
        XCTAssertTrue(lexists(directory.appendingPathComponent("o").path), "the existing folder o/ is kept")
    }
}
