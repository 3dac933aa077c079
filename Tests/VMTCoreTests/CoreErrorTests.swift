import Foundation
import XCTest
@testable import VMTCore

/// The core's one error type: no empty validation failure, and its texts.
final class CoreErrorTests: XCTestCase {
    func testAValidationFailureIsNeverEmpty() throws {
        XCTAssertNil(ValidationFailure([]))
        let issues = [ValidationIssue(.agents, "agents must be > 0 (got 0)"), ValidationIssue(.grid, "N must be > 0 (got 0)")]
        let failure = try XCTUnwrap(ValidationFailure(issues))
        XCTAssertEqual(failure.first, issues[0])
        XCTAssertEqual(failure.issues, issues)
        XCTAssertEqual(CoreError.invalid(failure).description, "agents must be > 0 (got 0); N must be > 0 (got 0)")
    }

    func testTextsNameThePathAndTheReason() {
        let cases: [(name: String, error: CoreError, description: String, explanation: String)] = [
            ("read", .read(ReadFailure(path: "a.vmt", reason: .symbolicLinkLoop)),
             "cannot read a.vmt: it is a symbolic link loop", "it is a symbolic link loop"),
            ("write", .write(WriteFailure(path: "out/x.yaml", reason: .notRelative("../x.yaml"))),
             "cannot write out/x.yaml: '../x.yaml' is not a relative path inside the output folder",
             "'../x.yaml' is not a relative path inside the output folder"),
            ("JSON", .jsonSyntax(JSONSyntaxFailure(message: "expected a digit", offset: 3)),
             "expected a digit at byte 3", "expected a digit at byte 3"),
        ]
        for test in cases {
            XCTAssertEqual(test.error.description, test.description, test.name)
            XCTAssertEqual(test.error.explanation, test.explanation, test.name)
        }
    }

    /// A spec that breaks a rule is refused before anything is written, as `.invalid`.
    func testScenarioFileRefusesAnInvalidSpecWithoutWriting() throws {
        var spec = ScenarioSpec(name: "s", preset: try XCTUnwrap(Preset.named("minimal")), seed: Seed(1))
        spec.agents = 0
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-core-\(UUID().uuidString).yaml").path
        guard case .failure(.invalid(let failure)) = ScenarioFile.write(spec, to: path) else { return XCTFail("written") }
        XCTAssertEqual(failure.first.field, .agents)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
