import Foundation
import VMTProject
import XCTest

/// A Swift program that builds a folder of recipes with the public API only (no `@testable`):
/// what a user of the library writes, kept compiling and passing.
final class LibraryUsageTests: XCTestCase {
    func testAProgramBuildsAFolderOfRecipesThroughThePublicAPI() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-library-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let recipes = work.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: recipes.appendingPathComponent("lab"), withIntermediateDirectories: true)
        try Data("scenario base\ntemplate\nextends minimal\n".utf8).write(to: recipes.appendingPathComponent("base.vmt"))
        try Data("extends base\nvary seed 1..3\n".utf8).write(to: recipes.appendingPathComponent("lab/sweep.vmt"))

        // The program: build scenarios.d into out/, print one line per output and a summary.
        var lines: [String] = []
        let options = BuildOptions(mode: .write, outputFolder: work.appendingPathComponent("out").path)
        let summary = BuildEngine.run(["scenarios.d"], currentDirectory: work.path, options: options) { event in
            switch event {
            case .problem(let problem): lines.append("error: \(problem)")
            case .diagnostics(let diagnostics): lines += diagnostics.map { "\($0.range): \($0.message)" }
            case .output(let planned, let status, _): lines.append("\(status): \(planned.output) seed \(planned.resolvedVariant.spec.seed)")
            case .finished(let summary): lines.append("\(summary.written) written, \(summary.failed) failed")
            case .leftover, .pruned, .orphan, .keptOrphan, .manifestProblem, .overwroteOtherProject: break  // only with options.manifest
            }
        }

        XCTAssertTrue(summary.succeeded)
        XCTAssertEqual(lines, [
            "written: lab/sweep_seed-1.yaml seed 1",
            "written: lab/sweep_seed-2.yaml seed 2",
            "written: lab/sweep_seed-3.yaml seed 3",
            "3 written, 0 failed",
        ])
        let yaml = try String(contentsOf: work.appendingPathComponent("out/lab/sweep_seed-2.yaml"), encoding: .utf8)
        XCTAssertTrue(yaml.hasPrefix("schema_version: 1\nname: sweep_seed-2\n"), yaml)
    }

    func testAProgramFormatsAFolderOfRecipesThroughThePublicAPI() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-library-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let recipes = work.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("scenario tidy\nextends minimal\n".utf8).write(to: recipes.appendingPathComponent("tidy.vmt"))
        try Data("scenario   messy\r\nextends minimal".utf8).write(to: recipes.appendingPathComponent("messy.vmt"))
        try Data("scenario broken\nnot-a-directive 1\n".utf8).write(to: recipes.appendingPathComponent("broken.vmt"))

        // The program: check first (writes nothing), then format in place; one line per file.
        func program(_ mode: FormatMode) -> (lines: [String], summary: FormatSummary) {
            var lines: [String] = []
            let summary = ProjectFormatter.run(["scenarios.d"], currentDirectory: work.path, mode: mode) { event in
                switch event {
                case .problem(let problem): lines.append("error: \(problem)")
                case .unchanged(let path): lines.append("unchanged: \(path)")
                case .formatted(let path, let old, let new): lines.append("formatted: \(path) \(old.count) -> \(new.utf8.count) bytes")
                case .wouldReformat(let path, _, _): lines.append("would reformat: \(path)")
                case .failed(let path, .syntax(let diagnostics)): lines.append("failed: \(path) (\(diagnostics.count) error)")
                case .failed(let path, let failure): lines.append("failed: \(path) \(failure)")
                }
            }
            return (lines, summary)
        }

        let checked = program(.check)
        XCTAssertEqual(checked.lines, ["failed: scenarios.d/broken.vmt (1 error)", "would reformat: scenarios.d/messy.vmt",
                                       "unchanged: scenarios.d/tidy.vmt"])
        XCTAssertEqual([checked.summary.changed, checked.summary.unchanged, checked.summary.failed], [1, 1, 1])
        let messy = recipes.appendingPathComponent("messy.vmt")
        XCTAssertEqual(try String(contentsOf: messy, encoding: .utf8), "scenario   messy\r\nextends minimal")

        let written = program(.write)
        XCTAssertEqual(written.lines, ["failed: scenarios.d/broken.vmt (1 error)", "formatted: scenarios.d/messy.vmt 33 -> 31 bytes",
                                       "unchanged: scenarios.d/tidy.vmt"])
        XCTAssertEqual(try String(contentsOf: messy, encoding: .utf8), "scenario messy\nextends minimal\n")
        XCTAssertEqual(program(FormatMode.check).summary.changed, 0)
    }
}
