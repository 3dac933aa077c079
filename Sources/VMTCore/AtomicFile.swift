import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error writing a file, with the path and the system's reason.
public struct FileWriteError: Error, CustomStringConvertible {
    /// The file that could not be written.
    public let path: String
    /// Why, in the system's words.
    public let reason: String

    /// "cannot write PATH: REASON".
    public var description: String { "cannot write \(path): \(reason)" }
}

/// A sink that writes straight to a file descriptor.
final class FileDescriptorSink: ByteSink {
    let descriptor: Int32
    let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }
}

/// Replaces files atomically: the bytes go to a temporary file in the same folder, which is
/// renamed over the target once everything is written. A reader sees the old file or the new
/// one, never a mix; on any failure the old file is left as it was and the temporary file is
/// removed. A replaced file keeps its permissions.
///
/// There is no `fsync`: the rename makes the replacement atomic for readers and against a
/// failing or killed process, which is what a build needs; it is not a promise about power
/// loss (an fsync per file made a 10,000-file build five times slower).
public enum AtomicFile {
    private static let processID = getpid()

    /// Writes what `produce` writes into `sink` to `path`, creating missing parent folders.
    public static func write(to path: String, _ produce: (ByteSink) throws -> Void) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let fileName = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if exists && (existing.st_mode & S_IFMT) == S_IFDIR {
            throw FileWriteError(path: path, reason: "it is a folder")
        }
        let mode: mode_t = exists ? existing.st_mode & 0o7777 : 0o644
        let (temporary, descriptor) = try createTemporary(in: folder, for: fileName, mode: mode, path: path)
        var closed = false
        do {
            try produce(FileDescriptorSink(descriptor: descriptor, path: path))
            if exists { _ = fchmod(descriptor, mode) }
            closed = true
            guard close(descriptor) == 0 else {
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
            guard rename(temporary, path) == 0 else {
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    /// Opens a new temporary file next to the target, creating the folder when it is missing.
    private static func createTemporary(in folder: String, for fileName: String, mode: mode_t,
                                        path: String) throws -> (String, Int32) {
        var createdFolder = false
        var attempt: UInt64 = DispatchTime.now().uptimeNanoseconds
        while true {
            // A short name of its own: `.NAME.tmp-…` would pass the 255-byte limit for long names.
            let temporary = folder + "/.vmt-dsl.tmp-\(processID)-\(attempt)"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 { return (temporary, descriptor) }
            switch errno {
            case EEXIST:
                attempt &+= 1
            case ENOENT where !createdFolder:
                createdFolder = true
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw FileWriteError(path: path, reason: "cannot create folder \(folder)")
                }
            default:
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in
            try bytes.withUnsafeBufferPointer { try sink.write($0) }
        }
    }
}
