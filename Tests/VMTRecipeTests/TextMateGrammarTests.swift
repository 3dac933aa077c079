import Foundation
import XCTest
import VMTCore
@testable import VMTRecipe

/// The editor grammar `grammar/vmt.tmLanguage.json` agrees with the code's tables, and colours
/// sample lines as intended (through a small emulation of a TextMate tokenizer).
final class TextMateGrammarTests: XCTestCase {
    /// The grammar file, found from this file's path.
    static let grammarFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // VMTRecipeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("grammar/vmt.tmLanguage.json")

    /// The VS Code extension folder, `editors/vscode`.
    static let extensionFolder = grammarFile.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("editors/vscode")

    /// Whether `url` names a regular file itself (not a symbolic link, which `cp -r` of the
    /// extension folder would leave dangling).
    func isRegularFile(_ url: URL) throws -> Bool {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return attributes[.type] as? FileAttributeType == .typeRegular
    }

    /// The VS Code extension ships the grammar itself (editors/vscode/syntaxes) as a regular file,
    /// byte for byte the same as grammar/vmt.tmLanguage.json, so a copy of the folder colours
    /// `.vmt` files as the tests here do. Edit grammar/ and copy the file over.
    func testTheVSCodeExtensionShipsThisGrammar() throws {
        let shipped = Self.extensionFolder.appendingPathComponent("syntaxes/vmt.tmLanguage.json")
        XCTAssertTrue(try isRegularFile(shipped), "\(shipped.path) must be a file, not a link")
        XCTAssertEqual(try Data(contentsOf: shipped), try Data(contentsOf: Self.grammarFile),
                       "copy grammar/vmt.tmLanguage.json to editors/vscode/syntaxes/")
    }

    /// Every file the extension's package.json names for colouring (the grammar, the language
    /// configuration) and its `main` script are regular files inside the folder, so the
    /// colours-only route (copy the folder, no `npm install`) finds them; the grammar entry
    /// names the language and scope the grammar declares.
    func testTheVSCodeExtensionNeedsNothingOutsideItsFolderForColours() throws {
        let data = try Data(contentsOf: Self.extensionFolder.appendingPathComponent("package.json"))
        let package = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let contributes = try XCTUnwrap(package["contributes"] as? [String: Any])
        let grammars = try XCTUnwrap(contributes["grammars"] as? [[String: Any]])
        let languages = try XCTUnwrap(contributes["languages"] as? [[String: Any]])
        XCTAssertEqual(grammars.count, 1)
        let entry = try XCTUnwrap(grammars.first)
        XCTAssertEqual(entry["language"] as? String, "vmt")
        XCTAssertEqual(entry["scopeName"] as? String, try grammar()["scopeName"] as? String)
        var paths = [try XCTUnwrap(entry["path"] as? String), try XCTUnwrap(package["main"] as? String)]
        paths += try languages.map { try XCTUnwrap($0["configuration"] as? String) }
        for path in paths {
            let url = Self.extensionFolder.appendingPathComponent(path).standardizedFileURL
            XCTAssertTrue(url.path.hasPrefix(Self.extensionFolder.standardizedFileURL.path + "/"), path)
            XCTAssertTrue(try isRegularFile(url), "\(path) must be a regular file in editors/vscode")
        }
        // The language client is loaded inside a try (colours work without `npm install`).
        let script = try String(contentsOf: Self.extensionFolder.appendingPathComponent("extension.js"),
                                encoding: .utf8)
        let requires = script.components(separatedBy: "\n").filter { $0.contains("require('vscode-languageclient") }
        XCTAssertEqual(requires.count, 1)
        XCTAssertTrue(script.contains("try {\n    return require('vscode-languageclient/node');"))
    }

    /// The grammar as JSON objects.
    func grammar() throws -> [String: Any] {
        let data = try Data(contentsOf: Self.grammarFile)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The repository entry `name` of the grammar.
    func rule(_ name: String) throws -> [String: Any] {
        let repository = try XCTUnwrap(try grammar()["repository"] as? [String: Any])
        return try XCTUnwrap(repository[name] as? [String: Any], "no repository entry '\(name)'")
    }

    /// The words of the first `(?:a|b|c)` group in the `match` of repository entry `name`.
    func words(_ name: String) throws -> [String] {
        let match = try XCTUnwrap(try rule(name)["match"] as? String)
        let start = try XCTUnwrap(match.range(of: "(?:"), "\(name): no (?:...) group")
        let rest = match[start.upperBound...]
        let end = try XCTUnwrap(rest.firstIndex(of: ")"))
        return rest[..<end].split(separator: "|").map(String.init)
    }

    // MARK: Agreement with the code

    func testTheHeader() throws {
        let grammar = try grammar()
        XCTAssertEqual(grammar["scopeName"] as? String, "source.vmt")
        XCTAssertEqual(grammar["fileTypes"] as? [String], ["vmt"])
    }

    func testKeywordsAreTheDirectives() throws {
        XCTAssertEqual(try words("keyword"), Keyword.allCases.map(\.rawValue))
    }

    func testPresetsRegimesAndUtilitiesAreTheCoresTables() throws {
        XCTAssertEqual(try words("preset"), Preset.names)
        XCTAssertEqual(try words("regime"), ExchangeRegime.names)
        XCTAssertEqual(try words("utility"), UtilityType.names)
    }

    func testTargetsAndProtocolsAreTheCoresTables() throws {
        XCTAssertEqual(try words("target"), VMTTarget.names)
        XCTAssertEqual(try words("protocol"), ProtocolKind.allCases.flatMap(\.names))
    }

    func testGoodsAreTheCoresGoods() throws {
        XCTAssertEqual(try words("good"), Good.allCases.map(\.rawValue))
    }

    func testKeysAreTheResourceAndScheduleKeys() throws {
        XCTAssertEqual(try words("key"), CanonicalOrder.resourceKeys + CanonicalOrder.scheduleKeys + ["off", "weight", "each"])
        var parameters: [String] = []
        for type in UtilityType.allCases {
            for name in type.parameterNames where !parameters.contains(name) { parameters.append(name) }
        }
        XCTAssertEqual(try words("parameter"), parameters)
        XCTAssertEqual(try words("boolean"), ["true", "false"])
    }

    func testEveryIncludeExistsAndEveryRegexCompiles() throws {
        let grammar = try grammar()
        let repository = try XCTUnwrap(grammar["repository"] as? [String: Any])
        let patterns = try XCTUnwrap(grammar["patterns"] as? [[String: Any]])
        for pattern in patterns {
            let include = try XCTUnwrap(pattern["include"] as? String)
            XCTAssertTrue(include.hasPrefix("#") && repository[String(include.dropFirst())] != nil, include)
        }
        var regexes: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                for key in ["match", "begin", "end"] { if let regex = object[key] as? String { regexes.append(regex) } }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(repository)
        XCTAssertGreaterThan(regexes.count, 10)
        for regex in regexes {
            XCTAssertNoThrow(try NSRegularExpression(pattern: regex), regex)
        }
    }

    // MARK: Colouring sample lines

    func testSampleLines() throws {
        let tokenizer = try Tokenizer(grammar: grammar())
        let cases: [(line: String, expected: [String])] = [
            ("agents 10 # ten", ["agents=keyword.other.directive.vmt", "10=constant.numeric.vmt",
                                 "#=punctuation.definition.comment.vmt"]),
            ("  inventory +10..50", ["inventory=keyword.other.directive.vmt", "+10=constant.numeric.integer.vmt",
                                     "..=keyword.operator.range.vmt", "50=constant.numeric.integer.vmt"]),
            ("utilities ces:0.6, linear:.4", [
                "utilities=keyword.other.directive.vmt", "ces=support.type.utility.vmt",
                ":=punctuation.separator.weight.vmt", "0.6=constant.numeric.vmt", ",=punctuation.separator.comma.vmt",
                "linear=support.type.utility.vmt", ":=punctuation.separator.weight.vmt", ".4=constant.numeric.vmt",
            ]),
            ("extends money_demo", ["extends=keyword.other.directive.vmt", "money_demo=support.constant.preset.vmt"]),
            ("regime mixed_liquidity_gated", ["regime=keyword.other.directive.vmt",
                                              "mixed_liquidity_gated=support.constant.regime.vmt"]),
            ("scenario \"a \\\"b\\\" \\\\ \\n\"", [
                "scenario=keyword.other.directive.vmt", "\"a \\\"b\\\" \\\\ \\n\"=string.quoted.double.vmt",
                "\\\"=constant.character.escape.vmt", "\\\"=constant.character.escape.vmt",
                "\\\\=constant.character.escape.vmt", "\\n=invalid.illegal.unknown-escape.vmt",
            ]),
            ("set earn_money_enabled true", ["set=keyword.other.directive.vmt", "true=constant.language.boolean.vmt"]),
            ("set lambda_bounds.lambda_max 1e-5", ["set=keyword.other.directive.vmt", "1e-5=constant.numeric.vmt"]),
            ("output money/mixed.yaml", ["output=keyword.other.directive.vmt"]),
            ("utility ces weight 0.6 rho -0.5", [
                "utility=keyword.other.directive.vmt", "ces=support.type.utility.vmt", "weight=variable.parameter.key.vmt",
                "0.6=constant.numeric.vmt", "rho=variable.parameter.utility.vmt", "-0.5=constant.numeric.vmt",
            ]),
            ("inventory B 5 each", ["inventory=keyword.other.directive.vmt", "B=support.constant.good.vmt",
                                    "5=constant.numeric.vmt", "each=variable.parameter.key.vmt"]),
            ("schedule forage 10 trade 5 start trade", [
                "schedule=keyword.other.directive.vmt", "forage=variable.parameter.key.vmt", "10=constant.numeric.vmt",
                "trade=variable.parameter.key.vmt", "5=constant.numeric.vmt", "start=variable.parameter.key.vmt",
                "trade=variable.parameter.key.vmt",
            ]),
            ("resources density 0.3, max 5 regen 1", [
                "resources=keyword.other.directive.vmt", "density=variable.parameter.key.vmt", "0.3=constant.numeric.vmt",
                ",=punctuation.separator.comma.vmt", "max=variable.parameter.key.vmt", "5=constant.numeric.vmt",
                "regen=variable.parameter.key.vmt", "1=constant.numeric.vmt",
            ]),
            ("scenario 2024-run_seed", ["scenario=keyword.other.directive.vmt"]),
            ("vary regime barter_only, mixed # sweep", [
                "vary=keyword.other.directive.vmt", "barter_only=support.constant.regime.vmt",
                ",=punctuation.separator.comma.vmt", "mixed=support.constant.regime.vmt",
                "#=punctuation.definition.comment.vmt",
            ]),
            ("vary seed 1..10", ["vary=keyword.other.directive.vmt", "1=constant.numeric.integer.vmt",
                                 "..=keyword.operator.range.vmt", "10=constant.numeric.integer.vmt"]),
            ("pin ces.rho 0.5", ["pin=keyword.other.directive.vmt", "0.5=constant.numeric.vmt"]),
            ("inventory A 10, 1", [
                "inventory=keyword.other.directive.vmt", "A=support.constant.good.vmt", "10=constant.numeric.vmt",
                ",=punctuation.separator.comma.vmt", "1=constant.numeric.vmt",
            ]),
            ("inventory Apple 1", ["inventory=keyword.other.directive.vmt", "1=constant.numeric.vmt"]),
            ("scenario regimes_{regime}_{seed}", [
                "scenario=keyword.other.directive.vmt", "{regime}=variable.other.placeholder.vmt",
                "{seed}=variable.other.placeholder.vmt",
            ]),
            ("output regimes/{set.lambda_money}/{resources.max}-2.yaml", [
                "output=keyword.other.directive.vmt", "{set.lambda_money}=variable.other.placeholder.vmt",
                "{resources.max}=variable.other.placeholder.vmt",
            ]),
            ("vmt 2025-11", ["vmt=keyword.other.directive.vmt", "2025-11=constant.other.version.vmt"]),
            ("bargaining take_it_or_leave_it", ["bargaining=keyword.other.directive.vmt",
                                                "take_it_or_leave_it=support.constant.protocol.vmt"]),
            ("vmt 2025-10", ["vmt=keyword.other.directive.vmt", "2025-10=constant.other.version.vmt"]),
            ("search random_walk", ["search=keyword.other.directive.vmt", "random_walk=support.constant.protocol.vmt"]),
            ("matching three_pass_matching # pairs", ["matching=keyword.other.directive.vmt",
                                                      "three_pass_matching=support.constant.protocol.vmt",
                                                      "#=punctuation.definition.comment.vmt"]),
            ("search split_difference", ["search=keyword.other.directive.vmt", "split_difference=support.constant.protocol.vmt"]),
            ("seed 42 # agents 5", ["seed=keyword.other.directive.vmt", "42=constant.numeric.vmt",
                                    "#=punctuation.definition.comment.vmt"]),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(tokenizer.scopes(line).filter { !$0.hasSuffix("=comment.line.number-sign.vmt") }, expected, line)
        }
    }

    /// A small TextMate tokenizer for one line: at each position the earliest match of the
    /// top-level patterns wins (ties to the earlier pattern), `begin`/`end` rules run their
    /// inner patterns until `end`. Reports `text=scope` for every named match and capture.
    struct Tokenizer {
        struct Rule {
            var name: String?
            var match: NSRegularExpression?
            var begin: NSRegularExpression?
            var end: NSRegularExpression?
            var captures: [Int: String] = [:]
            var patterns: [Rule] = []
        }

        var rules: [Rule] = []

        init(grammar: [String: Any]) throws {
            let repository = try XCTUnwrap(grammar["repository"] as? [String: Any])
            for pattern in try XCTUnwrap(grammar["patterns"] as? [[String: Any]]) {
                let name = String(try XCTUnwrap(pattern["include"] as? String).dropFirst())
                rules.append(try Self.rule(XCTUnwrap(repository[name] as? [String: Any])))
            }
        }

        static func rule(_ object: [String: Any]) throws -> Rule {
            var rule = Rule(name: object["name"] as? String)
            rule.match = try (object["match"] as? String).map { try NSRegularExpression(pattern: $0) }
            rule.begin = try (object["begin"] as? String).map { try NSRegularExpression(pattern: $0) }
            rule.end = try (object["end"] as? String).map { try NSRegularExpression(pattern: $0) }
            for (key, value) in (object["captures"] as? [String: [String: String]]) ?? [:] {
                if let index = Int(key), let name = value["name"] { rule.captures[index] = name }
            }
            rule.patterns = try ((object["patterns"] as? [[String: Any]]) ?? []).map(Self.rule)
            return rule
        }

        /// The first match of any rule (flattening pattern groups) at or after `location`.
        func firstMatch(_ rules: [Rule], in line: NSString, from location: Int)
            -> (rule: Rule, match: NSTextCheckingResult)? {
            var best: (rule: Rule, match: NSTextCheckingResult)?
            let range = NSRange(location: location, length: line.length - location)
            for rule in rules {
                let candidate: (rule: Rule, match: NSTextCheckingResult)?
                if let regex = rule.match ?? rule.begin {
                    candidate = regex.firstMatch(in: line as String, options: [.withTransparentBounds, .withoutAnchoringBounds],
                                                 range: range).map { (rule, $0) }
                } else {
                    candidate = firstMatch(rule.patterns, in: line, from: location)
                }
                if let candidate, candidate.match.range.location < (best?.match.range.location ?? Int.max) {
                    best = candidate
                }
            }
            return best
        }

        func scopes(_ text: String) -> [String] {
            let line = text as NSString
            var found: [String] = []
            var location = 0
            while location < line.length, let (rule, match) = firstMatch(rules, in: line, from: location) {
                var end = NSMaxRange(match.range)
                if rule.begin != nil, let endRegex = rule.end {
                    var inner = end
                    var escapes: [String] = []
                    while inner <= line.length {
                        let closing = endRegex.firstMatch(in: text, options: [.withTransparentBounds, .withoutAnchoringBounds],
                                                          range: NSRange(location: inner, length: line.length - inner))
                        let escape = firstMatch(rule.patterns, in: line, from: inner)
                        if let escape, escape.match.range.location < (closing?.range.location ?? Int.max) {
                            escapes.append(line.substring(with: escape.match.range) + "=" + (escape.rule.name ?? "?"))
                            inner = NSMaxRange(escape.match.range)
                            continue
                        }
                        end = closing.map { NSMaxRange($0.range) } ?? line.length
                        break
                    }
                    found.append(line.substring(with: NSRange(location: match.range.location, length: end - match.range.location))
                                 + "=" + (rule.name ?? "?"))
                    found += escapes
                } else {
                    if let name = rule.name {
                        found.append(line.substring(with: match.range) + "=" + name)
                    }
                    for index in rule.captures.keys.sorted() where match.range(at: index).location != NSNotFound {
                        found.append(line.substring(with: match.range(at: index)) + "=" + (rule.captures[index] ?? "?"))
                    }
                }
                location = max(end, location + 1)
            }
            return found.filter { !$0.hasSuffix("=meta.range.vmt") }
        }
    }
}
