import Foundation
import XCTest
@testable import VMTCommandLine

/// Every case of the reference generator's golden corpus, run through `vmt-dsl generate`.
final class GoldenGenerateTests: XCTestCase {
    func testEveryGoldenCase() throws {
        let golden = try goldenDirectory()
        let cases = listing(golden)
        XCTAssertEqual(cases.count, 88, "the corpus in ../shared/golden has 88 cases")
        var succeeded = 0, refused = 0
        for name in cases {
            let folder = golden.appendingPathComponent(name)
            var arguments = try String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)
                .components(separatedBy: "\n")
            if arguments.last == "" { arguments.removeLast() }
            let expectedExit = try String(contentsOf: folder.appendingPathComponent("expected.exit"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let work = try temporaryDirectory(self)
            let run = runTool(["generate"] + arguments, in: work)
            XCTAssertEqual(String(run.status), expectedExit, "\(name): exit status; stderr: \(run.stderr)")
            let output = work.appendingPathComponent("out.yaml")
            if expectedExit == "0" {
                let expected = try Data(contentsOf: folder.appendingPathComponent("expected.yaml"))
                let actual = try Data(contentsOf: output)
                XCTAssertEqual(actual, expected, "\(name): YAML differs from the reference")
                XCTAssertEqual(listing(work), ["out.yaml"], "\(name): only the output file is written")
                XCTAssertEqual(run.stderr, "", name)
                let seed = try XCTUnwrap(arguments.firstIndex(of: "--seed").map { arguments[$0 + 1] })
                try checkSummary(run.stdout, against: folder.appendingPathComponent("expected.stdout"), seed: seed, name)
                succeeded += 1
            } else {
                XCTAssertEqual(listing(work), [], "\(name): no file may be written")
                let lines = run.stderr.split(separator: "\n")
                XCTAssertEqual(lines.count, 1, "\(name): one error line, got \(run.stderr)")
                XCTAssertTrue(run.stderr.hasPrefix("error: "), "\(name): \(run.stderr)")
                refused += 1
            }
        }
        XCTAssertEqual(succeeded, 80)
        XCTAssertEqual(refused, 8)
    }

    /// The summary carries the reference's facts: every line of the reference's summary but
    /// the seed line appears as it is, and the seed line names the seed used (the reference
    /// printed "Seed: random" for seed 0, a bug we do not copy).
    private func checkSummary(_ stdout: String, against file: URL, seed: String, _ name: String) throws {
        let expected = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let actual = stdout.split(separator: "\n")
        XCTAssertEqual(actual.count, expected.count, "\(name): summary lines")
        for (want, got) in zip(expected, actual) {
            if want.contains("Seed:") {
                XCTAssertEqual(got, "  - Seed: \(seed)", name)
            } else {
                XCTAssertEqual(got, want, name)
            }
        }
    }
}
