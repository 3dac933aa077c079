import Foundation
import XCTest
@testable import VMTCommandLine

/// A recipe that says what a reference command line says yields the same bytes.
///
/// For every exit-0 case of the reference generator's golden corpus (Fixtures/golden/<case>),
/// the case's flags are translated into a recipe, `vmt-dsl build` runs in-process in a fresh
/// folder, and the YAML it writes must be byte-identical to the case's `expected.yaml`.
///
/// Scenario names go into a `"..."` string with `\\` and `\"` escaped. The lexer accepts any
/// Unicode text in a string except line breaks, other control characters (U+0000–U+001F but
/// tab, U+007F–U+009F) and U+FEFF, so a name holding one of those cannot be written in a
/// recipe. No case of the corpus has such a name (`name_19` has a tab, which strings accept),
/// so every exit-0 case is translated; the test asserts how many, and fails on a name it
/// cannot express rather than skipping it.
final class RecipeEquivalenceTests: XCTestCase {
    /// The exit-0 cases of the golden corpus (see GoldenGenerateTests).
    static let expectedCaseCount = 80

    func testEveryReferenceCommandLineAsARecipeBuildsTheSameBytes() throws {
        let golden = try goldenDirectory()
        var tested = 0
        for name in listing(golden) {
            let folder = golden.appendingPathComponent(name)
            let exit = try String(contentsOf: folder.appendingPathComponent("expected.exit"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard exit == "0" else { continue }
            var arguments = try String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)
                .components(separatedBy: "\n")
            if arguments.last == "" { arguments.removeLast() }
            let recipe: String
            do {
                recipe = try Self.recipe(for: arguments)
            } catch {
                XCTFail("\(name): \(error)")
                continue
            }
            let work = try temporaryDirectory(self)
            let recipes = work.appendingPathComponent("recipes")
            try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
            try Data(recipe.utf8).write(to: recipes.appendingPathComponent("case.vmt"))

            let run = runTool(["build", "recipes", "--out", "out"], in: work)
            XCTAssertEqual(run.status, 0, "\(name): build failed:\n\(run.stderr)\nrecipe:\n\(recipe)")
            XCTAssertEqual(run.stderr, "", name)
            XCTAssertEqual(run.stdout, "built 1 recipe: 1 scenario written, 0 unchanged\n", name)
            XCTAssertEqual(listing(work.appendingPathComponent("out")), [".vmt-dsl-manifest.jsonl", "out.yaml"], "\(name): one file, named by 'output', and the manifest")
            let expected = try Data(contentsOf: folder.appendingPathComponent("expected.yaml"))
            let actual = try? Data(contentsOf: work.appendingPathComponent("out").appendingPathComponent("out.yaml"))
            XCTAssertEqual(actual, expected, "\(name): the recipe's YAML differs from the reference\nrecipe:\n\(recipe)")
            tested += 1
        }
        XCTAssertEqual(tested, Self.expectedCaseCount, "every exit-0 case of the golden corpus is tested")
    }

    /// The translation itself, on a line that uses every flag.
    func testTranslationOfEveryFlag() throws {
        let recipe = try Self.recipe(for: [
            "a \"b\" \\ c", "--preset", "large", "--agents", "5", "--grid", "6", "--inventory-range", "1,9",
            "--utilities", "ces, linear ,translog", "--resources", ".5,3,0", "--exchange-regime", "mixed",
            "--seed", "-42", "--output", "out.yaml",
        ])
        XCTAssertEqual(recipe, """
            scenario "a \\"b\\" \\\\ c"
            extends large
            agents 5
            grid 6
            inventory 1..9
            utilities ces, linear, translog
            resources density .5 max 3 regen 0
            regime mixed
            seed -42
            output out.yaml

            """)
        XCTAssertThrowsError(try Self.recipe(for: ["x", "--bogus", "1"]))
        XCTAssertThrowsError(try Self.recipe(for: ["line\nbreak", "--seed", "1"]))
    }

    struct Untranslatable: Error, CustomStringConvertible {
        let description: String
    }

    /// The recipe equivalent to a reference command line `NAME --flag value ...`.
    static func recipe(for arguments: [String]) throws -> String {
        guard let name = arguments.first else { throw Untranslatable(description: "no name") }
        var lines = ["scenario " + (try quoted(name))]
        var index = 1
        while index < arguments.count {
            let flag = arguments[index]
            guard index + 1 < arguments.count else { throw Untranslatable(description: "\(flag) has no value") }
            let value = arguments[index + 1]
            index += 2
            switch flag {
            case "--preset":
                lines.append("extends \(value)")
            case "--agents":
                lines.append("agents \(value)")
            case "--grid":
                lines.append("grid \(value)")
            case "--inventory-range":
                let parts = value.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw Untranslatable(description: "inventory range \(value)") }
                lines.append("inventory \(parts[0])..\(parts[1])")
            case "--utilities":
                let items = value.split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                lines.append("utilities " + items.joined(separator: ", "))
            case "--resources":
                let parts = value.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count == 3 else { throw Untranslatable(description: "resources \(value)") }
                lines.append("resources density \(parts[0]) max \(parts[1]) regen \(parts[2])")
            case "--exchange-regime":
                lines.append("regime \(value)")
            case "--seed":
                lines.append("seed \(value)")
            case "--output":
                break  // every recipe writes out.yaml (below), as every case's --output names it
            default:
                throw Untranslatable(description: "no directive for \(flag)")
            }
        }
        lines.append("output out.yaml")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as a recipe string, or an error when a string cannot hold it.
    static func quoted(_ text: String) throws -> String {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value)
            if isControl || value == 0xFEFF {
                throw Untranslatable(description: "a recipe string cannot hold U+\(String(value, radix: 16, uppercase: true))")
            }
        }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\""
    }
}
