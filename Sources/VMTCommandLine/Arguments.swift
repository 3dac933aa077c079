/// A command's arguments, read by one set of rules: `--flag value`, `--flag=value`, switches,
/// unique prefixes of long flags (as Python's argparse allows), `--` ending the flags, and
/// `-h`/`--help` anywhere.
struct Arguments {
    /// Arguments that are not flags, in order.
    var positionals: [String] = []
    /// The value of each value flag given (the last one wins, as in argparse).
    var values: [String: String] = [:]
    /// Every value of each value flag, in order (for repeatable flags such as `--allow`).
    var allValues: [String: [String]] = [:]
    /// The switches given.
    var switches: Set<String> = []
    /// Whether `-h` or `--help` was given.
    var help = false

    /// Reads `arguments` for `command`. `valueFlags` take a value; `switchFlags` do not;
    /// `aliases` maps short forms (`-W`) to long ones.
    init(_ arguments: [String], command: String, valueFlags: [String] = [], switchFlags: [String] = [],
         aliases: [String: String] = [:]) throws {
        let known = valueFlags + switchFlags + ["--help"]
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !FlagParsing.looksLikeFlag(argument) {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" {
                help = true
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            let flag = try aliases[name] ?? FlagParsing.match(name, in: known, command: command)
            if flag == "--help" {
                help = true
            } else if switchFlags.contains(flag) {
                guard inline == nil else { throw UsageError(message: "argument \(flag): takes no value") }
                switches.insert(flag)
            } else if let inline {
                values[flag] = inline
                allValues[flag, default: []].append(inline)
            } else {
                // A value may start with one '-' (`--inventory-range -5,10`); `--x` is a flag.
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw UsageError(message: "argument \(flag): expected one value")
                }
                values[flag] = arguments[index]
                allValues[flag, default: []].append(arguments[index])
                index += 1
            }
        }
    }
}

extension Arguments {
    /// Reads a command's arguments; on `--help` prints `help` and ends with 0, on a usage error
    /// prints it and ends with 2 (the failure is the exit status to end with).
    static func read(_ arguments: [String], command: String, help: String, valueFlags: [String] = [],
                     switchFlags: [String] = [], aliases: [String: String] = [:],
                     _ context: CommandContext) -> Result<Arguments, ExitCode> {
        do {
            let parsed = try Arguments(arguments, command: command, valueFlags: valueFlags, switchFlags: switchFlags,
                                       aliases: aliases)
            if parsed.help {
                context.standardOutput(help + "\n")
                return .failure(.success)
            }
            return .success(parsed)
        } catch let error as UsageError {
            context.error(error.message)
        } catch {
            context.error("\(error)")
        }
        return .failure(.usage)
    }
}
