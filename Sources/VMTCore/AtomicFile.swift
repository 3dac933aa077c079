// Replacing one file atomically inside a folder held open as a descriptor: the primitive under
// `OutputFolder` (build outputs) and `PathWriter` (`generate --output`, `fmt`).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A sink that writes straight to a file descriptor (a `write(2)` loop; `EINTR` is retried,
/// any other failure, `EPIPE` and `ENOSPC` among them, is thrown as a `CoreError.write`).
public final class FileDescriptorSink: ByteSink {
    /// The descriptor written to; not closed by the sink.
    public let descriptor: Int32
    /// The path named in errors.
    public let path: String

    /// A sink writing to `descriptor`, naming `path` in its errors.
    public init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Writes all of `bytes`, or throws.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CoreError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw CoreError.write(path, errno: errno)
            }
            offset += written
        }
    }
}

/// Replaces one file of a folder atomically.
///
/// The bytes go to a new temporary file `.vmt-dsl.tmp-PID-N` created with `O_CREAT | O_EXCL`
/// in the folder (entered in `TemporaryFiles` first, so a signal removes it), which is renamed
/// over the target with `renameat` once everything is written. A reader sees the old file or
/// the new one, never a mix; on any failure the old file is left as it was and the temporary
/// file is removed.
///
/// There is no `fsync`: the rename makes the replacement atomic for readers and against a
/// failing or killed process, which is what a build needs; it is not a promise about power
/// loss (an fsync per file made a 10,000-file build five times slower).
public enum AtomicFile {
    /// What the new file keeps of the one it replaces.
    public struct Keep: Sendable {
        /// Permission bits (`st_mode & 0o7777`); nil: 0644 less the umask.
        public var mode: mode_t?
        /// Owner and group, set with `fchown` (permitted to root, or to a member keeping its own
        /// file); nil: the creating process's. A refused `fchown` is ignored.
        public var owner: (uid: uid_t, gid: gid_t)?

        /// Keep nothing: a new file.
        public static let nothing = Keep(mode: nil, owner: nil)

        /// Keep the permission bits, and the owner and group when `owner` is true, of `info`.
        public static func of(_ info: stat, owner: Bool) -> Keep {
            Keep(mode: info.st_mode & 0o7777, owner: owner ? (info.st_uid, info.st_gid) : nil)
        }
    }

    /// Replaces `name` in the folder open as `folder` with what `produce` writes; `display`
    /// names the file in errors. The caller has checked what `name` is now.
    public static func replace(in folder: Int32, name: [UInt8], display: String, keep: Keep = .nothing,
                               _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        let (temporary, registration) = TemporaryFiles.register(folder: folder)
        defer { TemporaryFiles.release(registration) }
        let descriptor = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, keep.mode ?? 0o644)
        guard descriptor >= 0 else { throw CoreError.write(display, errno: errno) }
        if TemporaryFiles.isStopping {
            // A signal handler is removing this run's files: do not leave one behind it.
            unlinkat(folder, temporary, 0)
            close(descriptor)
            while true { pause() }
        }
        var closed = false
        do throws(CoreError) {
            try produce(FileDescriptorSink(descriptor: descriptor, path: display))
            if let owner = keep.owner { _ = fchown(descriptor, owner.uid, owner.gid) }
            // After fchown, which clears set-user-ID bits.
            if let mode = keep.mode { _ = fchmod(descriptor, mode) }
            closed = true
            guard close(descriptor) == 0 else { throw CoreError.write(display, errno: errno) }
            guard renameat(folder, temporary, folder, Folders.cString(name)) == 0 else {
                throw CoreError.write(display, errno: errno)
            }
        } catch {
            if !closed { close(descriptor) }
            unlinkat(folder, temporary, 0)
            throw error
        }
    }

    /// Creates the new file `name` in the folder open as `folder` with what `produce` writes,
    /// never replacing anything: the complete temporary file is hard-linked to `name` with
    /// `linkat`, which fails when *anything* has that name (a file, a folder, a symbolic link,
    /// dangling or not: `linkat` never follows one), so no check can be raced. On a file system
    /// without hard links the name is checked with `fstatat(AT_SYMLINK_NOFOLLOW)` and the file
    /// renamed into place. `display` names the file in errors.
    /// - Throws: `CoreError.write` with `.alreadyExists` or `.isASymbolicLink` when something
    ///   has that name (nothing is written), or the system's error.
    public static func create(in folder: Int32, name: [UInt8], display: String,
                              _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        try refuseExisting(in: folder, name: name, display: display)
        let (temporary, registration) = TemporaryFiles.register(folder: folder)
        defer { TemporaryFiles.release(registration) }
        let descriptor = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw CoreError.write(display, errno: errno) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
            unlinkat(folder, temporary, 0)
        }
        try produce(FileDescriptorSink(descriptor: descriptor, path: display))
        closed = true
        guard close(descriptor) == 0 else { throw CoreError.write(display, errno: errno) }
        let target = Folders.cString(name)
        if linkat(folder, temporary, folder, target, 0) == 0 { return }
        let code = errno
        if code == EEXIST {
            try refuseExisting(in: folder, name: name, display: display)
            throw CoreError.write(display, .alreadyExists)
        }
        // No hard links here (EPERM, ENOTSUP, ENOSYS…): check, then rename.
        try refuseExisting(in: folder, name: name, display: display)
        guard renameat(folder, temporary, folder, target) == 0 else { throw CoreError.write(display, errno: errno) }
    }

    /// Throws `.isASymbolicLink` or `.alreadyExists` when something is named `name` in `folder`
    /// (links not followed).
    static func refuseExisting(in folder: Int32, name: [UInt8], display: String) throws(CoreError) {
        var info = stat()
        if fstatat(folder, Folders.cString(name), &info, AT_SYMLINK_NOFOLLOW) == 0 {
            throw CoreError.write(display, Folders.isKind(info, S_IFLNK) ? .isASymbolicLink : .alreadyExists)
        }
        guard errno == ENOENT else { throw CoreError.write(display, errno: errno) }
    }

    /// Writes what `produce` writes to what `path` names (see `PathWriter`).
    public static func write(to path: String, _ produce: (ByteSink) throws(CoreError) -> Void) throws(CoreError) {
        try PathWriter.write(to: path, produce)
    }

    /// Writes `bytes` to what `path` names (see `PathWriter`).
    public static func write(_ bytes: [UInt8], to path: String) throws(CoreError) {
        try PathWriter.write(to: path) { sink throws(CoreError) in try sink.write(bytes) }
    }
}

/// `write(2)`, under a name that does not clash with the `write` methods.
@inline(__always)
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #elseif canImport(Darwin)
    return Darwin.write(descriptor, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, buffer, count)
    #else
    #error("vmt-dsl needs Glibc, Musl or Darwin for write(2)")
    #endif
}

/// `read(2)`, under a name that does not clash with the `read` methods.
@inline(__always)
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
    #elseif canImport(Darwin)
    return Darwin.read(descriptor, buffer, count)
    #elseif canImport(Musl)
    return Musl.read(descriptor, buffer, count)
    #else
    #error("vmt-dsl needs Glibc, Musl or Darwin for read(2)")
    #endif
}
