import Foundation
import XCTest
@testable import VMTCommandLine

/// One output-format vocabulary: `--format text|json` on every printing command, `--json` an
/// alias on explain, the same exit statuses whatever the format.
final class OutputFormatTests: XCTestCase {
    private func recipes(in work: URL) throws {
        try FileManager.default.createDirectory(at: work.appendingPathComponent("r"), withIntermediateDirectories: true)
        try Data("scenario a\nextends minimal\nseed 1\n".utf8).write(to: work.appendingPathComponent("r/a.vmt"))
        try Data("scenario b\nextends  minimal\nseed 2\n".utf8).write(to: work.appendingPathComponent("r/b.vmt"))
        try Data("scenario c\nextends nowhere\n".utf8).write(to: work.appendingPathComponent("r/c.vmt"))
    }

    private func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }

    func testEveryPrintingCommandTakesFormat() throws {
        let printing = ["build", "check", "explain", "fmt", "presets"]
        for name in printing {
            let command = try XCTUnwrap(CommandLineTool.commandTable.first { $0.name == name })
            XCTAssertTrue(command.flags.contains { $0.long == "--format" && $0.choices == ["text", "json"] }, name)
        }
        let work = try temporaryDirectory(self)
        for name in printing {
            let run = runTool([name, "--format", "xml"], in: work)
            XCTAssertEqual(run.status, 2, name)
            XCTAssertEqual(run.stderr, "error: argument --format: invalid choice: 'xml' (choose from text, json)\n", name)
        }
    }

    func testExplainJSONAliasAndMaxVariantsZero() throws {
        let work = try temporaryDirectory(self)
        try recipes(in: work)
        let alias = runTool(["explain", "a", "r", "--json"], in: work)
        let format = runTool(["explain", "a", "r", "--format", "json"], in: work)
        XCTAssertEqual(alias.status, 0)
        XCTAssertEqual(alias.stdout, format.stdout)
        XCTAssertEqual(try jsonLines(format.stdout).count, 1)
        XCTAssertEqual(runTool(["explain", "a", "r", "--max-variants", "0"], in: work).status, 2)
        XCTAssertEqual(runTool(["check", "r", "--max-variants", "0"], in: work).status, 2)
        XCTAssertEqual(runTool(["explain", "a", "r", "--max-variants", "0"], in: work).stderr,
                       runTool(["check", "r", "--max-variants", "0"], in: work).stderr)
    }

    func testFmtJSONLinesAndTheSameExitStatus() throws {
        let work = try temporaryDirectory(self)
        try recipes(in: work)
        try Data("scenario d\nagents\n".utf8).write(to: work.appendingPathComponent("r/d.vmt"))
        let text = runTool(["fmt", "r", "--check"], in: work)
        let json = runTool(["fmt", "r", "--check", "--format", "json"], in: work)
        XCTAssertEqual(text.status, 1)
        XCTAssertEqual(json.status, text.status)
        let lines = try jsonLines(json.stdout)
        let statuses = lines.compactMap { line -> String? in
            guard let path = line["path"] as? String, let status = line["status"] as? String else { return nil }
            return "\(path) \(status)"
        }
        XCTAssertEqual(statuses, ["r/a.vmt unchanged", "r/b.vmt would-reformat", "r/c.vmt unchanged", "r/d.vmt failed"])
        XCTAssertTrue(lines.contains { $0["code"] != nil || $0["severity"] as? String == "error" }, "the failure's diagnostic")
        XCTAssertEqual(lines.last?["summary"] as? [String: Int], ["would_reformat": 1, "unchanged": 2, "failed": 1])
        let write = runTool(["fmt", "r", "--format", "json"], in: work)
        XCTAssertEqual(write.status, 1)
        XCTAssertTrue(write.stdout.contains(#"{"path":"r/b.vmt","status":"formatted"}"#), write.stdout)
        XCTAssertEqual(runTool(["fmt", "r", "--diff", "--format", "json"], in: work).status, 2)
    }

    func testPresetsJSON() throws {
        let work = try temporaryDirectory(self)
        let all = try jsonLines(runTool(["presets", "--format", "json"], in: work).stdout)
        XCTAssertEqual((all.first?["presets"] as? [[String: Any]])?.count, 5)
        let one = try jsonLines(runTool(["presets", "money_demo", "--format=json"], in: work).stdout)
        XCTAssertEqual(one.first?["regime"] as? String, "money_only")
        XCTAssertEqual(one.first?["agents"] as? Int, 20)
    }
}
