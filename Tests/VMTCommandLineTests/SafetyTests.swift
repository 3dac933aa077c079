import Foundation
import XCTest
@testable import VMTCommandLine
import VMTProject
import VMTRecipe

/// Limits, confinement of outputs, and writes that fail without damage.
final class SafetyTests: XCTestCase {
    private func folder(_ files: [String: String]) throws -> URL {
        let work = try temporaryDirectory(self)
        for (name, text) in files {
            let url = work.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return work
    }

    /// Every file below `url`, relative, sorted.
    private func tree(_ url: URL) -> [String] {
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: url.path) {
            for case let path as String in walker { files.append(path) }
        }
        return files.sorted()
    }

    func testAnExtendsChainDeeperThanTheLimitIsRefused() throws {
        var files = ["r/c0.vmt": "scenario c0\ntemplate\nextends minimal\n"]
        for depth in 1...Resolver.maxChainDepth + 1 {
            files["r/c\(depth).vmt"] = "scenario c\(depth)\n\(depth <= Resolver.maxChainDepth ? "template\n" : "")extends c\(depth - 1)\n"
        }
        let work = try folder(files)
        let run = runTool(["check", "r"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("error: extends chain is deeper than 64 recipes"), run.stderr)
        // A chain of exactly 64 recipes (c63 -> ... -> c0 -> preset) is fine.
        let top = Resolver.maxChainDepth - 1
        for depth in top + 1...Resolver.maxChainDepth + 1 {
            try FileManager.default.removeItem(at: work.appendingPathComponent("r/c\(depth).vmt"))
        }
        try Data("scenario c\(top)\nextends c\(top - 1)\n".utf8).write(to: work.appendingPathComponent("r/c\(top).vmt"))
        let ok = runTool(["check", "r"], in: work)
        XCTAssertEqual(ok.status, 0, ok.stderr)
    }

    func testARecipeFileOverTheSizeLimitIsRefused() throws {
        let big = "# " + String(repeating: "x", count: Project.maxRecipeBytes) + "\nextends minimal\n"
        let work = try folder(["r/big.vmt": big, "r/ok.vmt": "extends minimal\nseed 1\n"])
        let run = runTool(["build", "r", "--out", "out"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "error: r/big.vmt is larger than 1024 KiB; a recipe file may be at most that\n")
        XCTAssertEqual(run.stdout, "built 2 recipes: 1 scenario written, 0 unchanged, 1 recipe failed\n", "the other recipe is still built")
    }

    func testSymbolicLinksCannotLeadWritesOutOfTheOutputFolder() throws {
        let work = try folder([
            "r/through.vmt": "extends minimal\nseed 1\noutput link/x.yaml\n",
            "r/onto.vmt": "extends minimal\nseed 2\noutput f.yaml\n",
            "r/inside.vmt": "extends minimal\nseed 3\noutput here/y.yaml\n",
            "elsewhere/target.yaml": "precious\n",
        ])
        let out = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("link").path, withDestinationPath: "../elsewhere")
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("f.yaml").path,
                                                   withDestinationPath: "../elsewhere/target.yaml")
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("here").path, withDestinationPath: "real")
        let run = runTool(["build", "r", "--out", "out"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("r/through.vmt:3:8: error: cannot write \(out.path)/link/x.yaml: link is a symbolic link; nothing is written through a symbolic link in the output folder"), run.stderr)
        XCTAssertTrue(run.stderr.contains("r/onto.vmt:3:8: error: cannot write \(out.path)/f.yaml: it is a symbolic link in the output folder; refusing to replace it"), run.stderr)
        // A link that stays inside is refused too: through it, two outputs could be one file (issue 11, item 9).
        XCTAssertTrue(run.stderr.contains("r/inside.vmt:3:8: error: cannot write \(out.path)/here/y.yaml: here is a symbolic link; nothing is written through a symbolic link in the output folder"), run.stderr)
        XCTAssertEqual(run.stdout, "built 3 recipes: 0 scenarios written, 0 unchanged, 3 recipes failed\n")
        XCTAssertEqual(tree(work.appendingPathComponent("elsewhere")), ["target.yaml"])
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("elsewhere/target.yaml"), encoding: .utf8), "precious\n")
        XCTAssertEqual(tree(out.appendingPathComponent("real")), [])
        // --check reports the same refusals instead of reading through the links.
        let check = runTool(["build", "r", "--out", "out", "--check"], in: work)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("link is a symbolic link; nothing is written through a symbolic link"), check.stderr)
    }

    func testAFullDiskLeavesTheOldFileAndNoTemporaryFile() throws {
        let work = try temporaryDirectory(self)
        let mountPoint = work.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        func command(_ arguments: [String]) -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/mount")
            process.arguments = arguments
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return -1 }
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard FileManager.default.fileExists(atPath: "/bin/mount"),
              command(["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.path]) == 0 else {
            throw XCTSkip("a 64 KiB tmpfs cannot be mounted here (needs root); the disk-full case is not exercised")
        }
        defer {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/umount")
            process.arguments = [mountPoint.path]
            try? process.run()
            process.waitUntilExit()
        }
        let old = mountPoint.appendingPathComponent("out.yaml")
        try Data("old\n".utf8).write(to: old)
        let run = runTool(["generate", "big", "--preset", "minimal", "--agents", "100000", "--seed", "1",
                           "--output", old.path], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("error: cannot write \(old.path): No space left on device"), run.stderr)
        XCTAssertEqual(try String(contentsOf: old, encoding: .utf8), "old\n")
        XCTAssertEqual(tree(mountPoint), ["out.yaml"], "no temporary file is left behind")

        // The same through build: the recipe fails, the old file stays, nothing else is left.
        let recipes = work.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("extends minimal\nagents 100000\nseed 1\noutput out.yaml\n".utf8).write(to: recipes.appendingPathComponent("a.vmt"))
        let build = runTool(["build", "r", "--out", mountPoint.path], in: work)
        XCTAssertEqual(build.status, 1)
        XCTAssertTrue(build.stderr.contains("No space left on device"), build.stderr)
        XCTAssertEqual(try String(contentsOf: old, encoding: .utf8), "old\n")
        XCTAssertEqual(tree(mountPoint), ["out.yaml"])
    }

    func testTwoBuildsAtOnceLeaveOnlyCompleteFiles() throws {
        let work = try folder(["r/s.vmt": "scenario s_{seed}\nextends standard\nvary seed 1..300\noutput s/{seed}.yaml\n"])
        let first = runTool(["build", "r", "--out", "reference"], in: work)
        XCTAssertEqual(first.status, 0, first.stderr)
        // Two real processes racing on one output folder.
        let processes = try (0..<2).map { _ -> Process in
            let process = Process()
            process.executableURL = try productsDirectory().appendingPathComponent("vmt-dsl")
            process.arguments = ["build", "r", "--out", "out"]
            process.currentDirectoryURL = work
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        for process in processes { XCTAssertEqual(process.terminationStatus, 0) }
        let files = tree(work.appendingPathComponent("out/s"))
        XCTAssertEqual(files.count, 300, "no temporary files: \(files.filter { $0.contains(".tmp-") })")
        for file in files {
            XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("out/s/" + file)),
                           try Data(contentsOf: work.appendingPathComponent("reference/s/" + file)), file)
        }
    }
}
