import VMTCore

/// The `vmt-dsl` command line: picks the command and maps its result to an exit status.
public enum CommandLineTool {
    /// The tool's version.
    public static let version = "0.1.0"

    static let commands = ["build", "check", "explain", "generate", "new", "presets", "help"]

    static let help = """
    vmt-dsl \(version): scenario recipes in, VMT scenario YAML out.

    usage: vmt-dsl COMMAND [ARGUMENTS]

    commands:
      build [PATH...]         build every recipe under PATH (default scenarios.d) into scenarios/
      check [PATH...]         parse, resolve and validate every recipe; write nothing
      explain TARGET [PATH]   every resolved field of one scenario and where its value came from
      generate NAME [flags]   generate one scenario, exactly as VMT's reference generator does
      presets [NAME]          list the built-in presets, or print one as recipe lines
      new PATH.vmt            write a starter recipe
      help [COMMAND]          show help for vmt-dsl or one command

    flags:
      -h, --help              show this help
      --version               print the version

    Run 'vmt-dsl help COMMAND' for a command's flags and examples.
    """

    /// Runs the tool with `arguments` (without the program name) and returns the exit status.
    public static func main(_ arguments: [String], context: CommandContext = .process()) -> Int32 {
        guard let command = arguments.first else {
            context.standardOutput(help + "\n")
            return ExitCode.success.rawValue
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--version", "version":
            context.print("vmt-dsl \(version)")
            return ExitCode.success.rawValue
        case "-h", "--help":
            context.standardOutput(help + "\n")
            return ExitCode.success.rawValue
        case "help":
            return showHelp(rest, context).rawValue
        case "generate":
            return GenerateCommand.run(rest, context).rawValue
        case "build", "check":
            return BuildCommand.run(rest, context, command: command).rawValue
        case "presets":
            return PresetsCommand.run(rest, context).rawValue
        case "explain":
            return ExplainCommand.run(rest, context).rawValue
        case "new":
            return NewCommand.run(rest, context).rawValue
        default:
            context.error("unknown command '\(command)'" + FlagParsing.suggestion(command, commands) + " (see 'vmt-dsl --help')")
            return ExitCode.usage.rawValue
        }
    }

    static func showHelp(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        switch arguments.first {
        case nil:
            context.standardOutput(help + "\n")
        case "generate":
            context.standardOutput(GenerateCommand.help + "\n")
        case "build":
            context.standardOutput(BuildCommand.buildHelp + "\n")
        case "check":
            context.standardOutput(BuildCommand.checkHelp + "\n")
        case "presets":
            context.standardOutput(PresetsCommand.help + "\n")
        case "explain":
            context.standardOutput(ExplainCommand.help + "\n")
        case "new":
            context.standardOutput(NewCommand.help + "\n")
        case let other?:
            context.error("no help for unknown command '\(other)'" + FlagParsing.suggestion(other, commands))
            return .usage
        }
        return .success
    }
}
