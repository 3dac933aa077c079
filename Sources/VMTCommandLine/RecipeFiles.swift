import Foundation
import VMTRecipe

/// Finding and reading the recipe files a command names.
enum RecipeFiles {
    /// The folder `build`, `check` and friends read when given no path.
    static let defaultFolder = "scenarios.d"

    /// The largest recipe file read: far beyond any hand-written recipe, small enough that a
    /// stray data file named `.vmt` cannot exhaust memory.
    static let maxRecipeBytes = 1 << 20

    /// Reads every recipe under `paths`: a folder gives each `*.vmt` below it (recursively,
    /// in sorted order, paths relative to that folder); a file gives itself (relative path: its
    /// name). Problems (a path that does not exist, a file that cannot be read) are returned as
    /// messages, and the other files are still read.
    /// Why `path` cannot be read, in the system's words.
    static func reason(_ path: String) -> String {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, stat(path, &info) != 0 {
            return "it is a symbolic link to nothing"
        }
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            return "it is not a regular file"
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        if descriptor < 0 { return String(cString: strerror(errno)) }
        close(descriptor)
        return "it could not be read"
    }

    static func load(_ paths: [String], _ context: CommandContext) -> (sources: [RecipeSource], problems: [String]) {
        var sources: [RecipeSource] = []
        var problems: [String] = []
        var seen: Set<String> = []
        let fileManager = FileManager.default
        for path in paths {
            let absolute = context.resolve(path)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                problems.append("no such file or folder: \(path)")
                continue
            }
            var found: [(display: String, absolute: String, relative: String)] = []
            if isDirectory.boolValue {
                let root = URL(fileURLWithPath: absolute).standardizedFileURL.path
                guard let walker = fileManager.enumerator(atPath: root) else {
                    problems.append("cannot read folder \(path)")
                    continue
                }
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                for case let relative as String in walker where relative.hasSuffix(".vmt") {
                    var isFolder: ObjCBool = false
                    if fileManager.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder), isFolder.boolValue {
                        problems.append("\(base)/\(relative) is a folder, not a recipe file")
                        continue
                    }
                    found.append((base + "/" + relative, root + "/" + relative, relative))
                }
                found.sort { $0.relative < $1.relative }
            } else {
                found.append((path, absolute, URL(fileURLWithPath: path).lastPathComponent))
            }
            for file in found where seen.insert(URL(fileURLWithPath: file.absolute).standardizedFileURL.path).inserted {
                let size = (try? fileManager.attributesOfItem(atPath: file.absolute)[.size] as? NSNumber)??.intValue ?? 0
                guard size <= maxRecipeBytes else {
                    problems.append("\(file.display) is larger than \(maxRecipeBytes / 1024) KiB; a recipe file may be at most that")
                    continue
                }
                guard let data = fileManager.contents(atPath: file.absolute) else {
                    problems.append("cannot read \(file.display): \(reason(file.absolute))")
                    continue
                }
                sources.append(RecipeSource(path: file.display, relativePath: file.relative, bytes: [UInt8](data)))
            }
        }
        return (sources, problems)
    }
}
