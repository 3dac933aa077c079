import XCTest
import VMTCore
@testable import VMTRecipe

/// The forms that say what VMT's hand-written files say: `utility` lines, `inventory GOOD V each`,
/// explicit stock without a range, `resources amount`, a decimal `regen`; checked with VMT's
/// loader rules for explicit values, and draw-stable.
final class LoaderValuesTests: XCTestCase {
    // MARK: Helpers

    private func resolve(_ files: [(String, String)]) -> Resolution {
        Resolver.resolve(files.map { RecipeSource(path: $0.0, relativePath: $0.0, bytes: Array($0.1.utf8)) })
    }

    /// The YAML one recipe builds, or a failure with its diagnostics.
    private func yaml(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let resolution = resolve([("r.vmt", text)])
        XCTAssertEqual(resolution.diagnostics.map(\.description), [], file: file, line: line)
        let spec = try XCTUnwrap(resolution.scenarios.first?.spec, file: file, line: line)
        guard case .success(let bytes) = ScenarioWriter.bytes(spec) else {
            XCTFail("does not render", file: file, line: line)
            return ""
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first lines (`file:line:col: severity: message`) of the diagnostics of one recipe.
    private func errors(_ text: String) -> [String] {
        let resolution = resolve([("r.vmt", text)])
        var messages = resolution.diagnostics.map(\.description)
        // A recipe that resolves but breaks a rule of the drawn values fails when rendered.
        if messages.isEmpty, let spec = resolution.scenarios.first?.spec, case .failure(.invalid(let failure)) = ScenarioWriter.bytes(spec) {
            messages = failure.issues.map(\.message)
        }
        return messages
    }

    private let base = """
        scenario s
        agents 3
        grid 5
        inventory 10..50
        resources density 0.3 max 5 regen 1
        seed 7

        """

    // MARK: Parsing

    func testUtilityLinesParse() throws {
        let recipe = try XCTUnwrap(parseRecipe(path: "r.vmt", text: """
            utility ces weight 0.6 rho -0.5 wA 1 wB 1.0
            utility linear vB 1.2 weight 0.4
            """).recipe)
        let lines = recipe.utilityLines
        XCTAssertEqual(lines.map(\.type.value), [.ces, .linear])
        XCTAssertEqual(lines[0].entry, UtilityEntry(.ces, weight: 0.6, parameters: ["rho": -0.5, "wA": 1, "wB": 1]))
        XCTAssertEqual(lines[1].entry, UtilityEntry(.linear, weight: 0.4, parameters: ["vB": 1.2]))
    }

    func testUtilityLineErrors() {
        let cases: [(name: String, text: String, expected: [String])] = [
            ("unknown parameter", "utility ces rh 0.5",
             ["r.vmt:1:13: error: unknown ces parameter 'rh' [VMT112]"]),
            ("parameter of another type", "utility linear rho 0.5",
             ["r.vmt:1:16: error: unknown linear parameter 'rho' [VMT112]"]),
            ("key twice", "utility ces rho 0.5 rho 0.4",
             ["r.vmt:1:21: error: 'rho' given twice in 'utility' [VMT107]"]),
            ("weight above 1", "utility ces weight 1.5",
             ["r.vmt:1:20: error: a weight must be between 0 and 1 [VMT111]"]),
            ("no value", "utility ces rho",
             ["r.vmt:1:13: error: expected a number after 'rho' [VMT102]"]),
            ("unknown type", "utility cse",
             ["r.vmt:1:9: error: unknown utility type 'cse' [VMT112]"]),
            ("both forms", "utilities ces\nutility linear",
             ["r.vmt:2:1: error: give the mix either as one 'utilities' line or as 'utility' lines, not both [VMT119]"]),
            ("weights on some lines", "utility ces weight 0.5\nutility linear",
             ["r.vmt:2:1: error: give a weight to every utility or to none [VMT113]"]),
        ]
        for test in cases {
            let diagnostics = parseRecipe(path: "r.vmt", text: test.text).diagnostics
            XCTAssertEqual(diagnostics.map(\.description), test.expected, test.name)
        }
    }

    func testScalarStockParses() throws {
        let recipe = try XCTUnwrap(parseRecipe(path: "r.vmt", text: "inventory A 5 each\ninventory B 0, 3").recipe)
        XCTAssertEqual(recipe.stocks.map(\.stock), [.each(5), .list([0, 3])])
        XCTAssertEqual(parseRecipe(path: "r.vmt", text: "inventory A -1 each").diagnostics.map(\.description),
                       ["r.vmt:1:13: error: a stock must be at least 0 [VMT111]"])
        XCTAssertNotNil(parseRecipe(path: "r.vmt", text: "inventory A 5, 6 each").diagnostics.first)
    }

    func testResourcesAmountAndDecimalRegenParse() throws {
        let recipe = try XCTUnwrap(parseRecipe(path: "r.vmt", text: "resources regen 0.05 amount 0").recipe)
        XCTAssertEqual(recipe.resources?.regen?.value, .float(0.05))
        XCTAssertEqual(recipe.resources?.amount?.value, 0)
        XCTAssertEqual(parseRecipe(path: "r.vmt", text: "resources regen -0.5").diagnostics.map(\.description),
                       ["r.vmt:1:17: error: regen must be at least 0 [VMT111]"])
    }

    // MARK: Draw stability

    func testAnExplicitParameterChangesNothingElse() throws {
        let drawn = try yaml(base + "utilities ces, linear, quadratic\n")
        let pinned = try yaml(base + "utility ces rho 0.25\nutility linear\nutility quadratic gamma 0.5\n")
        let a = drawn.split(separator: "\n"), b = pinned.split(separator: "\n")
        XCTAssertEqual(a.count, b.count)
        let differences = zip(a, b).filter { $0.0 != $0.1 }.map { String($0.1) }
        XCTAssertEqual(differences, ["      rho: 0.25", "      gamma: 0.5"])
    }

    func testExplicitWeightsAndEveryParameterWriteThoseValues() throws {
        let text = try yaml(base + "utility ces weight 0.67 rho -0.5 wA 1 wB 1\nutility linear weight 0.33 vA 1.0 vB 1.2\n")
        XCTAssertTrue(text.contains("  - type: ces\n    weight: 0.67\n    params:\n      rho: -0.5\n      wA: 1.0\n      wB: 1.0\n  - type: linear\n    weight: 0.33\n"), text)
    }

    func testScalarAndListStockConsumeTheirDraws() throws {
        let drawn = try yaml(base + "utilities ces\n")
        let scalar = try yaml(base + "utilities ces\ninventory A 9 each\n")
        XCTAssertTrue(scalar.contains("  A: 9\n  B:\n"), scalar)
        // The utility parameters (drawn after the stocks) are the same.
        XCTAssertEqual(drawn.components(separatedBy: "utilities:").last, scalar.components(separatedBy: "utilities:").last)
    }

    // MARK: Explicit stock without a range

    func testExplicitStockNeedsNoRange() throws {
        let text = try yaml("""
            agents 2
            grid 5
            inventory A 10, 0
            inventory B 3 each
            utility linear vA 1 vB 2
            resources density 0 max 5 amount 0 regen 0.05

            """)
        XCTAssertTrue(text.contains("  A:\n  - 10\n  - 0\n  B: 3\n"), text)
        XCTAssertTrue(text.contains("resource_growth_rate: 0.05\n"), text)
        XCTAssertTrue(text.hasSuffix("resource_seed:\n  density: 0.0\n  amount: 0\n"), text)
    }

    func testWithoutARangeEveryStockAndEveryQuadraticScaleIsNeeded() {
        XCTAssertEqual(errors("agents 2\ngrid 5\ninventory A 1, 2\nutility linear\nresources density 0 max 5 regen 0\n"),
                       ["r.vmt:1:1: error: missing 'inventory': a scenario needs agents, grid, inventory, utilities and resources (density, max, regen), set here or inherited through 'extends' [VMT207]"])
        XCTAssertEqual(errors("agents 2\ngrid 5\ninventory A 1, 2\ninventory B 1, 2\nutility quadratic A_star 3 gamma 0.1\nresources density 0 max 5 regen 0\n"),
                       ["r.vmt:5:1: error: quadratic B_star, sigma_A, sigma_B are drawn from the inventory range, and there is none: give a range or the values [VMT305]"])
    }

    // MARK: Loader rules for explicit values

    func testZeroStockIsAcceptedAndStoneGearyFollowsTheLoader() {
        let stoneGeary = "utility stone_geary alpha_A 0.6 alpha_B 0.4 gamma_A 5 gamma_B 3\n"
        // A list below gamma: the loader does not check it.
        XCTAssertEqual(errors(base + stoneGeary + "inventory A 0, 4, 9\n"), [])
        // A scalar below gamma: the loader refuses it (blamed on the stock line when built).
        XCTAssertEqual(errors(base + stoneGeary + "inventory A 5 each\n"),
                       ["stone_geary needs the A inventory > gamma_A = 5.0 (an agent has 5)"])
        // Drawn stocks keep the reference's rule.
        XCTAssertEqual(errors(base + "utility stone_geary gamma_A 20\n"),
                       ["stone_geary needs every A inventory > gamma_A = 20.0 (an agent has 19)"])
    }

    func testExplicitParametersAreCheckedAtTheirLine() {
        XCTAssertEqual(errors(base + "utility ces rho 1 wA 0.5 wB 0.5\n"),
                       ["r.vmt:7:1: error: ces.rho must not be 1 (got 1.0) [VMT305]"])
        XCTAssertEqual(errors(base + "utility ces weight 0.5 wA 1.0\nutility linear weight 0.5 vA 0\n"),
                       ["r.vmt:7:1: error: ces wA must be < 1, as wB = 1 - wA must stay > 0 (got 1.0) [VMT305]",
                        "r.vmt:8:1: error: linear.vA must be > 0 (got 0.0) [VMT305]"])
        XCTAssertEqual(errors(base.replacingOccurrences(of: "density 0.3 max 5", with: "density 0.3 max 5 amount 0") + "utilities ces\n"),
                       ["r.vmt:5:36: error: resource amount must be > 0 when density is above 0 (got 0 with density 0.3) [VMT306]"])
    }

    func testAnExplicitWAWithoutWBTakesTheComplementLikeAPin() throws {
        let text = try yaml(base + "utility ces wA 0.7\n")
        XCTAssertTrue(text.contains("      wA: 0.7\n      wB: 0.3\n"), text)
    }

    func testUtilityLinesReplaceTheInheritedMixAndExplainShowsEachLine() throws {
        let resolution = resolve([
            ("p.vmt", base.replacingOccurrences(of: "scenario s", with: "scenario p") + "utilities ces, linear\n"),
            ("c.vmt", "extends p\nutility translog weight 1 alpha_A 0.5\n"),
        ])
        XCTAssertEqual(resolution.diagnostics.map(\.description), [])
        let child = try XCTUnwrap(resolution.scenarios.first { $0.source.path == "c.vmt" })
        XCTAssertEqual(child.spec?.utilities, [UtilityEntry(.translog, weight: 1, parameters: ["alpha_A": 0.5])])
        let row = try XCTUnwrap(child.explanation().first { $0.name == "utility.1" })
        XCTAssertEqual(row.value.text, "translog weight 1.0 alpha_A 0.5")
        XCTAssertEqual(row.origin?.description, "c.vmt:2")
    }

    // MARK: fmt

    func testFmtOrdersTheKeysOfAUtilityLineAndKeepsTheLinesInOrder() throws {
        let text = "utility linear vB 2 weight 0.5 vA 1\nutility ces wB 1 rho .5 weight 0.5 wA 1\ninventory A 5 each\n"
        let syntax = try XCTUnwrap(parseRecipe(path: "r.vmt", text: text).recipe?.syntax)
        XCTAssertEqual(formatRecipe(syntax), "inventory A 5 each\nutility linear weight 0.5 vA 1 vB 2\nutility ces weight 0.5 rho .5 wA 1 wB 1\n")
    }
}
