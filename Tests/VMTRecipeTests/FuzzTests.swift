import Foundation
import XCTest
@testable import VMTRecipe
import VMTCore

/// A "never crash" harness without libFuzzer: pseudo-random bytes, token soup
/// and mutations of the example recipes, all through `parseRecipe`.
final class FuzzTests: XCTestCase {
    /// SplitMix64: a tiny deterministic generator, so every run feeds the same inputs.
    struct SplitMix64 {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in `0..<bound` (bound > 0).
        mutating func below(_ bound: Int) -> Int {
            Int(next() % UInt64(bound))
        }

        mutating func pick<T>(_ items: [T]) -> T {
            items[below(items.count)]
        }
    }

    /// Pieces that make the token soup look like recipes, including the edge cases.
    static let fragments: [String] = Keyword.allCases.map(\.rawValue) + [
        " ", " ", " ", "\t", "\n", "\n", "\r\n", "\r", "#", "# c\n", ",", ":", "\"", "\\", "\\\"", "..", ".", "+", "-",
        "0", "1", "5", "42", "-7", "007", "99999999999999999999", "-99999999999999999999", "1e999", "1e-999",
        "0.3", ".5", "1.", "1..9", "10..60", "0..0", "-5..+5", "1...9", "ces", "linear:0.4", "ces:0.6,",
        "stone_geary", "density", "max", "regen", "off", "start", "forage", "trade", "mixed", "barter_only",
        "x.yaml", "../x.yaml", "/abs.yaml", "a//b.yml", "lambda_bounds.lambda_max", "\"q\"", "é", "\u{FEFF}",
        "\u{0}", "\u{7F}", "\u{85}", "=", "vary", "Agents", String(repeating: "9", count: 300),
        "{", "}", "{seed}", "{regime}", "{}", "{{", "ces.rho", "set.beta", "A", "B", "M", "a",
    ]

    /// Checks everything `parseRecipe` promises about its answer for `bytes`.
    @discardableResult
    private func check(_ bytes: [UInt8], _ label: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let path = "fuzz.vmt"
        let (recipe, diagnostics) = parseRecipe(path: path, bytes: bytes)
        let failed = diagnostics.contains { $0.severity == .error }
        if recipe == nil {
            XCTAssertTrue(failed, "rejected without an error: \(label)", file: file, line: line)
        } else {
            XCTAssertFalse(failed, "accepted with an error: \(label)", file: file, line: line)
        }
        let ranges = diagnostics.map(\.range) + diagnostics.flatMap { $0.notes.compactMap(\.range) }
        for range in ranges {
            let inside = range.file == path && range.start.line >= 1 && range.start.column >= 1
                && range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= bytes.count
            XCTAssertTrue(inside, "range \(range) outside the input: \(label)", file: file, line: line)
            if !inside { return recipe != nil }
        }
        for diagnostic in diagnostics {
            XCTAssertFalse(diagnostic.message.isEmpty, label, file: file, line: line)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let rendered = DiagnosticRenderer(sources: [path: text]).render(diagnostics)
        XCTAssertEqual(rendered.isEmpty, diagnostics.isEmpty, label, file: file, line: line)
        let tokens = Lexer.tokenize(path: path, bytes: bytes)
        XCTAssertEqual(tokens.last?.kind, .eof, label, file: file, line: line)
        XCTAssertTrue(zip(tokens, tokens.dropFirst()).allSatisfy { $0.range.end.offset <= $1.range.start.offset },
                      "tokens overlap: \(label)", file: file, line: line)
        return recipe != nil
    }

    func testRandomBytes() {
        var random = SplitMix64(state: 20_251_126)
        for round in 0..<3000 {
            let count = random.below(160)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            for _ in 0..<count {
                // Half the time printable ASCII, so the lexer gets past the first byte.
                let byte = random.below(2) == 0 ? UInt8(32 + random.below(95)) : UInt8(random.below(256))
                bytes.append(byte)
            }
            check(bytes, "random bytes #\(round): \(bytes)")
        }
    }

    func testTokenSoup() {
        var random = SplitMix64(state: 7)
        for round in 0..<3000 {
            var text = ""
            for _ in 0..<random.below(40) {
                text += random.pick(FuzzTests.fragments)
            }
            check(Array(text.utf8), "token soup #\(round): \(text.debugDescription)")
        }
    }

    func testMutatedExamples() throws {
        let examples = try GrammarExamplesTests.examples().map { try [UInt8](Data(contentsOf: $0)) }
        XCTAssertFalse(examples.isEmpty)
        var random = SplitMix64(state: 42)
        var accepted = 0
        for round in 0..<3000 {
            var bytes = random.pick(examples)
            for _ in 0..<(1 + random.below(4)) {
                mutate(&bytes, &random)
            }
            if check(bytes, "mutation #\(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)") {
                accepted += 1
            }
        }
        // The mutations must reach both verdicts, or the harness tests too little.
        XCTAssertGreaterThan(accepted, 100)
        XCTAssertLessThan(accepted, 2900)
    }

    func testLargeInputsStayLinear() {
        // 20 000 bad lines: every one reported, rendered once; quadratic work would not finish.
        let text = String(repeating: "agnets 0 # x\nagents 0\n", count: 10_000) + String(repeating: "9", count: 100_000)
        let (recipe, diagnostics) = parseRecipe(path: "big.vmt", text: text)
        XCTAssertNil(recipe)
        XCTAssertEqual(diagnostics.count, 30_000)  // 10 000 unknown, 1 + 2 × 9 999 for agents, 1 last line
        let rendered = DiagnosticRenderer(sources: ["big.vmt": text]).render(diagnostics)
        XCTAssertTrue(rendered.hasPrefix("big.vmt:1:1: error: unknown directive 'agnets' [VMT101]\n"))
    }

    func testValidMutationsStillParse() throws {
        // Appending a comment or a blank line never changes the verdict on an example.
        for url in try GrammarExamplesTests.examples() {
            let bytes = try [UInt8](Data(contentsOf: url))
            for suffix in ["\n", "\n# end", "\r\n\r\n", "   \t", "\n\n# a\n\n"] {
                let (recipe, diagnostics) = parseRecipe(path: "x.vmt", bytes: bytes + Array(suffix.utf8))
                XCTAssertNotNil(recipe, url.lastPathComponent)
                XCTAssertEqual(diagnostics, [], url.lastPathComponent)
            }
        }
    }

    /// One random edit: flip a byte, insert a fragment, delete a stretch,
    /// duplicate a line, swap two lines or truncate.
    private func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
        switch random.below(6) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = UInt8(random.below(256))
        case 1:
            bytes.insert(contentsOf: Array(random.pick(FuzzTests.fragments).utf8), at: position)
        case 2 where !bytes.isEmpty:
            let end = min(bytes.count, position + 1 + random.below(12))
            bytes.removeSubrange(min(position, end)..<end)
        case 3, 4:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            guard !lines.isEmpty else { return }
            let first = random.below(lines.count)
            let second = random.below(lines.count)
            if random.below(2) == 0 {
                lines.insert(lines[first], at: second)
            } else {
                lines.swapAt(first, second)
            }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        default:
            bytes.removeSubrange(min(position, bytes.count)...)
        }
    }
}

/// The same mutations through the whole pipeline: resolver, sweeps and rendering.
extension FuzzTests {
    func testMutatedRecipeSetsThroughResolverAndRendering() throws {
        let examples = try GrammarExamplesTests.examples().map { try [UInt8](Data(contentsOf: $0)) }
        var random = SplitMix64(state: 7)
        var built = 0, refused = 0
        for round in 0..<1500 {
            // A mutated recipe among two fixed siblings it may extend.
            var bytes = random.pick(examples)
            for _ in 0..<(1 + random.below(4)) { mutate(&bytes, &random) }
            let sources = [
                RecipeSource(path: "m.vmt", relativePath: "m.vmt", bytes: bytes),
                RecipeSource(path: "base.vmt", relativePath: "base.vmt",
                             bytes: Array("scenario money_base\ntemplate\nextends money_demo\nmoney 0..9\n".utf8)),
                RecipeSource(path: "big_mixed.vmt", relativePath: "big_mixed.vmt",
                             bytes: Array("extends standard\nvary seed 1, 2\n".utf8)),
            ]
            let resolution = Resolver.resolve(sources, maxVariants: 50)
            let label = "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)"
            for path in resolution.failedPaths {
                // An error in the file itself, or on an inherited line while building it.
                XCTAssertTrue(resolution.diagnostics.contains { diagnostic in
                    diagnostic.severity == .error && (diagnostic.range.file == path
                        || diagnostic.notes.contains { $0.message.hasSuffix("while building \(path)") })
                }, "\(path) failed without an error of its own: \(label)")
            }
            if resolution.failedPaths.contains("m.vmt") { refused += 1 }
            for scenario in resolution.scenarios where !scenario.isTemplate {
                for variant in scenario.variants where variant.spec.agents <= 500 {
                    switch ScenarioFile.render(variant.spec) {
                    case .success(let yaml):
                        XCTAssertTrue(yaml.starts(with: Array("schema_version: 1\nname:".utf8)), label)
                        built += 1
                    case .failure(.invalid(let failure)):
                        XCTAssertFalse(variant.diagnostics(for: failure.issues, recipe: scenario.recipe).isEmpty, label)
                    case .failure(let error):
                        XCTFail("rendering in memory fails only by a broken rule: \(label): \(error)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(built, 1000, "the mutations must reach rendering")
        XCTAssertGreaterThan(refused, 100, "and the resolver's refusals")
    }
}
