import Foundation
import XCTest
@testable import VMTCommandLine
import VMTCore

/// What the command line accepts as arguments and how user data reaches its line-based output:
/// the attacker's cases of README's "Guarantees", each kept as a regression test.
final class CommandLineTextTests: XCTestCase {
    /// A scenario file `diff` reads, its `search_protocol` written as `protocol` (YAML text).
    private func scenario(protocol value: String, agents: Int = 3) -> Data {
        Data("""
            schema_version: 1
            name: s
            N: 8
            agents: \(agents)
            initial_inventories: {A: [8, 4, 6], B: [4, 8, 6]}
            utilities: {mix: [{type: linear, weight: 1.0, params: {vA: 1, vB: 2}}]}
            resource_seed: {density: 0.3, amount: 5}
            params: {resource_growth_rate: 1, resource_max_amount: 5}
            search_protocol: \(value)

            """.utf8)
    }

    /// `--version` takes no arguments, as every command refuses extras (argparse's wording).
    func testVersionRefusesExtraArguments() throws {
        let directory = try temporaryDirectory(self)
        for name in ["--version", "version"] {
            let run = runTool([name, "extra", "more"], in: directory)
            XCTAssertEqual(run.status, 2, name)
            XCTAssertEqual(run.stdout, "")
            XCTAssertEqual(run.stderr, "error: unrecognized arguments: extra more\n")
            XCTAssertEqual(runTool([name], in: directory).stdout, "vmt-dsl \(CommandLineTool.version)\n")
        }
    }

    /// `diff`'s summary agrees in number: "1 field differs", "2 fields differ".
    func testDiffSummaryIsSingularForOneField() throws {
        let directory = try temporaryDirectory(self)
        try scenario(protocol: "random_walk").write(to: directory.appendingPathComponent("a.yaml"))
        try scenario(protocol: "distance_discounted").write(to: directory.appendingPathComponent("b.yaml"))
        var run = runTool(["diff", "a.yaml", "b.yaml"], in: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("\n1 field differs; stocks of 0 goods differ.\n"), run.stdout)
        try scenario(protocol: "distance_discounted", agents: 4).write(to: directory.appendingPathComponent("b.yaml"))
        run = runTool(["diff", "a.yaml", "b.yaml"], in: directory)
        XCTAssertTrue(run.stdout.contains("\n2 fields differ; "), run.stdout)
    }

    /// Runs `vmt-dsl` in-process with arguments given as bytes, as the process gets them.
    private func runBytes(_ arguments: [[UInt8]], in directory: URL) -> CommandRun {
        var stdout = "", stderr = ""
        let context = CommandContext(currentDirectory: directory.path,
                                     standardOutput: { stdout += $0 }, standardError: { stderr += $0 }, environment: [:])
        let status = CommandLineTool.main(rawArguments: arguments, context: context)
        return CommandRun(status: status, stdout: stdout, stderr: stderr)
    }

    /// An argument that is not UTF-8 is refused with one line showing its bytes as `\xNN`, exit
    /// 2, before anything is touched: it was decoded to U+FFFD and wrote `o\xEF\xBF\xBD`.
    func testArgumentsThatAreNotUTF8AreRefusedBeforeAnythingIsTouched() throws {
        let directory = try temporaryDirectory(self)
        XCTAssertEqual(runTool(["new", "scenarios.d/a.vmt"], in: directory).status, 0)
        let before = listing(directory)
        let cases: [[[UInt8]]] = [
            [Array("build".utf8), Array("scenarios.d".utf8), Array("--out".utf8), Array("o".utf8) + [0xFF]],
            [Array("build".utf8), Array("scenarios.d".utf8), Array("--out=o".utf8) + [0xFF]],
            [Array("new".utf8), Array("scenarios.d/".utf8) + [0xFF] + Array(".vmt".utf8)],
            [Array("check".utf8), Array("scenarios.d/n".utf8) + [0xFE] + Array(".vmt".utf8)],
            [Array("fmt".utf8), [0xC3]],
            [[0xFF]],
            [Array("--version".utf8), [0xFF]],
        ]
        for arguments in cases {
            let run = runBytes(arguments, in: directory)
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertEqual(run.stdout, "")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
            XCTAssertTrue(run.stderr.hasPrefix("error: argument '"), run.stderr)
            XCTAssertTrue(run.stderr.contains("' is not UTF-8; "), run.stderr)
            XCTAssertFalse(run.stderr.contains("\u{FFFD}"), run.stderr)
        }
        XCTAssertEqual(runBytes(cases[0], in: directory).stderr.components(separatedBy: "' is not UTF-8")[0], "error: argument 'o\\xFF")
        XCTAssertEqual(listing(directory), before, "nothing created")
        XCTAssertEqual(listing(directory.appendingPathComponent("scenarios.d")), ["a.vmt"])
        // generate keeps its NAME's bytes, as the reference does.
        let generate = runBytes([Array("generate".utf8), Array("n".utf8) + [0xFF], Array("--preset".utf8), Array("minimal".utf8), Array("--output".utf8), Array("g".utf8) + [0xFF] + Array(".yaml".utf8)], in: directory)
        XCTAssertEqual(generate.status, 0, generate.stderr)
        XCTAssertTrue(generate.stdout.contains("g\\xFF.yaml"), generate.stdout)
    }

    /// A value with a line break is one line in `diff` (it printed "random_walk" and an empty
    /// line), and in a diagnostic's first line.
    func testALineBreakInAValueStaysOnItsLine() throws {
        let directory = try temporaryDirectory(self)
        try scenario(protocol: "random_walk").write(to: directory.appendingPathComponent("a.yaml"))
        try scenario(protocol: "\"random_walk\\n\"").write(to: directory.appendingPathComponent("b.yaml"))
        let run = runTool(["diff", "a.yaml", "b.yaml"], in: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\n  ~ search_protocol: random_walk → random_walk␊\n"), run.stdout)
        XCTAssertFalse(run.stdout.contains("\n\n"), run.stdout)
        // import reports the unknown protocol in one diagnostic line.
        let imported = runTool(["import", "b.yaml", "--out", "r"], in: directory)
        let first = try XCTUnwrap(imported.stderr.split(separator: "\n").first { $0.contains("[VMT703]") })
        XCTAssertTrue(first.contains("random_walk␊"), imported.stderr)
        XCTAssertTrue(first.hasPrefix("b.yaml:"), imported.stderr)
    }

    /// A recipe path with a line break is one row of `plan`'s text and markdown.
    func testARecipePathWithALineBreakIsOneRowOfThePlan() throws {
        let directory = try temporaryDirectory(self)
        let folder = directory.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("scenario nl\nextends minimal\nseed 1\n".utf8).write(to: folder.appendingPathComponent("n\nl.vmt"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("old"), withIntermediateDirectories: true)
        for format in ["text", "markdown"] {
            let run = runTool(["plan", "--against", "old", "--format", format], in: directory)
            XCTAssertNotEqual(run.status, 2, run.stderr)
            let rows = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.contains("n␊l") }
            XCTAssertFalse(rows.isEmpty, run.stdout + run.stderr)
            for row in rows { XCTAssertTrue(row.contains("n␊l.vmt") || row.contains("n␊l.yaml"), String(row)) }
            XCTAssertFalse(run.stdout.split(separator: "\n").contains { $0.hasPrefix("l.vmt") || $0.hasPrefix("l.yaml") }, run.stdout)
        }
    }

    /// The one escaping function: every control character visible, line breaks too unless kept.
    func testDisplayTextMakesEveryControlCharacterVisible() {
        XCTAssertEqual(DisplayText.visible("a\nb\tc\r\u{1B}[31m\u{0}\u{7F}\u{85}é"), "a␊b␉c␍␛[31m␀␡\u{FFFD}é")
        XCTAssertEqual(DisplayText.visible("a\nb\tc\u{1B}", keepingLineBreaks: true), "a\nb\tc␛")
        XCTAssertEqual(DisplayText.visible("plain ␊ text"), "plain ␊ text")
    }

    /// `fmt --diff` names a file with a line break on one header line (the recipe's own lines
    /// below are the file's).
    func testFmtDiffHeaderIsOneLine() throws {
        let directory = try temporaryDirectory(self)
        let folder = directory.appendingPathComponent("scenarios.d/x\ny")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("scenario  nl\nextends minimal\nseed 1\n".utf8).write(to: folder.appendingPathComponent("n.vmt"))
        let run = runTool(["fmt", "--diff", "scenarios.d/x\ny/n.vmt"], in: directory)
        XCTAssertTrue(run.stdout.hasPrefix("--- scenarios.d/x␊y/n.vmt\n+++ scenarios.d/x␊y/n.vmt (formatted)\n@@ "), run.stdout + run.stderr)
    }
}
