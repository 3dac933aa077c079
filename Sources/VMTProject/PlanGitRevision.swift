// Reading recipes as they were at a git revision, through `git` itself (never by parsing
// `.git`): `git rev-parse` finds the repository and the commit, `git ls-tree` lists the recipe
// files under the project root, and one `git cat-file --batch` reads them all.
import Foundation

/// A `git` executable, reading recipe files as they were at a revision.
///
/// At most two processes per plan: `git ls-tree` run in the project root (it lists only what
/// is below it, paths relative to it, so the repository's top folder is never needed) and one
/// `git cat-file --batch` for the files that differ from the working tree.
public struct GitRevision: Sendable {
    /// The absolute path of the `git` executable.
    public let executable: String

    /// Finds `git` on `PATH` (from `environment`); throws `ProjectError.plan` when it is not installed.
    public init(environment: [String: String]) throws(ProjectError) {
        guard let git = Self.findExecutable("git", path: environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin") else {
            throw .plan(.gitNotInstalled)
        }
        executable = git
    }

    /// The repository's top folder for `folder`; throws `ProjectError.plan` when it is in none.
    public func topLevel(of folder: String) throws(ProjectError) -> String {
        let result = try Self.run(executable, ["rev-parse", "--show-toplevel"], in: folder)
        guard result.status == 0, let line = String(data: result.output, encoding: .utf8)?
            .trimmingCharacters(in: .newlines), !line.isEmpty else {
            throw .plan(.notInRepository(folder, forBase: false))
        }
        return line
    }

    /// Every `*.vmt` file below `folder` (a folder of a git work tree) as it was at `revision`,
    /// as (path relative to `folder`, bytes), sorted by path; files larger than `maxBytes` and
    /// symbolic links are returned as problems instead. A folder that did not exist at
    /// `revision` gives no files. Throws `ProjectError.plan` when `folder` is not in a repository or
    /// `revision` names nothing there.
    ///
    /// `current` holds the files as they are now, by path relative to `folder`: a file whose
    /// blob id (computed here) is the one `ls-tree` lists is the same at `revision` and is taken
    /// from `current`, so only the files that differ are read from git (a plan costs what
    /// changed, not the size of the project).
    public func recipes(at revision: String, in folder: String, maxBytes: Int, current: [String: [UInt8]] = [:]) throws(ProjectError)
        -> (files: [(relative: String, bytes: [UInt8])], problems: [String]) {
        guard !revision.hasPrefix("-"), !revision.isEmpty else { throw .plan(.notARevision(revision)) }
        let listing = try Self.run(executable, ["ls-tree", "-r", "-z", "-l", revision + "^{commit}", "--", "."], in: folder)
        guard listing.status == 0 else {
            let message = String(decoding: listing.errors, as: UTF8.self)
            if message.contains("not a git repository") {
                throw .plan(.notInRepository(folder, forBase: true))
            }
            throw .plan(.noCommit(revision, git: message.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "fatal: ", with: "")))
        }
        var wanted: [(relative: String, object: String)] = []
        var problems: [String] = []
        for record in listing.output.split(separator: 0) {
            // "<mode> <type> <object> <size>\t<path>"
            guard let tab = record.firstIndex(of: 9) else { continue }
            let header = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
            let relative = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard header.count == 4, header[1] == "blob", relative.hasSuffix(".vmt") else { continue }
            if header[0] == "120000" {
                problems.append("\(relative) is a symbolic link at \(revision); not read")
                continue
            }
            if let size = Int(header[3]), size > maxBytes {
                problems.append("\(relative) is larger than \(maxBytes / 1024) KiB at \(revision); a recipe file may be at most that")
                continue
            }
            wanted.append((relative, String(header[2])))
        }
        wanted.sort { $0.relative < $1.relative }
        guard !wanted.isEmpty else { return ([], problems) }
        var same: [String: [UInt8]] = [:]
        for file in wanted {
            if let bytes = current[file.relative], GitBlobID.id(of: bytes, like: file.object) == file.object {
                same[file.relative] = bytes
            }
        }
        let toRead = wanted.filter { same[$0.relative] == nil }
        var read: [String: [UInt8]] = [:]
        if !toRead.isEmpty {
            (read, problems) = try blobs(toRead, revision: revision, in: folder, problems: problems)
        }
        let files = wanted.compactMap { file in (same[file.relative] ?? read[file.relative]).map { (file.relative, $0) } }
        return (files, problems)
    }

    /// The contents of `files` at `revision`, read with one `git cat-file --batch`.
    private func blobs(_ wanted: [(relative: String, object: String)], revision: String, in folder: String,
                       problems: [String]) throws(ProjectError) -> (files: [String: [UInt8]], problems: [String]) {
        var problems = problems
        let input = Data(wanted.map { $0.object + "\n" }.joined().utf8)
        let batch = try Self.run(executable, ["cat-file", "--batch"], in: folder, input: input)
        guard batch.status == 0 else {
            throw .plan(.gitFailed(String(decoding: batch.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        // "<object> blob <size>\n<bytes>\n" per object, in the order asked.
        let bytes = [UInt8](batch.output)
        var files: [String: [UInt8]] = [:]
        var cursor = 0
        for file in wanted {
            guard cursor < bytes.count, let newline = bytes[cursor...].firstIndex(of: 10) else { break }
            let header = String(decoding: bytes[cursor..<newline], as: UTF8.self).split(separator: " ")
            cursor = newline + 1
            guard header.count == 3, let size = Int(header[2]), size >= 0, cursor + size <= bytes.count else {
                problems.append(ProjectMessages.cannotReadAtRevision(file.relative, revision))
                continue
            }
            files[file.relative] = Array(bytes[cursor..<(cursor + size)])
            cursor += size + 1
        }
        return (files, problems)
    }

    /// The path of `name` in the first folder of the colon-separated `path` that has it executable.
    static func findExecutable(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// What a finished `git` run gave.
    struct Output {
        var status: Int32
        var output: Data
        var errors: Data
    }

    /// Runs `executable` with `arguments` in `folder`, feeding it `input` (written on another
    /// thread, so a large output cannot deadlock against a large input), and waits for it.
    static func run(_ executable: String, _ arguments: [String], in folder: String, input: Data? = nil) throws(ProjectError) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        // Plain, untranslated output, whatever the user's configuration says.
        environment["LC_ALL"] = "C"
        environment["GIT_PAGER"] = "cat"
        process.environment = environment
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do {
            try process.run()
        } catch {
            throw .plan(.cannotRun(executable, error.localizedDescription))
        }
        let writer = DispatchGroup()
        if let input {
            let handle = inPipe.fileHandleForWriting
            DispatchQueue.global().async(group: writer) {
                try? handle.write(contentsOf: input)
                try? handle.close()
            }
        }
        let errorReader = DispatchGroup()
        let errorBox = DataBox()
        let errorHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: errorReader) {
            errorBox.data = (try? errorHandle.readToEnd()) ?? Data()
        }
        let output = (try? out.fileHandleForReading.readToEnd()) ?? Data()
        errorReader.wait()
        writer.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, output: output, errors: errorBox.data)
    }

    /// Holds what the standard-error reader read, handed from its thread after `wait()`.
    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }
}
