// Reading a file with a limit that holds whatever the file claims to be: at most limit + 1 bytes
// are read, and only from a regular file.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads regular files up to a limit.
///
/// The limit holds against files whose reported size is wrong (`/proc` files report 0, a file
/// may grow while it is read): what is read counts, never `st_size`. At most `limit + 8` bytes
/// are ever read (reads are whole multiples of 8 bytes, which some `/proc` files require), and
/// one byte beyond the limit is enough to refuse. Files are opened with `O_NONBLOCK`, then checked with `fstat`, so
/// a FIFO or a terminal is refused at once instead of blocking; symbolic links are followed
/// (a loop is reported as one).
public enum BoundedRead {
    /// The bytes of the file at `path` (followed through links), or why not.
    public static func read(_ path: String, limit: Int, display: String? = nil) -> Result<[UInt8], CoreError> {
        read(at: AT_FDCWD, name: Array(path.utf8), display: display ?? path, limit: limit)
    }

    /// The bytes of the file `name` in the folder open as `folder` (`AT_FDCWD` for the current
    /// folder), shown as `display` in errors.
    public static func read(at folder: Int32, name: [UInt8], display: String, limit: Int) -> Result<[UInt8], CoreError> {
        let cName = Folders.cString(name)
        let descriptor = openat(folder, cName, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            return .failure(.read(ReadFailure(path: display, reason: openFailure(errno, folder: folder, name: cName))))
        }
        defer { close(descriptor) }
        return read(descriptor: descriptor, display: display, limit: limit)
    }

    /// The bytes of the open file `descriptor`, refused unless it is a regular file of at most
    /// `limit` bytes.
    public static func read(descriptor: Int32, display: String, limit: Int) -> Result<[UInt8], CoreError> {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.read(ReadFailure(path: display, reason: .system(errno)))) }
        guard Folders.isKind(info, S_IFREG) else {
            return .failure(.read(ReadFailure(path: display, reason: .notARegularFile(kindName(info)))))
        }
        let cap = limit >= Int.max - 8 ? Int.max - 8 : limit + 1
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(cap, max(0, Int(info.st_size)) + 1, 1 << 20))
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while bytes.count < cap {
            // Whole multiples of 8 bytes: some /proc files (pagemap) refuse other sizes.
            let wanted = min(chunkSize, (cap - bytes.count + 7) / 8 * 8)
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.read(ReadFailure(path: display, reason: .system(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard bytes.count <= limit else { return .failure(.read(ReadFailure(path: display, reason: .tooLarge(limit: limit)))) }
        return .success(bytes)
    }

    /// The reason an `openat` failed with `code`.
    static func openFailure(_ code: Int32, folder: Int32, name: [CChar]) -> ReadReason {
        switch code {
        case ELOOP: return .symbolicLinkLoop
        case ENOENT:
            var info = stat()
            if fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0, Folders.isKind(info, S_IFLNK) {
                return .danglingSymbolicLink
            }
            return .notFound
        case ENXIO:
            // A socket opened for reading, or a FIFO or device without its other end.
            return .notARegularFile(CoreMessages.specialFile)
        default: return .system(code)
        }
    }

    /// "a folder", "a FIFO", "a character device", … for a file that is not regular.
    public static func kindName(_ info: stat) -> String {
        CoreMessages.fileKind(info.st_mode)
    }
}
