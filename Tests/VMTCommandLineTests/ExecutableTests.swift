import Foundation
import XCTest

/// The real `vmt-dsl` binary: arguments in, exit status and streams out.
final class ExecutableTests: XCTestCase {
    func testTheExecutableGeneratesAndReportsErrors() throws {
        let work = try temporaryDirectory(self)
        let ok = try runExecutable(["generate", "demo", "--preset", "money_demo", "--seed", "42", "--output", "out.yaml"], in: work)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let golden = try Data(contentsOf: goldenDirectory().appendingPathComponent("seed_demo_money_demo/expected.yaml"))
        XCTAssertEqual(try Data(contentsOf: work.appendingPathComponent("out.yaml")), golden)

        let bad = try runExecutable(["generate", "demo", "--preset", "huge"], in: work)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("error: argument --preset: invalid choice: 'huge'"), bad.stderr)
        XCTAssertEqual(bad.stdout, "")

        let version = try runExecutable(["--version"], in: work)
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("vmt-dsl "))
    }
}
