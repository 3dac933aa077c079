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

    /// README's "The recipe language in brief" shows every directive: its code blocks are
    /// example files of grammar/examples byte for byte (so they parse, are formatted and pass
    /// `check -W` in CI), and together they use every keyword.
    func testREADMEInBriefShowsEveryDirectiveInExampleFiles() throws {
        let readme = try String(contentsOf: Self.grammarFolder.deletingLastPathComponent().appendingPathComponent("README.md"),
                                encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "\n## The recipe language in brief\n"))
        let end = try XCTUnwrap(readme.range(of: "\n### ", range: start.upperBound..<readme.endIndex))
        let parts = readme[start.upperBound..<end.lowerBound].components(separatedBy: "```\n")
        // Parts at odd positions are the insides of code blocks.
        let blocks = stride(from: 1, to: parts.count, by: 2).map { parts[$0] }
        XCTAssertGreaterThanOrEqual(blocks.count, 1)
        let examples = try Self.examples().map { try String(contentsOf: $0, encoding: .utf8) }
        var used = Set<Keyword>()
        for block in blocks {
            XCTAssertTrue(examples.contains(block), "README's block is no file of grammar/examples:\n\(block)")
            let (recipe, diagnostics) = parseRecipe(path: "x.vmt", text: block)
            XCTAssertEqual(diagnostics, [])
            used.formUnion(recipe?.directives.map(\.keyword) ?? [])
        }
        XCTAssertEqual(Set(Keyword.allCases).subtracting(used), [], "directives README's in brief does not show")
    }

    /// Every `(#anchor)` link of README names a heading of README (GitHub's anchors: lower case,
    /// punctuation but `-` and `_` dropped, spaces as `-`), so the contents list stays true.
    func testREADMELinksToItsOwnHeadings() throws {
        let readme = try String(contentsOf: Self.grammarFolder.deletingLastPathComponent().appendingPathComponent("README.md"),
                                encoding: .utf8)
        var anchors = Set<String>()
        var inCode = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle() }
            guard !inCode, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            anchors.insert(String(title.compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
            }))
        }
        var links: [String] = []
        var rest = readme[...]
        while let open = rest.range(of: "](#") {
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
            links.append(String(rest[open.upperBound..<close]))
            rest = rest[close...]
        }
        XCTAssertGreaterThanOrEqual(links.count, 10)
        for link in links { XCTAssertTrue(anchors.contains(link), "README links to #\(link), which no heading has") }
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
