import VMTCore
import VMTProject
import VMTRecipe

/// Why a command stopped: the one error type of the command layer, mapped to the exit status
/// in one place (`exitCode`) and printed as one `error:` line by `CommandLineTool.run`.
///
/// Each library has one error type of its own (`CoreError`, `StarterProblem`, `ProjectError`);
/// an error of a library reaching a command becomes a `CommandError` here, in `init(_:)`, and
/// nowhere else, so the commands catch typed errors (no catch-all turning "any error" into text).
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

    /// The recipe layer's error (`new`'s starter recipe) as the command line reports it (exit 1).
    init(_ problem: StarterProblem) {
        self = .input(problem.description)
    }

    /// The project layer's error as the command line reports it (exit 1): its description,
    /// a core error inside it as the core's own (see `init(_: CoreError)`).
    init(_ error: ProjectError) {
        if case .core(let core) = error {
            self.init(core)
        } else {
            self = .input(error.description)
        }
    }

    /// The generator core's error as the command line reports it (exit 1): its description,
    /// except that an input file over its limit is named with the limit in MiB.
    init(_ error: CoreError) {
        if case .read(let failure) = error, case .tooLarge(let limit) = failure.reason {
            self = .input(CommandMessages.fileTooLarge(failure.path, mebibytes: limit >> 20))
        } else {
            self = .input(error.description)
        }
    }
}
