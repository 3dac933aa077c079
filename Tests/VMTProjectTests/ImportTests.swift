import Foundation
import XCTest
import VMTCore
import VMTRecipe
@testable import VMTProject

/// `import`: every VMT scenario file becomes a recipe that builds the same scenario; a built
/// file comes back byte for byte; golden recipes; the errors and warnings name the YAML key.
final class ImportTests: XCTestCase {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/import")

    /// The bytes a recipe text builds (alone, or with `project`), or a failure naming its diagnostics.
    static func build(_ text: String, stem: String, project: [RecipeSource] = []) throws -> [UInt8] {
        let source = RecipeSource(path: stem + ".vmt", relativePath: stem + ".vmt", bytes: Array(text.utf8))
        let resolution = Resolver.resolve(project + [source])
        let spec = try XCTUnwrap(resolution.scenarios.first { $0.source.path == source.path }?.spec,
                                 "\(stem) does not build: \(resolution.diagnostics.map(\.description))")
        let rendered = ScenarioWriter.bytes(spec)
        guard case .success(let bytes) = rendered else {
            struct RenderFailure: Error { let failure: String }
            throw RenderFailure(failure: "\(stem) resolves but does not render: \(rendered)")
        }
        return bytes
    }

    func imported(_ url: URL, parent: String? = nil, project: [RecipeSource] = []) throws -> ImportedScenario {
        ScenarioImporter.importScenario(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url)), parent: parent, project: project)
    }

    func testEveryVMTFileImportsAndRebuildsToTheSameScenario() throws {
        let files = try YAMLReaderTests.scenarioFiles()
        XCTAssertEqual(files.count, 25)
        for url in files {
            let result = try imported(url)
            XCTAssertEqual(result.diagnostics.map(\.description), [], url.lastPathComponent)
            let recipe = try XCTUnwrap(result.recipe, url.lastPathComponent)
            let original = try ScenarioLoader.load([UInt8](Data(contentsOf: url))).get().loaded
            let rebuilt = try ScenarioLoader.load(try Self.build(recipe, stem: url.deletingPathExtension().lastPathComponent)).get().loaded
            XCTAssertEqual(rebuilt.differences(from: original), [], url.lastPathComponent)
            XCTAssertEqual(rebuilt, original, url.lastPathComponent)
            // The recipe is in canonical form.
            let syntax = try XCTUnwrap(parseRecipe(path: "r.vmt", text: recipe).recipe?.syntax, url.lastPathComponent)
            XCTAssertEqual(formatRecipe(syntax), recipe, url.lastPathComponent)
        }
    }

    func testImportOfABuiltFileBuildsTheSameBytes() throws {
        var built: [(String, [UInt8])] = []
        for url in try YAMLReaderTests.scenarioFiles() {
            let recipe = try XCTUnwrap(try imported(url).recipe)
            built.append((url.lastPathComponent, try Self.build(recipe, stem: "first")))
        }
        // Files the generator draws, too: presets, money regimes, pins, sets and a schedule.
        for text in [
            "extends standard\nseed 3\n",
            "extends money_demo\nregime mixed_liquidity_gated\nseed -5\nset lambda_bounds.lambda_min 0.001\nset earn_money_enabled true\n",
            "extends minimal\nset enable_resource_claiming false\nschedule forage 3 trade 4 start trade\npin ces.rho 0.25\nresources regen 0.5 amount 2\n",
            "extends mixed_economy\nscenario \"a name: with 'quotes' and a very long tail that the writer folds over two lines of the file\"\n",
        ] {
            built.append((text, try Self.build(text, stem: "drawn")))
        }
        for (name, bytes) in built {
            let again = ScenarioImporter.importScenario(path: "built.yaml", bytes: bytes)
            XCTAssertEqual(again.diagnostics.map(\.description), [], name)
            let recipe = try XCTUnwrap(again.recipe, name)
            XCTAssertEqual(String(decoding: try Self.build(recipe, stem: "second"), as: UTF8.self), String(decoding: bytes, as: UTF8.self), name)
        }
    }

    /// Golden recipes for three files (`VMT_RECORD=1` re-records them).
    func testGoldenRecipes() throws {
        for name in ["foundational_barter_demo", "money_test_mode_interaction", "perf_forage_only"] {
            let url = YAMLReaderTests.scenarios.appendingPathComponent(name + ".yaml")
            let recipe = try XCTUnwrap(try imported(url).recipe)
            let golden = Self.goldenFolder.appendingPathComponent(name + ".vmt")
            if ProcessInfo.processInfo.environment["VMT_RECORD"] == "1" {
                try Data(recipe.utf8).write(to: golden)
            }
            XCTAssertEqual(recipe, try String(contentsOf: golden, encoding: .utf8), name)
        }
    }

    func testExtendsAPresetWritesOnlyWhatDiffers() throws {
        let bytes = try Self.build("extends minimal\nseed 9\nset vision_radius 3\n", stem: "child")
        let result = ScenarioImporter.importScenario(path: "child.yaml", bytes: bytes, parent: "minimal")
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let recipe = try XCTUnwrap(result.recipe)
        XCTAssertTrue(recipe.hasPrefix("scenario child\nextends minimal\ninventory A "), recipe)
        XCTAssertFalse(recipe.contains("\nagents ") || recipe.contains("\ngrid ") || recipe.contains("resources"), recipe)
        XCTAssertTrue(recipe.hasSuffix("set vision_radius 3\n"), recipe)
        // Without extends, the generator's values that VMT's loader defaults otherwise need no line,
        // but a loader default that differs from the generator's value does.
        let plain = try XCTUnwrap(ScenarioImporter.importScenario(path: "x.yaml", bytes: Array("""
            schema_version: 1
            name: x
            N: 5
            agents: 1
            initial_inventories: {A: 1, B: 1}
            utilities: {mix: [{type: linear, weight: 1, params: {vA: 1, vB: 1}}]}
            resource_seed: {density: 0, amount: 0}
            """.utf8)).recipe)
        XCTAssertEqual(plain, """
            scenario x
            agents 1
            grid 5
            inventory A 1 each
            inventory B 1 each
            utility linear weight 1.0 vA 1.0 vB 1.0
            resources density 0.0 max 5 amount 0 regen 0
            set trade_cooldown_ticks 5
            set vision_radius 5

            """)
    }

    /// More files in VMT's hand-written style: quadratic without gamma, the old ΔA_max spelling,
    /// partial nested maps, optional keys at their defaults, an int density, a decimal regen.
    func testHandWrittenVariantsImport() throws {
        let text = """
            schema_version: 1
            name: 'It''s: a "test"'
            N: 10
            agents: 2
            initial_inventories:
              A: [3, 4]
              B: 7
              M: [1, 2]
            utilities:
              mix:
                - type: quadratic
                  weight: 0.5
                  params: {A_star: 5, B_star: 5, sigma_A: 2, sigma_B: 2}
                - type: stone_geary
                  weight: 0.5
                  params: {alpha_A: 0.5, alpha_B: 0.5, gamma_A: 4, gamma_B: 1}
            params:
              ΔA_max: 2
              exchange_regime: money_only
              lambda_bounds: {lambda_min: 0.5}
              earn_money_enabled: false
              resource_growth_rate: 2.0
            resource_seed:
              density: 1
              amount: 2
            mode_schedule: {type: global_cycle, forage_ticks: 2, trade_ticks: 3, start_mode: trade}

            """
        let result = ScenarioImporter.importScenario(path: "a.yaml", bytes: Array(text.utf8))
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let recipe = try XCTUnwrap(result.recipe)
        for line in ["scenario \"It's: a \\\"test\\\"\"", "inventory B 7 each", "gamma 0.0", "resources density 1.0 max 5 amount 2 regen 2.0",
                     "set dA_max 2", "set lambda_bounds.lambda_min 0.5", "schedule forage 2 trade 3 start trade",
                     "set earn_money_enabled false # vmt-dsl: allow VMT250 -- written in the imported file"] {
            XCTAssertTrue(recipe.contains(line + "\n"), "\(line)\n\(recipe)")
        }
        let rebuilt = try ScenarioLoader.load(try Self.build(recipe, stem: "a")).get().loaded
        XCTAssertEqual(rebuilt, try ScenarioLoader.load(Array(text.utf8)).get().loaded)
    }

    /// A two-agent scenario file that imports cleanly, for cases to add keys to.
    static let base = """
        schema_version: 1
        name: x
        N: 5
        agents: 2
        initial_inventories:
          A: [1, 2]
          B: 3
        utilities:
          mix:
          - {type: ces, weight: 1.0, params: {rho: 0.5, wA: 0.5, wB: 0.5}}
        resource_seed: {density: 0.5, amount: 2}

        """

    func testErrorsAndWarningsNameTheKey() {
        let base = Self.base
        let cases: [(name: String, text: String, expected: [String])] = [
            ("not YAML", "a: [1,\n", ["x.yaml:1:4: error: not YAML: '[' is not closed [VMT601]"]),
            ("not a mapping", "- 1\n", ["x.yaml:1:1: error: not a VMT scenario: the top level is not a mapping [VMT601]"]),
            ("missing key", base.replacingOccurrences(of: "agents: 2\n", with: ""), ["x.yaml:1:1: error: agents: missing required field [VMT601]"]),
            ("loader refuses", base.replacingOccurrences(of: "rho: 0.5", with: "rho: 1.0"),
             ["x.yaml:10:39: error: utilities.mix[0].params.rho: ces rho must not be 1 [VMT601]"]),
            ("short list", base.replacingOccurrences(of: "[1, 2]", with: "[1]"),
             ["x.yaml:6:6: error: initial_inventories.A: lists 1 values for 2 agents [VMT601]"]),
            ("negative stock", base.replacingOccurrences(of: "B: 3", with: "B: -3"),
             ["x.yaml:7:6: error: initial_inventories.B: a negative stock (-3) cannot be written in a recipe [VMT601]"]),
            ("unknown regime", base + "params: {exchange_regime: gift}\n",
             ["x.yaml:12:10: error: params.exchange_regime: 'gift' is not one of barter_only, money_only, mixed, mixed_liquidity_gated [VMT602]"]),
            ("money under barter", base.replacingOccurrences(of: "B: 3", with: "B: 3\n  M: 4"),
             ["x.yaml:8:3: error: initial_inventories.M: money stock under barter_only cannot be written (the generator writes M only under a money regime) [VMT602]"]),
            ("decimal amount", base.replacingOccurrences(of: "amount: 2", with: "amount: 1.5"),
             ["x.yaml:11:31: error: resource_seed.amount: must be an integer (got 1.5) [VMT602]"]),
            ("braces in the name", base.replacingOccurrences(of: "name: x", with: "name: a{b}"),
             ["x.yaml:2:1: error: name: a name with '{' or '}' cannot be written (braces are placeholders in recipes) [VMT602]"]),
            ("dropped keys", base + "notes: hi\nparams: {colour: red}\n",
             ["x.yaml:12:1: warning: 'notes' is not read by VMT's loader; dropped [VMT603]",
              "x.yaml:13:10: warning: 'params.colour' is not read by VMT's loader; dropped [VMT603]"]),
        ]
        for test in cases {
            let result = ScenarioImporter.importScenario(path: "x.yaml", bytes: Array(test.text.utf8))
            XCTAssertEqual(result.diagnostics.map(\.description), test.expected, test.name)
            XCTAssertEqual(result.recipe == nil, test.name != "dropped keys", test.name)
        }
    }
}
