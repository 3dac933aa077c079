import Foundation
import XCTest
@testable import VMTRecipe

/// The table of codes (`DiagnosticCode`) and its documentation (`grammar/diagnostics.md`) agree,
/// and every code is well formed and in its range.
final class DiagnosticCodeTests: XCTestCase {
    /// The codes in the first column of the tables of grammar/diagnostics.md, with their severity column.
    static func documentedCodes() throws -> [(code: String, severity: String)] {
        let url = GrammarExamplesTests.grammarFolder.appendingPathComponent("diagnostics.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, cells[1].hasPrefix("VMT") else { return nil }
            return (cells[1], cells[2])
        }
    }

    func testEveryCodeIsDocumentedOnceAndNothingElseIs() throws {
        let documented = try Self.documentedCodes()
        let codes = documented.map(\.code)
        XCTAssertEqual(codes.count, Set(codes).count, "a code is listed twice")
        XCTAssertEqual(Set(codes), Set(DiagnosticCode.allCases.map(\.rawValue)),
                       "grammar/diagnostics.md and DiagnosticCode list different codes")
        for (code, severity) in documented {
            guard let known = DiagnosticCode(rawValue: code) else { continue }
            XCTAssertEqual(severity, known.isWarning ? "warning" : "error", "\(code): severity column")
        }
    }

    func testCodesAreWellFormedUniqueAndSorted() {
        let raw = DiagnosticCode.allCases.map(\.rawValue)
        XCTAssertEqual(raw, raw.sorted(), "cases are declared in code order")
        for code in raw {
            XCTAssertTrue(code.range(of: #"^VMT[0-7][0-9][0-9]$"#, options: .regularExpression) != nil, code)
        }
    }

    func testTheRenderedFirstLineEndsWithTheCode() {
        let (_, diagnostics) = parseRecipe(path: "r.vmt", text: "agnets 5\n")
        XCTAssertEqual(diagnostics.map(\.code), [.unknownDirective])
        XCTAssertEqual(diagnostics.first?.description, "r.vmt:1:1: error: unknown directive 'agnets' [VMT101]")
    }
}
