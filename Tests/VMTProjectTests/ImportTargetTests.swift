import Foundation
import XCTest
import VMTCore
import VMTRecipe
@testable import VMTProject

/// `import` of VMT 2025-11 files (issue 16): the target comes from the file's keys; a 2025-11
/// file becomes a `vmt 2025-11` recipe with its protocols and 2025-11 `set` keys that rebuilds to
/// the same scenario under the 2025-11 loader's rules; a built 2025-11 file comes back byte for
/// byte. The fixtures are this project's own files in the 2025-11 schema.
final class ImportTargetTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/import-2025-11")

    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The loaded meaning of `bytes` under the 2025-11 loader's rules.
    static func loaded2025_11(_ bytes: [UInt8]) throws -> LoadedScenario {
        try ScenarioLoader.load(bytes, target: .v2025_11).get().loaded
    }

    func testEvery2025_11FileImportsAndRebuildsToTheSameScenario() throws {
        let files = try Self.files()
        XCTAssertEqual(files.count, 3)
        for url in files {
            let name = url.lastPathComponent
            let bytes = try [UInt8](Data(contentsOf: url))
            let result = ScenarioImporter.importScenario(path: name, bytes: bytes)
            let expectedWarnings = name == "quiet_market.yaml"
                ? ["quiet_market.yaml:18:1: warning: 'protocol_config' is not read by the loader of VMT 2025-11 (6f7b3c7); dropped [VMT603]"] : []
            XCTAssertEqual(result.diagnostics.map(\.description), expectedWarnings, name)
            let recipe = try XCTUnwrap(result.recipe, name)
            XCTAssertTrue(recipe.contains("\nvmt 2025-11\n"), recipe)
            let original = try Self.loaded2025_11(bytes)
            XCTAssertEqual(original.target, .v2025_11)
            let rebuilt = try Self.loaded2025_11(try ImportTests.build(recipe, stem: url.deletingPathExtension().lastPathComponent))
            XCTAssertEqual(rebuilt.differences(from: original), [], name)
            XCTAssertEqual(rebuilt, original, name)
            let syntax = try XCTUnwrap(parseRecipe(path: "r.vmt", text: recipe).recipe?.syntax, name)
            XCTAssertEqual(formatRecipe(syntax), recipe, name)
        }
    }

    /// Golden recipes (`VMT_RECORD=1` re-records them), next to the 2025-10 ones.
    func testGoldenRecipes() throws {
        for url in try Self.files() {
            let stem = url.deletingPathExtension().lastPathComponent
            let recipe = try XCTUnwrap(ScenarioImporter.importScenario(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url))).recipe)
            let golden = ImportTests.goldenFolder.appendingPathComponent(stem + ".vmt")
            if ProcessInfo.processInfo.environment["VMT_RECORD"] == "1" {
                try Data(recipe.utf8).write(to: golden)
            }
            XCTAssertEqual(recipe, try String(contentsOf: golden, encoding: .utf8), stem)
        }
    }

    /// A 2025-11 file `build` wrote imports to a recipe that builds the same bytes.
    func testImportOfABuilt2025_11FileBuildsTheSameBytes() throws {
        var built: [(String, [UInt8])] = []
        for url in try Self.files() {
            let recipe = try XCTUnwrap(ScenarioImporter.importScenario(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url))).recipe)
            built.append((url.lastPathComponent, try ImportTests.build(recipe, stem: "first")))
        }
        for text in [
            "vmt 2025-11\nextends standard\nseed 3\n",
            "vmt 2025-11\nextends minimal\nsearch random_walk\nbargaining take_it_or_leave_it\nset enable_resource_claiming false\n",
            "vmt 2025-11\nextends standard\nmatching three_pass_matching\nset log_preferences true\nset enforce_single_harvester false\n"
                + "schedule forage 3 trade 4 start trade\npin ces.rho 0.25\nresources regen 0.5 amount 2\n",
            "vmt 2025-11\nextends minimal\nscenario \"protocols: all three\"\nsearch distance_discounted_search\n"
                + "matching random_matching\nbargaining compensating_block\n",
        ] {
            built.append((text, try ImportTests.build(text, stem: "drawn")))
        }
        for (name, bytes) in built {
            let again = ScenarioImporter.importScenario(path: "built.yaml", bytes: bytes)
            XCTAssertEqual(again.diagnostics.map(\.description), [], name)
            let recipe = try XCTUnwrap(again.recipe, name)
            XCTAssertTrue(recipe.contains("\nvmt 2025-11\n"), recipe)
            XCTAssertEqual(String(decoding: try ImportTests.build(recipe, stem: "second"), as: UTF8.self),
                           String(decoding: bytes, as: UTF8.self), name)
        }
    }

    static let base = ImportTests.base

    /// The detection rule, one case per branch: a 2025-11-only key → 2025-11; a money key →
    /// 2025-10; neither → 2025-10 and no `vmt` line; both → 2025-11 with VMT605 naming both sides.
    func testTheTargetComesFromTheFilesKeys() throws {
        let cases: [(name: String, text: String, target: VMTTarget, vmtLine: Bool, warnings: [String])] = [
            ("a protocol key", Self.base + "search_protocol: random_walk\n", .v2025_11, true, []),
            ("a protocol mapping", Self.base + "matching_protocol: {name: greedy_surplus}\n", .v2025_11, true, []),
            ("log_preferences", Self.base + "params: {log_preferences: true}\n", .v2025_11, true, []),
            ("a money key", Self.base + "params: {exchange_regime: barter_only}\n", .v2025_10, false, []),
            ("dA_max", Self.base + "params: {dA_max: 3}\n", .v2025_10, false, []),
            ("neither (the claiming switches say nothing)", Self.base + "params: {enable_resource_claiming: false}\n", .v2025_10, false, []),
            ("both", Self.base + "params: {exchange_regime: mixed, dA_max: 3}\nbargaining_protocol: split_difference\n", .v2025_11, true,
             ["x.yaml:12:10: warning: the file has keys only VMT 2025-11 (6f7b3c7) reads (bargaining_protocol) and keys only "
                + "VMT 2025-10 (e0152f0) reads (params.exchange_regime, params.dA_max); imported for 2025-11, whose loader ignores "
                + "params.exchange_regime, params.dA_max: dropped [VMT605]"]),
            ("money stock beside a protocol", Self.base.replacingOccurrences(of: "B: 3", with: "B: 3\n  M: 4") + "search_protocol: random_walk\n",
             .v2025_11, true,
             ["x.yaml:8:3: warning: the file has keys only VMT 2025-11 (6f7b3c7) reads (search_protocol) and keys only "
                + "VMT 2025-10 (e0152f0) reads (initial_inventories.M); imported for 2025-11, whose loader ignores "
                + "initial_inventories.M: dropped [VMT605]"]),
        ]
        for test in cases {
            let bytes = Array(test.text.utf8)
            let reading = try ScenarioLoader.load(bytes).get()
            XCTAssertEqual(reading.loaded.target, test.target, test.name)
            let result = ScenarioImporter.importScenario(path: "x.yaml", bytes: bytes)
            XCTAssertEqual(result.diagnostics.map(\.description), test.warnings, test.name)
            let recipe = try XCTUnwrap(result.recipe, test.name)
            XCTAssertEqual(recipe.contains("\nvmt 2025-11\n"), test.vmtLine, "\(test.name)\n\(recipe)")
            XCTAssertFalse(recipe.contains("\nvmt 2025-10\n"), test.name)
            let rebuilt = try ScenarioLoader.load(try ImportTests.build(recipe, stem: "x"), target: test.target).get().loaded
            XCTAssertEqual(rebuilt, reading.loaded, test.name)
        }
    }

    func testProtocolErrorsAndDroppedKeys() {
        let cases: [(name: String, text: String, expected: [String], hint: String?)] = [
            ("unknown name", Self.base + "search_protocol: random_wlak\n",
             ["x.yaml:12:18: error: search_protocol: unknown search protocol 'random_wlak'; expected one of distance_discounted_search, random_walk [VMT703]"],
             "did you mean 'random_walk'?"),
            ("unknown name in a mapping", Self.base + "bargaining_protocol:\n  name: split_diference\n",
             ["x.yaml:13:9: error: bargaining_protocol: unknown bargaining protocol 'split_diference'; expected one of compensating_block, "
                + "split_difference, take_it_or_leave_it [VMT703]"],
             "did you mean 'split_difference'?"),
            ("a parameter", Self.base + "bargaining_protocol: {name: take_it_or_leave_it, params: {proposer_power: 0.5}}\n",
             ["x.yaml:12:58: error: bargaining protocols take no parameter at VMT 2025-11 (6f7b3c7): its loader reads 'params', "
                + "but the simulation then fails when it builds the protocol [VMT704]"],
             "remove bargaining_protocol.params (or give the protocol by its name alone)"),
            ("a mapping without name", Self.base + "matching_protocol: {params: {}}\n",
             ["x.yaml:12:20: error: matching_protocol.name: missing required field [VMT601]"], nil),
            ("not a name", Self.base + "search_protocol: [random_walk]\n",
             ["x.yaml:12:18: error: search_protocol: must be a protocol name or a mapping with 'name' [VMT601]"], nil),
            ("keys the 2025-11 loader ignores", Self.base + "params: {log_preferences: false, colour: red}\nprotocol_config: {search: {protocol: random_walk}}\n"
                + "search_protocol: {name: random_walk, weight: 2}\n",
             ["x.yaml:13:1: warning: 'protocol_config' is not read by the loader of VMT 2025-11 (6f7b3c7); dropped [VMT603]",
              "x.yaml:12:34: warning: 'params.colour' is not read by the loader of VMT 2025-11 (6f7b3c7); dropped [VMT603]",
              "x.yaml:14:38: warning: 'search_protocol.weight' is not read by the loader of VMT 2025-11 (6f7b3c7); dropped [VMT603]"], nil),
        ]
        for test in cases {
            let result = ScenarioImporter.importScenario(path: "x.yaml", bytes: Array(test.text.utf8))
            XCTAssertEqual(result.diagnostics.map(\.description), test.expected, test.name)
            XCTAssertEqual(result.diagnostics.first?.hint, test.hint, test.name)
            XCTAssertEqual(result.recipe == nil, result.diagnostics.contains { $0.severity == .error }, test.name)
        }
    }

    /// The suggestion is the recipe side's: the same message and hint as `search random_wlak`.
    func testUnknownProtocolSharesTheRecipeMessage() throws {
        let recipe = Resolver.resolve([RecipeSource(path: "r.vmt", relativePath: "r.vmt",
                                                    bytes: Array("vmt 2025-11\nextends minimal\nsearch random_wlak\n".utf8))])
        let line = try XCTUnwrap(recipe.diagnostics.first { $0.code == .unknownProtocol })
        let imported = ScenarioImporter.importScenario(path: "x.yaml", bytes: Array((Self.base + "search_protocol: random_wlak\n").utf8))
        let file = try XCTUnwrap(imported.diagnostics.first)
        XCTAssertEqual(file.message, "search_protocol: " + line.message)
        XCTAssertEqual(file.hint, line.hint)
    }

    /// With `--extends` a 2025-11 recipe of the project, the recipe inherits the target and the
    /// parent's protocols: only what differs is written, and no `vmt` line.
    func testExtendsA2025_11ParentWritesOnlyWhatDiffers() throws {
        let parent = RecipeSource(path: "fam.vmt", relativePath: "fam.vmt",
                                  bytes: Array("template\nscenario fam\nvmt 2025-11\nextends minimal\nsearch random_walk\n".utf8))
        let bytes = try ImportTests.build("extends fam\nscenario kid\nseed 4\nbargaining split_difference\n", stem: "kid", project: [parent])
        let result = ScenarioImporter.importScenario(path: "kid.yaml", bytes: bytes, parent: "fam", project: [parent])
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let recipe = try XCTUnwrap(result.recipe)
        XCTAssertTrue(recipe.hasPrefix("scenario kid\nextends fam\ninventory A "), recipe)
        XCTAssertFalse(recipe.contains("vmt ") || recipe.contains("search "), recipe)
        XCTAssertTrue(recipe.hasSuffix("bargaining split_difference\n"), recipe)
        XCTAssertEqual(try ImportTests.build(recipe, stem: "kid", project: [parent]), bytes)
    }

    /// A target given to the importer (`target:`) overrides the detection: a 2025-10 import drops
    /// the protocol keys, a 2025-11 import the money keys (VMT603 each).
    func testATargetGivenOverridesTheDetection() throws {
        let text = Self.base + "params: {exchange_regime: barter_only}\nsearch_protocol: random_walk\n"
        let october = ScenarioImporter.importScenario(path: "x.yaml", bytes: Array(text.utf8), target: .v2025_10)
        XCTAssertEqual(october.diagnostics.map(\.description),
                       ["x.yaml:13:1: warning: 'search_protocol' is not read by VMT's loader; dropped [VMT603]"])
        XCTAssertFalse(try XCTUnwrap(october.recipe).contains("vmt "))
        let november = ScenarioImporter.importScenario(path: "x.yaml", bytes: Array(text.utf8), target: .v2025_11)
        XCTAssertEqual(november.diagnostics.map(\.description),
                       ["x.yaml:12:10: warning: 'params.exchange_regime' is not read by the loader of VMT 2025-11 (6f7b3c7); dropped [VMT603]"])
        XCTAssertTrue(try XCTUnwrap(november.recipe).contains("\nvmt 2025-11\n"))
    }
}
