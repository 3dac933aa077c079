import XCTest
import VMTCore
@testable import VMTProject

/// The loaded meaning: what VMT's loader reads, and when two files mean the same scenario.
final class LoadedScenarioTests: XCTestCase {
    let base = """
        schema_version: 1
        name: s
        N: 5
        agents: 2
        initial_inventories: {A: [5, 5], B: 3}
        utilities: {mix: [{type: ces, weight: 1.0, params: {rho: 0.5, wA: 0.5, wB: 0.5}}]}
        resource_seed: {density: 0.10, amount: 2}
        params: {vision_radius: 5, epsilon: 0.000000000001}

        """

    func loaded(_ text: String) throws -> LoadedScenario {
        try ScenarioLoader.load(Array(text.utf8)).get().loaded
    }

    func testSpellingOrderCommentsAndDefaultsDoNotMatter() throws {
        let other = """
            # a comment
            agents: 2
            N: 5.0
            name: "s"
            schema_version: 1
            initial_inventories:
              B: [3, 3]   # a list of the scalar
              A: 5
            resource_seed:
              amount: 2
              density: 0.1
            utilities:
              mix:
              - type: ces
                weight: 1
                params: {wB: 0.50, wA: .5, rho: 5.0e-1}
            params: {epsilon: 1.0e-12}

            """
        XCTAssertEqual(try loaded(base), try loaded(other))
        XCTAssertEqual(try loaded(base).param("vision_radius"), .number(5), "the loader's default, not the generator's 8")
        XCTAssertEqual(try loaded(base).param("lambda_bounds.lambda_max"), .number(1e6))
    }

    func testDifferencesNameTheFields() throws {
        let changed = base.replacingOccurrences(of: "vision_radius: 5", with: "vision_radius: 8")
            .replacingOccurrences(of: "B: 3", with: "B: 4")
        XCTAssertEqual(try loaded(changed).differences(from: try loaded(base)), ["initial_inventories.B", "params.vision_radius"])
    }

    func testTheLoadersRules() {
        let cases: [(String, String)] = [
            (base.replacingOccurrences(of: "N: 5", with: "N: 0"), "3:1: N: N must be > 0 (got 0.0)"),
            (base.replacingOccurrences(of: "weight: 1.0", with: "weight: 0.5"), "6:13: utilities.mix: the weights must sum to 1 (they sum to 0.5)"),
            (base.replacingOccurrences(of: "vision_radius: 5", with: "beta: 0"), "8:10: params.beta: beta must be in (0, 1] (got 0.0)"),
            (base.replacingOccurrences(of: "amount: 2", with: "amount: 0"), "7:32: resource_seed.amount: amount must be > 0 when density is above 0 (got 0.0)"),
            (base.replacingOccurrences(of: "B: 3", with: "B: x"), "5:37: initial_inventories.B: a stock must be an integer"),
        ]
        for (text, expected) in cases {
            guard case .failure(let error) = ScenarioLoader.load(Array(text.utf8)) else { XCTFail(expected); continue }
            XCTAssertEqual(error.description, expected)
        }
        // A list below a stone_geary gamma loads (the loader checks only a scalar).
        let geary = base.replacingOccurrences(of: "{type: ces, weight: 1.0, params: {rho: 0.5, wA: 0.5, wB: 0.5}}",
                                              with: "{type: stone_geary, weight: 1.0, params: {alpha_A: 0.5, alpha_B: 0.5, gamma_A: 9, gamma_B: 0}}")
        XCTAssertNoThrow(try loaded(geary))
        guard case .failure(.scenarioLoad(let error)) = ScenarioLoader.load(Array(geary.replacingOccurrences(of: "gamma_B: 0", with: "gamma_B: 3").utf8)) else {
            return XCTFail("a scalar B at gamma_B loaded")
        }
        XCTAssertTrue(error.message.contains("stone_geary needs the B stock > gamma_B = 3.0"), error.message)
    }
}
