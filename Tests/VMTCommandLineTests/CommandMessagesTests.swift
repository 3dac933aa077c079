import XCTest
@testable import VMTCommandLine

/// The builders that fold several texts into one shape say, word for word, what each text said
/// before it was folded.
final class CommandMessagesTests: XCTestCase {
    func testFoldedCommandTextsKeepTheirWording() {
        typealias M = CommandMessages
        let cases: [(name: String, built: String, expected: String)] = [
            ("diff", M.diffNeedsTwoFiles, "diff needs two scenario files, OLD and NEW (see 'vmt-dsl diff --help')"),
            ("explain", M.explainNeedsTarget, "explain needs a TARGET: a recipe file or a scenario name (see 'vmt-dsl explain --help')"),
            ("generate", M.generateNeedsName, "generate needs a scenario NAME (see 'vmt-dsl generate --help')"),
            ("import", M.importNeedsFiles, "import needs at least one FILE.yaml (see 'vmt-dsl import --help')"),
            ("new", M.newNeedsPath, "new needs a PATH ending in .vmt (see 'vmt-dsl new --help')"),
            ("positional", M.needsArgument("fmt", "PATH", "a recipe"), "fmt needs PATH: a recipe (see 'vmt-dsl fmt --help')"),
            ("scenario", M.needsScenario("generate", "NAME"), "generate needs a scenario NAME (see 'vmt-dsl generate --help')"),
            ("int --", M.invalidInt("--agents", "--"), "argument --agents: invalid int value: '--'"),
            ("seed", M.invalidInt("--seed", "x"), "argument --seed: invalid int value: 'x'"),
            ("bare int", M.invalidInt("x"), "invalid int value: 'x'"),
            ("max variants", M.atLeastOne("--max-variants"), "argument --max-variants: must be at least 1"),
            ("max build variants", M.atLeastOne("--max-build-variants"), "argument --max-build-variants: must be at least 1"),
            ("one value", M.expectedOneValue("--seed", next: nil), "argument --seed: expected one value"),
            ("one value dashed", M.expectedOneValue("--seed", next: "-5"),
             "argument --seed: expected one value (a value that starts with '-' is given joined: --seed=-5)"),
            ("takes no value", M.takesNoValue("--check"), "argument --check: takes no value"),
            ("allow", M.errorCodeAllowed("VMT101"), "argument --allow: VMT101 is an error's code; only warnings can be allowed"),
            ("exists", M.alreadyExists("a.vmt"), "a.vmt already exists; not overwriting it"),
            ("import exists", M.importTargetExists("a.yaml", "a.vmt"), "a.yaml: a.vmt already exists; not overwriting it (choose another --out)"),
            ("no arguments", M.tooManyArguments("presets", most: 0, names: "", got: "x"), "presets takes no arguments (got 'x')"),
            ("one argument", M.tooManyArguments("presets", most: 1, names: "NAME", got: "y"), "presets takes at most one NAME (got 'y')"),
            ("two arguments", M.tooManyArguments("diff", most: 2, names: "OLD NEW", got: "z"), "diff takes at most 2 arguments (OLD NEW) (got 'z')"),
        ]
        for (name, built, expected) in cases {
            XCTAssertEqual(built, expected, name)
        }
    }
}
