import Foundation

/// Keeps `build`'s writes inside the output folder.
///
/// `output` lines are relative and have no `..` (the parser refuses the rest); what remains is a
/// symbolic link inside the output folder that leads elsewhere. A path is refused when one of its
/// folders is a link resolving outside the output folder, or when the file itself is a link
/// (replacing it would silently turn a link into a file).
enum OutputConfinement {
    /// Why writing `relative` under `root` is refused, or nil when it is fine.
    static func problem(writing relative: String, under root: String) -> String? {
        let rootReal = realPath(root) ?? root
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
            guard let real = realPath(current), real == rootReal || real.hasPrefix(rootReal + "/") else {
                return "\(relative) would be written through the symbolic link \(parts[...index].joined(separator: "/")), which leads outside the output folder"
            }
        }
        return nil
    }

    /// The canonical absolute path of an existing file or folder.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
