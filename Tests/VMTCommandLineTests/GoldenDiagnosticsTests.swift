// Golden diagnostics: every folder under Fixtures/diagnostics is one case, run as
// `vmt-dsl check <case>` from the diagnostics folder, so paths print as `<case>/file.vmt`.
//
// A case folder holds one or more `.vmt` recipes (subfolders allowed), an optional `args` file
// (extra command-line arguments, one per line, appended after the case name), and the
// expected `expected.stdout`, `expected.stderr` and `expected.exit` (the exit status and a
// newline). Standard output, standard error and the exit status must match exactly.
//
// To re-record every case, run
//
//     VMT_RECORD=1 swift test --filter GoldenDiagnosticsTests
//
// which writes the actual outputs into the source tree (Tests/VMTCommandLineTests/Fixtures/
// diagnostics, found from this file's path) instead of comparing them. Then READ the diffs:
// a wrong message or position is a bug to fix in Sources, never a golden file to accept.
// Rebuild before running the comparison, so the bundle holds the new files.
import Foundation
import XCTest
@testable import VMTCommandLine

final class GoldenDiagnosticsTests: XCTestCase {
    /// The names of the expected-output files of a case.
    static let expectedFiles = ["expected.exit", "expected.stderr", "expected.stdout"]

    /// The fixture folder in the source tree, where recording writes.
    static let sourceFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("diagnostics")

    /// True when `VMT_RECORD=1`: write the actual outputs instead of comparing.
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["VMT_RECORD"] == "1"
    }

    /// The diagnostics corpus as copied into the test bundle.
    static func bundleFolder() throws -> URL {
        let fixtures = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return fixtures.appendingPathComponent("diagnostics")
    }

    /// The case folders of `root`, sorted.
    static func cases(in root: URL) -> [String] {
        listing(root).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }
    }

    /// Every `.vmt` file under `folder`, as paths relative to it.
    static func recipes(under folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var found: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".vmt") { found.append(relative) }
        }
        return found.sorted()
    }

    /// The extra arguments of a case (its `args` file), if any.
    static func extraArguments(_ folder: URL) throws -> [String] {
        let file = folder.appendingPathComponent("args")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testEveryDiagnosticsCase() throws {
        let root = Self.isRecording ? Self.sourceFolder : try Self.bundleFolder()
        let cases = Self.cases(in: root)
        XCTAssertGreaterThanOrEqual(cases.count, 30, "the diagnostics corpus has at least 30 cases")
        var failing = 0, passing = 0
        for name in cases {
            let folder = root.appendingPathComponent(name)
            XCTAssertFalse(Self.recipes(under: folder).isEmpty, "\(name): a case holds at least one .vmt recipe")
            let before = Self.recipes(under: folder)
            let run = runTool(["check", name] + (try Self.extraArguments(folder)), in: root)
            XCTAssertEqual(Self.recipes(under: folder), before, "\(name): check writes nothing")
            let actual = ["expected.exit": "\(run.status)\n", "expected.stderr": run.stderr, "expected.stdout": run.stdout]

            if Self.isRecording {
                let target = Self.sourceFolder.appendingPathComponent(name)
                for file in Self.expectedFiles {
                    try Data((actual[file] ?? "").utf8).write(to: target.appendingPathComponent(file))
                }
                continue
            }
            for file in Self.expectedFiles {
                let url = folder.appendingPathComponent(file)
                guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
                    XCTFail("\(name): \(file) is missing; record it with VMT_RECORD=1")
                    continue
                }
                XCTAssertEqual(actual[file], expected, "\(name): \(file) differs")
            }
            if run.status == 0 { passing += 1 } else { failing += 1 }
        }
        if !Self.isRecording {
            // The corpus is mostly errors, with at least one recipe folder that checks clean.
            XCTAssertGreaterThanOrEqual(passing, 1, "at least one all-good case")
            XCTAssertGreaterThanOrEqual(failing, 30, "at least 30 error cases")
        }
    }

    /// Every case has its three expected files and at least one recipe, so a case folder added
    /// without recording cannot pass unnoticed.
    func testEveryCaseIsComplete() throws {
        let root = try Self.bundleFolder()
        for name in Self.cases(in: root) {
            let files = Set(listing(root.appendingPathComponent(name)))
            for file in Self.expectedFiles {
                XCTAssertTrue(files.contains(file), "\(name): \(file) missing")
            }
        }
    }

    /// A diagnostic always starts `<case>/<file>.vmt:LINE:COL: error:` and points inside the file.
    func testEveryErrorNamesAFileLineAndColumnThatExist() throws {
        let root = try Self.bundleFolder()
        let location = try NSRegularExpression(pattern: #"^([^:\n]+\.vmt):(\d+):(\d+): (error|note): "#,
                                               options: [.anchorsMatchLines])
        var checked = 0
        for name in Self.cases(in: root) {
            let stderr = (try? String(contentsOf: root.appendingPathComponent(name).appendingPathComponent("expected.stderr"),
                                      encoding: .utf8)) ?? ""
            let text = stderr as NSString
            for match in location.matches(in: stderr, range: NSRange(location: 0, length: text.length)) {
                let path = text.substring(with: match.range(at: 1))
                let line = Int(text.substring(with: match.range(at: 2))) ?? 0
                let column = Int(text.substring(with: match.range(at: 3))) ?? 0
                XCTAssertTrue(path.hasPrefix(name + "/"), "\(name): \(path) is inside the case")
                let bytes = (try? Data(contentsOf: root.appendingPathComponent(path))) ?? Data()
                let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
                XCTAssertTrue(line >= 1 && line <= lines.count, "\(name): line \(line) of \(path)")
                if line >= 1 && line <= lines.count {
                    XCTAssertTrue(column >= 1 && column <= lines[line - 1].unicodeScalars.count + 1,
                                  "\(name): column \(column) of \(path):\(line)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 30)
    }

    /// `-W` fails the recipe a promoted warning is about, and that recipe is not written, even
    /// when the warning sits on a line of its parent (the note says "while building" it).
    /// Fails until Sources are fixed; see the report.
    func testWarningsAsErrorsFailTheRecipeBeingBuiltWhenTheLineIsInItsParent() throws {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("recipes")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("template\nextends minimal\nmoney 5..10\n".utf8).write(to: recipes.appendingPathComponent("base.vmt"))
        try Data("extends base\n".utf8).write(to: recipes.appendingPathComponent("child.vmt"))

        let plain = runTool(["check", "recipes"], in: work)
        XCTAssertEqual(plain.status, 0, "without -W it is a warning: \(plain.stderr)")
        XCTAssertTrue(plain.stderr.contains("warning: 'money' has no effect under barter_only"), plain.stderr)
        XCTAssertTrue(plain.stderr.contains("note: while building recipes/child.vmt"), plain.stderr)

        let run = runTool(["build", "recipes", "-W", "--out", "out"], in: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("error: 'money' has no effect under barter_only"), run.stderr)
        XCTAssertEqual(listing(work.appendingPathComponent("out")), [], "child.yaml must not be written: its build has an error")
        XCTAssertTrue(run.stdout.hasPrefix("built 2 recipes (1 template): 0 scenarios written, 0 unchanged, 1 recipe failed"), run.stdout)
    }
}
