import Foundation
import XCTest
@testable import VMTCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh empty folder under the system's temporary folder, removed when the test ends.
func scratchFolder(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "vmt-core-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// Every path below `folder` (links not followed), sorted.
func everything(under folder: String) -> [String] {
    (FileManager.default.subpaths(atPath: folder) ?? []).sorted()
}

/// The writer confined by descriptors: writes, comparisons, removals, and the refusals.
final class OutputFolderTests: XCTestCase {
    func testWritesCreateFoldersAndReplaceAtomicallyKeepingTheMode() throws {
        let root = try scratchFolder(self) + "/out"
        let folder = try OutputFolder(path: root, create: true)
        try folder.write(Array("one\n".utf8), to: "a/b/c.yaml")
        XCTAssertEqual(try String(contentsOfFile: root + "/a/b/c.yaml", encoding: .utf8), "one\n")
        chmod(root + "/a/b/c.yaml", 0o600)
        try folder.write(Array("two\n".utf8), to: "a/b/c.yaml")
        XCTAssertEqual(try String(contentsOfFile: root + "/a/b/c.yaml", encoding: .utf8), "two\n")
        var info = stat()
        XCTAssertEqual(stat(root + "/a/b/c.yaml", &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o600, "a replaced file keeps its permission bits")
        XCTAssertEqual(everything(under: root), ["a", "a/b", "a/b/c.yaml"], "no temporary file is left")
    }

    func testCompareStopsAtTheSizeOrTheFirstDifference() throws {
        let root = try scratchFolder(self)
        let folder = try OutputFolder(path: root, create: false)
        XCTAssertEqual(try folder.compare("none/x.yaml", with: [1]), .missing)
        XCTAssertEqual(try folder.compare("x.yaml", with: [1]), .missing)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try folder.write(bytes, to: "x.yaml")
        XCTAssertEqual(try folder.compare("x.yaml", with: bytes), .identical)
        var changed = bytes
        changed[150_000] ^= 1
        XCTAssertEqual(try folder.compare("x.yaml", with: changed), .different)
        XCTAssertEqual(try folder.compare("x.yaml", with: Array(bytes.dropLast())), .different)
        XCTAssertEqual(try folder.compare("x.yaml", with: []), .different)

        // A 5 GB sparse file is compared by its size, not read whole (this would take minutes).
        let huge = open(root + "/huge.yaml", O_WRONLY | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(huge, 0)
        XCTAssertEqual(ftruncate(huge, 5 << 30), 0)
        close(huge)
        let start = Date()
        XCTAssertEqual(try folder.compare("huge.yaml", with: bytes), .different)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testLinksAndSpecialFilesInsideAreNeverFollowedOrReplaced() throws {
        let work = try scratchFolder(self)
        let root = work + "/out"
        try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work + "/elsewhere", withIntermediateDirectories: true)
        try "precious\n".write(toFile: work + "/elsewhere/t.yaml", atomically: false, encoding: .utf8)
        symlink("../elsewhere", root + "/outside")
        symlink("real", root + "/inside")
        symlink("../elsewhere/t.yaml", root + "/onto.yaml")
        mkfifo(root + "/pipe.yaml", 0o644)
        let folder = try OutputFolder(path: root, create: true)
        for relative in ["outside/x.yaml", "inside/x.yaml", "onto.yaml", "pipe.yaml"] {
            XCTAssertThrowsError(try folder.write([1], to: relative), relative) { error in
                XCTAssertTrue("\(error)".hasPrefix("cannot write \(root)/\(relative): "), "\(error)")
            }
            XCTAssertThrowsError(try folder.compare(relative, with: [1]), relative)
            XCTAssertThrowsError(try folder.remove(relative), relative)
        }
        XCTAssertThrowsError(try folder.write([1], to: "outside/x.yaml")) { error in
            XCTAssertEqual("\(error)", "cannot write \(root)/outside/x.yaml: outside is a symbolic link; nothing is written through a symbolic link in the output folder")
        }
        for relative in ["../x.yaml", "/x.yaml", "a//b.yaml", "./x.yaml", ""] {
            XCTAssertThrowsError(try folder.write([1], to: relative), relative)
        }
        XCTAssertEqual(everything(under: work + "/elsewhere"), ["t.yaml"])
        XCTAssertEqual(try String(contentsOfFile: work + "/elsewhere/t.yaml", encoding: .utf8), "precious\n")
        XCTAssertEqual(everything(under: root + "/real"), [])
    }

    func testRemoveDeletesOnlyRegularFiles() throws {
        let root = try scratchFolder(self)
        let folder = try OutputFolder(path: root, create: false)
        try folder.write([1], to: "a/x.yaml")
        XCTAssertTrue(try folder.remove("a/x.yaml"))
        XCTAssertFalse(try folder.remove("a/x.yaml"))
        XCTAssertFalse(try folder.remove("b/x.yaml"))
        try FileManager.default.createDirectory(atPath: root + "/a/d.yaml", withIntermediateDirectories: true)
        XCTAssertThrowsError(try folder.remove("a/d.yaml"))
    }

    func testAMissingFolderIsEmptyUntilCreatedAndAFileIsNoFolder() throws {
        let work = try scratchFolder(self)
        let missing = try OutputFolder(path: work + "/none", create: false)
        XCTAssertFalse(missing.exists)
        XCTAssertEqual(try missing.compare("x.yaml", with: [1]), .missing)
        XCTAssertThrowsError(try missing.write([1], to: "x.yaml"))
        try "x".write(toFile: work + "/file", atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try OutputFolder(path: work + "/file", create: true)) { error in
            XCTAssertEqual("\(error)", "cannot write \(work)/file: it is not a folder")
        }
    }

    /// Issue 11, item 8: a second thread swaps a subfolder with a symbolic link to a folder
    /// outside, over and over (with renameat2's RENAME_EXCHANGE where there is one), while many
    /// files are written into that subfolder. Nothing may appear outside.
    func testNoWriteLandsOutsideWhileAFolderIsSwappedForALink() throws {
        let work = try scratchFolder(self)
        let root = work + "/out"
        let outside = work + "/outside"
        try FileManager.default.createDirectory(atPath: root + "/sw", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        symlink(outside, root + "/decoy")
        let folder = try OutputFolder(path: root, create: true)
        let state = SwapperState()
        let swapper = Thread {
            while !state.stop {
                if !exchange(root + "/sw", root + "/decoy") {
                    // No RENAME_EXCHANGE: swap by renames (a window without either name, too).
                    rename(root + "/sw", root + "/held")
                    rename(root + "/decoy", root + "/sw")
                    rename(root + "/sw", root + "/decoy")
                    rename(root + "/held", root + "/sw")
                    rename(root + "/sw", root + "/held")
                    rename(root + "/decoy", root + "/sw")
                    rename(root + "/sw", root + "/decoy")
                    rename(root + "/held", root + "/sw")
                }
                state.swaps += 1
            }
        }
        swapper.start()
        var written = 0, refused = 0
        for index in 0..<3000 {
            do {
                try folder.write(Array("file \(index)\n".utf8), to: "sw/\(index).yaml")
                written += 1
            } catch {
                refused += 1
            }
        }
        state.stop = true
        while !swapper.isFinished { usleep(1000) }
        XCTAssertEqual(everything(under: outside), [], "nothing was written outside the output folder")
        XCTAssertGreaterThan(written, 0)
        XCTAssertGreaterThan(state.swaps, 100, "the swapper ran during the writes")
        let leftovers = everything(under: root).filter { $0.contains(TemporaryFiles.prefix) }
        XCTAssertEqual(leftovers, [], "every failed write removed its temporary file")
        _ = refused
    }
}

/// What the swapping thread and the test share (a flag and a count; exactness does not matter).
private final class SwapperState: @unchecked Sendable {
    var stop = false
    var swaps = 0
}

#if canImport(Glibc)
@_silgen_name("renameat2")
private func renameat2(_ from: Int32, _ old: UnsafePointer<CChar>, _ to: Int32, _ new: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif

/// Exchanges two names atomically (Linux's renameat2 RENAME_EXCHANGE); false where that is unavailable.
private func exchange(_ first: String, _ second: String) -> Bool {
    #if canImport(Glibc)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, 2) == 0
    #else
    return false
    #endif
}
