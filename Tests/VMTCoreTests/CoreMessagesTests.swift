import XCTest
@testable import VMTCore

/// The builders that fold several texts into one shape say, word for word, what each text said
/// before it was folded (the wording is pinned here; goldens cover only the texts they reach).
final class CoreMessagesTests: XCTestCase {
    func testFoldedRuleTextsKeepTheirWording() {
        let cases: [(name: String, built: String, expected: String)] = [
            ("agents", CoreMessages.agentsNotPositive(0), "agents must be > 0 (got 0)"),
            ("too many agents", CoreMessages.tooManyAgents(11, most: 10), "agents must be at most 10 (got 11)"),
            ("grid", CoreMessages.gridNotPositive(-1), "grid size N must be > 0 (got -1)"),
            ("grid too large", CoreMessages.gridTooLarge(9, most: 8), "grid size N must be at most 8 (got 9)"),
            ("inventory min", CoreMessages.inventoryMinimumBelowOne(0),
             "inventory minimum must be >= 1, as log utilities need positive stock (got 0)"),
            ("inventory range", CoreMessages.inventoryRangeEmpty(5, 5), "inventory maximum must be greater than the minimum (got 5..5)"),
            ("money min", CoreMessages.moneyMinimumNegative(-2), "money minimum must be >= 0 (got -2)"),
            ("money range", CoreMessages.moneyRangeEmpty(3, 1), "money maximum must be greater than the minimum (got 3..1)"),
            ("density", CoreMessages.densityOutOfRange(1.5), "resource density must be in [0, 1] (got 1.5)"),
            ("max amount", CoreMessages.resourceMaxNotPositive(0), "resource max amount must be > 0 (got 0)"),
            ("amount", CoreMessages.resourceAmountNegative(-1), "resource amount must be >= 0 (got -1)"),
            ("amount with density", CoreMessages.resourceAmountZeroWithDensity(0, density: 0.3),
             "resource amount must be > 0 when density is above 0 (got 0 with density 0.3)"),
            ("regen int", CoreMessages.regenNegative("-1"), "resource regen (resource_growth_rate) must be >= 0 (got -1)"),
            ("regen float", CoreMessages.regenNegative(PythonFloat.repr(-0.5)), "resource regen (resource_growth_rate) must be >= 0 (got -0.5)"),
            ("stock", CoreMessages.stockNegative(.a, -3), "inventory A must be >= 0 (got -3)"),
            ("forage ticks", CoreMessages.scheduleTicksNotPositive("forage", 0), "schedule forage ticks must be > 0 (got 0)"),
            ("trade ticks", CoreMessages.scheduleTicksNotPositive("trade", 0), "schedule trade ticks must be > 0 (got 0)"),
            ("weight", CoreMessages.weightNegative(-0.25), "utility weight must be >= 0 (got -0.25)"),
            ("pin rule", CoreMessages.utilityParameterRule("ces.rho", CoreMessages.ParameterRule.notOne, got: 1),
             "ces.rho must not be 1 (got 1.0)"),
            ("pin complement", CoreMessages.complementNotPositive("ces.wA", first: "wA", second: "wB", got: 1),
             "ces.wA must be < 1, as wB = 1 - wA must stay > 0 (got 1.0)"),
            ("entry complement", CoreMessages.complementNotPositive("ces wA", first: "wA", second: "wB", got: 2),
             "ces wA must be < 1, as wB = 1 - wA must stay > 0 (got 2.0)"),
            ("subsistence drawn", CoreMessages.stockBelowSubsistence(.b, every: true, gamma: 5, lowest: 4),
             "stone_geary needs every B inventory > gamma_B = 5.0 (an agent has 4)"),
            ("subsistence given", CoreMessages.stockBelowSubsistence(.a, every: false, gamma: 5, lowest: 4),
             "stone_geary needs the A inventory > gamma_A = 5.0 (an agent has 4)"),
        ]
        for (name, built, expected) in cases {
            XCTAssertEqual(built, expected, name)
        }
    }

    /// The core names no directive: the words of its messages are the simulator's.
    func testNoTextOfTheCoreNamesADirective() {
        let texts = [CoreMessages.mixedWeights, CoreMessages.emptyMix, CoreMessages.moneyRegimeWithoutMoney,
                     CoreMessages.unknownParameter("a.b"), CoreMessages.mirroredParameter("exchange_regime", .regime)]
        for text in texts {
            for word in ["directive", "recipe", "vary", "extends", "'set'"] {
                XCTAssertFalse(text.contains(word), "\(text) says \(word)")
            }
        }
    }
}
