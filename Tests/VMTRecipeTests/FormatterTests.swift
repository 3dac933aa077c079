import Foundation
import XCTest
import VMTCore
@testable import VMTRecipe

/// The printer (`formatRecipe`): golden pairs, idempotence, and "parse, print, parse again gives
/// the same typed directives" over every recipe in the repository.
///
/// Golden pairs live in `Fixtures/fmt/NAME.in` → `NAME.golden`, found from this file's path (the
/// target declares no resources). Run with `VMT_RECORD=1` to rewrite the `.golden` files.
final class FormatterTests: XCTestCase {
    /// The package's top folder, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // VMTRecipeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    /// The folder of the golden pairs.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fmt")

    /// Whether this run rewrites the golden files.
    static var recording: Bool { ProcessInfo.processInfo.environment["VMT_RECORD"] == "1" }

    /// The `.in` files of the golden pairs, sorted by name.
    static func inputs() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "in" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Every `.vmt` file below `folder`, sorted by path.
    static func recipes(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".vmt") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// Every recipe the round-trip tests read: the fixtures' inputs, `scenarios.d`, `grammar/examples`.
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        let files = try inputs()
            + recipes(under: repository.appendingPathComponent("scenarios.d"))
            + recipes(under: repository.appendingPathComponent("grammar/examples"))
        return try files.map { url in
            (url.path.replacingOccurrences(of: repository.path + "/", with: ""), try [UInt8](Data(contentsOf: url)))
        }
    }

    /// Formats `bytes`, failing the test when they do not parse.
    func format(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        let (recipe, diagnostics) = parseRecipe(path: name, bytes: bytes)
        guard let recipe else {
            XCTFail("\(name) does not parse: \(diagnostics)", file: file, line: line)
            return nil
        }
        return formatRecipe(recipe.syntax)
    }

    // MARK: Golden pairs

    func testGoldenPairs() throws {
        let inputs = try Self.inputs()
        XCTAssertGreaterThanOrEqual(inputs.count, 12)
        for input in inputs {
            let name = input.deletingPathExtension().lastPathComponent
            let golden = input.deletingPathExtension().appendingPathExtension("golden")
            guard let formatted = format(try [UInt8](Data(contentsOf: input)), name + ".vmt") else { continue }
            if Self.recording {
                try Data(formatted.utf8).write(to: golden)
                continue
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            XCTAssertEqual(formatted, expected, "\(name): run with VMT_RECORD=1 to re-record")
        }
    }

    func testEveryGoldenIsAlreadyCanonical() throws {
        for input in try Self.inputs() {
            let golden = input.deletingPathExtension().appendingPathExtension("golden")
            let bytes = try [UInt8](Data(contentsOf: golden))
            XCTAssertEqual(format(bytes, golden.lastPathComponent).map { Array($0.utf8) }, bytes, golden.lastPathComponent)
        }
    }

    // MARK: Properties over every recipe

    func testFormattingIsIdempotent() throws {
        let corpus = try Self.corpus()
        XCTAssertGreaterThan(corpus.count, 30)
        for (name, bytes) in corpus {
            guard let once = format(bytes, name), let twice = format(Array(once.utf8), name) else { continue }
            XCTAssertEqual(twice, once, name)
        }
    }

    func testFormattingKeepsTheTypedDirectives() throws {
        for (name, bytes) in try Self.corpus() {
            assertSameMeaning(bytes, name)
        }
    }

    func testLineBreakStylesFormatAlike() throws {
        for (name, bytes) in try Self.corpus() {
            var text = String(decoding: bytes, as: UTF8.self)
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            let lf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            let crlf = "\u{FEFF}" + lf.replacingOccurrences(of: "\n", with: "\r\n")
            let cr = lf.replacingOccurrences(of: "\n", with: "\r")
            let expected = format(Array(lf.utf8), name)
            XCTAssertEqual(format(Array(crlf.utf8), name), expected, name)
            XCTAssertEqual(format(Array(cr.utf8), name), expected, name)
        }
    }

    func testCanonicalFormShape() throws {
        for (name, bytes) in try Self.corpus() {
            guard let text = format(bytes, name), !text.isEmpty else { continue }
            XCTAssertTrue(text.hasSuffix("\n"), name)
            XCTAssertFalse(text.hasSuffix("\n\n"), name)
            XCTAssertFalse(text.hasPrefix("\n"), name)
            XCTAssertFalse(text.contains("\n\n\n"), name)
            XCTAssertFalse(text.contains("\r"), name)
            for line in text.split(separator: "\n") {
                XCTAssertFalse(line.hasPrefix(" ") || line.hasPrefix("\t"), "\(name): indented: \(line)")
                XCTAssertFalse(line.hasSuffix(" ") || line.hasSuffix("\t"), "\(name): blank at the end: \(line)")
            }
        }
    }

    // MARK: The order table

    func testTheOrderTableListsEveryKeywordOnce() {
        let listed = CanonicalOrder.table.map(\.keyword)
        XCTAssertEqual(Set(listed), Set(Keyword.allCases))
        XCTAssertEqual(listed.count, Keyword.allCases.count)
        XCTAssertEqual(Array(listed.prefix(3)), [.scenario, .template, .extends])
    }

    func testUnknownKeywordsGoLastInFileOrder() throws {
        // Only reachable through the reader (the rules refuse unknown directives); it must not crash.
        let (syntax, _) = SyntaxReader.read(path: "x.vmt", bytes: Array("zeta 1\nagents 2\nalpha 3\nscenario x\n".utf8))
        XCTAssertEqual(formatRecipe(syntax), "scenario x\nagents 2\nzeta 1\nalpha 3\n")
    }

    func testMalformedKeyValueLinesPrintAsWritten() {
        let (syntax, _) = SyntaxReader.read(path: "x.vmt", bytes: Array("resources max 5 max 6\nschedule trade 1,\n".utf8))
        XCTAssertEqual(formatRecipe(syntax), "resources max 5 max 6\nschedule trade 1,\n")
    }

    // MARK: Never crash, always stable

    /// Random valid recipes: any subset of directives in any order, with random blanks,
    /// indentation, comments, blank lines, line breaks and byte order marks.
    func testRandomRecipesFormatStably() {
        var random = FuzzTests.SplitMix64(state: 0x5EED_F0F7)
        let variants: [[String]] = [
            ["scenario r", "scenario \"r \\\"q\\\" \\\\\"", "scenario r_{set.y}_{seed}"], ["template"],
            ["extends standard", "extends \"money_demo\""],
            ["agents 7", "agents +07"], ["grid 9"], ["inventory 3..9", "inventory +1..+2"], ["money 0..5"],
            ["utilities ces", "utilities ces:0.5,linear:0.5", "utilities ces , linear ,quadratic"],
            ["resources density 0.2", "resources regen 1, max 2 density 1.", "resources max 3,regen 0"],
            ["regime mixed"], ["seed -0042", "seed 123456789012345678901234567890"],
            ["schedule off", "schedule trade 2 forage 3", "schedule start trade, forage 1,trade 1"],
            ["output a/b.yaml", "output \"a b.yml\"", "output s/{set.x}-{set.y}.yaml"],
        ]
        let settings = ["set beta 0.9", "set vision_radius 3", "set lambda_bounds.lambda_max 1e5", "set money_mode \"x\"",
                        "set epsilon .5", "set a_b word",
                        "pin ces.rho 0.5", "pin linear.vA +2", "pin ces.wA .25", "pin stone_geary.gamma_A 1e-1",
                        "vary set.lambda_money 1,2", "vary set.gamma 0.1 , 0.2", "vary set.x a, \"b c\"", "vary set.y 1..3",
                        "inventory A 1,2", "inventory M 0 , 5", "inventory B 7"]
        let blanks = [" ", " ", "  ", "\t", " \t "]
        let breaks = ["\n", "\n", "\r\n", "\r"]
        for iteration in 0..<400 {
            var lines = variants.filter { _ in random.below(2) == 0 }.map { random.pick($0) }
            lines += settings.filter { _ in random.below(3) == 0 }
            for index in lines.indices.reversed() {
                let other = random.below(index + 1)
                lines.swapAt(index, other)
            }
            var text = random.below(5) == 0 ? "\u{FEFF}" : ""
            let lineBreak = random.pick(breaks)
            for line in lines {
                for _ in 0..<random.below(3) where random.below(2) == 0 { text += lineBreak }
                if random.below(3) == 0 { text += random.pick(blanks) + "# note \(random.below(100))" + random.pick(blanks) + lineBreak }
                let spaced = line.split(separator: " ").map(String.init).joined(separator: random.pick(blanks))
                text += (random.below(3) == 0 ? random.pick(blanks) : "") + spaced
                if random.below(3) == 0 { text += random.pick(blanks) + "#trail" }
                text += lineBreak
            }
            if random.below(2) == 0 { text += lineBreak + "# end" + (random.below(2) == 0 ? lineBreak : "") }
            let name = "random-\(iteration).vmt"
            guard let once = format(Array(text.utf8), name) else { continue }
            XCTAssertEqual(format(Array(once.utf8), name), once, "\(name):\n\(text)")
            assertSameMeaning(Array(text.utf8), name)
        }
    }

    /// Whatever the reader makes of token soup, printing it never traps and prints it stably.
    func testTokenSoupNeverTraps() {
        var random = FuzzTests.SplitMix64(state: 0xF0F7_5011)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<random.below(40) { text += random.pick(FuzzTests.fragments) }
            let (syntax, _) = SyntaxReader.read(path: "soup.vmt", bytes: Array(text.utf8))
            let once = formatRecipe(syntax)
            if parseRecipe(path: "soup.vmt", text: text).recipe != nil {
                XCTAssertEqual(format(Array(once.utf8), "soup.vmt"), once, text)
            }
        }
    }

    // MARK: Meaning

    /// Parses `bytes`, prints, parses again: the typed directives are the same (ignoring source
    /// ranges and the order of lines), and the printed lines are in canonical order.
    func assertSameMeaning(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let before = parseRecipe(path: name, bytes: bytes).recipe else {
            XCTFail("\(name) does not parse", file: file, line: line)
            return
        }
        let printed = formatRecipe(before.syntax)
        guard let after = parseRecipe(path: name, text: printed).recipe else {
            XCTFail("\(name): the printed text does not parse:\n\(printed)", file: file, line: line)
            return
        }
        XCTAssertEqual(before.directives.map(Self.meaning).sorted(), after.directives.map(Self.meaning).sorted(),
                       name, file: file, line: line)
        let order = CanonicalOrder.table.map(\.keyword)
        let ranks = after.directives.map { order.firstIndex(of: $0.keyword) ?? order.count }
        XCTAssertEqual(ranks, ranks.sorted(), "\(name): not in canonical order", file: file, line: line)
        let paths = after.settings.map(\.path.value)
        XCTAssertEqual(paths, paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, name, file: file, line: line)
        let pins = after.pins.map(\.key)
        XCTAssertEqual(pins, pins.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, name, file: file, line: line)
        // `vary` lines keep their order (the order of the combinations), and so do their values.
        XCTAssertEqual(before.variations.map(Self.meaning), after.variations.map(Self.meaning),
                       "\(name): vary order", file: file, line: line)
        // `inventory`: the range form first, then the goods in the order A, B, M.
        let inventories = after.directives.compactMap { directive -> Int? in
            switch directive.value {
            case .inventory: return 0
            case .stock(let stock): return 1 + (Good.allCases.firstIndex(of: stock.good.value) ?? 0)
            default: return nil
            }
        }
        XCTAssertEqual(inventories, inventories.sorted(), "\(name): inventory order", file: file, line: line)
        let comments = { (syntax: SyntaxFile) -> [String] in
            (syntax.headComments + syntax.lines.flatMap { $0.leadingComments + [$0.trailingComment].compactMap { $0 } }
                + syntax.trailingComments).map(RecipePrinter.commentText).sorted()
        }
        XCTAssertEqual(comments(before.syntax), comments(after.syntax), "\(name): comments", file: file, line: line)
    }

    /// A `vary` line's meaning as text, without source ranges: the field and each value's kind and value.
    static func meaning(_ variation: Variation) -> String {
        "vary \(variation.field.value) " + variation.values.map { "\($0.kind):\($0.value)" }.joined(separator: " ")
    }

    /// A directive's meaning as text, without source ranges.
    static func meaning(_ directive: Directive) -> String {
        func bounds(_ b: IntegerBounds) -> String { "\(b.lower.value)..\(b.upper.value)" }
        switch directive.value {
        case .scenario(let name): return "scenario \(name.value)"
        case .template: return "template"
        case .extends(let parent): return "extends \(parent.value)"
        case .agents(let count): return "agents \(count.value)"
        case .grid(let size): return "grid \(size.value)"
        case .inventory(let range): return "inventory \(bounds(range))"
        case .money(let range): return "money \(bounds(range))"
        case .utilities(let items):
            return "utilities " + items.map { "\($0.type.value.rawValue):\($0.weight.map { "\($0.value.text)=\($0.value.value)" } ?? "-")" }
                .joined(separator: " ")
        case .resources(let settings):
            let density = settings.density.map { "\($0.value.text)=\($0.value.value)" } ?? "-"
            return "resources \(density) \(settings.max.map { "\($0.value)" } ?? "-") \(settings.amount.map { "\($0.value)" } ?? "-") \(settings.regen.map { "\($0.value)" } ?? "-")"
        case .regime(let regime): return "regime \(regime.value.rawValue)"
        case .seed(let seed): return "seed \(seed.value)"
        case .set(let setting):
            return "set \(setting.path.value) \(setting.components) \(setting.value.kind) \(setting.value.value)"
        case .schedule(.off): return "schedule off"
        case .schedule(.cycle(let forage, let trade, let start)):
            return "schedule \(forage.value) \(trade.value) \(start.map { $0.value.rawValue } ?? "-")"
        case .pin(let pin): return "pin \(pin.key) \(pin.value.value.text)=\(pin.value.value.value)"
        case .vary(let variation): return meaning(variation)
        case .stock(let stock): return "inventory \(stock.good.value.rawValue) \(stock.values.map(\.value))\(stock.each ? " each" : "")"
        case .utility(let line):
            let pairs = line.parameters.map { "\($0.name.value)=\($0.value.value.text)" }.sorted()
            return "utility \(line.type.value.rawValue) \(line.weight.map { $0.value.text } ?? "-") \(pairs)"
        case .output(let path): return "output \(path.value)"
        case .target(let target): return "vmt \(target.value.rawValue)"
        case .protocolChoice(let kind, let name): return "\(kind.rawValue) \(name.value)"
        }
    }
}
