import XCTest
@testable import VMTRecipe

/// `# vmt-dsl: allow CODE, ...` comments: their syntax, which lines they cover, and the
/// per-run set of `Resolver.resolve(_:maxVariants:allowing:)`.
final class AllowCommentTests: XCTestCase {
    private func comment(_ text: String, column: Int = 1) -> Comment {
        let start = SourcePosition(line: 1, column: column, offset: column - 1)
        let end = SourcePosition(line: 1, column: column + text.unicodeScalars.count, offset: column - 1 + text.utf8.count)
        return Comment(text: text, range: SourceRange(file: "r.vmt", start: start, end: end), blankLinesBefore: 0)
    }

    func testSyntax() {
        let cases: [(String, [String]?)] = [
            ("# vmt-dsl: allow VMT250", ["VMT250"]),
            ("#vmt-dsl:   allow VMT250,VMT251", ["VMT250", "VMT251"]),
            ("# vmt-dsl: allow VMT250 , VMT251 stated on purpose", ["VMT250", "VMT251"]),
            ("# vmt-dsl: allow VMT250 -- why", ["VMT250"]),
            ("# vmt-dsl: allow", []),
            ("# vmt-dsl allow VMT250", nil),
            ("# vmt-dsl: deny VMT250", nil),
            ("# allow VMT250", nil),
            ("# a plain comment", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(AllowComment.codes(in: comment(text))?.map(\.text), expected, text)
        }
    }

    func testCodeRangesCountScalars() {
        let codes = AllowComment.codes(in: comment("# vmt-dsl: allow VMT250, VMT251", column: 12)) ?? []
        XCTAssertEqual(codes.map(\.range.start.column), [29, 37])
        XCTAssertEqual(codes.map(\.range.end.column), [35, 43])
    }

    private func resolve(_ text: String, allowing: Set<DiagnosticCode> = []) -> Resolution {
        Resolver.resolve([RecipeSource(path: "r.vmt", relativePath: "r.vmt", bytes: Array(text.utf8))], allowing: allowing)
    }

    func testACommentSilencesTheWarningsOfItsLineOnly() {
        let trailing = resolve("extends minimal\nagents 10 # vmt-dsl: allow VMT250\ngrid 20\n")
        XCTAssertEqual(trailing.diagnostics.map(\.code), [.redundantLine], "only the grid line still warns")
        XCTAssertEqual(trailing.diagnostics.first?.range.start.line, 3)
        XCTAssertEqual(trailing.warnedPaths, ["r.vmt"])

        let above = resolve("extends minimal\n# vmt-dsl: allow VMT250\nagents 10\n")
        XCTAssertEqual(above.diagnostics, [])
        XCTAssertEqual(above.warnedPaths, [], "a silenced warning does not fail -W")

        let notDirectlyAbove = resolve("extends minimal\n# vmt-dsl: allow VMT250\n\nagents 10\n")
        XCTAssertEqual(notDirectlyAbove.diagnostics.map(\.code), [.redundantLine], "a blank line breaks the link")

        let otherCode = resolve("extends minimal\nagents 10 # vmt-dsl: allow VMT251\n")
        XCTAssertEqual(otherCode.diagnostics.map(\.code), [.redundantLine])
    }

    func testErrorsCannotBeAllowed() {
        let byComment = resolve("extends minimal\ngrid 5 # vmt-dsl: allow VMT211\nset beta 2 # vmt-dsl: allow VMT211\n")
        XCTAssertEqual(byComment.diagnostics.map(\.code), [.badAllow, .badAllow, .badParameterValue])
        XCTAssertEqual(byComment.diagnostics.map(\.severity), [.warning, .warning, .error])

        let perRun = resolve("extends minimal\nagents 10\nset beta 2\n", allowing: [.redundantLine, .badParameterValue])
        XCTAssertEqual(perRun.diagnostics.map(\.code), [.badParameterValue], "the warning goes, the error stays")
        XCTAssertEqual(perRun.failedPaths, ["r.vmt"])
    }

    func testAPinOfATypeOutsideTheMixWarns() {
        let resolution = resolve("extends minimal\npin translog.alpha_0 1.5\npin ces.rho 0.5\n")
        XCTAssertEqual(resolution.diagnostics.map(\.code), [.pinNotInMix])
        XCTAssertEqual(resolution.diagnostics.first?.range.start.line, 2)
        XCTAssertEqual(resolve("extends minimal\npin translog.alpha_0 1.5\n", allowing: [.pinNotInMix]).diagnostics, [])
    }
}
