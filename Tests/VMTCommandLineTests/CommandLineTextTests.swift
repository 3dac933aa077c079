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
}
