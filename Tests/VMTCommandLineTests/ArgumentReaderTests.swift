import XCTest
@testable import VMTCommandLine

/// The reader's rules on the commands other than `generate` (whose reading is checked against
/// CPython in PythonRulesTests): positionals anywhere between flags, argparse's prefixes,
/// joined short switches and `=` values, all from the commands' declarations.
final class ArgumentReaderTests: XCTestCase {
    private func read(_ command: String, _ arguments: [String]) -> Result<ArgumentReader.Outcome, CommandError> {
        guard let spec = CommandLineTool.commandTable.first(where: { $0.name == command }) else {
            return .failure(.usage("no command \(command)"))
        }
        do {
            return .success(try ArgumentReader(spec).read(arguments.map(CommandArgument.init)))
        } catch {
            return .failure(error)
        }
    }

    private func parsed(_ command: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) -> ParsedArguments? {
        switch read(command, arguments) {
        case .success(.arguments(let parsed)): return parsed
        case .success(.help): XCTFail("help", file: file, line: line)
        case .failure(let error): XCTFail(error.message, file: file, line: line)
        }
        return nil
    }

    func testPositionalsMayStandBetweenFlags() {
        let build = parsed("build", ["a", "--out", "o", "b", "-W", "c"])
        XCTAssertEqual(build?.paths, ["a", "b", "c"])
        XCTAssertEqual(build?.value("--out"), "o")
        XCTAssertEqual(build?.has("--warnings-as-errors"), true)
        XCTAssertEqual(parsed("check", ["--", "--out", "-W"])?.paths, ["--out", "-W"])
    }

    func testPrefixesEqualsAndJoinedSwitches() {
        XCTAssertEqual(parsed("build", ["--ou=x", "--che"])?.value("--out"), "x")
        XCTAssertEqual(parsed("build", ["--form", "json"])?.value("--format"), "json")
        XCTAssertEqual(parsed("check", ["--allow", "VMT250", "--allow=VMT251"])?.all("--allow"), ["VMT250", "VMT251"])
        XCTAssertEqual(parsed("explain", ["t", "--max-variants=5", "--max-variants", "7"])?.value("--max-variants"), "7",
                       "the last value wins")
        guard case .success(.help) = read("check", ["-Wh"]) else { return XCTFail("-Wh is -W -h") }
        guard case .success(.help) = read("check", ["--he"]) else { return XCTFail("--he is --help") }
    }

    func testRefusals() {
        let cases: [(String, [String], String)] = [
            ("build", ["--check=yes"], "argument --check: takes no value"),
            ("check", ["-Wx"], "argument -W/--warnings-as-errors: ignored explicit argument 'x'"),
            ("build", ["--out"], "argument --out: expected one value"),
            ("build", ["--out", "-x"], "argument --out: expected one value (a value that starts with '-' is given joined: --out=-x)"),
            ("build", ["--bogus"], "unknown flag '--bogus' for 'build'"),
            ("plan", ["--format", "html"], "argument --format: invalid choice: 'html' (choose from text, markdown, json)"),
            ("presets", ["a", "b"], "presets takes at most one NAME (got 'b')"),
        ]
        for (command, arguments, message) in cases {
            guard case .failure(let error) = read(command, arguments) else {
                XCTFail("\(command) \(arguments) was accepted")
                continue
            }
            XCTAssertEqual(error, .usage(message), "\(command) \(arguments)")
        }
        guard case .failure(let ambiguous) = read("build", ["--=x"]) else { return XCTFail("--=x names every long flag") }
        XCTAssertEqual(ambiguous.exitCode, .usage)
        XCTAssertTrue(ambiguous.message.hasPrefix("ambiguous option: --=x could match --help, --out, --check"), ambiguous.message)
    }
}
