import Foundation
import XCTest
import VMTCore
@testable import VMTRecipe

/// Every example in `grammar/examples` parses cleanly, and the grammar documents agree with the code.
final class GrammarExamplesTests: XCTestCase {
    /// The `grammar` folder at the top of the package, found from this file's path.
    static let grammarFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // VMTRecipeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("grammar")

    /// The example recipes, sorted by name.
    static func examples() throws -> [URL] {
        let folder = grammarFolder.appendingPathComponent("examples")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "vmt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testEveryExampleParsesWithoutDiagnostics() throws {
        let examples = try GrammarExamplesTests.examples()
        XCTAssertGreaterThanOrEqual(examples.count, 5)
        for url in examples {
            let bytes = try [UInt8](Data(contentsOf: url))
            let (recipe, diagnostics) = parseRecipe(path: url.lastPathComponent, bytes: bytes)
            XCTAssertEqual(diagnostics, [], url.lastPathComponent)
            XCTAssertNotNil(recipe, url.lastPathComponent)
            XCTAssertFalse(recipe?.directives.isEmpty ?? true, url.lastPathComponent)
        }
    }

    func testExamplesReadTheSameWithCRLFAndABOM() throws {
        for url in try GrammarExamplesTests.examples() {
            let text = try String(contentsOf: url, encoding: .utf8)
            let crlf = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
            let plain = parseRecipe(path: "x.vmt", text: text).recipe
            let other = parseRecipe(path: "x.vmt", text: crlf).recipe
            XCTAssertEqual(plain?.directives.map(\.keyword), other?.directives.map(\.keyword), url.lastPathComponent)
            XCTAssertEqual(plain?.seed?.value, other?.seed?.value, url.lastPathComponent)
            XCTAssertEqual(plain?.utilities?.map(\.type.value), other?.utilities?.map(\.type.value), url.lastPathComponent)
            XCTAssertEqual(
                plain?.directives.map(\.range.start.line), other?.directives.map(\.range.start.line),
                url.lastPathComponent
            )
        }
    }

    func testTheExamplesUseEveryDirective() throws {
        var used = Set<Keyword>()
        for url in try GrammarExamplesTests.examples() {
            let recipe = parseRecipe(path: "x.vmt", text: try String(contentsOf: url, encoding: .utf8)).recipe
            used.formUnion(recipe?.directives.map(\.keyword) ?? [])
        }
        XCTAssertEqual(used, Set(Keyword.allCases))
    }

    func testGrammarDefinesEveryKeyword() throws {
        let ebnf = try String(contentsOf: GrammarExamplesTests.grammarFolder.appendingPathComponent("recipe.ebnf"), encoding: .utf8)
        for keyword in Keyword.allCases {
            XCTAssertTrue(ebnf.contains("::= '\(keyword.rawValue)'"), keyword.rawValue)
        }
        for type in UtilityType.allCases {
            XCTAssertTrue(ebnf.contains("'\(type.rawValue)'"), type.rawValue)
        }
        for regime in ExchangeRegime.allCases {
            XCTAssertTrue(ebnf.contains("'\(regime.rawValue)'"), regime.rawValue)
        }
    }

    func testReferenceListsEveryUsageLine() throws {
        let markdown = try String(
            contentsOf: GrammarExamplesTests.grammarFolder.appendingPathComponent("directives.md"), encoding: .utf8
        ).replacingOccurrences(of: "\\|", with: "|")
        for keyword in Keyword.allCases {
            XCTAssertTrue(markdown.contains("| `\(Messages.usageSyntax(keyword))` |"), keyword.rawValue)
        }
    }
}
