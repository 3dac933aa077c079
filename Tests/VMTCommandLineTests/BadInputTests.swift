// The bad-input corpus: every folder under Fixtures/bad-input is one case of input that a user
// (or a fuzzer) could give the tool, and the exact answer the tool must give.
//
// A case folder holds:
//
// - `command`: the arguments after `vmt-dsl`, one per line (the file's last line break ends the
//   last argument; an empty line is an empty argument). A line that starts with `%` is decoded:
//   the `%` is dropped and `\n`, `\t`, `\\` and `\xHH` (one byte, so `\xC2\xA0` is U+00A0) are
//   escapes; every other line is taken as it is.
// - `setup` (optional): what cannot be stored as plain files in git, one operation per line,
//   applied in order after the inputs are copied (blank lines and lines starting with `#` are
//   skipped; PATH is relative to the case's folder and has no spaces; TEXT runs to the end of
//   the line and takes the escapes above):
//       mkdir PATH               a folder (and its parents)
//       file PATH                an empty regular file (parents created)
//       symlink PATH TARGET      a symbolic link to TARGET, taken as written (it may dangle)
//       fifo PATH                a named pipe
//       append PATH TEXT         TEXT added at the end of PATH (created if missing)
//       repeat PATH COUNT TEXT   TEXT added COUNT times at the end of PATH
// - any input files (recipes, folders, binary junk: stored as they are);
// - `expected.stdout`, `expected.stderr`, `expected.exit` (the status and a line break), and
//   `expected.files`: every file, folder, link and pipe in the case's folder after the run,
//   sorted, as `path/`, `path -> target`, `path (fifo)` or `path (N bytes, fnv1a64 HEX)`, so a
//   case also shows what was written, and that a failed run wrote nothing.
//
// Each case runs in-process (`runTool`) in a fresh temporary copy of its folder (without
// `command`, `setup` and the expected files). The temporary folder's path is written `$TMP` in
// the expected outputs. Besides the exact outputs, every run must hold these invariants:
// the exit status is 0, 1 or 2; every line of standard error that starts a diagnostic reads
// `file:line:col: error|warning: …` or is a single `error: …` line (the others are the source
// line and caret, indented by two spaces, `note:` and `hint:` lines); a status of 2 prints exactly
// one `error:` line and nothing on standard output; an `error` means a status other than 0;
// neither stream holds a control character other than line break and tab; and no temporary
// file (a name containing `.tmp-`) is left anywhere in the folder.
//
// To re-record every case, run
//
//     VMT_RECORD=1 swift test --filter BadInputTests
//
// which writes the actual outputs into the source tree (found from this file's path) instead of
// comparing them. Then READ every changed file: a wrong, confusing or crashing answer is a bug
// to fix in Sources, never a file to accept. Some expected files were written by hand to state
// the right answer where the tool's is wrong today (the report that added them lists each);
// those cases fail until Sources are fixed. Rebuild before comparing, so the bundle holds the
// new files.
import Foundation
import XCTest
@testable import VMTCommandLine

final class BadInputTests: XCTestCase {
    /// The names of the expected-output files of a case.
    static let expectedFiles = ["expected.exit", "expected.files", "expected.stderr", "expected.stdout"]

    /// Files of a case folder that describe the case rather than being its input.
    static let caseFiles: Set<String> = Set(expectedFiles + ["command", "setup"])

    /// The fixture folder in the source tree, where recording writes.
    static let sourceFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("bad-input")

    /// True when `VMT_RECORD=1`: write the actual outputs instead of comparing.
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["VMT_RECORD"] == "1"
    }

    /// The corpus as copied into the test bundle.
    static func bundleFolder() throws -> URL {
        let fixtures = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return fixtures.appendingPathComponent("bad-input")
    }

    /// The case folders of `root`, sorted.
    static func cases(in root: URL) -> [String] {
        listing(root).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }
    }

    // MARK: The case format

    /// Decodes the escapes `\n`, `\t`, `\\` and `\xHH` of `text` into bytes.
    static func unescape(_ text: Substring) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard index < utf8.count else { throw SetupError("a lone '\\' at the end of '\(text)'") }
            let next = utf8[index]
            index += 1
            switch next {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "x"):
                guard index + 2 <= utf8.count,
                      let value = UInt8(String(decoding: utf8[index..<index + 2], as: UTF8.self), radix: 16) else {
                    throw SetupError("'\\x' needs two hexadecimal digits in '\(text)'")
                }
                bytes.append(value)
                index += 2
            default:
                throw SetupError("unknown escape '\\\(Character(Unicode.Scalar(next)))' in '\(text)'")
            }
        }
        return bytes
    }

    /// The arguments of a `command` file.
    static func arguments(_ data: Data) throws -> [String] {
        var text = String(decoding: data, as: UTF8.self)
        guard text.hasSuffix("\n") else { throw SetupError("the command file must end with a line break") }
        text.removeLast()
        return try text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("%") else { return String(line) }
            return String(decoding: try unescape(line.dropFirst()), as: UTF8.self)
        }
    }

    /// A problem in a case's own files (not in the tool).
    struct SetupError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Applies a `setup` file to `folder`.
    static func applySetup(_ data: Data, in folder: URL) throws {
        let fileManager = FileManager.default
        func path(_ relative: Substring) -> String { folder.appendingPathComponent(String(relative)).path }
        func makeParent(_ relative: Substring) throws {
            let parent = URL(fileURLWithPath: path(relative)).deletingLastPathComponent()
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        }
        func appendBytes(_ bytes: [UInt8], times: Int, to relative: Substring) throws {
            try makeParent(relative)
            var existing = fileManager.contents(atPath: path(relative)) ?? Data()
            existing.reserveCapacity(existing.count + bytes.count * times)
            for _ in 0..<times { existing.append(contentsOf: bytes) }
            try existing.write(to: URL(fileURLWithPath: path(relative)))
        }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " }) { continue }
            let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            let operation = words[0]
            switch (operation, words.count) {
            case ("mkdir", 2):
                try fileManager.createDirectory(atPath: path(words[1]), withIntermediateDirectories: true)
            case ("file", 2):
                try makeParent(words[1])
                guard fileManager.createFile(atPath: path(words[1]), contents: Data()) else {
                    throw SetupError("cannot create \(words[1])")
                }
            case ("symlink", 3):
                try makeParent(words[1])
                try fileManager.createSymbolicLink(atPath: path(words[1]), withDestinationPath: String(words[2]))
            case ("fifo", 2):
                try makeParent(words[1])
                guard mkfifo(path(words[1]), 0o644) == 0 else { throw SetupError("mkfifo \(words[1]) failed") }
            case ("append", 3):
                try appendBytes(try unescape(words[2]), times: 1, to: words[1])
            case ("repeat", 3):
                let rest = words[2].split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                guard rest.count == 2, let count = Int(rest[0]), count >= 0 else {
                    throw SetupError("usage: repeat PATH COUNT TEXT, got '\(line)'")
                }
                try appendBytes(try unescape(rest[1]), times: count, to: words[1])
            default:
                throw SetupError("unknown setup line '\(line)'")
            }
        }
    }

    /// Copies a case's inputs (everything but its own files) into `work`.
    static func copyInputs(of folder: URL, to work: URL) throws {
        for name in listing(folder) where !caseFiles.contains(name) {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: work.appendingPathComponent(name))
        }
    }

    // MARK: What a run left behind

    /// FNV-1a, 64 bits, of `bytes`: a short fingerprint of a file's contents.
    static func fingerprint(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Every entry below `folder` (hidden ones too, links not followed), described one per line.
    static func snapshot(_ folder: URL) -> [String] {
        var lines: [String] = []
        func walk(_ relative: String) {
            let absolute = relative.isEmpty ? folder.path : folder.path + "/" + relative
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []).sorted()
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                let full = folder.path + "/" + path
                var info = stat()
                guard lstat(full, &info) == 0 else {
                    lines.append("\(path) (cannot stat)")
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    lines.append(path + "/")
                    walk(path)
                case S_IFLNK:
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
                    lines.append("\(path) -> \(target)")
                case S_IFIFO:
                    lines.append("\(path) (fifo)")
                case S_IFREG:
                    let data = FileManager.default.contents(atPath: full) ?? Data()
                    lines.append("\(path) (\(data.count) bytes, fnv1a64 \(fingerprint(data)))")
                default:
                    lines.append("\(path) (other)")
                }
            }
        }
        walk("")
        return lines.sorted()
    }

    // MARK: Invariants

    /// A line that starts a diagnostic: `file:line:col: error|warning: message`.
    static let locatedDiagnostic = try! NSRegularExpression(pattern: #"^\S.*:[0-9]+:[0-9]+: (error|warning): \S"#)
    /// A note with a location: `file:line:col: note: message`.
    static let locatedNote = try! NSRegularExpression(pattern: #"^\S.*:[0-9]+:[0-9]+: note: \S"#)

    static func matches(_ regex: NSRegularExpression, _ line: String) -> Bool {
        regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }

    /// The problems with one run's outputs that hold for every case, whatever its expected files say.
    static func invariantProblems(_ run: CommandRun, files: [String]) -> [String] {
        var problems: [String] = []
        if ![0, 1, 2].contains(run.status) { problems.append("exit status \(run.status) is not 0, 1 or 2") }
        var lines = run.stderr.components(separatedBy: "\n")
        if run.stderr.isEmpty {
            lines = []
        } else if lines.last == "" {
            lines.removeLast()
        } else {
            problems.append("standard error does not end with a line break")
        }
        var errors = 0
        for line in lines {
            if line.hasPrefix("  ") || line.hasPrefix("hint: ") || line.hasPrefix("note: ") || matches(locatedNote, line) {
                continue
            }
            if matches(locatedDiagnostic, line) {
                if line.contains(": error: ") { errors += 1 }
                continue
            }
            if line.hasPrefix("error: "), line.count > "error: ".count {
                errors += 1
                continue
            }
            problems.append("stderr line is neither a diagnostic, nor one 'error:' line, nor part of one: \(line.debugDescription)")
        }
        if errors > 0 && run.status == 0 { problems.append("an error was printed, yet the exit status is 0") }
        if run.status == 2 {
            if lines.count != 1 || !(lines.first ?? "").hasPrefix("error: ") {
                problems.append("a usage error (status 2) prints exactly one 'error:' line; got \(lines.count) lines")
            }
            if !run.stdout.isEmpty { problems.append("a usage error (status 2) prints nothing on standard output") }
        }
        for (name, text) in [("stdout", run.stdout), ("stderr", run.stderr)] {
            let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F }
            if let first = controls.first {
                problems.append("\(name) holds \(controls.count) raw control character(s), the first U+\(String(format: "%04X", first.value)); a terminal would act on them")
            }
        }
        for file in files where file.contains(".tmp-") {
            problems.append("a temporary file was left behind: \(file)")
        }
        return problems
    }

    // MARK: The corpus

    /// Runs one case in a fresh copy of its folder: the actual expected files, and the broken invariants.
    func run(case folder: URL) throws -> (actual: [String: String], problems: [String]) {
        let work = try temporaryDirectory(self)
        try Self.copyInputs(of: folder, to: work)
        let setup = folder.appendingPathComponent("setup")
        if let data = FileManager.default.contents(atPath: setup.path) {
            try Self.applySetup(data, in: work)
        }
        let command = try XCTUnwrap(FileManager.default.contents(atPath: folder.appendingPathComponent("command").path),
                                    "\(folder.lastPathComponent): no command file")
        let run = runTool(try Self.arguments(command), in: work)
        let files = Self.snapshot(work)
        let normalised = { (text: String) in text.replacingOccurrences(of: work.path, with: "$TMP") }
        let actual = ["expected.exit": "\(run.status)\n", "expected.stdout": normalised(run.stdout),
                      "expected.stderr": normalised(run.stderr),
                      "expected.files": files.map { $0 + "\n" }.joined()]
        return (actual, Self.invariantProblems(run, files: files))
    }

    func testEveryBadInputCase() throws {
        let root = Self.isRecording ? Self.sourceFolder : try Self.bundleFolder()
        let cases = Self.cases(in: root)
        XCTAssertGreaterThanOrEqual(cases.count, 60, "the bad-input corpus has at least 60 cases")
        var generateCases = 0, recipeCases = 0
        for name in cases {
            let folder = root.appendingPathComponent(name)
            let (actual, problems) = try run(case: folder)
            for problem in problems { XCTFail("\(name): \(problem)") }
            if name.hasPrefix("generate-") { generateCases += 1 } else { recipeCases += 1 }
            if Self.isRecording {
                for file in Self.expectedFiles {
                    try Data((actual[file] ?? "").utf8).write(to: Self.sourceFolder.appendingPathComponent(name).appendingPathComponent(file))
                }
                continue
            }
            for file in Self.expectedFiles {
                guard let expected = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
                    XCTFail("\(name): \(file) is missing; record it with VMT_RECORD=1")
                    continue
                }
                let text = String(decoding: expected, as: UTF8.self)
                if actual[file] != text {
                    XCTFail("\(name): \(file) differs\n--- expected\n\(Self.excerpt(text))\n--- actual\n\(Self.excerpt(actual[file] ?? ""))")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(generateCases, 25, "generate's flags have their share of the corpus")
        XCTAssertGreaterThanOrEqual(recipeCases, 35, "recipes have their share of the corpus")
    }

    /// At most the first 3,000 characters of `text`, so a 100 KB difference stays readable.
    static func excerpt(_ text: String) -> String {
        text.count <= 3_000 ? text : String(text.prefix(3_000)) + "… (\(text.utf8.count) bytes in all)"
    }

    /// Every case has its command and its expected files, so a case added without recording
    /// cannot pass unnoticed.
    func testEveryCaseIsComplete() throws {
        let root = try Self.bundleFolder()
        for name in Self.cases(in: root) {
            let files = Set(listing(root.appendingPathComponent(name)))
            for file in Self.expectedFiles + ["command"] {
                XCTAssertTrue(files.contains(file), "\(name): \(file) missing")
            }
        }
    }

    // MARK: The harness itself

    /// The invariants catch what they are meant to catch (so a passing corpus means something).
    func testTheInvariantsRejectBadRuns() {
        func problems(_ status: Int32, _ stdout: String, _ stderr: String, files: [String] = []) -> [String] {
            Self.invariantProblems(CommandRun(status: status, stdout: stdout, stderr: stderr), files: files)
        }
        XCTAssertEqual(problems(1, "", "a.vmt:1:2: error: bad\n  agents x\n         ^\nhint: fix it\n"), [])
        XCTAssertEqual(problems(2, "", "error: unknown flag '--x'\n"), [])
        XCTAssertEqual(problems(0, "ok\n", "a.vmt:1:1: warning: w\n  x\n  ^\na.vmt:2:1: note: here\n"), [])
        XCTAssertFalse(problems(134, "", "").isEmpty, "a trap")
        XCTAssertFalse(problems(1, "", "Fatal error: Index out of range\n").isEmpty, "a stray line")
        XCTAssertFalse(problems(1, "", "error: no line break").isEmpty)
        XCTAssertFalse(problems(0, "", "error: but exit 0\n").isEmpty)
        XCTAssertFalse(problems(2, "", "error: one\nerror: two\n").isEmpty, "a usage error is one line")
        XCTAssertFalse(problems(2, "usage\n", "error: one\n").isEmpty, "a usage error prints no stdout")
        XCTAssertFalse(problems(1, "", "a.vmt:1:1: error: x\n  \u{1B}[31m\n").isEmpty, "a raw escape")
        XCTAssertFalse(problems(0, "", "", files: ["out/.x.yaml.tmp-1-2 (0 bytes, fnv1a64 0)"]).isEmpty)
    }

    /// The `command` and `setup` formats read as documented at the top of this file.
    func testTheCaseFormat() throws {
        XCTAssertEqual(try Self.arguments(Data("check\n\n%a\\tb\\x1B\\\\\n%%x\n".utf8)), ["check", "", "a\tb\u{1B}\\", "%x"])
        XCTAssertEqual(try Self.unescape("\\xC2\\xA0"), [0xC2, 0xA0])
        XCTAssertThrowsError(try Self.arguments(Data("no line break".utf8)))
        XCTAssertThrowsError(try Self.unescape("\\q"))

        let work = try temporaryDirectory(self)
        try Self.applySetup(Data("""
            # a comment
            mkdir d/e.vmt
            file f/g
            symlink l.vmt nowhere.vmt
            fifo p.vmt
            append t.vmt agents\\x20
            repeat t.vmt 3 9
            append t.vmt \\n

            """.utf8), in: work)
        XCTAssertEqual(Self.snapshot(work), [
            "d/", "d/e.vmt/", "f/", "f/g (0 bytes, fnv1a64 \(Self.fingerprint(Data())))", "l.vmt -> nowhere.vmt", "p.vmt (fifo)",
            "t.vmt (11 bytes, fnv1a64 \(Self.fingerprint(Data("agents 999\n".utf8))))",
        ])
        XCTAssertThrowsError(try Self.applySetup(Data("rm -rf /\n".utf8), in: work), "only the documented operations")
    }

    // MARK: Bugs shown by properties rather than by one exact output

    /// Diagnostics grow with the input, not with its square. A `utilities` line of N commas gives
    /// one diagnostic per empty item, and each prints the whole line and a caret under it: the
    /// text grows as N², so a 20 KB recipe prints 300 MB. Doubling the line may at most about
    /// double what is printed. Fails until Sources are fixed; see the report.
    func testDiagnosticsOfAListOfEmptyItemsGrowLinearlyWithTheLine() throws {
        let work = try temporaryDirectory(self)
        var sizes: [Int] = []
        for commas in [1_000, 2_000] {
            let text = "extends minimal\nseed 1\nutilities " + String(repeating: ",", count: commas) + "\n"
            try Data(text.utf8).write(to: work.appendingPathComponent("commas.vmt"))
            let run = runTool(["check", "commas.vmt"], in: work)
            XCTAssertEqual(run.status, 1)
            sizes.append(run.stderr.utf8.count)
        }
        XCTAssertLessThanOrEqual(Double(sizes[1]), 2.5 * Double(sizes[0]),
                                 "stderr for 1,000 and 2,000 commas: \(sizes[0]) and \(sizes[1]) bytes (quadratic growth)")
    }
}
