// Every flag a command tells the user to use is one that command takes. Each command that
// resolves recipes is driven into every refusal whose message or hint names a flag (too many
// variants in one recipe, too many scenarios in one run, a flag's bad value), and each `--flag`
// in what it prints is looked up in the command's one declaration (CommandModel.swift), the
// one its arguments are read by.
import Foundation
import XCTest
import VMTCore
@testable import VMTCommandLine

final class FlagHintTests: XCTestCase {
    /// The `--flag` words of `text` (two dashes, then lowercase letters and dashes).
    static func flags(in text: String) -> Set<String> {
        var found: Set<String> = []
        let characters = Array(text)
        var index = 0
        while index + 2 < characters.count {
            let before = index == 0 ? " " : characters[index - 1]
            guard characters[index] == "-", characters[index + 1] == "-", characters[index + 2].isLowercase,
                  !before.isLetter, !before.isNumber, before != "-" else {
                index += 1
                continue
            }
            var end = index + 2
            while end < characters.count, characters[end].isLowercase || characters[end] == "-" { end += 1 }
            var flag = String(characters[index..<end])
            while flag.hasSuffix("-") { flag.removeLast() }
            found.insert(flag)
            index = end
        }
        return found
    }

    /// Asserts that every flag `run` printed is declared by `command`; returns those flags.
    @discardableResult
    func assertTaken(_ command: String, _ run: CommandRun, file: StaticString = #filePath, line: UInt = #line) -> Set<String> {
        let text = run.stdout + run.stderr
        guard let spec = CommandLineTool.commandTable.first(where: { $0.name == command }) else {
            XCTFail("no command \(command)", file: file, line: line)
            return []
        }
        let named = Self.flags(in: text)
        for flag in named where flag != "--help" {
            XCTAssertNotNil(spec.flag(named: flag), "\(command) prints \(flag) but does not take it:\n\(text)", file: file, line: line)
        }
        return named
    }

    func testTheScanFindsFlags() {
        XCTAssertEqual(Self.flags(in: "raise it with --max-build-variants; or --vmt 2025-11, not a--b or ---x"),
                       ["--max-build-variants", "--vmt"])
    }

    func testEveryFlagARefusalNamesIsTakenByTheCommandPrintingIt() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("extends minimal\nvary seed 1..20000\n".utf8).write(to: recipes.appendingPathComponent("big.vmt"))
        try Data("extends minimal\nseed 1\n".utf8).write(to: recipes.appendingPathComponent("a.vmt"))
        try Data("extends minimal\nseed 2\n".utf8).write(to: recipes.appendingPathComponent("b.vmt"))
        let resolving: [[String]] = [["build"], ["check"], ["list"], ["plan", "--against", "scenarios.d"], ["explain", "big"]]

        // One recipe past --max-variants: VMT411's hint names --max-variants.
        for command in resolving {
            let run = runTool(command, in: work)
            XCTAssertTrue(assertTaken(command[0], run).contains("--max-variants"), "\(command): \(run.stdout + run.stderr)")
        }
        try FileManager.default.removeItem(at: recipes.appendingPathComponent("big.vmt"))

        // One run past --max-build-variants: the refusal names the flag it was given.
        for command in resolving.dropLast() {
            let run = runTool(command + ["--max-build-variants", "1"], in: work)
            XCTAssertEqual(run.status, 1, "\(command): \(run.stdout + run.stderr)")
            XCTAssertTrue(assertTaken(command[0], run).contains("--max-build-variants"), "\(command): \(run.stdout + run.stderr)")
        }

        // The language server shows the resolver's hints in the editor: it takes their flags too.
        let lsp = try XCTUnwrap(CommandLineTool.commandTable.first { $0.name == "lsp" })
        for flag in ["--max-variants", "--vmt", "--allow"] { XCTAssertNotNil(lsp.flag(named: flag), "lsp does not take \(flag)") }

        // Bad values: each usage error names the flag, which the command takes.
        for command in resolving + [["lsp"]] {
            for bad in [["--max-variants", "0"], ["--vmt", "2099-01"], ["--max-build-variants", "0"], ["--allow", "VMT001"]]
            where CommandLineTool.commandTable.first(where: { $0.name == command[0] })?.flag(named: bad[0]) != nil {
                let run = runTool(command + bad, in: work)
                XCTAssertEqual(run.status, 2, "\(command + bad): \(run.stderr)")
                XCTAssertTrue(assertTaken(command[0], run).contains(bad[0]), "\(command + bad): \(run.stderr)")
            }
        }
    }

    /// The attacker's example: `list` said "raise the limit with --max-build-variants" and then
    /// refused the flag; and without `--vmt` it could not list (or hash) what `build --vmt
    /// 2025-11` wrote.
    func testListTakesWhatChangesABuild() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("extends minimal\nseed 3\nsearch random_walk\n".utf8).write(to: recipes.appendingPathComponent("walk.vmt"))
        try Data("extends minimal\nseed 4\nagents 3\n".utf8).write(to: recipes.appendingPathComponent("few.vmt"))

        let plain = runTool(["list"], in: work)
        XCTAssertEqual(plain.status, 1)
        XCTAssertTrue(plain.stderr.contains("[VMT705]"), plain.stderr)
        let build = runTool(["build", "--vmt", "2025-11"], in: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        let listed = runTool(["list", "--vmt", "2025-11", "--hash", "--format", "json"], in: work)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let manifest = try String(contentsOf: work.appendingPathComponent("scenarios/.vmt-dsl-manifest.jsonl"), encoding: .utf8)
        for line in listed.stdout.split(separator: "\n") {
            let entry = try JSON.parse(String(line))
            let sha = try XCTUnwrap(entry["sha256"]?.stringValue)
            XCTAssertTrue(manifest.contains(sha), "list --vmt --hash gives the bytes build --vmt wrote: \(line)")
        }
        XCTAssertEqual(listed.stdout.split(separator: "\n").count, 2)

        let limited = runTool(["list", "--vmt", "2025-11", "--max-build-variants", "1"], in: work)
        XCTAssertEqual(limited.status, 1, limited.stderr)
        XCTAssertTrue(limited.stderr.contains("raise the limit with --max-build-variants"), limited.stderr)
        XCTAssertEqual(runTool(["list", "--vmt", "2025-11", "--max-build-variants", "2"], in: work).status, 0)
        // -W fails a recipe that warns, as in build and check.
        try Data("extends minimal\nseed 5\nagents 10\n".utf8).write(to: recipes.appendingPathComponent("redundant.vmt"))
        let warned = runTool(["check", "-W", "--vmt", "2025-11"], in: work)
        XCTAssertEqual(runTool(["list", "-W", "--vmt", "2025-11"], in: work).status, warned.status)
    }
}
