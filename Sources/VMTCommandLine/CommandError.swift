/// Why a command stopped: the one error type of the command layer, mapped to the exit status
/// in one place (`exitCode`) and printed as one `error:` line by `CommandLineTool.run`.
///
/// A run that reports problems of its own (diagnostics of recipes, a listing of stale files)
/// does not throw: it returns `ExitCode.failure` after printing them.
enum CommandError: Error, Equatable {
    /// The command line cannot be understood (unknown flag, missing or malformed value): exit 2.
    case usage(String)
    /// The command line is understood but a value or file breaks a rule: exit 1.
    case input(String)

    /// The exit status this error ends the run with.
    var exitCode: ExitCode {
        switch self {
        case .usage: return .usage
        case .input: return .failure
        }
    }

    /// The message, without the `error: ` prefix.
    var message: String {
        switch self {
        case .usage(let message), .input(let message): return message
        }
    }
}
