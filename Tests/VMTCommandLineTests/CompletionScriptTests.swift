import Foundation
import XCTest
@testable import VMTCommandLine

/// The completion scripts offer exactly the flags each command accepts, each once: bash by
/// running the script, zsh and fish by reading their tables (and parsing them with their shell
/// when it is installed).
final class CompletionScriptTests: XCTestCase {
    /// Runs `script` with `shell` and returns its standard output (nil when the shell is missing).
    private func run(_ shell: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
        guard let path = ["/bin/", "/usr/bin/", "/usr/local/bin/"].map({ $0 + shell })
            .first(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    private func script(_ shell: String, in work: URL) throws -> URL {
        let run = runTool(["completions", shell], in: work)
        XCTAssertEqual(run.status, 0, shell)
        let url = work.appendingPathComponent("vmt-dsl.\(shell)")
        try Data(run.stdout.utf8).write(to: url)
        return url
    }

    /// Asks the bash script what it offers for the words typed so far (the last one being completed).
    private func bashOffers(_ script: URL, _ words: [String]) throws -> [String] {
        let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let command = "source '\(script.path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _vmt_dsl; "
            + "printf '%s\\n' \"${COMPREPLY[@]}\""
        let result = try XCTUnwrap(try run("bash", ["-c", command]), "bash is needed for this test")
        XCTAssertEqual(result.status, 0, result.output)
        return result.output.split(separator: "\n").map(String.init)
    }

    func testBashOffersEveryAcceptedFlagOnce() throws {
        let work = try temporaryDirectory(self)
        let script = try script("bash", in: work)
        let registered = try XCTUnwrap(try run("bash", ["-c", "source '\(script.path)'; complete -p vmt-dsl"]))
        XCTAssertTrue(registered.output.contains("-F _vmt_dsl"), registered.output)
        let top = try bashOffers(script, ["vmt-dsl", ""])
        XCTAssertEqual(top.sorted(), (CommandLineTool.commandTable.map(\.name) + ["-h", "--help", "--version"]).sorted())
        for command in CommandLineTool.commandTable {
            let accepted = CompletionsCommand.flagNames(of: command)
            let offered = try bashOffers(script, ["vmt-dsl", command.name, "-"])
            XCTAssertEqual(offered.sorted(), accepted.sorted(), "bash: \(command.name)")
            XCTAssertEqual(Set(offered).count, offered.count, "bash offers a flag of \(command.name) twice")
            for flag in command.flags {
                guard case .words(let words) = flag.completion else { continue }
                for name in flag.short + [flag.long] {
                    XCTAssertEqual(try bashOffers(script, ["vmt-dsl", command.name, name, ""]).sorted(), words.sorted(),
                                   "bash: \(command.name) \(name)")
                }
            }
        }
        // The issue's cases: explain's --variant and --max-variants, presets after `presets`.
        XCTAssertTrue(try bashOffers(script, ["vmt-dsl", "explain", "--"]).contains("--variant"))
        XCTAssertTrue(try bashOffers(script, ["vmt-dsl", "explain", "--m"]).contains("--max-variants"))
        XCTAssertEqual(try bashOffers(script, ["vmt-dsl", "presets", "money"]), ["money_demo"])
        XCTAssertEqual(try bashOffers(script, ["vmt-dsl", "generate", "x", "--preset", "money_d"]), ["money_demo"])
    }

    /// The flags named in each command's branch of the zsh `case`, and the branch labels.
    func testZshOffersEveryAcceptedFlagOnceAndEachCommandOnce() throws {
        let work = try temporaryDirectory(self)
        let url = try script("zsh", in: work)
        let text = try String(contentsOf: url, encoding: .utf8)
        let branches = text.split(separator: "\n").filter { $0.hasPrefix("    (") }
        let labels = branches.compactMap { $0.dropFirst(5).split(separator: ")").first.map(String.init) }
        XCTAssertEqual(labels, CommandLineTool.commandTable.map(\.name), "each command is one case label, once")
        for (command, branch) in zip(CommandLineTool.commandTable, branches) {
            let offered = zshFlags(String(branch))
            XCTAssertEqual(offered.sorted(), CompletionsCommand.flagNames(of: command).sorted(), "zsh: \(command.name)")
            XCTAssertEqual(Set(offered).count, offered.count, "zsh offers a flag of \(command.name) twice")
        }
        if let parsed = try run("zsh", ["-n", url.path]) {
            XCTAssertEqual(parsed.status, 0, "zsh -n: \(parsed.output)")
        } else {
            print("note: zsh is not installed; the zsh script was checked as text only")
        }
    }

    /// The option names of one `_arguments` line: `'--out=[...]'`, `{-W,--warnings-as-errors}'[...]'`.
    private func zshFlags(_ line: String) -> [String] {
        var names: [String] = []
        let pattern = try? NSRegularExpression(pattern: #"\{([^}]*)\}'\[|'\*?(-[-A-Za-z]+)=?\["#)
        let range = NSRange(line.startIndex..., in: line)
        for match in pattern?.matches(in: line, range: range) ?? [] {
            if let group = Range(match.range(at: 1), in: line) {
                names += line[group].split(separator: ",").map { String($0.hasSuffix("=") ? $0.dropLast() : $0) }
            } else if let group = Range(match.range(at: 2), in: line) {
                names.append(String(line[group]))
            }
        }
        return names
    }

    func testFishOffersEveryAcceptedFlagOnce() throws {
        let work = try temporaryDirectory(self)
        let url = try script("fish", in: work)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        for command in CommandLineTool.commandTable {
            var offered: [String] = []
            for line in lines where line.contains("'__fish_seen_subcommand_from \(command.name)'") {
                let words = line.split(separator: " ").map(String.init)
                for (index, word) in words.enumerated() where index + 1 < words.count {
                    if word == "-s" { offered.append("-" + words[index + 1]) }
                    if word == "-l" { offered.append("--" + words[index + 1]) }
                }
            }
            XCTAssertEqual(offered.sorted(), CompletionsCommand.flagNames(of: command).sorted(), "fish: \(command.name)")
            XCTAssertEqual(Set(offered).count, offered.count, "fish offers a flag of \(command.name) twice")
        }
        if let parsed = try run("fish", ["-n", url.path]) {
            XCTAssertEqual(parsed.status, 0, "fish -n: \(parsed.output)")
            // fish's own completer, asked as a user typing `vmt-dsl COMMAND -<TAB>`.
            for command in CommandLineTool.commandTable {
                let asked = try XCTUnwrap(try run("fish", ["-c", "source '\(url.path)'; complete -C 'vmt-dsl \(command.name) -'"]))
                let offered = asked.output.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
                XCTAssertEqual(offered.sorted(), CompletionsCommand.flagNames(of: command).sorted(), "fish -C: \(command.name)")
            }
        } else {
            print("note: fish is not installed; the fish script was checked as text only")
        }
    }

    /// Every declared flag is accepted by the reader, and `--help` lists it.
    func testEveryDeclaredFlagIsAcceptedAndDocumented() throws {
        for command in CommandLineTool.commandTable {
            let help = HelpText.command(command)
            for flag in command.flags {
                XCTAssertTrue(help.contains(flag.long), "\(command.name) --help lacks \(flag.long)")
                XCTAssertTrue(HelpText.usage(command).contains(flag.short.first ?? flag.long), "\(command.name) usage lacks \(flag.long)")
                let value = flag.takesValue ? [flag.choices?.first ?? "1"] : []
                let positionals = command.positionals.filter { $0.count == .one || $0.count == .oneOrMore }.map { _ in "x" }
                let outcome = try ArgumentReader(command).read((positionals + [flag.long] + value).map(CommandArgument.init))
                guard case .arguments(let parsed) = outcome else { return XCTFail("\(command.name) \(flag.long)") }
                XCTAssertTrue(flag.takesValue ? parsed.value(flag.long) != nil : parsed.has(flag.long), "\(command.name) \(flag.long)")
            }
        }
        // The main help and each command's help name the command the same way.
        let main = CommandLineTool.mainHelp
        for command in CommandLineTool.commandTable {
            XCTAssertTrue(main.contains("  " + command.synopsis + " "), "main help: \(command.synopsis)")
            XCTAssertTrue(HelpText.command(command).hasPrefix("usage: vmt-dsl " + command.synopsis), command.name)
        }
        XCTAssertTrue(main.contains("explain TARGET [PATH...]"))
    }
}
