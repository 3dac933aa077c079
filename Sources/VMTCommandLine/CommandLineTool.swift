import VMTCore

/// The `vmt-dsl` command line: picks the command, reads its arguments by its declaration, runs
/// it, and maps the outcome to an exit status, in this one place.
public enum CommandLineTool {
    /// The tool's version.
    public static let version = "0.1.0"

    /// Every command, in the order the main help lists them.
    static let commandTable: [CommandSpec] = [
        BuildCommand.buildSpec, BuildCommand.checkSpec, ListCommand.spec, ExplainCommand.spec, PlanCommand.spec, DiffCommand.spec, GenerateCommand.spec, FmtCommand.spec,
        PresetsCommand.spec, NewCommand.spec, ImportCommand.spec, LspCommand.spec, CompletionsCommand.spec, helpSpec,
    ]

    /// `vmt-dsl help [COMMAND]`.
    static let helpSpec = CommandSpec(
        name: "help", summary: "show help for vmt-dsl or one command",
        description: "Shows the help of vmt-dsl, or of one command.",
        positionals: [PositionalSpec(name: "COMMAND", count: .optional, help: "the command to show the help of",
                                     completion: .commands)],
        examples: ["help", "help build"],
        run: { arguments, context throws(CommandError) in
            guard let name = arguments.paths.first else {
                context.standardOutput(mainHelp + "\n")
                return .success
            }
            guard let command = commandTable.first(where: { $0.name == name }) else {
                throw .usage(CommandMessages.noHelpFor(name) + FlagParsing.suggestion(name, commandTable.map(\.name)))
            }
            context.standardOutput(HelpText.command(command) + "\n")
            return .success
        })

    /// The main help.
    static var mainHelp: String { HelpText.main(commandTable, version: version) }

    /// Runs the tool with `arguments` (without the program name) and returns the exit status.
    public static func main(_ arguments: [String], context: CommandContext = .process()) -> Int32 {
        run(arguments.map(CommandArgument.init), context).rawValue
    }

    /// Runs the tool with the arguments as the process got them, byte for byte (bytes that are
    /// not UTF-8 reach `generate`'s NAME and `--output` unchanged, as in the reference).
    public static func main(rawArguments: [[UInt8]], context: CommandContext = .process()) -> Int32 {
        run(rawArguments.map { CommandArgument(bytes: $0) }, context).rawValue
    }

    /// Dispatches, and turns a thrown `CommandError` into its one `error:` line and exit status.
    static func run(_ arguments: [CommandArgument], _ context: CommandContext) -> ExitCode {
        do {
            return try dispatch(arguments, context)
        } catch {
            context.error(error.message)
            return error.exitCode
        }
    }

    private static func dispatch(_ arguments: [CommandArgument], _ context: CommandContext) throws(CommandError) -> ExitCode {
        guard let name = arguments.first?.text else {
            context.standardOutput(mainHelp + "\n")
            return .success
        }
        // Paths and values are UTF-8 text: an argument that is not is refused here, before
        // anything is read or written, rather than decoded with U+FFFD into another name.
        if commandTable.first(where: { $0.name == name })?.keepsArgumentBytes != true,
           let argument = arguments.first(where: { !$0.isUTF8 }) {
            throw .usage(CommandMessages.notUTF8(argument.bytes))
        }
        switch name {
        case "--version", "version":
            // It takes no arguments: an extra one is refused, as every command refuses extras.
            guard arguments.count == 1 else {
                throw .usage(CommandMessages.unrecognizedArguments(arguments.dropFirst().map(\.text)))
            }
            context.print("vmt-dsl \(version)")
            return .success
        case "-h", "--help":
            context.standardOutput(mainHelp + "\n")
            return .success
        default:
            guard let command = commandTable.first(where: { $0.name == name }) else {
                throw .usage(CommandMessages.unknownCommand(name, suggestion: FlagParsing.suggestion(name, commandTable.map(\.name))))
            }
            switch try ArgumentReader(command).read(Array(arguments.dropFirst())) {
            case .help:
                context.standardOutput(HelpText.command(command) + "\n")
                return .success
            case .arguments(let parsed):
                return try command.run(parsed, context)
            }
        }
    }
}
