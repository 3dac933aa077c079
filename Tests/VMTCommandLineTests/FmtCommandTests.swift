import Foundation
import XCTest
@testable import VMTCommandLine
import VMTProject

/// `vmt-dsl fmt`: rewriting, `--check`, `--diff`, files with errors, and "fmt changes no built byte".
final class FmtCommandTests: XCTestCase {
    /// The repository's top folder, found from this file's path.
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `vmt-dsl fmt ARGUMENTS` in-process with `directory` as its current folder.
    private func runFmt(_ arguments: [String], in directory: URL) -> CommandRun {
        var stdout = "", stderr = ""
        let context = CommandContext(currentDirectory: directory.path,
                                     standardOutput: { stdout += $0 }, standardError: { stderr += $0 })
        let status = CommandLineTool.main(["fmt"] + arguments, context: context)
        return CommandRun(status: status, stdout: stdout, stderr: stderr)
    }

    private func write(_ text: String, _ path: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func read(_ path: String, in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    private let messy = "agents   5   # five\nscenario  a\n\textends minimal\n"
    private let messyFormatted = "scenario a\nextends minimal\nagents 5 # five\n"
    private let tidy = "scenario b\nextends minimal\nseed 3\n"

    // MARK: Rewriting

    func testRewritesTheTreeAndASecondRunChangesNothing() throws {
        let folder = try temporaryDirectory(self)
        try write(messy, "scenarios.d/a.vmt", in: folder)
        try write(tidy, "scenarios.d/sub/b.vmt", in: folder)
        let first = runFmt([], in: folder)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr, "")
        XCTAssertEqual(first.stdout, "formatted 1, unchanged 1, failed 0\n")
        XCTAssertEqual(try read("scenarios.d/a.vmt", in: folder), messyFormatted)
        XCTAssertEqual(try read("scenarios.d/sub/b.vmt", in: folder), tidy)
        let second = runFmt([], in: folder)
        XCTAssertEqual(second.stdout, "formatted 0, unchanged 2, failed 0\n")
        XCTAssertEqual(listing(folder.appendingPathComponent("scenarios.d")), ["a.vmt", "sub"], "no temporary files left")
    }

    func testUnchangedFilesAreNotWritten() throws {
        let folder = try temporaryDirectory(self)
        try write(tidy, "r/b.vmt", in: folder)
        let url = folder.appendingPathComponent("r/b.vmt")
        let old = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        XCTAssertEqual(runFmt(["r"], in: folder).stdout, "formatted 0, unchanged 1, failed 0\n")
        let date = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
        XCTAssertEqual(date, old)
    }

    func testAFileGivenByName() throws {
        let folder = try temporaryDirectory(self)
        try write(messy, "one.vmt", in: folder)
        try write(messy, "other.vmt", in: folder)
        XCTAssertEqual(runFmt(["one.vmt"], in: folder).stdout, "formatted 1, unchanged 0, failed 0\n")
        XCTAssertEqual(try read("one.vmt", in: folder), messyFormatted)
        XCTAssertEqual(try read("other.vmt", in: folder), messy)
    }

    // MARK: --check

    func testCheckPassesOnAFormattedTree() throws {
        let folder = try temporaryDirectory(self)
        try write(tidy, "scenarios.d/b.vmt", in: folder)
        let run = runFmt(["--check"], in: folder)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "0 would be reformatted, 1 already formatted, 0 failed\n")
    }

    func testCheckFailsOnAnUnformattedTreeAndWritesNothing() throws {
        let folder = try temporaryDirectory(self)
        try write(messy, "scenarios.d/a.vmt", in: folder)
        try write(tidy, "scenarios.d/b.vmt", in: folder)
        let run = runFmt(["--check"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "would reformat: scenarios.d/a.vmt\n1 would be reformatted, 1 already formatted, 0 failed\n")
        XCTAssertEqual(try read("scenarios.d/a.vmt", in: folder), messy)
    }

    // MARK: --diff

    func testDiffOutput() throws {
        let folder = try temporaryDirectory(self)
        try write(messy, "scenarios.d/a.vmt", in: folder)
        let run = runFmt(["--diff"], in: folder)
        XCTAssertEqual(run.status, 0, "--diff alone exits 0, as gofmt -d does")
        XCTAssertEqual(run.stdout, """
        --- scenarios.d/a.vmt
        +++ scenarios.d/a.vmt (formatted)
        @@ -1,3 +1,3 @@
        -agents   5   # five
        -scenario  a
        -\textends minimal
        +scenario a
        +extends minimal
        +agents 5 # five
        1 would be reformatted, 0 already formatted, 0 failed

        """)
        XCTAssertEqual(try read("scenarios.d/a.vmt", in: folder), messy)
        XCTAssertEqual(runFmt(["--diff", "--check"], in: folder).status, 1)
    }

    /// The hunks GNU `diff -u` writes for the same texts.
    func testDiffHunksKeepThreeLinesOfContext() {
        let old = (1...12).map { "line \($0)" } + ["x  y"] + (14...20).map { "line \($0)" }
        let new = (1...12).map { "line \($0)" } + ["x y"] + (14...20).map { "line \($0)" } + ["added"]
        let diff = LineDiff.unified(old: old.joined(separator: "\n") + "\n", new: new.joined(separator: "\n") + "\n", path: "p")
        XCTAssertEqual(diff, """
        --- p
        +++ p (formatted)
        @@ -10,7 +10,7 @@
         line 10
         line 11
         line 12
        -x  y
        +x y
         line 14
         line 15
         line 16
        @@ -18,3 +18,4 @@
         line 18
         line 19
         line 20
        +added

        """)
        let far = LineDiff.unified(old: "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", new: "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n", path: "p")
        XCTAssertEqual(far, "--- p\n+++ p (formatted)\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n")
        XCTAssertEqual(LineDiff.unified(old: "a\n", new: "", path: "p"), "--- p\n+++ p (formatted)\n@@ -1 +0,0 @@\n-a\n")
        XCTAssertEqual(LineDiff.unified(old: "", new: "a\n", path: "p"), "--- p\n+++ p (formatted)\n@@ -0,0 +1 @@\n+a\n")
        XCTAssertEqual(LineDiff.unified(old: "a\n", new: "a\n", path: "p"), "")
    }

    func testDiffNotesWhatLinesCannotShow() {
        let diff = LineDiff.unified(old: "\u{FEFF}a\r\nb", new: "a\nb\n", path: "p")
        XCTAssertEqual(diff, """
        # the byte order mark is removed
        # line breaks become LF
        # a line break is added at the end of the file
        --- p
        +++ p (formatted)

        """)
    }

    func testDiffOfLargeInputsStaysCheap() {
        let old = (0..<5000).map { "old \($0)" }.joined(separator: "\n") + "\n"
        let new = (0..<5000).map { "new \($0)" }.joined(separator: "\n") + "\n"
        let diff = LineDiff.unified(old: old, new: new, path: "p")
        XCTAssertTrue(diff.hasPrefix("--- p\n+++ p (formatted)\n@@ -1,5000 +1,5000 @@\n-old 0\n"))
        XCTAssertEqual(diff.split(separator: "\n").count, 3 + 10_000)
    }

    // MARK: Errors

    func testAFileWithASyntaxErrorIsReportedAndLeftAlone() throws {
        let folder = try temporaryDirectory(self)
        let broken = "scenario   c\nagnets 5\n"
        try write(broken, "scenarios.d/c.vmt", in: folder)
        try write(messy, "scenarios.d/a.vmt", in: folder)
        let run = runFmt([], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("scenarios.d/c.vmt:2:1: error: unknown directive 'agnets'"), run.stderr)
        XCTAssertEqual(run.stdout, "formatted 1, unchanged 0, failed 1\n")
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("scenarios.d/c.vmt")), Data(broken.utf8))
        XCTAssertEqual(try read("scenarios.d/a.vmt", in: folder), messyFormatted)
        XCTAssertEqual(runFmt(["--check"], in: folder).status, 1)
    }

    func testFmtNeverWritesAFileOverTheRecipeSizeLimit() throws {
        // About 800 KB of explicit stock without spaces: a space after every comma passes 1 MiB.
        let folder = try temporaryDirectory(self)
        let agents = 270_000
        let stock = Array(repeating: "12", count: agents).joined(separator: ",")
        let text = "extends minimal\nagents \(agents)\ninventory A \(stock)\n"
        XCTAssertLessThan(text.utf8.count, Project.maxRecipeBytes)
        XCTAssertGreaterThan(text.utf8.count + agents - 1, Project.maxRecipeBytes)
        try write(text, "scenarios.d/big.vmt", in: folder)
        try write(messy, "scenarios.d/a.vmt", in: folder)
        let run = runFmt([], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("error: cannot format scenarios.d/big.vmt: the formatted text would be 1"), run.stderr)
        XCTAssertTrue(run.stderr.contains("over the 1024 KiB limit"), run.stderr)
        XCTAssertEqual(run.stdout, "formatted 1, unchanged 0, failed 1\n")
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("scenarios.d/big.vmt")), Data(text.utf8), "untouched")
        XCTAssertEqual(try read("scenarios.d/a.vmt", in: folder), messyFormatted)
        XCTAssertEqual(runFmt(["--check"], in: folder).status, 1)
    }

    func testMissingPathAndBadFlags() throws {
        let folder = try temporaryDirectory(self)
        let missing = runFmt([], in: folder)
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "error: no such file or folder: scenarios.d\n")
        XCTAssertEqual(missing.stdout, "formatted 0, unchanged 0, failed 1\n")
        let unknown = runFmt(["--chek"], in: folder)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "error: unknown flag '--chek' for 'fmt'; did you mean '--check'?\n")
        XCTAssertEqual(runFmt(["--check=yes"], in: folder).status, 2)
        let help = runFmt(["--help"], in: folder)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("usage: vmt-dsl fmt [PATH...] [--check] [--diff] [--format text|json]\n"))
        XCTAssertEqual(runFmt(["-h"], in: folder).stdout, help.stdout)
        XCTAssertEqual(runFmt(["--di"], in: folder).status, 1, "a unique prefix selects --diff")
    }

    // MARK: Meaning

    /// Formatting every recipe of `scenarios.d` changes no byte that `build` writes. The copies are
    /// first scrambled (lines in reverse order, each indented), so that every file gets reformatted
    /// even once the repository's own recipes are canonical.
    func testFmtChangesNoBuiltByte() throws {
        let folder = try temporaryDirectory(self)
        let recipes = folder.appendingPathComponent("scenarios.d")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("scenarios.d"), to: recipes)
        let files = outputs(recipes).filter { $0.hasSuffix(".vmt") }
        XCTAssertGreaterThan(files.count, 10)
        for file in files {
            let url = recipes.appendingPathComponent(file)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").reversed()
            try Data(lines.map { "\t" + $0 + "  \n" }.joined().utf8).write(to: url)
        }
        let before = runTool(["build", "scenarios.d", "--out", "before"], in: folder)
        XCTAssertEqual(before.status, 0, before.stderr)

        let formatted = runFmt([], in: folder)
        XCTAssertEqual(formatted.status, 0, formatted.stderr)
        XCTAssertEqual(formatted.stdout, "formatted \(files.count), unchanged 0, failed 0\n")
        XCTAssertEqual(runFmt(["--check"], in: folder).status, 0)

        let after = runTool(["build", "scenarios.d", "--out", "after"], in: folder)
        XCTAssertEqual(after.status, 0, after.stderr)
        let built = outputs(folder.appendingPathComponent("before"))
        XCTAssertFalse(built.isEmpty)
        XCTAssertEqual(built, outputs(folder.appendingPathComponent("after")))
        for file in built {
            let a = try Data(contentsOf: folder.appendingPathComponent("before/" + file))
            let b = try Data(contentsOf: folder.appendingPathComponent("after/" + file))
            XCTAssertEqual(a, b, file)
        }
    }

    /// Every file below `folder`, as sorted relative paths.
    private func outputs(_ folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.path + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }
}
