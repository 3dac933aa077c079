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
/// flushed and then renamed over the target. A reader sees the old file or the new one, never
/// a mix; on any failure the old file is left as it was and the temporary file is removed.
public enum AtomicFile {
    /// Writes what `produce` writes into `sink` to `path`, creating missing parent folders.
    public static func write(to path: String, _ produce: (ByteSink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileWriteError(path: path, reason: "it is a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: path, reason: "cannot create folder \(folder)")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // A replaced file keeps its permissions; a new one gets the usual 0644 (less the umask).
        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        var closed = false
        do {
            try produce(FileDescriptorSink(descriptor: descriptor, path: path))
            if mode != 0o644 { _ = fchmod(descriptor, mode) }
            guard fsync(descriptor) == 0 else {
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
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

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in
            try bytes.withUnsafeBufferPointer { try sink.write($0) }
        }
    }
}
