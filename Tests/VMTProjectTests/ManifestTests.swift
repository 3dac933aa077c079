import XCTest
import VMTCore
@testable import VMTProject

/// The manifest: its line format, reading it back, refusing bad lines, and how builds update it.
final class ManifestTests: XCTestCase {
    let hash = String(repeating: "ab", count: 32)

    func entry(_ output: String, recipe: String = "r.vmt", variant: ManifestEntry.Variant? = nil) -> ManifestEntry {
        ManifestEntry(output: output, recipe: recipe, scenario: "s", variant: variant, seed: "42", sha256: hash)
    }

    func testLineFormat() {
        let sweep = ManifestEntry(
            output: "sweeps/mixed/seed-3.yaml", recipe: "sweeps/sweep.vmt", scenario: "sweep_mixed_3",
            variant: .init(index: 6, values: [.init(field: "regime", value: "mixed"), .init(field: "seed", value: "3")]),
            seed: "3", sha256: hash)
        XCTAssertEqual(sweep.json.text, #"{"output":"sweeps/mixed/seed-3.yaml","recipe":"sweeps/sweep.vmt","scenario":"sweep_mixed_3","variant":{"index":6,"values":{"regime":"mixed","seed":"3"}},"seed":"3","sha256":"\#(hash)"}"#)
        XCTAssertEqual(entry("a.yaml").json.text, #"{"output":"a.yaml","recipe":"r.vmt","scenario":"s","variant":null,"seed":"42","sha256":"\#(hash)"}"#)
        var unhashed = entry("a.yaml")
        unhashed.sha256 = nil
        XCTAssertFalse(unhashed.json.text.contains("sha256"))
    }

    func testSortedByBytesAndReadBack() throws {
        // "B" < "a" < "é" in byte order; "a/b" < "a_b" since "/" < "_".
        let manifest = Manifest([entry("é.yaml"), entry("a_b.yaml"), entry("a/b.yaml"), entry("B.yaml")])
        XCTAssertEqual(manifest.entries.map(\.output), ["B.yaml", "a/b.yaml", "a_b.yaml", "é.yaml"])
        let text = String(decoding: manifest.bytes, as: UTF8.self)
        XCTAssertEqual(text.split(separator: "\n").count, 4)
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertEqual(try Manifest.read(manifest.bytes), manifest)
        XCTAssertEqual(try Manifest.read([]), Manifest([]))
        XCTAssertEqual(Manifest([]).bytes, [])
    }

    func testBadLinesAreRefusedWithTheirNumber() {
        let good = entry("a.yaml").json.text
        let cases: [(name: String, text: String, line: Int, problem: ManifestProblem)] = [
            ("not JSON", good + "\n{oops\n", 2, .syntax("expected a key in quotes at byte 1")),
            ("an array", "[1]\n", 1, .notAnObject),
            ("missing seed", #"{"output":"a","recipe":"r","scenario":"s","variant":null,"sha256":"\#(hash)"}"#, 1, .badField("seed")),
            ("short hash", good.replacingOccurrences(of: hash, with: "abc"), 1, .badField("sha256")),
            ("upper-case hash", good.replacingOccurrences(of: hash, with: hash.uppercased()), 1, .badField("sha256")),
            ("variant of the wrong kind", good.replacingOccurrences(of: "null", with: "3"), 1, .badField("variant")),
            ("a value not a string", good.replacingOccurrences(of: "null", with: #"{"index":1,"values":{"seed":3}}"#), 1, .badField("variant")),
            ("output twice", good + "\n\n" + good + "\n", 3, .duplicate("a.yaml")),
        ]
        for test in cases {
            XCTAssertThrowsError(try Manifest.read(Array(test.text.utf8)), test.name) { error in
                XCTAssertEqual(error as? ProjectError, .manifestLine(line: test.line, test.problem), test.name)
            }
        }
    }

    /// A partial build replaces the entries of the selected recipes and keeps the others; an
    /// orphan that was not pruned stays listed.
    func testPartialBuildUpdatesOnlyItsRecipes() {
        let old = Manifest([entry("lab/a.yaml", recipe: "lab/a.vmt"), entry("lab/gone.yaml", recipe: "lab/gone.vmt"),
                            entry("lab/edited.yaml", recipe: "lab/old.vmt"), entry("money/m.yaml", recipe: "money/m.vmt")])
        let inLab: (ManifestEntry) -> Bool = { $0.recipe.hasPrefix("lab/") }
        var rebuilt = entry("lab/a.yaml", recipe: "lab/a.vmt")
        rebuilt.seed = "7"
        let produced = [rebuilt, entry("lab/new.yaml", recipe: "lab/new.vmt")]
        let orphans = old.orphans(producing: Set(produced.map(\.output)), isSelected: inLab)
        XCTAssertEqual(orphans.map(\.output), ["lab/edited.yaml", "lab/gone.yaml"])
        let kept = orphans.filter { $0.output == "lab/edited.yaml" }
        let updated = old.updated(producing: produced, isSelected: inLab, keeping: kept)
        XCTAssertEqual(updated.entries.map(\.output), ["lab/a.yaml", "lab/edited.yaml", "lab/new.yaml", "money/m.yaml"])
        XCTAssertEqual(updated.entry(for: "lab/a.yaml")?.seed, "7")
    }
}
