import Foundation
import XCTest
import VMTCore
@testable import VMTRecipe

/// Tests of the reader (lines and comments) and the rules (typed directives and their errors).
final class ParserTests: XCTestCase {
    /// A diagnostic in one line: `line:col: message`, then `[note line:col: …]` and `[hint: …]`.
    static func summary(_ diagnostic: Diagnostic) -> String {
        var text = "\(diagnostic.range.start.line):\(diagnostic.range.start.column): \(diagnostic.message)"
        for note in diagnostic.notes {
            if let range = note.range {
                text += " [note \(range.start.line):\(range.start.column): \(note.message)]"
            } else {
                text += " [note: \(note.message)]"
            }
        }
        if let hint = diagnostic.hint { text += " [hint: \(hint)]" }
        return text
    }

    private func parse(_ text: String, path: String = "t.vmt") -> (Recipe?, [String]) {
        let (recipe, diagnostics) = parseRecipe(path: path, text: text)
        return (recipe, diagnostics.map(ParserTests.summary))
    }

    private func parseValid(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Recipe {
        let (recipe, diagnostics) = parse(text)
        XCTAssertEqual(diagnostics, [], file: file, line: line)
        return try XCTUnwrap(recipe, file: file, line: line)
    }

    // MARK: Did you mean: slips a new user makes

    /// Each slip gets the spelling that works as its hint, wherever it is written: a range as
    /// `generate` spells it (comma, space), a dash in any range position, a name with spaces, a
    /// `=` anywhere on a line, and a VMT version by its nearest month (the later on a tie).
    func testSlipsGetTheSpellingThatWorks() {
        let usage = "usage: \(ParserTests.inventoryUsage)"
        let what = "a range MIN..MAX or a good (A, B or M)"
        let cases: [(String, [String])] = [
            ("inventory 10,60", ["1:11: expected \(what), found integer '10' [note: \(usage)] [hint: did you mean '10..60'?]"]),
            ("inventory 10 60", ["1:11: expected \(what), found integer '10' [note: \(usage)] [hint: did you mean '10..60'?]"]),
            ("money 0, 100", ["1:7: expected a range MIN..MAX, found integer '0' [note: usage: money MIN..MAX] [hint: did you mean '0..100'?]"]),
            ("inventory 10, 60, 70", ["1:11: expected \(what), found integer '10' [note: \(usage)]"]),
            ("scenario my scenario", [
                "1:13: unexpected extra argument 'scenario' to 'scenario' [note: usage: scenario NAME] [hint: did you mean 'scenario \"my scenario\"'?]",
            ]),
            ("extends my base 2", [
                "1:12: unexpected extra argument 'base' to 'extends' [note: usage: extends PARENT] [hint: did you mean 'extends \"my base 2\"'?]",
            ]),
            ("agents 5 6", ["1:10: unexpected extra argument '6' to 'agents' [note: usage: agents INT]"]),
            ("grid = 20", ["1:6: unexpected character '=' [hint: did you mean 'grid 20'?]"]),
            ("grid=20 # c", ["1:5: unexpected character '=' [hint: did you mean 'grid 20'?]"]),
            ("grid =", ["1:6: unexpected character '='"]),
            ("vmt 2025-12", ["1:5: unknown VMT target '2025-12'; expected one of 2025-10, 2025-11 [hint: did you mean '2025-11'?]"]),
            ("vmt 2026-07", ["1:5: unknown VMT target '2026-07'; expected one of 2025-10, 2025-11 [hint: did you mean '2025-11'?]"]),
            ("vmt 2025-01", ["1:5: unknown VMT target '2025-01'; expected one of 2025-10, 2025-11 [hint: did you mean '2025-10'?]"]),
            ("vmt 2025-1", ["1:5: unknown VMT target '2025-1'; expected one of 2025-10, 2025-11 [hint: did you mean '2025-10'?]"]),
            ("vmt latest", ["1:5: unknown VMT target 'latest'; expected one of 2025-10, 2025-11"]),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(parse(input).1, expected, input)
        }
    }

    // MARK: Reader: lines and comments

    func testLinesKeepKeywordArgumentsAndRange() throws {
        let (file, diagnostics) = SyntaxReader.read(path: "t.vmt", bytes: Array("  utilities ces:0.6, linear  # mix\n".utf8))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(file.lines.count, 1)
        let line = try XCTUnwrap(file.lines.first)
        XCTAssertEqual(line.keyword.text, "utilities")
        XCTAssertEqual(line.arguments.map(\.text), ["ces", ":", "0.6", ",", "linear"])
        XCTAssertEqual(line.trailingComment?.text, "# mix")
        XCTAssertEqual(line.range.start.column, 3)
        XCTAssertEqual(line.range.end.column, 28)
    }

    func testCommentAttachment() throws {
        let text = """
        # head comment, line 1
        # head comment, line 2

        # floats above the first directive
        scenario a   # trailing
        agents 5


        # a comment block separated by blank lines
        #   from the next directive

        # directly above grid
        grid 4
        # after the last directive

        # and another one
        """
        let (file, diagnostics) = SyntaxReader.read(path: "t.vmt", bytes: Array(text.utf8))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(file.headComments.map(\.text), ["# head comment, line 1", "# head comment, line 2"])
        XCTAssertEqual(file.lines.map(\.keyword.text), ["scenario", "agents", "grid"])
        let scenario = file.lines[0]
        XCTAssertEqual(scenario.leadingComments.map(\.text), ["# floats above the first directive"])
        XCTAssertEqual(scenario.leadingComments.map(\.blankLinesBefore), [1])
        XCTAssertEqual(scenario.trailingComment?.text, "# trailing")
        XCTAssertEqual(scenario.blankLinesBefore, 0)
        XCTAssertEqual(file.lines[1].leadingComments, [])
        XCTAssertNil(file.lines[1].trailingComment)
        let grid = file.lines[2]
        XCTAssertEqual(grid.leadingComments.map(\.text), [
            "# a comment block separated by blank lines", "#   from the next directive", "# directly above grid",
        ])
        XCTAssertEqual(grid.leadingComments.map(\.blankLinesBefore), [2, 0, 1])
        XCTAssertEqual(grid.blankLinesBefore, 0)
        XCTAssertEqual(file.trailingComments.map(\.text), ["# after the last directive", "# and another one"])
        XCTAssertEqual(file.trailingComments.map(\.blankLinesBefore), [0, 1])
    }

    func testHeadCommentsNeedABlankLine() throws {
        let (file, _) = SyntaxReader.read(path: "t.vmt", bytes: Array("# about\nagents 5\n".utf8))
        XCTAssertEqual(file.headComments, [])
        XCTAssertEqual(file.lines.first?.leadingComments.map(\.text), ["# about"])

        let (separated, _) = SyntaxReader.read(path: "t.vmt", bytes: Array("# about\n\n\nagents 5\n".utf8))
        XCTAssertEqual(separated.headComments.map(\.text), ["# about"])
        XCTAssertEqual(separated.lines.first?.leadingComments, [])
        XCTAssertEqual(separated.lines.first?.blankLinesBefore, 2)
    }

    func testFileWithOnlyComments() {
        let (file, diagnostics) = SyntaxReader.read(path: "t.vmt", bytes: Array("# one\n\n# two".utf8))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(file.lines, [])
        XCTAssertEqual(file.headComments.map(\.text), ["# one", "# two"])
        XCTAssertEqual(file.trailingComments, [])
    }

    func testLinesWithErrorsAreLeftOutAndReadingGoesOn() {
        let (file, diagnostics) = SyntaxReader.read(path: "t.vmt", bytes: Array("agents = 5\n5 grid\ngrid 4\n".utf8))
        XCTAssertEqual(file.lines.map(\.keyword.text), ["grid"])
        XCTAssertEqual(diagnostics.map(ParserTests.summary), [
            "1:8: unexpected character '=' [hint: did you mean 'agents 5'?]",
            "2:1: expected a directive at the start of the line, found integer '5'",
        ])
    }

    // MARK: Rules: typed directives

    func testSpecExample() throws {
        // The example of spec/recipe-language.md, as written there (aligned comments, its order);
        // grammar/examples/big_mixed.vmt holds the same recipe in fmt's canonical form.
        let text = """
            # scenarios.d/money/big_mixed.vmt
            scenario big_mixed              # the name written to the YAML; default: the file's stem
            extends money_demo              # a built-in preset, or another recipe's scenario name
            regime mixed                    # barter_only | money_only | mixed | mixed_liquidity_gated
            agents 50
            grid 40
            inventory 10..60                # goods A and B: each agent draws from MIN..MAX
            money 100..500                  # money M: its own range (default: the inventory range)
            utilities ces:0.6, linear:0.4   # weighted mix; without weights: equal shares, as the reference
            resources density 0.3 max 5 regen 1   # any subset of the three keys
            seed 42
            set vision_radius 10            # any simulation parameter, by its schema name
            set lambda_money 2.0
            set lambda_bounds.lambda_max 1e5      # a field inside a nested parameter
            schedule forage 10 trade 5 start trade   # mode_schedule of type global_cycle
            output money/big_mixed.yaml     # relative to the output folder

            """
        let recipe = try parseValid(text)
        XCTAssertEqual(recipe.directives.map(\.keyword), [
            .scenario, .extends, .regime, .agents, .grid, .inventory, .money, .utilities,
            .resources, .seed, .set, .set, .set, .schedule, .output,
        ])
        XCTAssertEqual(recipe.scenario?.value, "big_mixed")
        XCTAssertEqual(recipe.extends?.value, "money_demo")
        XCTAssertEqual(recipe.regime?.value, .mixed)
        XCTAssertEqual(recipe.agents?.value, 50)
        XCTAssertEqual(recipe.grid?.value, 40)
        XCTAssertEqual(recipe.inventory?.lower.value, 10)
        XCTAssertEqual(recipe.inventory?.upper.value, 60)
        XCTAssertEqual(recipe.money?.lower.value, 100)
        XCTAssertEqual(recipe.money?.upper.value, 500)
        let utilities = try XCTUnwrap(recipe.utilities)
        XCTAssertEqual(utilities.map(\.type.value), [.ces, .linear])
        XCTAssertEqual(utilities.map { $0.weight?.value.text }, ["0.6", "0.4"])
        XCTAssertEqual(utilities.map { $0.weight?.value.value }, [0.6, 0.4])
        XCTAssertEqual(recipe.resources?.density?.value, DecimalLiteral(text: "0.3", value: 0.3))
        XCTAssertEqual(recipe.resources?.max?.value, 5)
        XCTAssertEqual(recipe.resources?.regen?.value, .int(1))
        XCTAssertEqual(recipe.seed?.value, "42")
        XCTAssertEqual(recipe.settings.map(\.path.value), ["vision_radius", "lambda_money", "lambda_bounds.lambda_max"])
        XCTAssertEqual(recipe.settings.map(\.value.text), ["10", "2.0", "1e5"])
        XCTAssertEqual(recipe.settings.map(\.value.kind), [.integer, .decimal, .decimal])
        XCTAssertEqual(recipe.settings[2].components, ["lambda_bounds", "lambda_max"])
        guard case .cycle(let forage, let trade, let start)? = recipe.schedule else {
            return XCTFail("expected a cycle schedule")
        }
        XCTAssertEqual(forage.value, 10)
        XCTAssertEqual(trade.value, 5)
        XCTAssertEqual(start?.value, .trade)
        XCTAssertEqual(recipe.output?.value, "money/big_mixed.yaml")
        XCTAssertFalse(recipe.isTemplate)
        XCTAssertEqual(recipe.syntax.lines.count, 15)
        XCTAssertEqual(recipe.directives[0].line.leadingComments.map(\.text), ["# scenarios.d/money/big_mixed.vmt"])
    }

    func testArgumentsKeepTheirRanges() throws {
        let recipe = try parseValid("agents 5\nutilities ces:0.6, linear:0.4\ninventory 10..60\n")
        XCTAssertEqual(recipe.agents?.range.start, SourcePosition(line: 1, column: 8, offset: 7))
        let weight = try XCTUnwrap(recipe.utilities?[1].weight)
        XCTAssertEqual(weight.range.start, SourcePosition(line: 2, column: 27, offset: 35))
        XCTAssertEqual(recipe.utilities?[1].type.range.start.column, 20)
        XCTAssertEqual(recipe.inventory?.upper.range.start.column, 15)
        XCTAssertEqual(recipe.directive(.utilities)?.range.start.line, 2)
        XCTAssertEqual(recipe.summaryRange.start, SourcePosition(line: 1, column: 1, offset: 0))
    }

    func testSeedIsNormalised() throws {
        let cases = [
            ("+007", "7"), ("-0", "0"), ("000", "0"), ("-000123", "-123"),
            ("123456789012345678901234567890", "123456789012345678901234567890"),
            ("-4294967296", "-4294967296"),
        ]
        for (written, normalised) in cases {
            let recipe = try parseValid("seed \(written)")
            XCTAssertEqual(recipe.seed?.value, normalised, written)
        }
    }

    func testResourcesSubsetsOrderAndCommas() throws {
        let recipe = try parseValid("resources regen 0, density .5, max 5")
        XCTAssertEqual(recipe.resources?.density?.value, DecimalLiteral(text: ".5", value: 0.5))
        XCTAssertEqual(recipe.resources?.max?.value, 5)
        XCTAssertEqual(recipe.resources?.regen?.value, .int(0))
        let only = try parseValid("resources density 1")
        XCTAssertEqual(only.resources, ResourceSettings(density: only.resources?.density, max: nil, regen: nil))
        XCTAssertEqual(only.resources?.density?.value.value, 1.0)
    }

    func testScheduleVariants() throws {
        XCTAssertEqual(try parseValid("schedule off").schedule, .off)
        let recipe = try parseValid("schedule trade 3 forage 9")
        guard case .cycle(let forage, let trade, let start)? = recipe.schedule else {
            return XCTFail("expected a cycle schedule")
        }
        XCTAssertEqual([forage.value, trade.value], [9, 3])
        XCTAssertNil(start)
    }

    func testUtilitiesWithoutWeightsAndRepeats() throws {
        let recipe = try parseValid("utilities ces,ces , stone_geary")
        XCTAssertEqual(recipe.utilities?.map(\.type.value), [.ces, .ces, .stoneGeary])
        XCTAssertEqual(recipe.utilities?.compactMap(\.weight), [])
    }

    func testSetValuesAreKeptAsTokens() throws {
        let recipe = try parseValid("""
        set money_mode quasilinear
        set earn_money_enabled true
        set spread -0.5
        set name_like "quoted text"
        set _private.x2 7
        """)
        XCTAssertEqual(recipe.settings.map(\.value.kind), [.word, .word, .decimal, .string, .integer])
        XCTAssertEqual(recipe.settings.map(\.value.value), ["quasilinear", "true", "-0.5", "quoted text", "7"])
    }

    func testNamesAndOutputs() throws {
        let recipe = try parseValid("scenario \"a \\\"b\\\"\"\nextends \"my base\"\noutput \"x y/z.yml\"")
        XCTAssertEqual(recipe.scenario?.value, "a \"b\"")
        XCTAssertEqual(recipe.extends?.value, "my base")
        XCTAssertEqual(recipe.output?.value, "x y/z.yml")
        XCTAssertEqual(try parseValid("template").isTemplate, true)
        XCTAssertEqual(try parseValid("money 0..1").money?.lower.value, 0)
    }

    // MARK: Rules: sweeps and exact values

    func testSpecSweepExample() throws {
        // The example of spec/recipe-language.md, "Sweeps and exact values".
        let recipe = try parseValid("""
            scenario regimes_{regime}_{seed}
            extends standard
            vary regime barter_only, money_only, mixed
            vary seed 1..10
            pin ces.rho 0.5
            output regimes/{regime}/seed-{seed}.yaml

            """)
        XCTAssertEqual(recipe.directives.map(\.keyword), [.scenario, .extends, .vary, .vary, .pin, .output])
        XCTAssertEqual(recipe.scenario?.value, "regimes_{regime}_{seed}")
        XCTAssertEqual(recipe.output?.value, "regimes/{regime}/seed-{seed}.yaml")
        XCTAssertEqual(recipe.variations.map(\.field.value.name), ["regime", "seed"])
        XCTAssertEqual(recipe.variations[0].values.map(\.text), ["barter_only", "money_only", "mixed"])
        XCTAssertEqual(recipe.variations[0].values.map(\.kind), [.word, .word, .word])
        XCTAssertEqual(recipe.variations[1].values.map(\.kind), [.range])
        XCTAssertEqual(recipe.variations[1].values.first?.bounds?.upper.value, "10")
        XCTAssertEqual(recipe.variations[1].field.range.start, SourcePosition(line: 4, column: 6, offset: 98))
        let pin = try XCTUnwrap(recipe.pins.first)
        XCTAssertEqual(pin.key, "ces.rho")
        XCTAssertEqual(pin.type.value, .ces)
        XCTAssertEqual(pin.parameter.value, "rho")
        XCTAssertEqual(pin.value.value, DecimalLiteral(text: "0.5", value: 0.5))
        XCTAssertEqual([pin.type.range.start.column, pin.type.range.end.column], [5, 8])
        XCTAssertEqual([pin.parameter.range.start.column, pin.parameter.range.end.column], [9, 12])
        XCTAssertEqual(pin.parameter.range.start.offset, recipe.directive(.pin).map { $0.range.start.offset + 8 })
        XCTAssertEqual(Recipe.placeholders(in: recipe.scenario?.value ?? ""), ["regime", "seed"])
        XCTAssertEqual(recipe.stocks, [])
    }

    func testEveryVaryFieldAndValueKind() throws {
        let recipe = try parseValid("""
            vary agents 10, 20,30
            vary grid 5..8
            vary regime barter_only , "mixed"
            vary seed -3..+3
            vary inventory 5..10, 10..20
            vary money 0..5
            vary resources.density .1, 0.2, 1, 1e-2
            vary resources.max 3
            vary resources.regen 0, 1
            vary set.lambda_bounds.lambda_max 1e5, 2e5
            vary set.money_mode quasilinear, "x y"
            """)
        XCTAssertEqual(recipe.variations.map(\.field.value.name), [
            "agents", "grid", "regime", "seed", "inventory", "money", "resources.density", "resources.max",
            "resources.regen", "set.lambda_bounds.lambda_max", "set.money_mode",
        ])
        XCTAssertEqual(recipe.variations[0].values.map(\.text), ["10", "20", "30"])
        XCTAssertEqual(recipe.variations[2].values.map(\.value), ["barter_only", "mixed"])
        XCTAssertEqual(recipe.variations[2].values.map(\.kind), [.word, .string])
        XCTAssertEqual(recipe.variations[6].values.map(\.kind), [.decimal, .decimal, .integer, .decimal])
        XCTAssertEqual(recipe.variations[10].values.map(\.value), ["quasilinear", "x y"])
        XCTAssertEqual(recipe.directives.map(\.keyword), Array(repeating: .vary, count: 11))
    }

    func testVaryingOneResourceKeyWhileSettingAnother() throws {
        let recipe = try parseValid("resources max 5 regen 1\nvary resources.density 0.1, 0.2\nset beta 0.9\nvary set.gamma 1, 2")
        XCTAssertEqual(recipe.variations.count, 2)
        XCTAssertEqual(recipe.resources?.max?.value, 5)
    }

    func testSingleValueAndOneNumberRange() throws {
        let recipe = try parseValid("vary seed 7\nvary agents 4..4")
        XCTAssertEqual(recipe.variations.map { $0.values.map(\.text) }, [["7"], ["4..4"]])
    }

    func testPins() throws {
        let recipe = try parseValid("""
            pin ces.rho -0.5
            pin ces.wA 1
            pin stone_geary.gamma_A 2.5e-1
            pin translog.beta_AB 0
            """)
        XCTAssertEqual(recipe.pins.map(\.key), ["ces.rho", "ces.wA", "stone_geary.gamma_A", "translog.beta_AB"])
        XCTAssertEqual(recipe.pins.map(\.value.value.value), [-0.5, 1, 0.25, 0])
        XCTAssertEqual(recipe.pins.map(\.value.value.text), ["-0.5", "1", "2.5e-1", "0"])
        XCTAssertEqual(recipe.pins[2].type.value, .stoneGeary)
        XCTAssertEqual(recipe.pins[2].parameter.range.start.column, 17)
    }

    func testEveryParameterOfEveryTypeCanBePinned() throws {
        for type in UtilityType.allCases {
            for name in type.parameterNames {
                let recipe = try parseValid("pin \(type.rawValue).\(name) 1")
                XCTAssertEqual(recipe.pins.first?.key, "\(type.rawValue).\(name)")
            }
        }
    }

    func testExplicitStocksAndTheRangeForm() throws {
        let recipe = try parseValid("agents 2\ninventory A 10, 1\ninventory B 1,10\ninventory 1..5\ninventory M 0 , +07")
        XCTAssertEqual(recipe.stocks.map(\.good.value), [.a, .b, .m])
        XCTAssertEqual(recipe.stocks.map { $0.values.map(\.value) }, [[10, 1], [1, 10], [0, 7]])
        XCTAssertEqual(recipe.stocks[0].values[1].range.start.column, 17)
        XCTAssertEqual(recipe.stocks[0].good.range.start.column, 11)
        XCTAssertEqual(recipe.inventory?.lower.value, 1)
        XCTAssertEqual(recipe.inventory?.upper.value, 5)
        XCTAssertEqual(recipe.directives.map(\.keyword), [.agents, .inventory, .inventory, .inventory, .inventory])
        XCTAssertNil(try parseValid("inventory A 1").inventory)
    }

    func testStockAndVariedInventoryRangeMayMix() throws {
        let recipe = try parseValid("inventory A 3, 4\nvary inventory 1..5, 6..9")
        XCTAssertEqual(recipe.stocks.count, 1)
        XCTAssertEqual(recipe.variations.first?.field.value, .inventory)
    }

    func testPlaceholdersInScenarioAndOutput() throws {
        let recipe = try parseValid("""
            scenario "run {seed} of {set.lambda_money}"
            output {resources.density}/{agents}-{grid}-{inventory}-{money}-{resources.max}-{resources.regen}.yml
            """)
        XCTAssertEqual(recipe.scenario?.value, "run {seed} of {set.lambda_money}")
        XCTAssertEqual(Recipe.placeholders(in: recipe.output?.value ?? ""), [
            "resources.density", "agents", "grid", "inventory", "money", "resources.max", "resources.regen",
        ])
    }

    func testPlaceholdersHelper() {
        let cases: [(String, [String])] = [
            ("", []), ("plain", []), ("{seed}", ["seed"]), ("a_{regime}_{seed}_{regime}", ["regime", "seed", "regime"]),
            ("{}", []), ("{seed", []), ("seed}", []), ("{a{seed}}", ["seed"]), ("{unknown}", ["unknown"]),
            ("{set.a.b}x{é}", ["set.a.b", "é"]), ("}{x}{", ["x"]),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(Recipe.placeholders(in: text), expected, text)
        }
    }

    func testRandomBracesNeverTrap() {
        var random = FuzzTests.SplitMix64(state: 0xB4AC_E5)
        let pieces = ["{", "}", "seed", "regime", "set.", "x", "_", ".", "{}", "é", "/", "\"", "1..2", "+"]
        for _ in 0..<2000 {
            var word = ""
            for _ in 0..<random.below(8) { word += random.pick(pieces) }
            _ = Recipe.placeholders(in: word)
            for directive in ["scenario", "output", "vary seed", "agents"] {
                let text = "\(directive) \(word).yaml"
                let (recipe, diagnostics) = parseRecipe(path: "b.vmt", text: text)
                XCTAssertEqual(recipe == nil, diagnostics.containsError, text)
                for diagnostic in diagnostics {
                    XCTAssertLessThanOrEqual(diagnostic.range.end.offset, text.utf8.count, text)
                    XCTAssertLessThanOrEqual(diagnostic.range.start.offset, diagnostic.range.end.offset, text)
                }
            }
        }
    }

    func testStem() {
        let cases = [("scenarios.d/money/big_mixed.vmt", "big_mixed"), ("plain", "plain"), (".hidden", ".hidden"), ("a.b.vmt", "a.b")]
        for (path, stem) in cases {
            XCTAssertEqual(Recipe(path: path, directives: [], syntax: SyntaxFile(path: path, lines: [])).stem, stem)
        }
    }

    func testEmptyFileIsAValidEmptyRecipe() throws {
        let recipe = try parseValid("")
        XCTAssertEqual(recipe.directives, [])
        XCTAssertEqual(recipe.summaryRange, SourceRange(file: "t.vmt", at: .start))
    }

    // MARK: Rules: errors

    /// Bad recipes and every diagnostic each one gets.
    static let badRecipes: [(name: String, input: String, expected: [String])] = [
        ("misspelt keyword", "agnets 5", ["1:1: unknown directive 'agnets' [hint: did you mean 'agents'?]"]),
        ("upper-case keyword", "Agents 5", ["1:1: unknown directive 'Agents' [hint: did you mean 'agents'?]"]),
        ("unknown keyword far from any", "frobnicate 3", ["1:1: unknown directive 'frobnicate'"]),
        ("missing argument", "agents", ["1:1: expected an integer after 'agents' [note: usage: agents INT]"]),
        ("extra argument", "agents 5 6", ["1:10: unexpected extra argument '6' to 'agents' [note: usage: agents INT]"]),
        ("zero agents", "agents 0", ["1:8: agents must be greater than 0"]),
        ("negative grid", "grid -3", ["1:6: grid must be greater than 0"]),
        ("decimal agents", "agents 5.0", ["1:8: expected an integer, found number '5.0' [note: usage: agents INT]"]),
        ("word grid", "grid ten", ["1:6: expected an integer, found word 'ten' [note: usage: grid INT]"]),
        ("agents beyond Int64", "agents 99999999999999999999", ["1:8: '99999999999999999999' is too large"]),
        ("agents below Int64", "agents -99999999999999999999", ["1:8: '-99999999999999999999' is too small"]),
        ("inventory not a range", "inventory 10", [
            "1:11: expected a range MIN..MAX or a good (A, B or M), found integer '10' [note: usage: \(inventoryUsage)]",
        ]),
        ("inventory without argument", "inventory", [
            "1:1: expected a range MIN..MAX or a good (A, B or M) after 'inventory' [note: usage: \(inventoryUsage)]",
        ]),
        ("inventory from zero", "inventory 0..10", ["1:11: inventory minimum must be at least 1"]),
        ("inventory empty range", "inventory 10..10", ["1:15: inventory maximum must be greater than the minimum 10"]),
        ("inventory bound too large", "inventory 1..99999999999999999999", ["1:14: '99999999999999999999' is too large"]),
        ("negative money", "money -1..10", ["1:7: money minimum must be at least 0"]),
        ("money reversed", "money 10..5", ["1:11: money maximum must be greater than the minimum 10"]),
        ("unknown utility", "utilities cobb", [
            "1:11: unknown utility type 'cobb' [hint: expected one of ces, linear, quadratic, translog, stone_geary]",
        ]),
        ("misspelt utility", "utilities ces, linaer", ["1:16: unknown utility type 'linaer' [hint: did you mean 'linear'?]"]),
        ("two unknown utilities", "utilities cs, linaer", [
            "1:11: unknown utility type 'cs' [hint: did you mean 'ces'?]",
            "1:15: unknown utility type 'linaer' [hint: did you mean 'linear'?]",
        ]),
        ("mixed weights", "utilities ces:0.6, linear", ["1:20: give a weight to every utility or to none"]),
        ("mixed weights, first without", "utilities ces, linear:1", ["1:16: give a weight to every utility or to none"]),
        ("weight above 1", "utilities ces:1.5", ["1:15: a weight must be between 0 and 1"]),
        ("negative weight", "utilities ces:-0.1", ["1:15: a weight must be between 0 and 1"]),
        ("infinite weight", "utilities ces:1e999", ["1:15: '1e999' is not a finite number"]),
        ("trailing comma", "utilities ces,", [
            "1:14: expected a utility type after ',' [note: usage: utilities TYPE[:WEIGHT], ...]",
        ]),
        ("missing comma", "utilities ces linear", [
            "1:15: expected ',' between utilities, found word 'linear' [note: usage: utilities TYPE[:WEIGHT], ...]",
        ]),
        ("no utilities", "utilities", [
            "1:1: expected a utility type after 'utilities' [note: usage: utilities TYPE[:WEIGHT], ...]",
        ]),
        ("missing weight", "utilities ces:", [
            "1:14: expected a weight after ':' [note: usage: utilities TYPE[:WEIGHT], ...]",
        ]),
        ("word weight", "utilities ces:x", [
            "1:15: expected a number, found word 'x' [note: usage: utilities TYPE[:WEIGHT], ...]",
        ]),
        ("number as utility", "utilities 5, ces", [
            "1:11: expected a utility type, found integer '5' [note: usage: utilities TYPE[:WEIGHT], ...]",
        ]),
        ("empty resources", "resources", [
            "1:1: expected density, max, amount or regen after 'resources' [note: usage: resources [density D] [max M] [amount N] [regen R]]",
        ]),
        ("density above 1", "resources density 1.5", ["1:19: density must be between 0 and 1"]),
        ("misspelt resources key", "resources dens 0.3 max 2", [
            "1:11: unknown 'resources' key 'dens' [hint: did you mean 'density'?]",
        ]),
        ("resources key twice", "resources density 0.3 density 0.4", [
            "1:23: 'density' given twice in 'resources' [note 1:11: first set here]",
        ]),
        ("bad max and regen", "resources max 0 regen -1", [
            "1:15: max must be greater than 0", "1:23: regen must be at least 0",
        ]),
        ("resources key without value", "resources density", [
            "1:11: expected a value after 'density' [note: usage: resources [density D] [max M] [amount N] [regen R]]",
        ]),
        ("resources trailing comma", "resources max 5,", [
            "1:16: expected density, max, amount or regen after ',' [note: usage: resources [density D] [max M] [amount N] [regen R]]",
        ]),
        ("decimal max", "resources max 2.5", [
            "1:15: expected an integer, found number '2.5' [note: usage: resources [density D] [max M] [amount N] [regen R]]",
        ]),
        ("short regime", "regime barter", ["1:8: unknown regime 'barter' [hint: did you mean 'barter_only'?]"]),
        ("number regime", "regime 5", [
            "1:8: expected a regime, found integer '5' [note: usage: regime barter_only|money_only|mixed|mixed_liquidity_gated]",
        ]),
        ("decimal seed", "seed 1.5", ["1:6: expected an integer, found number '1.5' [note: usage: seed INT]"]),
        ("number as set path", "set 5 1", [
            "1:5: expected a parameter path, found integer '5' [note: usage: set PATH VALUE]",
        ]),
        ("bad set path", "set a..b 1", [
            "1:5: invalid parameter path 'a..b'; write names joined by '.', such as lambda_bounds.lambda_max",
        ]),
        ("set without value", "set vision_radius", [
            "1:5: expected a value after 'vision_radius' [note: usage: set PATH VALUE]",
        ]),
        ("set range value", "set vision_radius 1..2", [
            "1:19: expected a value, found range '1..2' [note: usage: set PATH VALUE]",
        ]),
        ("set infinite value", "set x 1e400", ["1:7: '1e400' is not a finite number"]),
        ("set extra value", "set x 1 2", ["1:9: unexpected extra argument '2' to 'set' [note: usage: set PATH VALUE]"]),
        ("empty schedule", "schedule", [
            "1:1: expected forage, trade, start or off after 'schedule' [note: usage: schedule forage F trade T [start forage|trade] | schedule off]",
        ]),
        ("schedule without trade", "schedule forage 10", [
            "1:1: 'schedule' needs 'trade' and a number of ticks [note: usage: schedule forage F trade T [start forage|trade] | schedule off]",
        ]),
        ("zero forage ticks", "schedule forage 0 trade 5", ["1:17: forage ticks must be greater than 0"]),
        ("unknown start mode", "schedule forage 5 trade 5 start swim", [
            "1:33: unknown start mode 'swim' [hint: expected one of forage, trade]",
        ]),
        ("schedule off with more", "schedule off 5", [
            "1:14: unexpected extra argument '5' to 'schedule' [note: usage: schedule forage F trade T [start forage|trade] | schedule off]",
        ]),
        ("schedule key twice", "schedule forage 5 trade 5 forage 6", [
            "1:27: 'forage' given twice in 'schedule' [note 1:10: first set here]",
        ]),
        ("absolute output", "output /tmp/x.yaml", ["1:8: output path must be relative to the output folder"]),
        ("home output", "output \"~/x.yaml\"", ["1:8: output path must be relative to the output folder"]),
        ("parent output", "output ../x.yaml", ["1:8: output path must not contain a '..' segment"]),
        ("inner parent output", "output a/../x.yaml", ["1:8: output path must not contain a '..' segment"]),
        ("json output", "output x.json", ["1:8: output path must end in .yaml or .yml"]),
        ("bare extension output", "output .yaml", ["1:8: output path must end in .yaml or .yml"]),
        ("empty segment output", "output a//b.yaml", [
            "1:8: output path must not contain an empty segment ('//' or a trailing '/')",
        ]),
        ("backslash output", #"output "a\\b.yaml""#, ["1:8: output path must use '/' to separate folders, not '\\'"]),
        ("empty output", #"output """#, ["1:8: output path must not be empty"]),
        ("empty scenario name", #"scenario """#, ["1:10: 'scenario' needs a name that is not empty"]),
        ("two scenario names", "scenario a b", [
            "1:12: unexpected extra argument 'b' to 'scenario' [note: usage: scenario NAME] [hint: did you mean 'scenario \"a b\"'?]",
        ]),
        ("template with argument", "template x", [
            "1:10: unexpected extra argument 'x' to 'template' [note: usage: template]",
        ]),
        ("missing parent", "extends", ["1:1: expected a parent name after 'extends' [note: usage: extends PARENT]"]),
        ("number at line start", "5 agents", ["1:1: expected a directive at the start of the line, found integer '5'"]),
        ("string at line start", "\"agents\" 5", [
            "1:1: expected a directive at the start of the line, found string \"agents\"",
        ]),
        ("comma at line start", ", agents", ["1:1: expected a directive at the start of the line, found ','"]),
        ("lexical error", "agents = 5", ["1:8: unexpected character '=' [hint: did you mean 'agents 5'?]"]),
        ("duplicate directive", "agents 5\ngrid 4\nagents 6", [
            "3:1: duplicate 'agents' directive [note 1:1: first set here]",
        ]),
        ("duplicate invalid directive", "agents 0\nagents 6", [
            "1:8: agents must be greater than 0", "2:1: duplicate 'agents' directive [note 1:1: first set here]",
        ]),
        ("duplicate set key", "set a 1\nset b 2\nset a 3", ["3:1: duplicate 'set a' [note 1:1: first set here]"]),
        ("duplicate template", "template\ntemplate", ["2:1: duplicate 'template' directive [note 1:1: first set here]"]),
        ("long word is shortened", "scenario " + String(repeating: "x", count: 50) + " y", [
            "1:61: unexpected extra argument 'y' to 'scenario' [note: usage: scenario NAME]",
        ]),
        ("long unknown directive", String(repeating: "z", count: 45), [
            "1:1: unknown directive '" + String(repeating: "z", count: 39) + "…'",
        ]),
    ]

    static let inventoryUsage = "inventory MIN..MAX | inventory A|B|M V, ... | inventory A|B|M V each"
    static let varyUsage = "usage: vary FIELD VALUE, ... | vary FIELD MIN..MAX"
    static let fields = "agents, grid, regime, seed, inventory, money, resources.density, resources.max, resources.regen, "
        + "search, matching, bargaining, set.PATH"

    /// Bad `vary`, `pin`, `inventory GOOD ...` lines and placeholders, and every diagnostic each one gets.
    static let badSweeps: [(name: String, input: String, expected: [String])] = [
        // vary: the field
        ("vary without field", "vary", ["1:1: expected a field after 'vary' [note: \(varyUsage)]"]),
        ("vary number as field", "vary 5 1", ["1:6: expected a field, found integer '5' [note: \(varyUsage)]"]),
        ("vary misspelt field", "vary regim mixed", ["1:6: unknown vary field 'regim' [hint: did you mean 'regime'?]"]),
        ("vary resources key alone", "vary density 0.1", [
            "1:6: unknown vary field 'density' [hint: did you mean 'resources.density'?]",
        ]),
        ("vary parameter without set.", "vary vision_radius 1, 2", [
            "1:6: unknown vary field 'vision_radius' [hint: did you mean 'set.vision_radius'?]",
        ]),
        ("vary set without path", "vary set 1", ["1:6: unknown vary field 'set' [hint: expected one of \(fields)]"]),
        ("vary utilities", "vary utilities ces", [
            "1:6: unknown vary field 'utilities' [hint: expected one of \(fields)]",
        ]),
        ("vary bad set path", "vary set.a..b 1", [
            "1:6: invalid parameter path 'a..b'; write names joined by '.', such as lambda_bounds.lambda_max",
        ]),
        ("vary empty set path", "vary set. 1", [
            "1:6: invalid parameter path ''; write names joined by '.', such as lambda_bounds.lambda_max",
        ]),
        // vary: the values
        ("vary without values", "vary seed", ["1:6: expected a value after 'seed' [note: \(varyUsage)]"]),
        ("vary trailing comma", "vary seed 1,", ["1:12: expected a value after ',' [note: \(varyUsage)]"]),
        ("vary leading comma", "vary seed , 1", ["1:11: expected a value, found ',' [note: \(varyUsage)]"]),
        ("vary colon", "vary seed 1:2", ["1:12: expected ',' between values, found ':' [note: \(varyUsage)]"]),
        ("vary missing comma", "vary seed 1 2", ["1:13: expected ',' between values, found integer '2' [note: \(varyUsage)] [hint: did you mean '1, 2'?]"]),
        ("vary missing commas", "vary bargaining split_difference take_it_or_leave_it, compensating_block", [
            "1:34: expected ',' between values, found word 'take_it_or_leave_it' [note: \(varyUsage)] "
                + "[hint: did you mean 'split_difference, take_it_or_leave_it, compensating_block'?]",
        ]),
        ("vary empty range", "vary seed 10..1", ["1:11: empty range '10..1'; MIN must not be greater than MAX"]),
        ("vary empty negative range", "vary seed -1..-2", ["1:11: empty range '-1..-2'; MIN must not be greater than MAX"]),
        ("vary empty huge range", "vary seed 100000000000000000000..99999999999999999999", [
            "1:11: empty range '100000000000000000000..9999999999999999…'; MIN must not be greater than MAX",
        ]),
        ("vary infinite value", "vary resources.density 1e999", ["1:24: '1e999' is not a finite number"]),
        ("vary word listed twice", "vary regime mixed, barter_only, mixed", ["1:33: 'mixed' is listed twice [note 1:13: first listed here] [hint: each value of 'vary regime' gives its own variants; remove the repeat]"]),
        ("vary word and string listed twice", "vary regime mixed, \"mixed\"", ["1:20: '\"mixed\"' is listed twice (as 'mixed') [note 1:13: first listed here] [hint: each value of 'vary regime' gives its own variants; remove the repeat]"]),
        ("vary integer listed twice", "vary seed 1, 2, +01", ["1:17: '+01' is listed twice (as '1') [note 1:11: first listed here] [hint: each value of 'vary seed' gives its own variants; remove the repeat]"]),
        ("vary decimal listed twice", "vary resources.density .5, 0.50", ["1:28: '0.50' is listed twice (as '.5') [note 1:24: first listed here] [hint: each value of 'vary resources.density' gives its own variants; remove the repeat]"]),
        ("vary range listed twice", "vary inventory 1..5, 01..+5", ["1:22: '01..+5' is listed twice (as '1..5') [note 1:16: first listed here] [hint: each value of 'vary inventory' gives its own variants; remove the repeat]"]),
        ("vary every duplicate reported", "vary seed 1, 1, 1", ["1:14: '1' is listed twice [note 1:11: first listed here] [hint: each value of 'vary seed' gives its own variants; remove the repeat]",
                                                           "1:17: '1' is listed twice [note 1:11: first listed here] [hint: each value of 'vary seed' gives its own variants; remove the repeat]"]),
        ("vary brace in a value", "vary regime {x}", [
            "1:13: unexpected '{': {FIELD} placeholders are only allowed in 'scenario' and 'output'",
        ]),
        ("vary field twice", "vary seed 1, 2\nvary regime mixed\nvary seed 3", [
            "3:1: duplicate 'vary seed' [note 1:1: first set here]",
        ]),
        ("set, then varied", "regime mixed\nvary regime barter_only, mixed", [
            "2:1: regime is both set and varied [note 1:1: set here]",
        ]),
        ("varied, then set", "vary seed 1..3\nagents 5\nseed 4", ["3:1: seed is both set and varied [note 1:1: varied here]"]),
        ("resources key set and varied", "resources density 0.3 max 5\nvary resources.max 1, 2", [
            "2:1: resources.max is both set and varied [note 1:1: set here]",
        ]),
        ("parameter set and varied", "vary set.lambda_money 1, 3\nset lambda_money 2", [
            "2:1: set.lambda_money is both set and varied [note 1:1: varied here]",
        ]),
        ("inventory range set and varied", "inventory 1..5\nvary inventory 1..5, 2..6", [
            "2:1: inventory is both set and varied [note 1:1: set here]",
        ]),
        ("set and varied reported once", "money 1..5\nvary money 1..2, 3..4\nvary money 5..6\nmoney 2..3", [
            "2:1: money is both set and varied [note 1:1: set here]",
            "3:1: duplicate 'vary money' [note 2:1: first set here]",
            "4:1: duplicate 'money' directive [note 1:1: first set here]",
        ]),
        // pin
        ("pin without argument", "pin", [
            "1:1: expected TYPE.PARAM (such as ces.rho) after 'pin' [note: usage: pin TYPE.PARAM VALUE]",
        ]),
        ("pin without parameter", "pin ces 0.5", [
            "1:5: expected TYPE.PARAM (such as ces.rho), found word 'ces' [note: usage: pin TYPE.PARAM VALUE]",
        ]),
        ("pin with empty parameter", "pin ces. 0.5", [
            "1:5: expected TYPE.PARAM (such as ces.rho), found word 'ces.' [note: usage: pin TYPE.PARAM VALUE]",
        ]),
        ("pin without type", "pin .rho 0.5", [
            "1:5: expected TYPE.PARAM (such as ces.rho), found word '.rho' [note: usage: pin TYPE.PARAM VALUE]",
        ]),
        ("pin number", "pin 0.5", [
            "1:5: expected TYPE.PARAM (such as ces.rho), found number '0.5' [note: usage: pin TYPE.PARAM VALUE]",
        ]),
        ("pin misspelt type", "pin cse.rho 0.5", ["1:5: unknown utility type 'cse' [hint: did you mean 'ces'?]"]),
        ("pin misspelt parameter", "pin ces.roh 0.5", ["1:9: unknown ces parameter 'roh' [hint: did you mean 'rho'?]"]),
        ("pin parameter case", "pin stone_geary.Gamma_A 1", [
            "1:17: unknown stone_geary parameter 'Gamma_A' [hint: did you mean 'gamma_A'?]",
        ]),
        ("pin parameter of another type", "pin linear.rho 1", [
            "1:12: unknown linear parameter 'rho' [hint: expected one of vA, vB]",
        ]),
        ("pin split at the first dot", "pin ces.rho.x 1", [
            "1:9: unknown ces parameter 'rho.x' [hint: did you mean 'rho'?]",
        ]),
        ("pin without value", "pin ces.rho", ["1:5: expected a number after 'ces.rho' [note: usage: pin TYPE.PARAM VALUE]"]),
        ("pin word value", "pin ces.rho x", ["1:13: expected a number, found word 'x' [note: usage: pin TYPE.PARAM VALUE]"]),
        ("pin range value", "pin ces.rho 1..2", [
            "1:13: expected a number, found range '1..2' [note: usage: pin TYPE.PARAM VALUE]",
        ]),
        ("pin infinite value", "pin ces.rho -1e999", ["1:13: '-1e999' is not a finite number"]),
        ("pin extra value", "pin ces.rho 0.5 1", [
            "1:17: unexpected extra argument '1' to 'pin' [note: usage: pin TYPE.PARAM VALUE]",
        ]),
        ("pin twice", "pin ces.rho 0.5\npin ces.wA 1\npin ces.rho 0.6", [
            "3:1: duplicate 'pin ces.rho' [note 1:1: first set here]",
        ]),
        ("pin brace", "pin ces.{rho} 1", [
            "1:9: unexpected '{': {FIELD} placeholders are only allowed in 'scenario' and 'output'",
        ]),
        // inventory GOOD V, V, ...
        ("lower-case good", "inventory a 10, 1", ["1:11: unknown good 'a' [hint: write A]"]),
        ("unknown good", "inventory C 1", ["1:11: unknown good 'C' [hint: expected one of A, B, M]"]),
        ("good without stocks", "inventory A", ["1:11: expected an integer after 'A' [note: usage: \(inventoryUsage)]"]),
        ("negative stock", "inventory A 1, -1, -2", ["1:16: a stock must be at least 0", "1:20: a stock must be at least 0"]),
        ("stock beyond Int64", "inventory M 99999999999999999999", ["1:13: '99999999999999999999' is too large"]),
        ("decimal stock", "inventory A 1.5", ["1:13: expected an integer, found number '1.5' [note: usage: \(inventoryUsage)]"]),
        ("range stock", "inventory B 1..3", ["1:13: expected an integer, found range '1..3' [note: usage: \(inventoryUsage)]"]),
        ("stocks without comma", "inventory A 1 2", [
            "1:15: expected ',' between stocks, found integer '2' [note: usage: \(inventoryUsage)] [hint: did you mean '1, 2'?]",
        ]),
        ("stock trailing comma", "inventory A 1,", ["1:14: expected an integer after ',' [note: usage: \(inventoryUsage)]"]),
        ("good twice", "inventory A 1\ninventory B 2\ninventory A 3", [
            "3:1: duplicate 'inventory A' [note 1:1: first set here]",
        ]),
        ("range form twice among goods", "inventory 1..5\ninventory A 1\ninventory 2..6", [
            "3:1: duplicate 'inventory' directive [note 1:1: first set here]",
        ]),
        // placeholders
        ("empty placeholder", "scenario a_{}", [
            "1:12: empty placeholder '{}'; write the field it stands for, such as {seed}",
        ]),
        ("unclosed placeholder", "scenario a_{seed", ["1:12: placeholder '{seed' is not closed; write {FIELD}"]),
        ("nested placeholder", "scenario a_{se{ed}}", ["1:15: '{' inside a placeholder; placeholders do not nest"]),
        ("stray closing brace", "scenario a}b", ["1:11: '}' without a '{' before it"]),
        ("only the first brace problem", "scenario }{", ["1:10: '}' without a '{' before it"]),
        ("unknown placeholder", "output x/{regim}.yaml", [
            "1:10: unknown placeholder field 'regim' [hint: did you mean 'regime'?]",
        ]),
        ("placeholder of a parameter without set.", "output {vision_radius}.yaml", [
            "1:8: unknown placeholder field 'vision_radius' [hint: did you mean 'set.vision_radius'?]",
        ]),
        ("placeholder problem in a string points at the string", "scenario \"run {x y}\"", [
            "1:10: unknown placeholder field 'x y' [hint: expected one of \(fields)]",
        ]),
        ("output checks come first", "output {seed}", ["1:8: output path must end in .yaml or .yml"]),
        ("brace in agents", "agents {n}", [
            "1:8: unexpected '{': {FIELD} placeholders are only allowed in 'scenario' and 'output'",
        ]),
        ("brace in extends", "extends base_{seed}", [
            "1:14: unexpected '{': {FIELD} placeholders are only allowed in 'scenario' and 'output'",
        ]),
        ("closing brace in a set value", "set money_mode a}b", [
            "1:17: unexpected '}': {FIELD} placeholders are only allowed in 'scenario' and 'output'",
        ]),
        ("brace in a set path", "set {x} 1", [
            "1:5: unexpected '{': {FIELD} placeholders are only allowed in 'scenario' and 'output'",
        ]),
        ("brace in a keyword", "{regime} mixed", ["1:1: unknown directive '{regime}' [hint: did you mean 'regime'?]"]),
    ]

    func testBadSweeps() {
        for (name, input, expected) in ParserTests.badSweeps {
            let (recipe, diagnostics) = parse(input)
            XCTAssertEqual(diagnostics, expected, name)
            XCTAssertNil(recipe, name)
            XCTAssertEqual(parse(input + "\r\n").1, expected, name + " (CRLF)")
        }
    }

    func testSweepCaseNamesAreUnique() {
        let names = (ParserTests.badRecipes + ParserTests.badSweeps).map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
    }

    func testBadRecipes() {
        for (name, input, expected) in ParserTests.badRecipes {
            let (recipe, diagnostics) = parse(input)
            XCTAssertEqual(diagnostics, expected, name)
            XCTAssertNil(recipe, name)
        }
    }

    func testBadRecipesStillFailWithCRLFAndTrailingNewline() {
        for (name, input, expected) in ParserTests.badRecipes where !input.contains("\n") {
            XCTAssertEqual(parse(input + "\r\n").1, expected, name)
        }
    }

    func testEveryErrorOfAFileIsReportedInOrder() {
        let text = """
        scenario big
        agents 0
        grid = 4
        inventory 10..5
        utilities ces, cobb
        regime barter
        agents 7
        set x 1
        set x 2
        output ../up.yaml
        """
        let (recipe, diagnostics) = parse(text)
        XCTAssertNil(recipe)
        XCTAssertEqual(diagnostics, [
            "2:8: agents must be greater than 0",
            "3:6: unexpected character '=' [hint: did you mean 'grid 4'?]",
            "4:15: inventory maximum must be greater than the minimum 10",
            "5:16: unknown utility type 'cobb' [hint: expected one of ces, linear, quadratic, translog, stone_geary]",
            "6:8: unknown regime 'barter' [hint: did you mean 'barter_only'?]",
            "7:1: duplicate 'agents' directive [note 2:1: first set here]",
            "9:1: duplicate 'set x' [note 8:1: first set here]",
            "10:8: output path must not contain a '..' segment",
        ])
    }

    func testDuplicateDiagnosticPointsAtBothLines() throws {
        let (_, diagnostics) = parseRecipe(path: "dir/r.vmt", text: "agents 5 # first\n\nagents 6\n")
        let duplicate = try XCTUnwrap(diagnostics.first)
        XCTAssertEqual(duplicate.severity, .error)
        XCTAssertEqual(duplicate.range, SourceRange(
            file: "dir/r.vmt",
            start: SourcePosition(line: 3, column: 1, offset: 18),
            end: SourcePosition(line: 3, column: 9, offset: 26)
        ))
        XCTAssertEqual(duplicate.notes, [Diagnostic.Note("first set here", at: SourceRange(
            file: "dir/r.vmt",
            start: SourcePosition(line: 1, column: 1, offset: 0),
            end: SourcePosition(line: 1, column: 9, offset: 8)
        ))])
    }

    func testRecipeIsNilExactlyWhenThereIsAnError() {
        XCTAssertNotNil(parseRecipe(path: "t.vmt", text: "agents 5").recipe)
        XCTAssertNil(parseRecipe(path: "t.vmt", text: "agents 5\nagents 5").recipe)
    }

    func testNearest() {
        let keywords = Keyword.allCases.map(\.rawValue)
        XCTAssertEqual(nearest("agnets", in: keywords), "agents")
        XCTAssertEqual(nearest("utilties", in: keywords), "utilities")
        XCTAssertEqual(nearest("GRID", in: keywords), "grid")
        XCTAssertEqual(nearest("sed", in: keywords), "seed")
        XCTAssertEqual(nearest("vray", in: keywords), "vary")
        XCTAssertEqual(nearest("pni", in: keywords), "pin")
        XCTAssertNil(nearest("", in: keywords))
        XCTAssertNil(nearest("cobb", in: UtilityType.allCases.map(\.rawValue)))
        XCTAssertEqual(nearest("mixed_liquidity", in: ExchangeRegime.allCases.map(\.rawValue)), "mixed_liquidity_gated")
        XCTAssertEqual(nearest("money", in: ExchangeRegime.allCases.map(\.rawValue)), "money_only")
        XCTAssertNil(nearest(String(repeating: "a", count: 100), in: ["a"]))
    }

    func testUsageLinesExistForEveryKeyword() {
        for keyword in Keyword.allCases {
            XCTAssertTrue(keyword.usage.hasPrefix("usage: \(keyword.rawValue)"), keyword.rawValue)
        }
    }
}
