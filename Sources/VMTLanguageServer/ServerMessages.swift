// Every text the language server says: its log lines, the JSON-RPC errors it answers with, the
// framing problems of the message stream, the words it adds to diagnostics and inlay hints, and
// the words of ServerError. Call sites pass values, never words. Not here: hover documents and
// completion details, which are the server's answers (like explain's report), and diagnostics,
// whose texts are the recipe layer's.
import VMTProject

/// The texts of all messages of `VMTLanguageServer`, as static builders.
enum ServerMessages {
    // MARK: Log lines (standard error)

    static let inputClosed = "the input closed without shutdown; exiting"
    static let outputClosed = "the output closed; exiting"
    static func skippedMalformed(_ reason: String) -> String { "skipped a malformed message: \(reason)" }
    static let skippedNotObject = "skipped a message that is not a JSON object"
    static let skippedNoMethod = "skipped a message without a method"
    static let skippedBadID = "skipped a request whose id is neither a number nor a string"
    static func ignoredBeforeInitialize(_ method: String) -> String { "ignored \(method) before initialize" }
    static let ignoredOpenWithoutText = "ignored didOpen without a file: URI and text"
    static let ignoredChangeNotOpen = "ignored didChange of a document that is not open"
    static let ignoredChangeWithoutText = "ignored a content change without text"
    static func ignoredNotification(_ method: String) -> String { "ignored unknown notification \(method)" }
    static let replyNotEncodable = "internal error: a reply could not be encoded as JSON"

    // MARK: JSON-RPC errors

    static func parseError(_ message: String) -> String { "Parse error: \(message)" }
    static let notAnObject = "a message must be a JSON object"
    static let needsMethod = "a request needs a method"
    static let badID = "bad id"
    static let alreadyInitialized = "initialize was already called"
    static let notInitialized = "the server is not initialized"
    static let shuttingDown = "the server is shutting down"
    static let formattingNeedsDocument = "formatting needs an open document"
    static func unknownMethod(_ method: String) -> String { "unknown method \(method)" }
    static let needsDocument = "the request needs an open document (textDocument.uri)"
    static let needsPosition = "the request needs a position"

    // MARK: Message stream framing

    static func badHeader(_ shown: String) -> String { "a header block without a valid Content-Length: \(shown)" }
    static func bodyTooLarge(_ length: Int, most: Int) -> String { "a message of \(length) bytes, more than the \(most) accepted; skipped" }
    static func bytesWithoutHeader(_ dropped: Int) -> String { "\(dropped) bytes without a header block; skipped" }
    static let endInsideHeader = "the input ended inside a header block"

    // MARK: Diagnostics and hints

    /// A diagnostic of a parent shown at the child's `extends` line.
    static func inherited(from origin: String, _ message: String) -> String { "inherited from \(origin): \(message)" }
    /// A note or a hint appended to a diagnostic's message.
    static func note(_ text: String) -> String { "\nnote: " + text }
    static func hint(_ text: String) -> String { "\nhint: " + text }
    /// The inlay hint after `extends`: the inherited fields.
    static func inheritsLabel(_ parts: [String]) -> String { "inherits " + parts.joined(separator: " · ") }
    static let inheritsTooltip = "fields this recipe inherits without setting them (hover the scenario line for their origins)"
}

// MARK: The words of ServerError

extension ServerError {
    /// The text sent to the editor (and logged).
    var message: String {
        switch self {
        case .malformedMessage(let bytes): return "the body is not JSON (\(bytes) bytes)"
        case .syntaxErrors(let count): return "not formatted: the recipe has \(count) syntax error\(count == 1 ? "" : "s")"
        case .formatterWouldChangeMeaning:
            return "not formatted: the formatter would change the recipe's meaning (a bug; please report it)"
        }
    }
}
