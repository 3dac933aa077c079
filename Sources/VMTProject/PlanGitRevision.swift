// Reading recipes as they were at a git revision, through `git` itself (never by parsing
// `.git`): `git rev-parse` finds the repository and the commit, `git ls-tree` lists the recipe
// files under the project root, and one `git cat-file --batch` reads them all.
import Foundation

/// Why a plan could not be made (not a recipe's problem: those are diagnostics).
public struct PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message, one sentence, printed after `error: `.
    public var message: String

    /// An error with its message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// A `git` executable and the folder it runs in.
public struct GitRevision: Sendable {
    /// The absolute path of the `git` executable.
    public let executable: String
    /// The repository's top folder (absolute).
    public let topLevel: String

    /// Finds `git` on `PATH` (from `environment`) and the repository holding `folder`.
    ///
    /// Throws `PlanError` when git is not installed or `folder` is not inside a git work tree.
    public init(folder: String, environment: [String: String]) throws {
        guard let git = Self.findExecutable("git", path: environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin") else {
            throw PlanError("git is not installed (or not on PATH); --base needs it (use --against DIR to compare with a folder)")
        }
        executable = git
        let result = try Self.run(git, ["rev-parse", "--show-toplevel"], in: folder)
        guard result.status == 0, let line = String(data: result.output, encoding: .utf8)?
            .trimmingCharacters(in: .newlines), !line.isEmpty else {
            throw PlanError("\(folder) is not in a git repository; --base needs one (use --against DIR to compare with a folder)")
        }
        topLevel = line
    }

    /// The full commit id `revision` names; throws `PlanError` when it names no commit.
    public func commit(_ revision: String) throws -> String {
        guard !revision.hasPrefix("-") else { throw PlanError("--base: '\(revision)' is not a revision") }
        let result = try Self.run(executable, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: topLevel)
        guard result.status == 0, let id = String(data: result.output, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !id.isEmpty else {
            throw PlanError("--base: '\(revision)' names no commit in \(topLevel)")
        }
        return id
    }

    /// Every `*.vmt` file under `prefix` (a folder relative to the top folder, "" for all) at
    /// `commit`, as (path relative to `prefix`, bytes), sorted by path; files larger than
    /// `maxBytes` and symbolic links are returned as problems instead.
    public func recipes(at commit: String, under prefix: String, maxBytes: Int) throws
        -> (files: [(relative: String, bytes: [UInt8])], problems: [String]) {
        var arguments = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit]
        if !prefix.isEmpty { arguments += ["--", prefix + "/"] }
        let listing = try Self.run(executable, arguments, in: topLevel)
        guard listing.status == 0 else {
            throw PlanError("git ls-tree failed: " + String(decoding: listing.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var wanted: [(relative: String, object: String)] = []
        var problems: [String] = []
        for record in listing.output.split(separator: 0) {
            // "<mode> <type> <object> <size>\t<path>"
            guard let tab = record.firstIndex(of: 9) else { continue }
            let header = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard header.count == 4, header[1] == "blob", path.hasSuffix(".vmt") else { continue }
            let relative = prefix.isEmpty ? path : String(path.dropFirst(prefix.count + 1))
            if header[0] == "120000" {
                problems.append("\(relative) is a symbolic link at \(commit.prefix(12)); not read")
                continue
            }
            if let size = Int(header[3]), size > maxBytes {
                problems.append("\(relative) is larger than \(maxBytes / 1024) KiB at \(commit.prefix(12)); a recipe file may be at most that")
                continue
            }
            wanted.append((relative, String(header[2])))
        }
        wanted.sort { $0.relative < $1.relative }
        guard !wanted.isEmpty else { return ([], problems) }
        let input = Data(wanted.map { $0.object + "\n" }.joined().utf8)
        let batch = try Self.run(executable, ["cat-file", "--batch"], in: topLevel, input: input)
        guard batch.status == 0 else {
            throw PlanError("git cat-file failed: " + String(decoding: batch.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // "<object> blob <size>\n<bytes>\n" per object, in the order asked.
        let bytes = [UInt8](batch.output)
        var files: [(relative: String, bytes: [UInt8])] = []
        var cursor = 0
        for file in wanted {
            guard let newline = bytes[cursor...].firstIndex(of: 10) else { break }
            let header = String(decoding: bytes[cursor..<newline], as: UTF8.self).split(separator: " ")
            cursor = newline + 1
            guard header.count == 3, let size = Int(header[2]), size >= 0, cursor + size <= bytes.count else {
                problems.append("cannot read \(file.relative) at \(commit.prefix(12))")
                continue
            }
            files.append((file.relative, Array(bytes[cursor..<(cursor + size)])))
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
    static func run(_ executable: String, _ arguments: [String], in folder: String, input: Data? = nil) throws -> Output {
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
            throw PlanError("cannot run \(executable): \(error.localizedDescription)")
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
