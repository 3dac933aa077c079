import Foundation
import XCTest
@testable import VMTCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bounded reads, writes to what a path names, temporary-file bookkeeping, file-name display.
/// Special files are made with mknod/mkfifo in a temporary folder, never taken from /dev.
final class FileLayerTests: XCTestCase {
    // MARK: BoundedRead

    func testReadsAreBoundedByWhatIsReadNotByTheReportedSize() throws {
        let work = try scratchFolder(self)
        try "abc".write(toFile: work + "/small", atomically: false, encoding: .utf8)
        XCTAssertEqual(try BoundedRead.read(work + "/small", limit: 3).get(), Array("abc".utf8))
        XCTAssertEqual(BoundedRead.read(work + "/small", limit: 2).failureReason, .tooLarge(limit: 2))
        // /proc/self/pagemap reports size 0 and holds gigabytes.
        if FileManager.default.fileExists(atPath: "/proc/self/pagemap") {
            symlink("/proc/self/pagemap", work + "/pagemap.vmt")
            XCTAssertEqual(BoundedRead.read(work + "/pagemap.vmt", limit: 1 << 20).failureReason, .tooLarge(limit: 1 << 20),
                           "a file that reports size 0 is still bounded")
        }
    }

    func testSpecialFilesAreRefusedWithoutBlockingAndLinksAreNamed() throws {
        let work = try scratchFolder(self)
        XCTAssertEqual(mkfifo(work + "/fifo", 0o644), 0)
        XCTAssertEqual(BoundedRead.read(work + "/fifo", limit: 10).failureReason, .notARegularFile("a FIFO"))
        XCTAssertEqual(BoundedRead.read(work, limit: 10).failureReason, .notARegularFile("a folder"))
        symlink("loop", work + "/loop")
        XCTAssertEqual(BoundedRead.read(work + "/loop", limit: 10).failureReason, .symbolicLinkLoop)
        symlink("nowhere", work + "/dangling")
        XCTAssertEqual(BoundedRead.read(work + "/dangling", limit: 10).failureReason, .danglingSymbolicLink)
        XCTAssertEqual(BoundedRead.read(work + "/none", limit: 10).failureReason, .notFound)
        if mknod(work + "/null", S_IFCHR | 0o666, deviceNumber(1, 3)) == 0 {
            XCTAssertEqual(BoundedRead.read(work + "/null", limit: 10).failureReason, .notARegularFile("a character device"))
        }
    }

    // MARK: PathWriter

    func testDevicesAndFIFOsAreWrittenToNotReplaced() throws {
        let work = try scratchFolder(self)
        guard mknod(work + "/null", S_IFCHR | 0o666, deviceNumber(1, 3)) == 0 else {
            throw XCTSkip("mknod needs root")
        }
        try AtomicFile.write(Array("yaml\n".utf8), to: work + "/null")
        var info = stat()
        XCTAssertEqual(lstat(work + "/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "the device is still a device")
        if mknod(work + "/full", S_IFCHR | 0o666, deviceNumber(1, 7)) == 0 {
            XCTAssertThrowsError(try AtomicFile.write(Array("yaml\n".utf8), to: work + "/full")) { error in
                XCTAssertEqual("\(error)", "cannot write \(work)/full: No space left on device")
            }
            XCTAssertEqual(lstat(work + "/full", &info), 0)
            XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
        }
        XCTAssertEqual(mkfifo(work + "/fifo", 0o644), 0)
        let reader = Thread {
            let input = open(work + "/fifo", O_RDONLY)
            var got: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while case let count = buffer.withUnsafeMutableBytes({ read(input, $0.baseAddress, 4096) }), count > 0 {
                got += buffer[0..<count]
            }
            close(input)
            _ = FileManager.default.createFile(atPath: work + "/got", contents: Data(got))
        }
        reader.start()
        try AtomicFile.write(Array("through the fifo\n".utf8), to: work + "/fifo")
        while !reader.isFinished { usleep(1000) }
        XCTAssertEqual(try String(contentsOfFile: work + "/got", encoding: .utf8), "through the fifo\n")
        XCTAssertEqual(lstat(work + "/fifo", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
        XCTAssertEqual(everything(under: work), ["fifo", "full", "got", "null"].filter { FileManager.default.fileExists(atPath: work + "/" + $0) })
    }

    func testALinkIsFollowedAndItsTargetReplacedInItsOwnFolder() throws {
        let work = try scratchFolder(self)
        try FileManager.default.createDirectory(atPath: work + "/real", withIntermediateDirectories: true)
        try "old\n".write(toFile: work + "/real/t.yaml", atomically: false, encoding: .utf8)
        chmod(work + "/real/t.yaml", 0o640)
        symlink("real/t.yaml", work + "/link.yaml")
        symlink("link.yaml", work + "/link2.yaml")
        try AtomicFile.write(Array("new\n".utf8), to: work + "/link2.yaml")
        XCTAssertEqual(try String(contentsOfFile: work + "/real/t.yaml", encoding: .utf8), "new\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: work + "/link.yaml"), "real/t.yaml")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: work + "/link2.yaml"), "link.yaml")
        var info = stat()
        XCTAssertEqual(stat(work + "/real/t.yaml", &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o640)
        // A dangling link gets its target created; a loop is named.
        symlink("made.yaml", work + "/dangling.yaml")
        try AtomicFile.write(Array("made\n".utf8), to: work + "/dangling.yaml")
        XCTAssertEqual(try String(contentsOfFile: work + "/made.yaml", encoding: .utf8), "made\n")
        symlink("loop.yaml", work + "/loop.yaml")
        XCTAssertThrowsError(try AtomicFile.write([1], to: work + "/loop.yaml")) { error in
            XCTAssertTrue("\(error)".contains("symbolic link loop"), "\(error)")
        }
    }

    func testOwnerGroupAndModeAreKeptAndHardLinksShareTheNewBytes() throws {
        let work = try scratchFolder(self)
        let file = work + "/r.vmt"
        try "old\n".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o604)
        let owned = getuid() == 0 && chown(file, 1234, 5678) == 0
        try AtomicFile.write(Array("new\n".utf8), to: file)
        var info = stat()
        XCTAssertEqual(stat(file, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o604)
        if owned {
            XCTAssertEqual(info.st_uid, 1234)
            XCTAssertEqual(info.st_gid, 5678)
        }
        XCTAssertEqual(link(file, work + "/hard.vmt"), 0)
        try AtomicFile.write(Array("through the inode\n".utf8), to: work + "/hard.vmt")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "through the inode\n")
        var hard = stat()
        XCTAssertEqual(stat(work + "/hard.vmt", &hard), 0)
        XCTAssertEqual(hard.st_ino, info.st_ino, "the hard link is kept")
        XCTAssertEqual(hard.st_nlink, 2)
        try AtomicFile.write(Array("short\n".utf8), to: file)
        XCTAssertEqual(try String(contentsOfFile: work + "/hard.vmt", encoding: .utf8), "short\n", "truncated to the new size")
        XCTAssertEqual(everything(under: work), ["hard.vmt", "r.vmt"])
    }

    func testStandardStreamNamesWriteToTheDescriptor() {
        XCTAssertEqual(PathWriter.standardDescriptor(named: "/dev/stdout"), 1)
        XCTAssertEqual(PathWriter.standardDescriptor(named: "/dev/stderr"), 2)
        XCTAssertEqual(PathWriter.standardDescriptor(named: "/dev/fd/7"), 7)
        XCTAssertEqual(PathWriter.standardDescriptor(named: "/proc/self/fd/1"), 1)
        XCTAssertNil(PathWriter.standardDescriptor(named: "/dev/null"))
    }

    // MARK: TemporaryFiles

    func testStaleTemporaryFilesAreThoseOfDeadProcessesOrOldOnes() throws {
        let work = try scratchFolder(self)
        try FileManager.default.createDirectory(atPath: work + "/sub", withIntermediateDirectories: true)
        let dead = deadProcessID()
        let names = ["\(TemporaryFiles.prefix)\(dead)-1", "sub/\(TemporaryFiles.prefix)\(dead)-2",
                     "\(TemporaryFiles.prefix)\(getpid())-3", "\(TemporaryFiles.prefix)\(getppid())-4",
                     "\(TemporaryFiles.prefix)garbage", "keep.yaml"]
        for name in names { try "x".write(toFile: work + "/" + name, atomically: false, encoding: .utf8) }
        // A live process's file untouched for longer than staleAge is stale too.
        let old = work + "/\(TemporaryFiles.prefix)\(getppid())-5"
        try "x".write(toFile: old, atomically: false, encoding: .utf8)
        var times = [timespec(tv_sec: time(nil) - 7200, tv_nsec: 0), timespec(tv_sec: time(nil) - 7200, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, old, &times, 0), 0)
        let expected = [work + "/\(TemporaryFiles.prefix)\(dead)-1", old, work + "/\(TemporaryFiles.prefix)garbage",
                        work + "/sub/\(TemporaryFiles.prefix)\(dead)-2"]
        XCTAssertEqual(Set(TemporaryFiles.staleTemporaryFiles(in: work)), Set(expected))
        XCTAssertEqual(Set(TemporaryFiles.staleTemporaryFiles(in: work, recursive: false)), Set(expected.dropLast()))
        XCTAssertEqual(Set(TemporaryFiles.removeStaleTemporaryFiles(in: work)), Set(expected))
        XCTAssertEqual(everything(under: work), ["\(TemporaryFiles.prefix)\(getpid())-3", "\(TemporaryFiles.prefix)\(getppid())-4",
                                                 "keep.yaml", "sub"].sorted())
    }

    func testRemoveAllRemovesRegisteredFilesOnly() throws {
        let work = try scratchFolder(self)
        let folder = open(work, O_RDONLY | O_DIRECTORY)
        defer { close(folder) }
        let (name, registration) = TemporaryFiles.register(folder: folder)
        XCTAssertTrue(name.hasPrefix(TemporaryFiles.prefix + "\(getpid())-"))
        try "x".write(toFile: work + "/" + name, atomically: false, encoding: .utf8)
        try "y".write(toFile: work + "/other", atomically: false, encoding: .utf8)
        // What the signal handler does, without its stop flag (the test process goes on).
        let table = TemporaryFiles.Table.shared
        for slot in 0..<TemporaryFiles.slotCount where table.folders[slot] >= 0 {
            unlinkat(table.folders[slot], table.names + slot * TemporaryFiles.nameCapacity, 0)
        }
        TemporaryFiles.release(registration)
        XCTAssertEqual(everything(under: work), ["other"])
    }

    // MARK: File names and trees

    func testNamesThatAreNotUTF8AreShownEscaped() {
        XCTAssertEqual(FileName.display(Array("café.vmt".utf8)), "café.vmt")
        XCTAssertEqual(FileName.display([0x63, 0x61, 0x66, 0xE9, 0x2E, 0x76]), "caf\\xE9.v")
        XCTAssertEqual(FileName.display([0xFF, 0xC3]), "\\xFF\\xC3")
    }

    func testTheTreeReportsWhatItCannotReadAndReadsBeyondPathMax() throws {
        let work = try scratchFolder(self)
        try "a".write(toFile: work + "/a.vmt", atomically: false, encoding: .utf8)
        symlink("loop.vmt", work + "/loop.vmt")
        // A name that is not UTF-8: "caf" 0xE9 ".vmt" (Latin-1 é).
        let folder = open(work, O_RDONLY | O_DIRECTORY)
        let name: [CChar] = [0x63, 0x61, 0x66, CChar(bitPattern: 0xE9), 0x2E, 0x76, 0x6D, 0x74, 0]
        let file = openat(folder, name, O_WRONLY | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(file, 0)
        close(file)
        // A recipe deeper than PATH_MAX: 20 folders of 240 characters.
        var current = dup(folder)
        let part = String(repeating: "d", count: 240)
        for _ in 0..<20 {
            XCTAssertEqual(mkdirat(current, part, 0o755), 0)
            let next = openat(current, part, O_RDONLY | O_DIRECTORY)
            close(current)
            current = next
        }
        let deep = openat(current, "deep.vmt", O_WRONLY | O_CREAT, 0o644)
        _ = "deep".withCString { systemWrite(deep, $0, 4) }
        close(deep)
        close(current)
        close(folder)
        let tree = try XCTUnwrap(FileTree.files(under: work, suffix: ".vmt", limit: 100, display: "r"))
        XCTAssertEqual(tree.files.map(\.relativePath.count), [5, 20 * 241 + 8, 8])
        XCTAssertEqual(try tree.files[0].contents.get(), Array("a".utf8))
        XCTAssertEqual(try tree.files[1].contents.get(), Array("deep".utf8), "read, not skipped")
        XCTAssertEqual(tree.files[2].contents.failureReason, .symbolicLinkLoop)
        XCTAssertEqual(tree.problems, [FileTree.Problem(relativePath: "caf\\xE9.vmt",
            message: "has a name that is not valid UTF-8 (shown with \\xNN for each such byte); rename it")])
        // Removing the deep tree needs descriptors too (FileManager stops at PATH_MAX).
        removeDeep(work, part)
    }

    private func removeDeep(_ work: String, _ part: String) {
        var folders: [Int32] = [open(work, O_RDONLY | O_DIRECTORY)]
        for _ in 0..<20 { folders.append(openat(folders[folders.count - 1], part, O_RDONLY | O_DIRECTORY)) }
        unlinkat(folders[20], "deep.vmt", 0)
        for level in stride(from: 19, through: 0, by: -1) {
            unlinkat(folders[level], part, AT_REMOVEDIR)
        }
        for descriptor in folders { close(descriptor) }
    }

    /// A process ID that no process has now.
    private func deadProcessID() -> pid_t {
        var candidate: pid_t = 4_000_000
        while kill(candidate, 0) == 0 || errno != ESRCH { candidate -= 1 }
        return candidate
    }
}

extension Result where Failure == CoreError {
    /// The reason of a read failure, nil for a success (or another failure).
    var failureReason: ReadReason? {
        if case .failure(.read(let failure)) = self { return failure.reason }
        return nil
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
