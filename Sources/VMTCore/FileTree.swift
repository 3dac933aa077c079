// Finding and reading the files of one kind below a folder, through descriptors: names of any
// bytes, folders deeper than PATH_MAX, every file read with a limit.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files whose names end in a suffix below a folder, each read with a limit.
///
/// The walk opens each folder relative to its parent (`openat(O_DIRECTORY | O_NOFOLLOW)`), so
/// the length of a path never matters (a recipe deeper than PATH_MAX is found and read), and a
/// symbolic link to a folder is not entered (no cycles). A matching entry that is a symbolic link
/// is followed when read: a link to nothing and a link loop are reported as such. Nothing is
/// skipped silently: a name that is not valid UTF-8, a folder with the suffix, a folder that
/// cannot be opened and one nested deeper than `maxDepth` are each reported.
public enum FileTree {
    /// The deepest folder entered, in levels below the root.
    public static let maxDepth = 256

    /// One matching file: where it is, and its bytes or why they could not be read.
    public struct File: Sendable {
        /// The path below the root, `/`-separated (valid UTF-8: other names are problems).
        public var relativePath: String
        /// The file's bytes, or why not.
        public var contents: Result<[UInt8], CoreError>
    }

    /// Something below the root that is not a readable file of the kind sought.
    public struct Problem: Sendable, Equatable {
        /// The path below the root, with bytes that are not UTF-8 shown as `\xNN`.
        public var relativePath: String
        /// What is wrong, as the end of a sentence about the path ("is a folder, not a file").
        public var message: String
    }

    /// Every file below the folder at `root` whose name ends in `suffix`, sorted by relative
    /// path, each read with `BoundedRead` (at most `limit` bytes); `display` prefixes paths in
    /// read errors. Returns nil when `root` cannot be opened as a folder.
    public static func files(under root: String, suffix: String, limit: Int, display: String)
        -> (files: [File], problems: [Problem])? {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var files: [File] = []
        var problems: [Problem] = []
        walk(descriptor, prefix: [], depth: 0, suffix: Array(suffix.utf8), limit: limit,
             display: display.hasSuffix("/") ? display : display + "/", &files, &problems)
        files.sort { $0.relativePath < $1.relativePath }
        return (files, problems)
    }

    private static func walk(_ folder: Int32, prefix: [UInt8], depth: Int, suffix: [UInt8], limit: Int, display: String,
                             _ files: inout [File], _ problems: inout [Problem]) {
        guard let entries = Folders.entries(of: folder) else {
            problems.append(Problem(relativePath: FileName.display(prefix), message: CoreMessages.TreeProblem.unreadableFolder))
            return
        }
        for entry in entries {
            let relative = prefix.isEmpty ? entry.name : prefix + [UInt8(ascii: "/")] + entry.name
            let matches = entry.name.count > suffix.count && entry.name.suffix(suffix.count).elementsEqual(suffix)
            let isFolder = Folders.isKind(entry.info, S_IFDIR)
            if matches && isFolder {
                problems.append(Problem(relativePath: FileName.display(relative), message: CoreMessages.TreeProblem.folderNotFile))
            } else if matches {
                guard let text = String(utf8Bytes: relative) else {
                    problems.append(Problem(relativePath: FileName.display(relative),
                                            message: CoreMessages.TreeProblem.nameNotUTF8))
                    continue
                }
                let contents = BoundedRead.read(at: folder, name: entry.name, display: display + text, limit: limit)
                files.append(File(relativePath: text, contents: contents))
            }
            guard isFolder else { continue }
            guard depth < maxDepth else {
                problems.append(Problem(relativePath: FileName.display(relative),
                                        message: CoreMessages.TreeProblem.tooDeep(maxDepth)))
                continue
            }
            let child = openat(folder, Folders.cString(entry.name), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else {
                problems.append(Problem(relativePath: FileName.display(relative), message: CoreMessages.TreeProblem.cannotOpen(errno)))
                continue
            }
            walk(child, prefix: relative, depth: depth + 1, suffix: suffix, limit: limit, display: display, &files, &problems)
            close(child)
        }
    }
}

extension String {
    /// `bytes` as a string when they are valid UTF-8, else nil.
    init?(utf8Bytes bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var scalars = String.UnicodeScalarView()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): scalars.append(Unicode.UTF8.decode(encoded))
            case .error: return nil
            case .emptyInput:
                self.init(scalars)
                return
            }
        }
    }
}
