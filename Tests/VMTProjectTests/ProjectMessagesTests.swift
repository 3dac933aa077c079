import XCTest
import VMTCore
@testable import VMTProject

/// The builders that fold several texts into one shape say, word for word, what each text said
/// before it was folded.
final class ProjectMessagesTests: XCTestCase {
    func testFoldedLoaderTextsKeepTheirWording() {
        typealias Load = ProjectMessages.Load
        let cases: [(name: String, built: String, expected: String)] = [
            ("N", Load.gridNotPositive(0), "N must be > 0 (got 0.0)"),
            ("agents", Load.agentsNotPositive(-1), "agents must be > 0 (got -1.0)"),
            ("density", Load.densityOutOfRange(2), "density must be in [0, 1] (got 2.0)"),
            ("amount", Load.amountNotPositive(0), "amount must be > 0 when density is above 0 (got 0.0)"),
            ("param", Load.mustBe("beta", "in (0, 1]", got: 1.5), "beta must be in (0, 1] (got 1.5)"),
            ("forage", Load.ticksNotPositive("forage_ticks"), "forage_ticks must be > 0"),
            ("trade", Load.ticksNotPositive("trade_ticks"), "trade_ticks must be > 0"),
            ("ces rho", Load.parameterRule(.ces, "rho"), "ces rho must not be 1"),
            ("ces wA", Load.parameterRule(.ces, "wA"), "ces wA must be > 0"),
            ("linear vB", Load.parameterRule(.linear, "vB"), "linear vB must be > 0"),
            ("quadratic", Load.parameterRule(.quadratic, "sigma_A"), "quadratic sigma_A must be > 0"),
            ("quadratic gamma", Load.parameterRule(.quadratic, "gamma"), "quadratic gamma must be >= 0"),
            ("translog", Load.parameterRule(.translog, "alpha_B"), "translog alpha_B must be > 0"),
            ("stone_geary alpha", Load.parameterRule(.stoneGeary, "alpha_A"), "stone_geary alpha_A must be > 0"),
            ("stone_geary gamma", Load.parameterRule(.stoneGeary, "gamma_B"), "stone_geary gamma_B must be >= 0"),
            ("vary parent", ProjectMessages.Import.parentVaries("base"),
             "cannot extend 'base': it varies fields (vary), so the recipe would be a sweep"),
            ("at key", ProjectMessages.Import.atKey("name", "an empty name cannot be written"), "name: an empty name cannot be written"),
            ("no key", ProjectMessages.Import.atKey("", "not YAML: x"), "not YAML: x"),
            ("too many", ProjectMessages.tooManyOutputs(nil, limit: 3),
             "this build would write more than \(Int.max) scenarios, more than the limit of 3 per build; "
                + "build fewer recipes at once, or raise the limit with --max-build-variants"),
            ("too large", Project.tooLargeMessage("a.vmt"),
             "a.vmt is larger than \(Project.maxRecipeBytes / 1024) KiB; a recipe file may be at most that"),
            ("folder problem", ProjectMessages.treeProblem("x/a.vmt", CoreMessages.TreeProblem.folderNotFile),
             "x/a.vmt is a folder, not a recipe file"),
        ]
        for (name, built, expected) in cases {
            XCTAssertEqual(built, expected, name)
        }
    }
}
