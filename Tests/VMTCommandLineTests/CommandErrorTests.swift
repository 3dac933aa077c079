import Foundation
import XCTest
@testable import VMTCommandLine
import VMTCore
import VMTProject
import VMTRecipe

/// The one place library errors become command errors, and the one place those choose the
/// exit status.
final class CommandErrorTests: XCTestCase {
    func testLibraryErrorsBecomeInputErrorsWithTheirOwnText() {
        let tooLarge = CoreError.read(ReadFailure(path: "big.yaml", reason: .tooLarge(limit: 64 << 20)))
        let missing = CoreError.read(ReadFailure(path: "none.yaml", reason: .notFound))
        let folder = CoreError.write(WriteFailure(path: "out.yaml", reason: .isAFolder))
        let cases: [(name: String, converted: CommandError, expected: CommandError)] = [
            ("an input over its limit, in MiB", CommandError(tooLarge), .input("big.yaml is larger than 64 MiB")),
            ("a read failure", CommandError(missing), .input("cannot read none.yaml: no such file")),
            ("a write failure", CommandError(folder), .input("cannot write out.yaml: it is a folder")),
            ("a core error inside a project error", CommandError(ProjectError.core(tooLarge)), .input("big.yaml is larger than 64 MiB")),
            ("a plan that cannot be made", CommandError(ProjectError.plan(.notARevision("-x"))), .input("--base: '-x' is not a revision")),
            ("a manifest line", CommandError(ProjectError.manifestLine(line: 3, .notAnObject)), .input("line 3: not a JSON object")),
            ("a starter recipe", CommandError(StarterProblem.nameTaken("a", path: "a.vmt")),
             .input("a scenario named 'a' already exists (a.vmt); choose another file name")),
        ]
        for test in cases {
            XCTAssertEqual(test.converted, test.expected, test.name)
            XCTAssertEqual(test.converted.exitCode, .failure, test.name)
        }
        XCTAssertEqual(CommandError.usage("x").exitCode, .usage)
    }

    /// `diff` and `import` read their input through one place: a file over the limit is named
    /// with the limit in MiB, exit 1 (a sparse file: nothing large is written).
    func testAnInputOverItsLimitIsRefusedByDiffAndImport() throws {
        let directory = try temporaryDirectory(self)
        let big = directory.appendingPathComponent("big.yaml")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(64 << 20) + 1)
        try handle.close()
        try Data("N: 5\n".utf8).write(to: directory.appendingPathComponent("small.yaml"))
        let diff = runTool(["diff", "small.yaml", "big.yaml"], in: directory)
        XCTAssertEqual(diff.status, 1)
        XCTAssertEqual(diff.stderr, "error: big.yaml is larger than 64 MiB\n")
        let imported = runTool(["import", "big.yaml", "--out", "r"], in: directory)
        XCTAssertEqual(imported.status, 1)
        XCTAssertTrue(imported.stderr.hasPrefix("error: big.yaml is larger than 64 MiB\n"), imported.stderr)
    }
}
