import Foundation
import VMTCore
import VMTRecipe

/// Finding and reading the recipe files a command names.
enum RecipeFiles {
    /// The folder `build`, `check` and friends read when given no path.
    static let defaultFolder = "scenarios.d"

    /// The largest recipe file read: far beyond any hand-written recipe, small enough that a
    /// stray data file named `.vmt` cannot exhaust memory. Enforced by what is read
    /// (`BoundedRead`), not by the size a file reports.
    static let maxRecipeBytes = 1 << 20

    /// The message for a recipe that could not be read.
    static func message(_ error: FileReadError) -> String {
        if case .tooLarge = error.reason {
            return "\(error.path) is larger than \(maxRecipeBytes / 1024) KiB; a recipe file may be at most that"
        }
        return error.description
    }

    /// Reads every recipe under `paths`: a folder gives each `*.vmt` below it (recursively,
    /// in sorted order, paths relative to that folder; see `FileTree`); a file gives itself
    /// (relative path: its name). Problems (a path that does not exist, a file that cannot be
    /// read, a name that is not UTF-8) are returned as messages, and the other files are still read.
    static func load(_ paths: [String], _ context: CommandContext) -> (sources: [RecipeSource], problems: [String]) {
        var sources: [RecipeSource] = []
        var problems: [String] = []
        var seen: Set<String> = []
        for path in paths {
            let absolute = context.resolve(path)
            var found: [(display: String, absolute: String, relative: String, contents: Result<[UInt8], FileReadError>)] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            var info = stat()
            if stat(absolute, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                guard let tree = FileTree.files(under: absolute, suffix: ".vmt", limit: maxRecipeBytes, display: base) else {
                    problems.append("cannot read folder \(path): \(FileName.reason(errno))")
                    continue
                }
                for problem in tree.problems {
                    problems.append("\(base)/\(problem.relativePath) \(problem.message == "is a folder, not a file" ? "is a folder, not a recipe file" : problem.message)")
                }
                let root = URL(fileURLWithPath: absolute).standardizedFileURL.path
                for file in tree.files {
                    found.append((base + "/" + file.relativePath, root + "/" + file.relativePath, file.relativePath, file.contents))
                }
            } else {
                let contents = BoundedRead.read(absolute, limit: maxRecipeBytes, display: path)
                if case .failure(let error) = contents, error.reason == .notFound {
                    problems.append("no such file or folder: \(path)")
                    continue
                }
                found.append((path, absolute, URL(fileURLWithPath: path).lastPathComponent, contents))
            }
            for file in found where seen.insert(URL(fileURLWithPath: file.absolute).standardizedFileURL.path).inserted {
                switch file.contents {
                case .success(let bytes):
                    sources.append(RecipeSource(path: file.display, relativePath: file.relative, bytes: bytes))
                case .failure(let error):
                    problems.append(message(error))
                }
            }
        }
        return (sources, problems)
    }
}
