// Transcript tests: a client drives the server through open, change, hover, definition,
// references, completion, formatting, symbols and inlay hints on a copy of scenarios.d, and
// through the failure cases (malformed input, unknown methods, requests before initialize).
import Foundation
import XCTest

final class TranscriptTests: XCTestCase {
    private var root = ""
    private var lab: String { root + "/lab/money_lab.vmt" }
    private var rich: String { root + "/lab/money_lab_rich.vmt" }
    private var poor: String { root + "/lab/money_lab_poor.vmt" }

    override func setUpWithError() throws {
        root = try copyOfScenarios()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent)
    }

    private func hoverText(_ client: TestClient, _ path: String, _ line: Int, _ character: Int) -> String {
        let result = client.result("textDocument/hover", TestClient.at(path, line, character)) as? [String: Any]
        return (result?["contents"] as? [String: Any])?["value"] as? String ?? ""
    }

    private func labels(_ result: Any?) -> [String] {
        ((result as? [String: Any])?["items"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
    }

    private func startLine(_ location: Any?) -> Int? {
        (((location as? [String: Any])?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int
    }

    // MARK: The "done when"

    func testOpeningTheRichLabShowsNoDiagnosticsAndItsChain() {
        let client = TestClient()
        let result = client.initialize()
        XCTAssertEqual((result["capabilities"] as? [String: Any])?["positionEncoding"] as? String, "utf-16")
        client.open(rich)
        XCTAssertEqual(client.diagnostics(for: [rich])[rich]?.count, 0)

        // `extends money_lab` is line 1 (0-based): the parent's file and the whole chain.
        let hover = hoverText(client, rich, 1, 10)
        XCTAssertTrue(hover.contains("`lab/money_lab.vmt` (template)"), hover)
        XCTAssertTrue(hover.contains("chain: `lab/money_lab_rich.vmt` → `lab/money_lab.vmt` → preset mixed_economy"), hover)
        // The recipe has no `scenario` line: its fields are listed here, inherited ones too.
        XCTAssertTrue(hover.contains("| agents | `24` | lab/money_lab.vmt:6 |"), hover)
        XCTAssertTrue(hover.contains("| money | `200..400` | **lab/money_lab_rich.vmt:3** |"), hover)

        // Definition lands on the parent's `scenario` line (line 2 of money_lab.vmt).
        let definition = client.result("textDocument/definition", TestClient.at(rich, 1, 10)) as? [String: Any]
        XCTAssertEqual(definition?["uri"] as? String, TestClient.uri(lab))
        XCTAssertEqual(startLine(definition), 2)

        // Typing `regime mi` offers both regimes that start with `mi`, replacing `mi`.
        let text = (try? String(contentsOfFile: rich, encoding: .utf8)) ?? ""
        client.change(rich, text: text + "regime mi", version: 2)
        let completion = client.result("textDocument/completion", TestClient.at(rich, 5, 9))
        XCTAssertEqual(labels(completion), ["mixed", "mixed_liquidity_gated"])
        let edit = (((completion as? [String: Any])?["items"] as? [[String: Any]])?.first?["textEdit"] as? [String: Any])
        XCTAssertEqual(((edit?["range"] as? [String: Any])?["start"] as? [String: Any])?["character"] as? Int, 7)
    }

    func testAParentEditRediagnosesItsClosedChildrenAndTheBufferWinsOverTheDisk() throws {
        let client = TestClient()
        client.initialize()
        client.open(lab)
        XCTAssertEqual(client.diagnostics(for: [lab])[lab]?.count, 0)
        let original = try String(contentsOfFile: lab, encoding: .utf8)
        client.change(lab, text: original.replacingOccurrences(of: "agents 24", with: "agents 0"), version: 2)
        let found = client.diagnostics(for: [lab, rich, poor])
        let parent = try XCTUnwrap(found[lab]?.first)
        XCTAssertEqual(parent["severity"] as? Int, 1)
        XCTAssertEqual(parent["code"] as? String, "VMT111", "\(parent)")
        XCTAssertTrue((parent["message"] as? String ?? "").contains("agents must be greater than 0"))
        XCTAssertEqual(((parent["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int, 5)
        for child in [rich, poor] {
            let diagnostic = try XCTUnwrap(found[child]?.first, child)
            XCTAssertEqual(diagnostic["severity"] as? Int, 1)
            XCTAssertTrue((diagnostic["message"] as? String ?? "").contains("money_lab"), "\(diagnostic)")
        }
        // The disk still says 24: only the buffer was changed.
        XCTAssertTrue(try String(contentsOfFile: lab, encoding: .utf8).contains("agents 24"))

        // Undo: every file is clean again, and each gets an empty list.
        client.change(lab, text: original, version: 3)
        let cleared = client.diagnostics(for: [lab, rich, poor])
        for path in [lab, rich, poor] { XCTAssertEqual(cleared[path]?.count, 0, path) }

        // Closing the buffer without saving falls back to the disk (clean).
        client.change(lab, text: original.replacingOccurrences(of: "agents 24", with: "agents 0"), version: 4)
        XCTAssertEqual(client.diagnostics(for: [rich])[rich]?.count, 1)
        client.notify("textDocument/didClose", ["textDocument": ["uri": TestClient.uri(lab)]])
        client.open(rich)
        XCTAssertEqual(client.diagnostics(for: [rich, lab])[rich]?.count, 0)
    }

    /// A buffer over the 1 MiB recipe limit is not analysed: one diagnostic on line 1 with
    /// build's message, and the server keeps answering; shrunk again, it is analysed as usual.
    func testABufferOverTheRecipeLimitGetsOneDiagnosticAndTheServerKeepsAnswering() throws {
        let client = TestClient()
        client.initialize()
        let path = root + "/lab/huge.vmt"
        let huge = "scenario huge\nextends minimal\n" + String(repeating: "# padding padding padding\n", count: 45_000)
        XCTAssertGreaterThan(huge.utf8.count, 1 << 20)
        client.open(path, text: huge)
        let found = try XCTUnwrap(client.diagnostics(for: [path])[path])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?["message"] as? String, "huge.vmt is larger than 1024 KiB; a recipe file may be at most that")
        XCTAssertEqual(startLine(found.first), 0)
        client.open(lab)
        XCTAssertFalse(hoverText(client, lab, 2, 3).isEmpty, "the server still answers")
        client.change(path, text: "scenario huge\nextends minimal\nagents oops\n", version: 2)
        let again = try XCTUnwrap(client.diagnostics(for: [path])[path])
        XCTAssertFalse(again.contains { ($0["message"] as? String ?? "").contains("larger than") }, "\(again)")
    }

    func testAnInheritedValidationErrorIsShownInTheChild() throws {
        let client = TestClient()
        client.initialize()
        // The child sets a money range under barter_only? No: it inherits a value that breaks a
        // rule only in the child's combination: the parent's explicit stock of A has 24 entries,
        // the child changes agents to 3.
        let parentPath = root + "/lab/stocked.vmt"
        try "scenario stocked\ntemplate\nextends minimal\nagents 2\ninventory A 5, 6\n".write(toFile: parentPath, atomically: true, encoding: .utf8)
        let childPath = root + "/lab/stocked_child.vmt"
        try "extends stocked\nagents 3\n".write(toFile: childPath, atomically: true, encoding: .utf8)
        client.open(childPath)
        let found = client.diagnostics(for: [childPath, parentPath])
        let child = try XCTUnwrap(found[childPath]?.first)
        XCTAssertTrue((child["message"] as? String ?? "").hasPrefix("inherited from lab/stocked.vmt:5"), "\(child)")
        XCTAssertEqual(((child["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int, 0)
        let related = try XCTUnwrap((child["relatedInformation"] as? [[String: Any]])?.first?["location"] as? [String: Any])
        XCTAssertEqual(related["uri"] as? String, TestClient.uri(parentPath))
        XCTAssertEqual(found[parentPath]?.count, 1)
    }

    func testWarningsAreWarningsWithTheirCodesAndAllowSilencesThem() throws {
        let path = root + "/lab/same.vmt"
        try "extends money_lab\nagents 24\n".write(toFile: path, atomically: true, encoding: .utf8)
        let client = TestClient()
        client.initialize()
        client.open(path)
        let warning = try XCTUnwrap(client.diagnostics(for: [path])[path]?.first)
        XCTAssertEqual(warning["severity"] as? Int, 2)
        XCTAssertEqual(warning["code"] as? String, "VMT250")
        let silenced = TestClient(allowing: [.redundantLine])
        silenced.initialize()
        silenced.open(path)
        XCTAssertEqual(silenced.diagnostics(for: [path])[path]?.count, 0)
    }

    // MARK: Hover, definition, references

    func testHoverShowsOriginChainsAndTheScenarioLineShowsInheritedFields() {
        let client = TestClient()
        client.initialize()
        client.open(rich)
        // `money 200..400` (line 2): from the preset (through the inventory range) to this line.
        let money = hoverText(client, rich, 2, 1)
        XCTAssertTrue(money.contains("**money** = `200..400`"), money)
        XCTAssertTrue(money.contains("1. `20..80` — preset mixed_economy"), money)
        XCTAssertTrue(money.contains("2. `200..400` — lab/money_lab_rich.vmt:3 (this file)"), money)
        XCTAssertTrue(money.contains("`money MIN..MAX`"), money)

        client.open(lab)
        let scenario = hoverText(client, lab, 2, 3)
        XCTAssertTrue(scenario.contains("| agents | `24` | **lab/money_lab.vmt:6** |"), scenario)
        XCTAssertTrue(scenario.contains("| grid | `"), scenario)
        XCTAssertTrue(scenario.contains("| preset mixed_economy |"), scenario)

        let set = hoverText(client, lab, 8, 6)
        XCTAssertTrue(set.contains("`liquidity_gate.min_quotes`: an integer >= 0; default `3`"), set)

        // A comment line says nothing.
        XCTAssertTrue(client.request("textDocument/hover", TestClient.at(lab, 0, 3))["result"] is NSNull)
    }

    func testDefinitionOfADirectiveIsTheLineItOverrides() {
        let client = TestClient()
        client.initialize()
        client.open(rich)
        // `schedule forage 8 trade 4 start trade` overrides money_lab.vmt's schedule (line 10).
        let location = client.result("textDocument/definition", TestClient.at(rich, 4, 3)) as? [String: Any]
        XCTAssertEqual(location?["uri"] as? String, TestClient.uri(lab))
        XCTAssertEqual(startLine(location), 10)
        // `money` is set nowhere in the parent: it comes from the preset the parent extends.
        let money = client.result("textDocument/definition", TestClient.at(rich, 2, 1)) as? [String: Any]
        XCTAssertEqual(startLine(money), 4)
        // `extends mixed_economy` names a preset: no file to go to.
        client.open(lab)
        XCTAssertTrue(client.request("textDocument/definition", TestClient.at(lab, 3, 9))["result"] is NSNull)
    }

    func testReferencesOfARecipeAreTheRecipesThatExtendIt() {
        let client = TestClient()
        client.initialize()
        client.open(lab)
        var params = TestClient.at(lab, 2, 3)
        params["context"] = ["includeDeclaration": false]
        let locations = client.result("textDocument/references", params) as? [[String: Any]] ?? []
        XCTAssertEqual(Set(locations.compactMap { $0["uri"] as? String }), [TestClient.uri(poor), TestClient.uri(rich)])
        XCTAssertEqual(locations.compactMap(startLine), [1, 1])
    }

    // MARK: Completion

    func testCompletionOffersWhatTheLineNeeds() {
        let client = TestClient()
        client.initialize()
        let path = root + "/lab/new.vmt"
        let text = "\nextends \nset lambda_b\nvary \nscenario lab_{re\nutilities ces, li\n"
        client.open(path, text: text)
        let keywords = labels(client.result("textDocument/completion", TestClient.at(path, 0, 0)))
        XCTAssertEqual(keywords.first, "scenario")
        XCTAssertTrue(keywords.contains("vary") && keywords.contains("output"))
        let parents = labels(client.result("textDocument/completion", TestClient.at(path, 1, 8)))
        XCTAssertTrue(parents.contains("money_demo") && parents.contains("money_lab") && parents.contains("big_mixed"), "\(parents)")
        XCTAssertFalse(parents.contains("new"))
        let paths = labels(client.result("textDocument/completion", TestClient.at(path, 2, 12)))
        XCTAssertEqual(paths, ["lambda_bounds.lambda_min", "lambda_bounds.lambda_max"])
        let fields = labels(client.result("textDocument/completion", TestClient.at(path, 3, 5)))
        XCTAssertTrue(fields.contains("resources.density") && fields.contains("set.liquidity_gate.min_quotes"), "\(fields)")
        let placeholders = labels(client.result("textDocument/completion", TestClient.at(path, 4, 16)))
        XCTAssertEqual(placeholders, ["regime", "resources.density", "resources.max", "resources.regen"])
        let utilities = labels(client.result("textDocument/completion", TestClient.at(path, 5, 17)))
        XCTAssertEqual(utilities, ["linear"])
    }

    /// The target directives (issue 16): `vmt`, `search`, `matching`, `bargaining` are offered as
    /// keywords, and each offers its values (VMT versions, its kind's protocol names), filtered by
    /// what is typed.
    func testCompletionOffersTargetsAndProtocols() {
        let client = TestClient()
        client.initialize()
        let path = root + "/lab/late.vmt"
        client.open(path, text: "\nvmt \nsearch \nmatching \nbargaining s\nva\n")
        let keywords = labels(client.result("textDocument/completion", TestClient.at(path, 0, 0)))
        for keyword in ["vmt", "search", "matching", "bargaining"] {
            XCTAssertTrue(keywords.contains(keyword), "\(keyword) not in \(keywords)")
        }
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 1, 4))), ["2025-10", "2025-11"])
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 2, 7))), ["distance_discounted_search", "random_walk"])
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 3, 9))),
                       ["greedy_surplus", "random_matching", "three_pass_matching"])
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 4, 12))), ["split_difference"])
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 5, 2))), ["vary"])
    }

    /// `vary search|matching|bargaining` (comparing protocols): the fields are offered after
    /// `vary` and inside `{…}`, and each offers its kind's names after the field and after a comma.
    func testCompletionOffersProtocolsAsVaryFields() {
        let client = TestClient()
        client.initialize()
        let path = root + "/lab/sweep.vmt"
        client.open(path, text: "\nvary ba\nvary bargaining \nvary matching greedy_surplus, th\nscenario p_{se\n")
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 1, 7))), ["bargaining"])
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 2, 16))),
                       ["compensating_block", "split_difference", "take_it_or_leave_it"])
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 3, 32))), ["three_pass_matching"])
        XCTAssertEqual(labels(client.result("textDocument/completion", TestClient.at(path, 4, 14))), ["seed", "search"])
    }

    // MARK: Formatting, symbols, inlay hints

    func testFormattingReturnsTheCanonicalTextAndRefusesSyntaxErrors() {
        let client = TestClient()
        client.initialize()
        let path = root + "/lab/messy.vmt"
        client.open(path, text: "agents   30  # many\nextends money_lab\n")
        let edits = client.result("textDocument/formatting", ["textDocument": ["uri": TestClient.uri(path)],
                                                               "options": ["tabSize": 4, "insertSpaces": true]]) as? [[String: Any]]
        XCTAssertEqual(edits?.count, 1)
        XCTAssertEqual(edits?.first?["newText"] as? String, "extends money_lab\nagents 30 # many\n")
        client.change(path, text: "extends money_lab\nagents 30 # many\n", version: 2)
        let none = client.result("textDocument/formatting", ["textDocument": ["uri": TestClient.uri(path)], "options": [:]]) as? [Any]
        XCTAssertEqual(none?.count, 0)
        client.change(path, text: "extends money_lab\nagents thirty\n", version: 3)
        let refused = client.request("textDocument/formatting", ["textDocument": ["uri": TestClient.uri(path)], "options": [:]])
        XCTAssertEqual((refused["error"] as? [String: Any])?["code"] as? Int, -32803)
    }

    func testDocumentSymbolsAndInlayHints() {
        let client = TestClient()
        client.initialize()
        client.open(rich)
        let symbols = client.result("textDocument/documentSymbol", ["textDocument": ["uri": TestClient.uri(rich)]]) as? [[String: Any]] ?? []
        XCTAssertEqual(symbols.compactMap { $0["name"] as? String }, ["extends", "money", "seed", "schedule"])
        XCTAssertEqual(symbols.first?["detail"] as? String, "money_lab")
        let hints = client.result("textDocument/inlayHint", ["textDocument": ["uri": TestClient.uri(rich)],
                                                             "range": ["start": TestClient.position(0, 0), "end": TestClient.position(9, 0)]]) as? [[String: Any]]
        let label = hints?.first?["label"] as? String ?? ""
        XCTAssertTrue(label.hasPrefix("inherits regime mixed_liquidity_gated · agents 24 · grid 50 · "), label)
        XCTAssertFalse(label.contains("money 200"), label)
        XCTAssertEqual((hints?.first?["position"] as? [String: Any])?["line"] as? Int, 1)
    }
}
