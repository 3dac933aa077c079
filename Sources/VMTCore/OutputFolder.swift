// The output folder of a build, held open as a descriptor: every write, comparison and removal
// walks its relative path one folder at a time with O_NOFOLLOW, so nothing can lead it outside.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A build's output folder: the only place a build writes, confined by descriptors.
///
/// The folder itself is opened once, by its path (a symbolic link *to* the output folder is
/// fine: the user named it). Every operation then takes a path relative to it and walks that
/// path component by component: each folder is opened relative to its parent's descriptor with
/// `openat(O_DIRECTORY | O_NOFOLLOW)` (and created with `mkdirat` when a write finds it
/// missing), the file is created as a temporary file in its final folder with
/// `openat(O_CREAT | O_EXCL)` and renamed into place with `renameat` relative to that folder's
/// descriptor. No path string is ever resolved again, so no folder swapped for a symbolic link
/// while the build runs can carry a write outside: the walk fails on the link instead.
///
/// Symbolic links *inside* the output folder are never followed: a relative path through one,
/// or onto one, is refused with an error that names it. (A link leading elsewhere in the output
/// folder would let two outputs be one file.) Only regular files are replaced, compared or
/// removed; a FIFO, device or socket where an output belongs is refused.
///
/// Relative paths are `/`-separated, without empty, `.` or `..` components. The value is
/// immutable and its operations may run on several threads at once.
public final class OutputFolder: @unchecked Sendable {
    /// The folder's path as given; errors name `path/relative`.
    public let path: String
    /// The open folder, or -1 when it does not exist (and was not to be created).
    private let descriptor: Int32

    /// How an existing output compares with the bytes a build would write.
    public enum Comparison: Equatable, Sendable {
        /// The file holds exactly these bytes.
        case identical
        /// The file holds other bytes (found at the first differing byte or by its size).
        case different
        /// There is no such file (or one of its folders is missing).
        case missing
    }

    /// Opens the output folder at `path`. With `create`, a missing folder (and its missing
    /// parents) is created; without it, a missing folder is an empty one: everything in it is
    /// `missing`, and writing into it fails.
    /// - Throws: `CoreError.write` when `path` is a file, or cannot be opened or created.
    public init(path: String, create: Bool) throws(CoreError) {
        self.path = path
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
        let opened = open(path, flags)
        if opened >= 0 {
            descriptor = opened
        } else if errno == ENOENT && !create {
            descriptor = -1
        } else if errno == ENOENT {
            descriptor = try PathWriter.openFolder(path, for: path)
        } else {
            throw errno == ENOTDIR ? CoreError.write(path, .notAFolder) : CoreError.write(path, errno: errno)
        }
    }

    /// Whether the folder exists (it always does once opened with `create`).
    public var exists: Bool { descriptor >= 0 }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Replaces (or creates) the file at `relative` with what `produce` writes, creating its
    /// missing folders. A replaced file keeps its permission bits.
    /// - Throws: `CoreError.write` naming `path/relative`: a link or a non-folder on the way, a
    ///   link, folder or special file where the file belongs, or the system's error.
    public func write(_ relative: String, _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        let display = self.display(relative)
        guard let (folder, name) = try walk(relative, create: true) else {
            throw CoreError.write(display, errno: ENOENT)
        }
        defer { close(folder) }
        var info = stat()
        var keep = AtomicFile.Keep.nothing
        if fstatat(folder, Folders.cString(name), &info, AT_SYMLINK_NOFOLLOW) == 0 {
            try Self.requireRegular(info, relative: relative, display: display)
            keep = .of(info, owner: false)
        } else if errno != ENOENT {
            throw CoreError.write(display, errno: errno)
        }
        try AtomicFile.replace(in: folder, name: name, display: display, keep: keep, produce)
    }

    /// Replaces (or creates) the file at `relative` with `bytes`; see `write(_:_:)`.
    public func write(_ bytes: [UInt8], to relative: String) throws(CoreError) {
        try write(relative) { sink throws(CoreError) in try sink.write(bytes) }
    }

    /// Compares the file at `relative` with `bytes`, reading through the same descriptors as a
    /// write and never following a link. A file whose size differs is `different` without a
    /// read; otherwise it is read in 64 KiB chunks up to the first differing chunk, and at
    /// most `bytes.count + 1` bytes are read in all.
    /// - Throws: `CoreError.write` for what a write would refuse (a link or special file).
    public func compare(_ relative: String, with bytes: [UInt8]) throws(CoreError) -> Comparison {
        let display = self.display(relative)
        guard descriptor >= 0 else { return .missing }
        guard let (folder, name) = try walkExisting(relative) else { return .missing }
        defer { close(folder) }
        let file = openat(folder, Folders.cString(name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if file < 0 {
            if errno == ENOENT { return .missing }
            var info = stat()
            if fstatat(folder, Folders.cString(name), &info, AT_SYMLINK_NOFOLLOW) == 0 {
                try Self.requireRegular(info, relative: relative, display: display)
            }
            throw CoreError.write(display, errno: errno)
        }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else { throw CoreError.write(display, errno: errno) }
        try Self.requireRegular(info, relative: relative, display: display)
        guard info.st_size == off_t(bytes.count) else { return .different }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let wanted = min(buffer.count, bytes.count + 1 - offset)
            let count = buffer.withUnsafeMutableBytes { systemRead(file, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CoreError.write(display, errno: errno)
            }
            if count == 0 { return offset == bytes.count ? .identical : .different }
            guard offset + count <= bytes.count, buffer[0..<count].elementsEqual(bytes[offset..<(offset + count)]) else {
                return .different
            }
            offset += count
        }
    }

    /// The bytes of the regular file at `relative` (the manifest, an orphan to hash), read
    /// through the same descriptors as a write and never through a link: at most `limit` bytes
    /// (`BoundedRead`). Nil when there is no such file (or one of its folders is missing).
    /// - Throws: `CoreError.read` naming `path/relative`: a link on the way or at the file
    ///   (`.symbolicLinkOnTheWay`, `.symbolicLinkInOutputFolder`), a file that is not regular,
    ///   one past the limit, or the system's error.
    public func read(_ relative: String, limit: Int) throws(CoreError) -> [UInt8]? {
        let display = self.display(relative)
        guard descriptor >= 0 else { return nil }
        let walked: (Int32, [UInt8])?
        do throws(CoreError) {
            walked = try walkExisting(relative)
        } catch {
            // The walk's failures are worded for writes; a read says the same as a read.
            guard case .write(let failure) = error else { throw error }
            switch failure.reason {
            case .symbolicLinkOnTheWay(let link): throw CoreError.read(ReadFailure(path: display, reason: .symbolicLinkOnTheWay(link)))
            case .system(let code): throw CoreError.read(ReadFailure(path: display, reason: .system(code)))
            default: throw error
            }
        }
        guard let (folder, name) = walked else { return nil }
        defer { close(folder) }
        let file = openat(folder, Folders.cString(name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if file < 0 {
            let code = errno
            var info = stat()
            let isLink = fstatat(folder, Folders.cString(name), &info, AT_SYMLINK_NOFOLLOW) == 0 && Folders.isKind(info, S_IFLNK)
            if isLink { throw CoreError.read(ReadFailure(path: display, reason: .symbolicLinkInOutputFolder)) }
            if code == ENOENT { return nil }
            throw CoreError.read(ReadFailure(path: display, reason: .system(code)))
        }
        defer { close(file) }
        return try BoundedRead.read(descriptor: file, display: display, limit: limit).get()
    }

    /// Removes the folder at `relative` when it is empty (after pruning), through the same
    /// descriptors as a write: never through a link. Returns whether it was removed; a folder
    /// that is not empty, missing, or reached through a link stays, and is no error.
    @discardableResult
    public func removeEmptyFolder(_ relative: String) -> Bool {
        guard descriptor >= 0, let (folder, name) = try? walkExisting(relative) else { return false }
        defer { close(folder) }
        return unlinkat(folder, Folders.cString(name), AT_REMOVEDIR) == 0
    }

    /// Removes the regular file at `relative` (for pruning outputs no recipe makes any more).
    /// Returns false when there was nothing to remove.
    /// - Throws: `CoreError.write` for a link or special file, or the system's error.
    @discardableResult
    public func remove(_ relative: String) throws(CoreError) -> Bool {
        let display = self.display(relative)
        guard descriptor >= 0, let (folder, name) = try walkExisting(relative) else { return false }
        defer { close(folder) }
        var info = stat()
        guard fstatat(folder, Folders.cString(name), &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return false }
            throw CoreError.write(display, errno: errno)
        }
        try Self.requireRegular(info, relative: relative, display: display)
        guard unlinkat(folder, Folders.cString(name), 0) == 0 else {
            if errno == ENOENT { return false }
            throw CoreError.write(display, errno: errno)
        }
        return true
    }

    /// `path/relative`, the name errors use.
    private func display(_ relative: String) -> String {
        path.hasSuffix("/") ? path + relative : path + "/" + relative
    }

    /// The components of `relative`, or the error for a path that is not plainly relative.
    private func components(_ relative: String) throws(CoreError) -> [Substring] {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw CoreError.write(display(relative), .notRelative(relative))
        }
        return parts
    }

    /// Opens the folders of `relative` one by one; returns the last folder (to be closed by the
    /// caller) and the file's name. With `create`, missing folders are made; without, a missing
    /// folder gives nil.
    private func walk(_ relative: String, create: Bool) throws(CoreError) -> (Int32, [UInt8])? {
        guard descriptor >= 0 else {
            throw CoreError.write(display(relative), .noOutputFolder(path))
        }
        let parts = try components(relative)
        var current = dup(descriptor)
        guard current >= 0 else { throw CoreError.write(display(relative), errno: errno) }
        for (index, part) in parts.dropLast().enumerated() {
            let name = Folders.cString(Array(part.utf8))
            var next = openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 && errno == ENOENT && create {
                if mkdirat(current, name, 0o777) != 0 && errno != EEXIST {
                    let code = errno
                    close(current)
                    throw CoreError.write(display(relative), errno: code)
                }
                next = openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            if next < 0 && errno == ENOENT && !create {
                close(current)
                return nil
            }
            if next < 0 {
                let code = errno
                var info = stat()
                let isLink = fstatat(current, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && Folders.isKind(info, S_IFLNK)
                close(current)
                if isLink {
                    let link = parts[...index].joined(separator: "/")
                    throw CoreError.write(display(relative), .symbolicLinkOnTheWay(link))
                }
                throw CoreError.write(display(relative), errno: code)
            }
            close(current)
            current = next
        }
        return (current, Array((parts.last ?? "").utf8))
    }

    /// `walk` without creating: nil when a folder on the way is missing.
    private func walkExisting(_ relative: String) throws(CoreError) -> (Int32, [UInt8])? {
        try walk(relative, create: false)
    }

    /// Throws unless `info` is a regular file.
    private static func requireRegular(_ info: stat, relative: String, display: String) throws(CoreError) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK:
            throw CoreError.write(display, .symbolicLinkInOutputFolder)
        case S_IFDIR:
            throw CoreError.write(display, .isAFolder)
        default:
            throw CoreError.write(display, .specialFileInOutputFolder(BoundedRead.kindName(info)))
        }
    }
}
