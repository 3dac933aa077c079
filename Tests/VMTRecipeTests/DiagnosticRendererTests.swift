import XCTest
@testable import VMTRecipe

/// The exact text of rendered diagnostics.
final class DiagnosticRendererTests: XCTestCase {
    /// Parses `text` as `r.vmt` and renders every diagnostic.
    private func render(_ text: String, useColor: Bool = false) -> String {
        let (_, diagnostics) = parseRecipe(path: "r.vmt", text: text)
        return DiagnosticRenderer(sources: ["r.vmt": text], useColor: useColor).render(diagnostics)
    }

    private func range(_ line: Int, _ start: Int, _ end: Int, endLine: Int? = nil) -> SourceRange {
        SourceRange(
            file: "r.vmt",
            start: SourcePosition(line: line, column: start, offset: 0),
            end: SourcePosition(line: endLine ?? line, column: end, offset: 0)
        )
    }

    func testHint() {
        XCTAssertEqual(render("scenario x\nagnets 5\n"), """
        r.vmt:2:1: error: unknown directive 'agnets' [VMT101]
          agnets 5
          ^~~~~~
        hint: did you mean 'agents'?

        """)
    }

    /// A hint the message already says word for word is not shown (any diagnostic, any code):
    /// `bargaining nash` lists the names once, in the message; a near miss keeps its hint.
    func testAHintThatRepeatsTheMessageIsDropped() {
        let message = Message(.unknownProtocol, "unknown bargaining protocol 'nash'; expected one of a, b")
        XCTAssertNil(Diagnostic.error(message, at: range(1, 1, 2), hint: "expected one of a, b").hint)
        XCTAssertEqual(Diagnostic.warning(message, at: range(1, 1, 2), hint: "did you mean 'a'?").hint, "did you mean 'a'?")
        XCTAssertEqual(render("bargaining nash\nsearch random_wlak\n"), """
        r.vmt:1:12: error: unknown bargaining protocol 'nash'; expected one of compensating_block, split_difference, take_it_or_leave_it [VMT703]
          bargaining nash
                     ^~~~
        r.vmt:2:8: error: unknown search protocol 'random_wlak'; expected one of distance_discounted_search, random_walk [VMT703]
          search random_wlak
                 ^~~~~~~~~~~
        hint: did you mean 'random_walk'?

        """)
    }

    func testNoteWithRangeAndNoteWithout() {
        XCTAssertEqual(render("agents 5\ngrid 2\nagents 6 7\n"), """
        r.vmt:3:1: error: duplicate 'agents' directive [VMT105]
          agents 6 7
          ^~~~~~~~~~
        r.vmt:1:1: note: first set here
        r.vmt:3:10: error: unexpected extra argument '7' to 'agents' [VMT104]
          agents 6 7
                   ^
        note: usage: agents INT

        """)
    }

    func testTabsInTheSourceLineKeepTheCaretAligned() {
        XCTAssertEqual(render("\tagents\t0"), "r.vmt:1:9: error: agents must be greater than 0 [VMT111]\n  \tagents\t0\n  \t      \t^\n")
    }

    func testColumnsCountScalars() {
        XCTAssertEqual(render("scenario \"café\" x\r\n"), """
        r.vmt:1:17: error: unexpected extra argument 'x' to 'scenario' [VMT104]
          scenario "café" x
                          ^
        note: usage: scenario NAME

        """)
    }

    func testCRLFAndBOMSources() {
        XCTAssertEqual(render("\u{FEFF}agents 1\r\ngrid 0\r\n"), """
        r.vmt:2:6: error: grid must be greater than 0 [VMT111]
          grid 0
               ^

        """)
        XCTAssertEqual(render("\u{FEFF}agents 0"), """
        r.vmt:1:8: error: agents must be greater than 0 [VMT111]
          agents 0
                 ^

        """)
    }

    func testInvalidUTF8IsShownWithAReplacementCharacter() {
        let bytes: [UInt8] = Array("agents ".utf8) + [0xFF] + Array(" 5".utf8)
        let (_, diagnostics) = parseRecipe(path: "r.vmt", bytes: bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(DiagnosticRenderer(sources: ["r.vmt": text]).render(diagnostics), """
        r.vmt:1:8: error: invalid UTF-8 byte 0xFF [VMT001]
          agents \u{FFFD} 5
                 ^

        """)
    }

    func testMultiLineAndEmptyRanges() {
        let renderer = DiagnosticRenderer(sources: ["r.vmt": "abc def\nxyz"])
        XCTAssertEqual(renderer.render(.error(Message(.wrongArgument, "across lines"), at: range(1, 5, 2, endLine: 2))), """
        r.vmt:1:5: error: across lines [VMT103]
          abc def
              ^~~

        """)
        XCTAssertEqual(renderer.render(.error(Message(.missingArgument, "at the end"), at: range(2, 4, 4))), """
        r.vmt:2:4: error: at the end [VMT102]
          xyz
             ^

        """)
    }

    func testMissingSourceOrLineLeavesOutTheSnippet() {
        let diagnostic = Diagnostic.error(
            Message(.unknownParent, "something"), at: range(9, 1, 2),
            notes: [Diagnostic.Note("see here", at: range(1, 1, 2))], hint: "try again"
        )
        let expected = """
        r.vmt:9:1: error: something [VMT203]
        r.vmt:1:1: note: see here
        hint: try again

        """
        XCTAssertEqual(DiagnosticRenderer(sources: [:]).render(diagnostic), expected)
        XCTAssertEqual(DiagnosticRenderer(sources: ["r.vmt": "one line\n"]).render(diagnostic), expected)
        XCTAssertEqual(DiagnosticRenderer { _ in nil }.render(diagnostic), expected)
    }

    func testWarningAndNoteSeverities() {
        let renderer = DiagnosticRenderer(sources: ["r.vmt": "seed 1"])
        XCTAssertEqual(renderer.render(Diagnostic(.warning, Message(.redundantLine, "odd"), at: range(1, 6, 7))), """
        r.vmt:1:6: warning: odd [VMT250]
          seed 1
               ^

        """)
        XCTAssertEqual(renderer.render(Diagnostic(.note, Message(.badAllow, "fyi"), at: range(1, 1, 5))), """
        r.vmt:1:1: note: fyi [VMT118]
          seed 1
          ^~~~

        """)
    }

    func testColour() {
        let expected = "\u{1B}[1mr.vmt:2:1:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m \u{1B}[1munknown directive 'agnets'\u{1B}[0m [VMT101]\n"
            + "  agnets 5\n"
            + "  \u{1B}[1;32m^~~~~~\u{1B}[0m\n"
            + "\u{1B}[1;32mhint:\u{1B}[0m did you mean 'agents'?\n"
        XCTAssertEqual(render("scenario x\nagnets 5\n", useColor: true), expected)
        XCTAssertFalse(render("agnets 5").contains("\u{1B}"))
    }

    func testDescriptionIsTheFirstLine() {
        XCTAssertEqual(Diagnostic.error(Message(.unknownWord, "bad"), at: range(3, 4, 5)).description,
                       "r.vmt:3:4: error: bad [VMT112]")
    }

    func testCellWidths() {
        let cases: [(Unicode.Scalar, Int)] = [
            ("a", 1), ("é", 1), ("\u{301}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0), ("東", 2), ("の", 2), ("한", 2),
            ("Ｆ", 2), ("ｶ", 1), ("🙂", 2), ("🚀", 2), ("☺", 1), ("\u{20000}", 2), ("Ω", 1),
        ]
        for (scalar, width) in cases {
            XCTAssertEqual(DiagnosticRenderer.cellWidth(scalar), width, "U+\(String(scalar.value, radix: 16))")
        }
        XCTAssertEqual(render("scenario \"東京🙂\" x\n"), """
        r.vmt:1:16: error: unexpected extra argument 'x' to 'scenario' [VMT104]
          scenario "東京🙂" x
                            ^
        note: usage: scenario NAME

        """)
    }

        func testLineSplitting() {
        XCTAssertEqual(DiagnosticRenderer.line(1, of: ""), "")
        XCTAssertNil(DiagnosticRenderer.line(2, of: ""))
        XCTAssertEqual(DiagnosticRenderer.line(2, of: "a\r\nb\rc\nd"), "b")
        XCTAssertEqual(DiagnosticRenderer.line(3, of: "a\r\nb\rc\nd"), "c")
        XCTAssertEqual(DiagnosticRenderer.line(4, of: "a\r\nb\rc\nd"), "d")
        XCTAssertEqual(DiagnosticRenderer.line(2, of: "a\n"), "")
        XCTAssertNil(DiagnosticRenderer.line(3, of: "a\n"))
        XCTAssertNil(DiagnosticRenderer.line(0, of: "a"))
    }
}
