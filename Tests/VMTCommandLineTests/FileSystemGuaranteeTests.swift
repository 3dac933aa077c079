import Foundation
import XCTest
@testable import VMTCommandLine
@testable import VMTCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// README "Guarantees" against the file system and the process (issue 11, items 2, 3, 5, 7, 8,
/// 10): signals, standard streams that fail, special files, links, leftovers of killed runs,
/// names and depths the old code got wrong. Signal and stream tests start the real binary;
/// special files are made with mknod/mkfifo in a temporary folder, never taken from /dev.
final class FileSystemGuaranteeTests: XCTestCase {
    private func write(_ files: [String: String], in work: URL) throws {
        for (path, text) in files {
            let url = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Every temporary file below `folder`.
    private func temporaryFiles(under folder: URL) -> [String] {
        (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.contains(TemporaryFiles.prefix) }
    }

    /// The real binary, started with `arguments` in `work`; its output streams go where given.
    private func start(_ arguments: [String], in work: URL, stdout: Any? = FileHandle.nullDevice,
                       stderr: Any? = FileHandle.nullDevice, executable: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try executable ?? productsDirectory().appendingPathComponent("vmt-dsl")
        process.arguments = arguments
        process.currentDirectoryURL = work
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return process
    }

    // MARK: Signals (item 5)

    func testInterruptedBuildsRemoveTheirTemporaryFilesAndEndByTheSignal() throws {
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let work = try temporaryDirectory(self)
            try write(["r/s.vmt": "scenario s_{seed}\nextends standard\nvary seed 1..1500\noutput s/{seed}.yaml\n"], in: work)
            let process = try start(["build", "r", "--out", "out"], in: work)
            // Wait until files are being written, then interrupt.
            let written = work.appendingPathComponent("out/s")
            let deadline = Date().addingTimeInterval(120)
            while ((try? FileManager.default.contentsOfDirectory(atPath: written.path))?.count ?? 0) < 20, process.isRunning, Date() < deadline {
                usleep(2000)
            }
            XCTAssertTrue(process.isRunning, "the build was still running when signal \(signal) was sent")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "signal \(signal)")
            XCTAssertEqual(process.terminationStatus, signal, "ended by signal \(signal): a shell shows \(128 + signal)")
            XCTAssertEqual(temporaryFiles(under: work), [], "signal \(signal) left temporary files")
        }
    }

    func testAnInterruptedGenerateLeavesNoPartialFile() throws {
        let work = try temporaryDirectory(self)
        let process = try start(["generate", "big", "--preset", "minimal", "--agents", "3000000", "--seed", "1",
                                 "--output", "big.yaml"], in: work)
        let deadline = Date().addingTimeInterval(120)
        while temporaryFiles(under: work).isEmpty, process.isRunning, Date() < deadline { usleep(2000) }
        XCTAssertFalse(temporaryFiles(under: work).isEmpty, "the temporary file was being written")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGTERM)
        XCTAssertEqual(listing(work), [], "neither the partial temporary file nor big.yaml")
    }

    func testLeftoversOfAKilledRunAreReportedByCheckAndRemovedByTheNextBuildAndFmt() throws {
        let work = try temporaryDirectory(self)
        try write(["r/a.vmt": "extends minimal\nseed 1\n"], in: work)
        XCTAssertEqual(runTool(["build", "r", "--out", "out"], in: work).status, 0)
        // What SIGKILL leaves: temporary files of a process that no longer exists.
        let dead = "\(TemporaryFiles.prefix)999999999-1"
        try write(["out/\(dead)": "partial", "out/sub/\(dead)": "partial", "r/\(dead)": "partial"], in: work)
        let check = runTool(["build", "r", "--out", "out", "--check"], in: work)
        XCTAssertEqual(check.status, 1, "a leftover makes --check fail")
        XCTAssertTrue(check.stdout.contains("leftover: out/\(dead) (a temporary file of an interrupted run; the next build removes it)"), check.stdout)
        XCTAssertTrue(check.stdout.contains("leftover: out/sub/\(dead)"), check.stdout)
        let json = runTool(["build", "r", "--out", "out", "--check", "--format", "json"], in: work)
        XCTAssertTrue(json.stdout.contains(#"{"kind":"leftover","output":"out/\#(dead)"}"#), json.stdout)
        let build = runTool(["build", "r", "--out", "out"], in: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(temporaryFiles(under: work.appendingPathComponent("out")), [])
        XCTAssertEqual(runTool(["build", "r", "--out", "out", "--check"], in: work).status, 0)
        XCTAssertEqual(runTool(["fmt", "r"], in: work).status, 0)
        XCTAssertEqual(temporaryFiles(under: work), [])
    }

    func testTheManifestIsNeverWrittenThroughALink() throws {
        let work = try temporaryDirectory(self)
        // The link's target reads as an empty manifest; what matters is that it is not written.
        try write(["r/a.vmt": "extends minimal\nseed 1\n", "precious.txt": ""], in: work)
        XCTAssertEqual(runTool(["build", "r", "--out", "out"], in: work).status, 0)
        let manifest = work.appendingPathComponent("out/.vmt-dsl-manifest.jsonl").path
        XCTAssertEqual(unlink(manifest), 0)
        XCTAssertEqual(symlink("../precious.txt", manifest), 0)
        try write(["r/a.vmt": "extends minimal\nseed 2\n"], in: work)
        let run = runTool(["build", "r", "--out", "out"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("symbolic link"), run.stderr)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("precious.txt"), encoding: .utf8), "")
        XCTAssertNotNil(try? FileManager.default.destinationOfSymbolicLink(atPath: manifest), "the link is left as it was")
    }

    // MARK: Standard streams (item 2)

    func testAFullStandardOutputOrErrorIsAnErrorNotATrap() throws {
        let work = try temporaryDirectory(self)
        guard mknod(work.appendingPathComponent("full").path, S_IFCHR | 0o666, deviceNumber(1, 7)) == 0 else {
            throw XCTSkip("mknod needs root; the full-device case is not exercised")
        }
        try write(["scenarios.d/a.vmt": "extends minimal\nseed 1\n", "bad/b.vmt": "extends nothing\n"], in: work)
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: work.appendingPathComponent("full").path))
        for arguments in [["--version"], ["build"], ["check"], ["explain", "a", "--json"], ["presets"], ["--help"]] {
            let errors = Pipe()
            let process = try start(arguments, in: work, stdout: full, stderr: errors)
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "\(arguments)")
            XCTAssertEqual(process.terminationStatus, 1, "\(arguments): \(text)")
            XCTAssertEqual(text, "error: cannot write standard output: No space left on device\n", "\(arguments)")
        }
        // Standard error full too: still status 1, silently.
        let process = try start(["check", "bad"], in: work, stdout: full, stderr: full)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertEqual(temporaryFiles(under: work), [])
    }

    func testAClosedPipeEndsTheRunCleanly() throws {
        let work = try temporaryDirectory(self)
        try write(["scenarios.d/a.vmt": "extends minimal\nvary seed 1..3000\nscenario a_{seed}\n"], in: work)
        // The reader goes away before the first byte: the listing of 3,000 variants cannot be written.
        func run(ignoringSIGPIPE: Bool) throws -> (Process, String) {
            let output = Pipe(), errors = Pipe()
            try output.fileHandleForReading.close()
            let binary = try productsDirectory().appendingPathComponent("vmt-dsl").path
            let script = (ignoringSIGPIPE ? "trap '' PIPE; " : "") + "exec \"$0\" explain scenarios.d/a.vmt --json"
            let process = try start(["-c", script, binary], in: work, stdout: output, stderr: errors,
                                    executable: URL(fileURLWithPath: "/bin/sh"))
            try output.fileHandleForWriting.close()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process, text)
        }
        let (ignoring, message) = try run(ignoringSIGPIPE: true)
        XCTAssertEqual(ignoring.terminationReason, .exit)
        XCTAssertEqual(ignoring.terminationStatus, 1, message)
        XCTAssertEqual(message, "error: cannot write standard output: Broken pipe\n")
        let (killed, _) = try run(ignoringSIGPIPE: false)
        XCTAssertEqual(killed.terminationReason, .uncaughtSignal, "SIGPIPE at its default: the conventional death, 141")
        XCTAssertEqual(killed.terminationStatus, SIGPIPE)
    }

    // MARK: Writing to what a path names (item 7)

    func testGenerateWritesToStandardOutputDevicesFIFOsAndLinkTargets() throws {
        let work = try temporaryDirectory(self)
        let arguments = ["generate", "g", "--preset", "minimal", "--seed", "1", "--output"]
        let file = runTool(arguments + ["real.yaml"], in: work)
        XCTAssertEqual(file.status, 0, file.stderr)
        let expected = try String(contentsOf: work.appendingPathComponent("real.yaml"), encoding: .utf8)

        let dash = runTool(arguments + ["-"], in: work)
        XCTAssertEqual(dash.status, 0, dash.stderr)
        XCTAssertEqual(dash.stdout, expected, "the YAML, and nothing else, on standard output")
        XCTAssertTrue(dash.stderr.hasPrefix("✓ Generated standard output\n"), dash.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("-").path))

        try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("link.yaml").path, withDestinationPath: "sub/t.yaml")
        XCTAssertEqual(runTool(arguments + ["link.yaml"], in: work).status, 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: work.appendingPathComponent("link.yaml").path), "sub/t.yaml")
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("sub/t.yaml"), encoding: .utf8), expected)

        if mknod(work.appendingPathComponent("null").path, S_IFCHR | 0o666, deviceNumber(1, 3)) == 0 {
            XCTAssertEqual(runTool(arguments + ["null"], in: work).status, 0)
            var info = stat()
            XCTAssertEqual(lstat(work.appendingPathComponent("null").path, &info), 0)
            XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "a device is written to, never replaced")
        }
        XCTAssertEqual(temporaryFiles(under: work), [])
    }

    func testFmtKeepsLinksOwnerModeAndHardLinks() throws {
        let work = try temporaryDirectory(self)
        try write(["real/a.vmt": "extends   minimal\nseed 1\n", "real/h.vmt": "extends   minimal\nseed 2\n"], in: work)
        let recipes = work.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: recipes.appendingPathComponent("a.vmt").path, withDestinationPath: "../real/a.vmt")
        XCTAssertEqual(link(work.appendingPathComponent("real/h.vmt").path, recipes.appendingPathComponent("h.vmt").path), 0)
        chmod(work.appendingPathComponent("real/a.vmt").path, 0o640)
        let run = runTool(["fmt", "r"], in: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "formatted 2, unchanged 0, failed 0\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: recipes.appendingPathComponent("a.vmt").path),
                       "../real/a.vmt", "the link stays a link")
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("real/a.vmt"), encoding: .utf8), "extends minimal\nseed 1\n")
        var info = stat()
        XCTAssertEqual(stat(work.appendingPathComponent("real/a.vmt").path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o640)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("real/h.vmt"), encoding: .utf8),
                       "extends minimal\nseed 2\n", "the other hard link sees the new text")
        XCTAssertEqual(stat(work.appendingPathComponent("real/h.vmt").path, &info), 0)
        XCTAssertEqual(info.st_nlink, 2)
    }

    // MARK: Honest reports (item 10)

    func testNamesLoopsAndDepthsAreReportedAsWhatTheyAre() throws {
        let work = try temporaryDirectory(self)
        try write(["r/good.vmt": "extends minimal\nseed 1\n"], in: work)
        let folder = open(work.appendingPathComponent("r").path, O_RDONLY | O_DIRECTORY)
        defer { close(folder) }
        let latin1: [CChar] = [0x63, 0x61, 0x66, CChar(bitPattern: 0xE9), 0x2E, 0x76, 0x6D, 0x74, 0]
        close(openat(folder, latin1, O_WRONLY | O_CREAT, 0o644))
        symlinkat("loop.vmt", folder, "loop.vmt")
        let run = runTool(["check", "r"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("error: r/caf\\xE9.vmt has a name that is not valid UTF-8"), run.stderr)
        XCTAssertTrue(run.stderr.contains("error: cannot read r/loop.vmt: it is a symbolic link loop"), run.stderr)
        XCTAssertFalse(run.stderr.contains("No such file"), run.stderr)
    }

    func testARecipeDeeperThanPathMaxIsChecked() throws {
        let work = try temporaryDirectory(self)
        try write(["r/a.vmt": "extends minimal\nseed 1\n"], in: work)
        var current = open(work.appendingPathComponent("r").path, O_RDONLY | O_DIRECTORY)
        let part = String(repeating: "d", count: 250)
        var opened: [Int32] = [current]
        for _ in 0..<18 {
            mkdirat(current, part, 0o755)
            current = openat(current, part, O_RDONLY | O_DIRECTORY)
            opened.append(current)
        }
        let file = openat(current, "deep.vmt", O_WRONLY | O_CREAT, 0o644)
        _ = "extends minimal\nseed 2\n".withCString { systemWrite(file, $0, 23) }
        close(file)
        let run = runTool(["check", "r"], in: work)
        XCTAssertEqual(run.stdout, "checked 2 recipes: 2 scenarios ok\n", run.stderr)
        XCTAssertEqual(run.status, 0)
        // Clean up with descriptors: FileManager stops at PATH_MAX.
        unlinkat(current, "deep.vmt", 0)
        for level in stride(from: opened.count - 2, through: 0, by: -1) {
            unlinkat(opened[level], part, AT_REMOVEDIR)
        }
        for descriptor in opened { close(descriptor) }
    }

    func testExplainOfAFileOutsideAProjectNeedsNoScenariosFolder() throws {
        let work = try temporaryDirectory(self)
        try write(["x.vmt": "extends minimal\nseed 1\n"], in: work)
        let run = runTool(["explain", "x.vmt"], in: work)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.hasPrefix("scenario x (x.vmt)"), run.stdout)
        // An unreadable file among the paths is reported, and the status says so.
        let withMissing = runTool(["explain", "x.vmt", "none"], in: work)
        XCTAssertEqual(withMissing.stderr, "error: no such file or folder: none\n")
        XCTAssertEqual(withMissing.status, 1)
    }
}

/// `makedev(major, minor)` (a C macro Swift does not import).
func deviceNumber(_ major: UInt32, _ minor: UInt32) -> dev_t {
    #if canImport(Glibc)
    return dev_t((major & 0xfff) << 8 | (minor & 0xff)) | dev_t(minor & ~0xff) << 12 | dev_t(major & ~0xfff) << 32
    #else
    return dev_t(Int32(bitPattern: major << 24 | minor))
    #endif
}
