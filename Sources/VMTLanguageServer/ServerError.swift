// The language server's one error type; its words are in ServerMessages.swift.

/// Why the language server could not do what a message asked: the one error type of
/// `VMTLanguageServer`.
///
/// Internal: each one becomes a JSON-RPC error response (and, for a malformed message, a log
/// line) inside the server; none leaves it, and the server's exit status depends only on how
/// the session ended (`LanguageServer.run`). Problems in recipes are diagnostics, published
/// as such.
enum ServerError: Error, Equatable {
    /// A message body of this many bytes is not JSON.
    case malformedMessage(bytes: Int)
    /// A recipe with this many syntax errors is not formatted (as `vmt-dsl fmt` refuses it).
    case syntaxErrors(Int)
    /// The formatted text would not parse back to the same directives (a formatter bug).
    case formatterWouldChangeMeaning
}
