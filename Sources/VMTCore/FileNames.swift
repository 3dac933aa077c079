// The small system layer the file code shares: error texts, file names as bytes, folder listings
// through descriptors.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names as the system has them (bytes), and how they are shown.
public enum FileName {
    /// `bytes` as text: valid UTF-8 as is, every byte that is not part of valid UTF-8 as `\xNN`
    /// (so a name the system accepts but Unicode does not is still shown, and told apart).
    public static func display(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var text = ""
        var index = 0
        while index < bytes.count {
            var iterator = bytes[index...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            if case .valid(let encoded) = parser.parseScalar(from: &iterator) {
                text.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                index += encoded.count
            } else {
                text += "\\x" + hex(bytes[index])
                index += 1
            }
        }
        return text
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    /// The system's words for `code` (an `errno` value).
    public static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// One entry of a folder listing.
struct FolderEntry {
    /// The name, as bytes.
    var name: [UInt8]
    /// The entry's `lstat` (links are not followed).
    var info: stat
}

/// Folder listings through descriptors, so that names of any bytes and folders of any depth work.
enum Folders {
    /// The entries of the folder open as `descriptor` (without `.` and `..`), sorted by name
    /// bytes; nil (with `errno` set) when the folder cannot be read.
    static func entries(of descriptor: Int32) -> [FolderEntry]? {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else { return nil }
        defer { closedir(stream) }
        rewinddir(stream)
        var entries: [FolderEntry] = []
        while let entry = readdir(stream) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [46] || name == [46, 46] { continue }
            var info = stat()
            guard fstatat(descriptor, name.map { CChar(bitPattern: $0) } + [0], &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            entries.append(FolderEntry(name: name, info: info))
        }
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return entries
    }

    /// `bytes` as a C string (NUL-terminated).
    static func cString(_ bytes: [UInt8]) -> [CChar] {
        bytes.map { CChar(bitPattern: $0) } + [0]
    }

    /// Whether `info` describes an entry of kind `kind` (`S_IFDIR`, `S_IFREG`, `S_IFLNK`, …).
    static func isKind(_ info: stat, _ kind: mode_t) -> Bool {
        (info.st_mode & S_IFMT) == kind
    }
}
