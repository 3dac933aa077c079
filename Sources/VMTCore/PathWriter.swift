// Writing to what a path names (`generate --output`, `fmt`): devices and FIFOs are written to,
// links are followed, regular files are replaced atomically keeping their owner, group and mode.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to what a path names, as a user who typed the path expects.
///
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` (or a link to one) write
///   to the process's descriptor 1, 2 or N, which is never opened, closed or replaced.
/// - A symbolic link is followed (up to 40 links; more, or a loop, is an error) and its *target*
///   is written, created when missing; the link stays a link.
/// - A character or block device, or a FIFO, is opened `O_WRONLY` and written to, never
///   replaced (`/dev/null` stays a device). A socket or a folder is refused.
/// - A regular file is replaced atomically (`AtomicFile.replace`) in its own folder: the new
///   file keeps the old one's permission bits, and its owner and group where the system permits
///   `fchown` (always as root).
/// - A regular file with more than one hard link is first written completely to a temporary
///   file, then copied into the existing file (same inode), so every link sees the new bytes.
///   That copy is not atomic for a reader who looks during it, but it never starts before the
///   new bytes are complete; a failure while copying is reported.
/// - A missing file is created (mode 0644 less the umask), and its missing folders with it.
public enum PathWriter {
    /// The most symbolic links followed for one path (Linux's own limit).
    public static let maxLinks = 40

    /// Writes what `produce` writes to what `path` names; `path` is also the name in errors.
    public static func write(to path: String, _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        let target = try followLinks(path)
        if let descriptor = standardDescriptor(named: target) {
            try produce(FileDescriptorSink(descriptor: descriptor, path: path))
            return
        }
        let (folderPath, name) = split(target)
        try write(inFolder: folderPath, name: name, display: path, produce)
    }

    /// Writes what `produce` writes to the file `name` (any bytes but `/` and NUL, UTF-8 or not)
    /// in `folderPath`, created when missing; `display` names it in errors. The rules are those
    /// of `write(to:)` for the last component, except that a symbolic link by that name is refused.
    public static func write(inFolder folderPath: String, name: [UInt8], display path: String,
                             _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        let folder = try openFolder(folderPath, for: path)
        defer { close(folder) }
        var info = stat()
        guard fstatat(folder, Folders.cString(name), &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            guard errno == ENOENT else { throw CoreError.write(path, errno: errno) }
            try AtomicFile.replace(in: folder, name: name, display: path, produce)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG where info.st_nlink > 1:
            try writeInPlace(in: folder, name: name, display: path, produce)
        case S_IFREG:
            try AtomicFile.replace(in: folder, name: name, display: path, keep: .of(info, owner: true), produce)
        case S_IFCHR, S_IFBLK, S_IFIFO:
            let descriptor = openat(folder, Folders.cString(name), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { throw CoreError.write(path, errno: errno) }
            var closed = false
            defer { if !closed { close(descriptor) } }
            try produce(FileDescriptorSink(descriptor: descriptor, path: path))
            closed = true
            guard close(descriptor) == 0 else { throw CoreError.write(path, errno: errno) }
        case S_IFDIR:
            throw CoreError.write(path, .isAFolder)
        default:
            throw CoreError.write(path, .specialFile(BoundedRead.kindName(info)))
        }
    }

    /// Creates the new file at `path` with what `produce` writes (`import`'s and `new`'s
    /// recipes): the folder part is opened (following links: the user named it) and created
    /// with its missing parents; the last component is never followed and never replaced —
    /// anything by that name, a symbolic link to nothing included, refuses the write
    /// (`AtomicFile.create`). `display` names the file in errors (default: `path`).
    /// - Throws: `CoreError.write`: `.alreadyExists`, `.isASymbolicLink`, a folder part that is
    ///   not a folder, or the system's error.
    public static func create(_ path: String, display: String? = nil,
                              _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        let shown = display ?? path
        let (folderPath, name) = split(path)
        guard !name.isEmpty else { throw CoreError.write(shown, .isAFolder) }
        var created: [String] = []
        let folder = try openFolder(folderPath, for: shown, created: &created)
        defer { close(folder) }
        do {
            try AtomicFile.create(in: folder, name: name, display: shown, produce)
        } catch {
            // Nothing is left of a refused file: the folders made for it go too (only while
            // empty: `rmdir` removes nothing else).
            for made in created.reversed() where rmdir(made) != 0 { break }
            throw error
        }
    }

    /// What `create` would refuse at `path`, checked without following a link in its last
    /// component: `.isASymbolicLink` (dangling or not), `.alreadyExists` (anything else), or
    /// nil when nothing has that name (or it cannot be told; `create` then says why).
    public static func existing(at path: String) -> WriteReason? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Folders.isKind(info, S_IFLNK) ? .isASymbolicLink : .alreadyExists
    }

    /// `path`'s folder part (`.` when none, `/` for the root) and its last component's bytes.
    static func split(_ path: String) -> (folder: String, name: [UInt8]) {
        let slash = path.lastIndex(of: "/")
        let folderPath = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        let name = Array((slash.map { String(path[path.index(after: $0)...]) } ?? path).utf8)
        return (folderPath, name)
    }

    /// The descriptor a path such as `/dev/stdout` stands for, or nil for any other path.
    public static func standardDescriptor(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// `path` with every symbolic link of its last component followed, stopping at a standard
    /// stream's name (`/dev/stdout`, …), which the kernel resolves itself.
    static func followLinks(_ path: String) throws(CoreError) -> String {
        var current = path
        for _ in 0...maxLinks {
            if standardDescriptor(named: current) != nil { return current }
            var info = stat()
            guard lstat(current, &info) == 0, Folders.isKind(info, S_IFLNK) else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw CoreError.write(path, errno: errno) }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else {
                let folder = current.lastIndex(of: "/").map { String(current[...$0]) } ?? ""
                current = folder + target
            }
        }
        throw CoreError.write(path, .symbolicLinkLoop(maxLinks))
    }

    /// Opens the folder at `path` (following links: the user named it), creating it and its
    /// parents when missing.
    static func openFolder(_ path: String, for display: String) throws(CoreError) -> Int32 {
        var created: [String] = []
        return try openFolder(path, for: display, created: &created)
    }

    /// `openFolder`, adding to `created` each folder it made, outermost first.
    static func openFolder(_ path: String, for display: String, created: inout [String]) throws(CoreError) -> Int32 {
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
        var descriptor = open(path, flags)
        if descriptor < 0 && errno == ENOENT {
            var prefix = path.hasPrefix("/") ? "" : "."
            for part in path.split(separator: "/") {
                prefix += "/" + part
                if mkdir(prefix, 0o777) == 0 {
                    created.append(prefix)
                } else if errno != EEXIST {
                    break
                }
            }
            descriptor = open(path, flags)
            if descriptor < 0 && errno == ENOENT {
                throw CoreError.write(display, .cannotCreateFolder(path))
            }
        }
        guard descriptor >= 0 else { throw CoreError.write(display, errno: errno) }
        return descriptor
    }

    /// Writes the new bytes completely to a temporary file, then copies them into the existing
    /// file `name` (the inode every hard link shares) and removes the temporary file.
    static func writeInPlace(in folder: Int32, name: [UInt8], display: String,
                             _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        let (temporary, registration) = TemporaryFiles.register(folder: folder)
        defer { TemporaryFiles.release(registration) }
        let scratch = openat(folder, temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard scratch >= 0 else { throw CoreError.write(display, errno: errno) }
        defer {
            close(scratch)
            unlinkat(folder, temporary, 0)
        }
        try produce(FileDescriptorSink(descriptor: scratch, path: display))
        let target = openat(folder, Folders.cString(name), O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY)
        guard target >= 0 else { throw CoreError.write(display, errno: errno) }
        defer { close(target) }
        guard lseek(scratch, 0, SEEK_SET) == 0 else { throw CoreError.write(display, errno: errno) }
        let sink = FileDescriptorSink(descriptor: target, path: display)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(scratch, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CoreError.write(display, errno: errno)
            }
            if count == 0 { break }
            try buffer.withUnsafeBufferPointer { chunk throws(CoreError) in try sink.write(UnsafeBufferPointer(rebasing: chunk[0..<count])) }
            total += off_t(count)
        }
        guard ftruncate(target, total) == 0 else { throw CoreError.write(display, errno: errno) }
    }
}
