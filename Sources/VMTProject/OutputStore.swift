// The disk stage: where an output lands (after symbolic links), whether it may be written there,
// how its bytes compare with the file already there, and the atomic write. Reads are bounded by
// what is actually read, and comparisons stop at the first difference.
import Foundation
import VMTCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output folder of a build: comparisons with, and writes into, the files under it.
struct OutputStore: Sendable {
    /// The folder, absolute ("" for a run that touches no output folder).
    let root: String

    /// How a rendering compares with the file on disk.
    enum Comparison: Equatable {
        /// The file holds exactly these bytes.
        case same
        /// The file holds other bytes (or is not a readable regular file).
        case different
        /// There is no file.
        case missing
    }

    // MARK: Locations

    /// The place `relative` names once symbolic links are followed: the real path of its
    /// deepest existing folder, then the rest. Two outputs with one location are one file.
    /// `cache` keeps each folder's answer (one `realpath` per folder, not per output).
    func location(of relative: String, cache: inout [String: String]) -> String {
        let parts = relative.split(separator: "/").filter { $0 != "." }
        let folder = parts.dropLast().joined(separator: "/")
        let name = parts.last.map(String.init) ?? relative
        if let known = cache[folder] { return known + "/" + name }
        var existing = root + (folder.isEmpty ? "" : "/" + folder)
        var rest: [String] = []
        var resolved: String?
        while resolved == nil {
            if let real = Self.realPath(existing) {
                resolved = real
            } else if existing == root || !existing.hasPrefix(root) {
                resolved = existing
            } else {
                rest.insert(Project.lastComponent(existing), at: 0)
                existing = Project.parent(of: existing)
            }
        }
        let location = ([resolved ?? existing] + rest).joined(separator: "/")
        cache[folder] = location
        return location + "/" + name
    }

    /// Why writing `relative` is refused, or nil when it is fine: a folder on the way that is a
    /// symbolic link leading outside the output folder, or a file that is a symbolic link
    /// (replacing it would silently turn a link into a file).
    func problem(writing relative: String) -> String? {
        let rootReal = Self.realPath(root) ?? root
        let parts = relative.split(separator: "/").map(String.init)
        var current = root
        for (index, part) in parts.enumerated() {
            current += "/" + part
            var info = stat()
            guard lstat(current, &info) == 0 else { return nil }  // missing: created as a real folder
            guard (info.st_mode & S_IFMT) == S_IFLNK else { continue }
            if index == parts.count - 1 {
                return "\(relative) is a symbolic link in the output folder; refusing to replace it"
            }
            guard let real = Self.realPath(current), real == rootReal || real.hasPrefix(rootReal + "/") else {
                return "\(relative) would be written through the symbolic link \(parts[...index].joined(separator: "/")), which leads outside the output folder"
            }
        }
        return nil
    }

    /// The canonical absolute path of an existing file or folder.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: Comparing

    /// The output folder as it exists now (nil when it does not), for comparisons.
    let existing: OutputFolder?
    /// Opens (creating it) the folder for writing, once, when the first write needs it.
    let opener: FolderOpener

    /// The store of the output folder at `root` (absolute); nothing is created yet.
    init(root: String) {
        self.root = root
        let folder = root.isEmpty ? nil : try? OutputFolder(path: root, create: false)
        existing = folder?.exists == true ? folder : nil
        opener = FolderOpener(path: root, existing: existing)
    }

    /// Compares `bytes` with the file at `relative` through the output folder's descriptors
    /// (never following a link; a size mismatch answers without reading).
    func compare(_ relative: String, with bytes: [UInt8]) throws(CoreError) -> Comparison {
        switch try existing?.compare(relative, with: bytes) ?? .missing {
        case .identical: return .same
        case .different: return .different
        case .missing: return .missing
        }
    }

    /// Compares what `produce` writes with the file at `relative` as it is written, keeping
    /// only one chunk in memory; stops reading at the first difference. A path through a
    /// symbolic link is refused as a write would be.
    func compare(_ relative: String, _ produce: (ByteSink) throws(CoreError) -> Void) throws(ProjectError) -> Comparison {
        guard existing != nil else { return .missing }
        if let problem = problem(writing: relative) { throw .refused(problem) }
        guard let reader = FileComparer(root + "/" + relative) else { return .missing }
        try ProjectError.wrapping { () throws(CoreError) in try produce(reader) }
        return reader.equal && reader.atEnd() ? .same : .different
    }

    // MARK: Writing

    /// Writes `bytes` to `relative` atomically through the output folder (see `OutputFolder`
    /// for what is refused: links inside the folder, special files).
    func write(_ bytes: [UInt8], to relative: String) throws(CoreError) {
        try folder(for: relative).write(bytes, to: relative)
    }

    /// The output folder, opened for writing; when it cannot be made, the error names the file.
    private func folder(for relative: String) throws(CoreError) -> OutputFolder {
        do throws(CoreError) {
            return try opener.folder()
        } catch .write(let failure) {
            throw .write(WriteFailure(path: failure.path + "/" + relative, reason: failure.reason))
        } catch {
            throw error
        }
    }

    /// Writes what `produce` writes to `relative` atomically (streamed) through the output folder.
    func write(_ relative: String, _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        try folder(for: relative).write(relative, produce)
    }
}

/// Opens the output folder for writing once, on first use, from any thread.
final class FolderOpener: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var opened: Result<OutputFolder, CoreError>?

    init(path: String, existing: OutputFolder?) {
        self.path = path
        if let existing { opened = .success(existing) }
    }

    /// The folder, created when missing; the same error on every call when it cannot be.
    func folder() throws(CoreError) -> OutputFolder {
        lock.lock()
        defer { lock.unlock() }
        if let opened { return try opened.get() }
        let result = Result { () throws(CoreError) in try OutputFolder(path: path, create: true) }
        opened = result
        return try result.get()
    }
}

/// Reads a file alongside bytes handed to it, remembering whether everything matched so far.
final class FileComparer: ByteSink {
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    /// False from the first difference on (then nothing more is read).
    private(set) var equal = true

    /// Opens `path` for reading, or nil when there is no file there.
    init?(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
        }
        self.descriptor = descriptor
        if descriptor < 0 { equal = false }
        var info = stat()
        if descriptor >= 0, fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG { equal = false }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Whether the file's next bytes are `bytes` (false once anything differed).
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while equal && offset < bytes.count {
            let wanted = min(buffer.count, bytes.count - offset)
            let got = buffer.withUnsafeMutableBytes { readSome(descriptor, $0.baseAddress, wanted) }
            guard got > 0 else {
                equal = false
                break
            }
            for index in 0..<got where buffer[index] != bytes[offset + index] {
                equal = false
                break
            }
            offset += got
        }
        return equal
    }

    /// Whether the file has no more bytes.
    func atEnd() -> Bool {
        guard equal else { return false }
        var byte: UInt8 = 0
        return readSome(descriptor, &byte, 1) == 0
    }

    /// Compares the bytes as a sink receives them.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = matches(bytes)
    }
}

/// `read(2)`, retried on EINTR; -1 on an error.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    while true {
        let got = read(descriptor, buffer, count)
        if got < 0 && errno == EINTR { continue }
        return got
    }
}
