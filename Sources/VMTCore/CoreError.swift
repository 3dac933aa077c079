// The generator core's one error type and the details its cases carry; their words are written in
// CoreMessages.swift, with every other text of the core.

/// Why the generator core could not do what it was asked: the one error type of `VMTCore`.
///
/// Core APIs that fail throw it typed (`throws(CoreError)`: `ByteSink.write`, the writers,
/// `OutputFolder`, `JSON.parse`) or return it (`Result<_, CoreError>`: `ScenarioFile`,
/// `BoundedRead`). Each case carries a detail value whose text is written in `CoreMessages.swift`
/// only. The core chooses no exit status: a front end converts a `CoreError` in one place (the
/// command line's `CommandError.init(_: CoreError)`), and that place maps it to a status.
public enum CoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec or the drawn scenario breaks the simulator's rules; nothing was kept.
    case invalid(ValidationFailure)
    /// A file could not be read.
    case read(ReadFailure)
    /// A file could not be written; any previous file is unchanged.
    case write(WriteFailure)
    /// A text is not one JSON value.
    case jsonSyntax(JSONSyntaxFailure)

    /// The reason alone, without the path, for a read or write failure ("it is a folder");
    /// the description otherwise.
    public var explanation: String {
        switch self {
        case .read(let failure): return failure.explanation
        case .write(let failure): return failure.explanation
        case .invalid, .jsonSyntax: return description
        }
    }
}

/// The broken rules of a spec or a drawn scenario: never empty (the first is held apart).
public struct ValidationFailure: Sendable, Equatable {
    /// The first broken rule.
    public let first: ValidationIssue
    /// The other broken rules, in the order found.
    public let rest: [ValidationIssue]

    /// A failure for `issues`, or nil when there are none (there is no failure without a rule).
    public init?(_ issues: [ValidationIssue]) {
        guard let first = issues.first else { return nil }
        self.first = first
        rest = Array(issues.dropFirst())
    }

    /// Every broken rule, the first first.
    public var issues: [ValidationIssue] { [first] + rest }
}

/// Why a file could not be read or written: the path as shown, and the reason (`ReadFailure`,
/// `WriteFailure`).
public struct FileFailure<Reason: FileFailureReason>: Sendable, Equatable, CustomStringConvertible {
    /// The path as shown to the user.
    public let path: String
    /// Why.
    public let reason: Reason

    /// A failure for the file shown as `path`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The reason alone, in words ("it is a symbolic link loop").
    public var explanation: String { reason.explanation }

}

/// The reasons of one kind of file failure, each with its wording.
public protocol FileFailureReason: Equatable, Sendable {
    /// "read" or "write", as in "cannot read PATH".
    static var verb: String { get }
    /// The reason in words.
    var explanation: String { get }
}

/// Why a file could not be read.
public typealias ReadFailure = FileFailure<ReadReason>

/// Why a file could not be written.
public typealias WriteFailure = FileFailure<WriteReason>

/// The kinds of read failure.
public enum ReadReason: FileFailureReason {
    /// The file holds more than `limit` bytes (found by reading, not by its reported size).
    case tooLarge(limit: Int)
    /// It is not a regular file: a folder, FIFO, device or socket (named in the text).
    case notARegularFile(String)
    /// A symbolic link that leads back to itself (`ELOOP`).
    case symbolicLinkLoop
    /// A symbolic link to nothing.
    case danglingSymbolicLink
    /// Nothing has that name.
    case notFound
    /// A symbolic link inside an output folder, where links are never followed.
    case symbolicLinkInOutputFolder
    /// A folder on the way (the relative path up to it) inside an output folder is a symbolic link.
    case symbolicLinkOnTheWay(String)
    /// Any other system error, by its `errno`.
    case system(Int32)

}

/// The kinds of write failure.
public enum WriteReason: FileFailureReason {
    /// A system call failed with this `errno`.
    case system(Int32)
    /// The output folder's path names something other than a folder.
    case notAFolder
    /// A folder is where the file belongs.
    case isAFolder
    /// A special file (named: "a socket") is where an output of the output folder belongs.
    case specialFileInOutputFolder(String)
    /// A special file other than a device or FIFO is where a named file belongs.
    case specialFile(String)
    /// A symbolic link is where an output of the output folder belongs.
    case symbolicLinkInOutputFolder
    /// A folder on the way (the relative path up to it) is a symbolic link.
    case symbolicLinkOnTheWay(String)
    /// The relative path (given) is not plainly relative inside the output folder.
    case notRelative(String)
    /// The output folder (its path) does not exist and was not to be created.
    case noOutputFolder(String)
    /// More than this many symbolic links were followed.
    case symbolicLinkLoop(Int)
    /// The folder at this path could not be created.
    case cannotCreateFolder(String)
    /// The output was larger than this many bytes, the most kept in memory.
    case tooLargeForMemory(Int)
    /// A file to be created already exists (nothing is overwritten).
    case alreadyExists
    /// A file to be created is a symbolic link (dangling or not): never written through.
    case isASymbolicLink

}

/// Why a text is not one JSON value: what was wrong and at which byte (0-based).
public struct JSONSyntaxFailure: Sendable, Equatable, CustomStringConvertible {
    /// The problem, in words.
    public var message: String
    /// The byte offset of the problem in the text.
    public var offset: Int

}

extension CoreError {
    /// A write failure for `path` with the system's `errno`.
    static func write(_ path: String, errno code: Int32) -> CoreError {
        .write(WriteFailure(path: path, reason: .system(code)))
    }

    /// A write failure for `path` for `reason`.
    static func write(_ path: String, _ reason: WriteReason) -> CoreError {
        .write(WriteFailure(path: path, reason: reason))
    }
}
