import VMTCore

/// The `vmt-dsl` command line: picks the command and maps its result to an exit status.
public enum CommandLineTool {
    /// The tool's version.
    public static let version = "0.1.0"

    /// One command: its name, synopsis, flags (for completions), help text and entry point.
    struct Command: Sendable {
        let name: String
        let synopsis: String
        let summary: String
        let flags: [String]
        let help: String
        let run: @Sendable ([String], CommandContext) -> ExitCode
    }

    /// Every command, in the order `--help` lists them.
    static let commandTable: [Command] = [
        Command(name: "build", synopsis: "build [PATH...]", summary: "build every recipe under PATH (default scenarios.d) into scenarios/",
                flags: ["--out", "--check", "--prune", "--warnings-as-errors", "--allow", "--format", "--max-variants"], help: BuildCommand.buildHelp,
                run: { BuildCommand.run($0, $1, command: "build") }),
        Command(name: "check", synopsis: "check [PATH...]", summary: "parse, resolve and validate every recipe; write nothing",
                flags: ["--warnings-as-errors", "--allow", "--format", "--max-variants"], help: BuildCommand.checkHelp,
                run: { BuildCommand.run($0, $1, command: "check") }),
        Command(name: "list", synopsis: "list [PATH...]", summary: "every output a build would write, with its varied values; writes nothing",
                flags: ["--format", "--hash", "--max-variants"], help: ListCommand.help, run: ListCommand.run),
        Command(name: "explain", synopsis: "explain TARGET [PATH]", summary: "every resolved field of one scenario and where it came from",
                flags: ["--json", "--allow"], help: ExplainCommand.help, run: ExplainCommand.run),
        Command(name: "plan", synopsis: "plan [PATH...]", summary: "what the recipes now do to every scenario, against git HEAD or a folder",
                flags: ["--base", "--against", "--format", "--detailed-exitcode", "--max-variants"], help: PlanCommand.help,
                run: PlanCommand.run),
        Command(name: "diff", synopsis: "diff OLD.yaml NEW.yaml", summary: "two scenario files compared field by field",
                flags: ["--format", "--detailed-exitcode"], help: DiffCommand.help, run: DiffCommand.run),
        Command(name: "generate", synopsis: "generate NAME [flags]", summary: "one scenario, exactly as VMT's reference generator makes it",
                flags: GenerateCommand.flags, help: GenerateCommand.help, run: GenerateCommand.run),
        Command(name: "fmt", synopsis: "fmt [PATH...]", summary: "rewrite recipes in canonical form, keeping every comment",
                flags: ["--check", "--diff"], help: FmtCommand.help, run: FmtCommand.run),
        Command(name: "presets", synopsis: "presets [NAME]", summary: "list the built-in presets, or print one as recipe lines",
                flags: [], help: PresetsCommand.help, run: PresetsCommand.run),
        Command(name: "new", synopsis: "new PATH.vmt", summary: "write a starter recipe",
                flags: ["--extends"], help: NewCommand.help, run: NewCommand.run),
        Command(name: "lsp", synopsis: "lsp", summary: "a language server for editors, on standard input and output",
                flags: ["--allow"], help: LspCommand.help, run: LspCommand.run),
        Command(name: "completions", synopsis: "completions SHELL", summary: "a completion script for bash, zsh or fish",
                flags: [], help: CompletionsCommand.help, run: CompletionsCommand.run),
        Command(name: "help", synopsis: "help [COMMAND]", summary: "show help for vmt-dsl or one command",
                flags: [], help: "usage: vmt-dsl help [COMMAND]\n\nShows the help of vmt-dsl, or of one command.\n\nexamples:\n  vmt-dsl help\n  vmt-dsl help build",
                run: showHelp),
    ]

    static var help: String {
        let width = commandTable.map(\.synopsis.count).max() ?? 0
        let lines = commandTable.map { "  " + $0.synopsis.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
        return """
        vmt-dsl \(version): scenario recipes in, VMT scenario YAML out.

        usage: vmt-dsl COMMAND [ARGUMENTS]

        commands:
        \(lines.joined(separator: "\n"))

        flags:
          -h, --help    show this help
          --version     print the version

        exit status: 0 ok, 1 problems in the input, 2 a command line that cannot be understood.
        Run 'vmt-dsl help COMMAND' (or 'vmt-dsl COMMAND --help') for a command's flags and examples.

        examples:
          vmt-dsl build                       # scenarios.d → scenarios
          vmt-dsl explain big_mixed           # where each value of big_mixed comes from
          vmt-dsl generate demo --preset money_demo --seed 42
        """
    }

    /// Runs the tool with `arguments` (without the program name) and returns the exit status.
    public static func main(_ arguments: [String], context: CommandContext = .process()) -> Int32 {
        guard let name = arguments.first else {
            context.standardOutput(help + "\n")
            return ExitCode.success.rawValue
        }
        let rest = Array(arguments.dropFirst())
        switch name {
        case "--version", "version":
            context.print("vmt-dsl \(version)")
            return ExitCode.success.rawValue
        case "-h", "--help":
            context.standardOutput(help + "\n")
            return ExitCode.success.rawValue
        default:
            guard let command = commandTable.first(where: { $0.name == name }) else {
                context.error("unknown command '\(name)'" + FlagParsing.suggestion(name, commandTable.map(\.name))
                    + " (see 'vmt-dsl --help')")
                return ExitCode.usage.rawValue
            }
            return command.run(rest, context).rawValue
        }
    }

    /// `vmt-dsl help [COMMAND]`.
    static func showHelp(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        guard let first = arguments.first else {
            context.standardOutput(help + "\n")
            return .success
        }
        let name = first == "-h" || first == "--help" ? "help" : first
        guard let command = commandTable.first(where: { $0.name == name }) else {
            context.error("no help for unknown command '\(name)'" + FlagParsing.suggestion(name, commandTable.map(\.name)))
            return .usage
        }
        context.standardOutput(command.help + "\n")
        return .success
    }
}
