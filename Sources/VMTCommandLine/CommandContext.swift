import Foundation
import VMTCore
import VMTRecipe

/// What a command may touch of the outside world: its folder, its output streams, its
/// environment. Tests run commands in-process with a context of their own.
public struct CommandContext {
    /// The folder relative paths are resolved against.
    public var currentDirectory: String
    /// Receives standard output text.
    public var standardOutput: (String) -> Void
    /// Receives standard error text.
    public var standardError: (String) -> Void
    /// Environment variables (`NO_COLOR`, …).
    public var environment: [String: String]
    /// True when standard error is a terminal (colour is used only then).
    public var standardErrorIsTerminal: Bool
    /// True when standard output is a terminal (`plan` colours its text only then).
    public var standardOutputIsTerminal: Bool = false

    /// A context with every part given.
    public init(currentDirectory: String, standardOutput: @escaping (String) -> Void,
                standardError: @escaping (String) -> Void, environment: [String: String] = [:],
                standardErrorIsTerminal: Bool = false) {
        self.currentDirectory = currentDirectory
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.standardErrorIsTerminal = standardErrorIsTerminal
    }

    /// The process's own folder, streams and environment. A write to standard output or standard
    /// error that fails (a full disk, a closed pipe with SIGPIPE ignored) ends the process: this
    /// run's temporary files are removed, the failure is reported on standard error when that
    /// still works, and the exit status is 1 (see README, "Guarantees").
    public static func process() -> CommandContext {
        var context = CommandContext(
            currentDirectory: FileManager.default.currentDirectoryPath,
            standardOutput: { writeOrExit($0, to: .output) },
            standardError: { writeOrExit($0, to: .error) },
            environment: ProcessInfo.processInfo.environment,
            standardErrorIsTerminal: isatty(2) == 1)
        context.standardOutputIsTerminal = isatty(1) == 1
        return context
    }

    /// Writes `text` to `stream`, or ends the process with status 1 when it cannot.
    static func writeOrExit(_ text: String, to stream: StandardStream) {
        do throws(CoreError) {
            try stream.write(text)
        } catch {
            TemporaryFiles.removeAll()
            if stream == .output { try? StandardStream.error.write("error: \(error)\n") }
            exit(ExitCode.failure.rawValue)
        }
    }

    /// The bytes of the input file `path` (resolved against `currentDirectory`; at most `limit`
    /// bytes, a whole number of MiB), or the error naming `path` as given.
    func readInput(_ path: String, limit: Int) throws(CommandError) -> [UInt8] {
        do throws(CoreError) {
            return try BoundedRead.read(resolve(path), limit: limit, display: path).get()
        } catch {
            throw CommandError(error)
        }
    }

    /// `path` made absolute against `currentDirectory`.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory + "/" + path
    }

    /// Prints one line to standard output, every control character (a line break in a value
    /// included) made visible (`DisplayText`): whatever user data it holds, it stays one line.
    func print(_ line: String) {
        standardOutput(DisplayText.visible(line) + "\n")
    }

    /// Prints `error: message` to standard error as one line, control characters (line breaks
    /// included) made visible.
    func error(_ message: String) {
        standardError("error: " + DisplayText.visible(message) + "\n")
    }

    /// Prints `warning: message` to standard error as one line, as `error(_:)` does.
    func warning(_ message: String) {
        standardError("warning: " + DisplayText.visible(message) + "\n")
    }
}

/// How a command ended: the process's exit status.
public enum ExitCode: Int32, Sendable {
    /// Everything worked.
    case success = 0
    /// A problem in the input (a recipe, a value, a file).
    case failure = 1
    /// The command line itself was wrong (unknown command or flag, missing value).
    case usage = 2
    /// `plan --detailed-exitcode`: the plan has changes.
    case changesPresent = 3
}
