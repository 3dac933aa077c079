// The server: the JSON-RPC loop, the LSP lifecycle (initialize, initialized, shutdown, exit),
// open documents, and the dispatch of requests to the features. One thread; a change is
// analysed once the messages already waiting have been read, so a burst of keystrokes costs
// one resolution of the project.
import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// A Language Server Protocol 3.17 server for recipe files, over two file descriptors.
///
/// Reads `Content-Length`-framed JSON-RPC messages from `input` and writes replies and
/// notifications to `output`; problems with the input (malformed frames, bodies that are not
/// JSON, unknown notifications) are written to `log`, one line each, and never stop the loop.
/// Recipes are read from disk under each open document's project root (see
/// `RecipeWorkspace.root(of:)`); nothing is ever written to disk.
public final class LanguageServer {
    /// The server's name and version, sent in `initialize`'s reply.
    public static let name = "vmt-dsl"

    /// JSON-RPC and LSP error codes.
    enum ErrorCode {
        static let parseError = -32700
        static let invalidRequest = -32600
        static let methodNotFound = -32601
        static let invalidParams = -32602
        static let internalError = -32603
        static let serverNotInitialized = -32002
        static let requestFailed = -32803
    }

    /// A request's answer: a result, or an error.
    enum Reply {
        case result(Any)
        case error(Int, String)
    }

    /// An open document: the URI the client uses for it and its text.
    struct Document {
        var uri: String
        var text: String
        var version: Int
    }

    private var reader: MessageReader
    private var writer: MessageWriter
    private let log: (String) -> Void
    private let version: String
    private let allowing: Set<DiagnosticCode>
    /// The most variants one recipe may give (`lsp --max-variants`, as `check --max-variants`).
    private let maxVariants: Int
    /// The target of recipes without a `vmt` line (`lsp --vmt`, as `check --vmt`).
    private let target: VMTTarget
    private var initialized = false
    private var shutdownRequested = false
    private var exitRequested = false
    private var encoding = PositionEncoding.utf16
    private var documents: [String: Document] = [:]
    private var workspaces: [String: RecipeWorkspace] = [:]
    /// The last diagnostics published per path (as JSON text), to publish only what changed.
    private var published: [String: Data] = [:]
    /// Paths whose diagnostics must be published after the next analysis even if unchanged.
    private var mustPublish: Set<String> = []
    /// Open documents larger than `Project.maxRecipeBytes`: not analysed (their buffer counts
    /// as empty), published with one diagnostic saying so, as `build` refuses such a file.
    private var oversized: Set<String> = []

    /// A server reading `input` and writing `output` (neither is closed); `version` is reported
    /// to the client; warnings with a code in `allowing` are silenced (as `check --allow`);
    /// recipes are resolved with `maxVariants` and `target` (as `check --max-variants --vmt`);
    /// `log` receives one line per problem (stderr for `vmt-dsl lsp`).
    public init(input: Int32, output: Int32, version: String, allowing: Set<DiagnosticCode> = [],
                maxVariants: Int = Resolver.defaultMaxVariants, target: VMTTarget = .standard,
                log: @escaping (String) -> Void) {
        reader = MessageReader(descriptor: input)
        writer = MessageWriter(descriptor: output)
        self.version = version
        self.allowing = allowing
        self.maxVariants = maxVariants
        self.target = target
        self.log = log
    }

    /// Serves until `exit` or the end of input; returns the exit status: 0 after `shutdown`,
    /// 1 when the input ended or `exit` came without one (as LSP asks).
    public func run() -> Int32 {
        while !exitRequested {
            switch reader.next() {
            case .end:
                if !shutdownRequested { log(ServerMessages.inputClosed) }
                return shutdownRequested ? 0 : 1
            case .malformed(let reason):
                log(ServerMessages.skippedMalformed(reason))
            case .message(let body):
                handle(body)
            }
            if !writer.isOpen {
                log(ServerMessages.outputClosed)
                return 1
            }
            if !reader.hasBufferedBytes && !reader.inputReady { publishPending() }
        }
        return shutdownRequested ? 0 : 1
    }

    // MARK: Messages

    private func handle(_ body: Data) {
        let object: [String: Any]
        switch JSONValue.parse(body) {
        case .failure(let failure):
            log(ServerMessages.skippedMalformed(failure.message))
            send(["jsonrpc": "2.0", "id": NSNull(), "error": ["code": ErrorCode.parseError, "message": ServerMessages.parseError(failure.message)]])
            return
        case .success(let value):
            guard let value = value as? [String: Any] else {
                log(ServerMessages.skippedNotObject)
                send(["jsonrpc": "2.0", "id": NSNull(), "error": ["code": ErrorCode.invalidRequest, "message": ServerMessages.notAnObject]])
                return
            }
            object = value
        }
        let id = object["id"]
        guard let method = object["method"] as? String else {
            if id != nil, object["result"] != nil || object["error"] != nil { return }  // a reply to us; we ask nothing
            log(ServerMessages.skippedNoMethod)
            if let id { respond(id, .error(ErrorCode.invalidRequest, ServerMessages.needsMethod)) }
            return
        }
        let params = object["params"] as? [String: Any] ?? [:]
        if let id {
            guard id is String || id is NSNumber else {
                log(ServerMessages.skippedBadID)
                send(["jsonrpc": "2.0", "id": NSNull(), "error": ["code": ErrorCode.invalidRequest, "message": ServerMessages.badID]])
                return
            }
            respond(id, request(method, params))
        } else {
            notification(method, params)
        }
    }

    private func request(_ method: String, _ params: [String: Any]) -> Reply {
        if method == "initialize" {
            if initialized { return .error(ErrorCode.invalidRequest, ServerMessages.alreadyInitialized) }
            return initialize(params)
        }
        guard initialized else { return .error(ErrorCode.serverNotInitialized, ServerMessages.notInitialized) }
        if shutdownRequested { return .error(ErrorCode.invalidRequest, ServerMessages.shuttingDown) }
        switch method {
        case "shutdown":
            shutdownRequested = true
            return .result(NSNull())
        case "textDocument/hover":
            return withDocument(params) { context, offset in
                guard let text = context.hover(atOffset: offset) else { return NSNull() }
                return ["contents": ["kind": "markdown", "value": text]]
            }
        case "textDocument/definition":
            return withDocument(params) { context, offset in
                guard let location = context.definition(atOffset: offset) else { return NSNull() }
                return location
            }
        case "textDocument/references":
            let declaration = (params["context"] as? [String: Any])?["includeDeclaration"] as? Bool ?? false
            return withDocument(params) { context, offset in context.references(atOffset: offset, includeDeclaration: declaration) }
        case "textDocument/completion":
            return withDocument(params) { context, offset in ["isIncomplete": false, "items": context.completion(atOffset: offset)] }
        case "textDocument/documentSymbol":
            return withDocument(params, needsPosition: false) { context, _ in context.documentSymbols() }
        case "textDocument/inlayHint":
            return withDocument(params, needsPosition: false) { context, _ in context.inlayHints() }
        case "textDocument/formatting":
            guard let (path, _) = documentPath(params), let document = documents[path] else {
                return .error(ErrorCode.invalidParams, ServerMessages.formattingNeedsDocument)
            }
            switch formattingEdits(path: path, text: document.text, encoding: encoding) {
            case .success(let edits): return .result(edits)
            case .failure(let refusal): return .error(ErrorCode.requestFailed, refusal.message)
            }
        default:
            return .error(ErrorCode.methodNotFound, ServerMessages.unknownMethod(method))
        }
    }

    private func notification(_ method: String, _ params: [String: Any]) {
        if method == "exit" {
            exitRequested = true
            return
        }
        guard initialized else {
            log(ServerMessages.ignoredBeforeInitialize(method))
            return
        }
        switch method {
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
            break
        case "textDocument/didOpen":
            guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String,
                  let text = item["text"] as? String, let path = Self.path(of: uri) else {
                log(ServerMessages.ignoredOpenWithoutText)
                return
            }
            documents[path] = Document(uri: uri, text: text, version: item["version"] as? Int ?? 0)
            let workspace = workspace(for: path)
            if !workspace.knowsOnDisk(path) { workspace.rescan() }
            setOverlay(path, text: text, in: workspace)
            mustPublish.insert(path)
        case "textDocument/didChange":
            guard let (path, _) = documentPath(params), var document = documents[path],
                  let changes = params["contentChanges"] as? [[String: Any]] else {
                log(ServerMessages.ignoredChangeNotOpen)
                return
            }
            for change in changes {
                guard let text = applyChange(change, to: document.text, encoding) else {
                    log(ServerMessages.ignoredChangeWithoutText)
                    continue
                }
                document.text = text
            }
            document.version = (params["textDocument"] as? [String: Any])?["version"] as? Int ?? document.version
            documents[path] = document
            setOverlay(path, text: document.text, in: workspace(for: path))
            mustPublish.insert(path)
        case "textDocument/didSave":
            guard let (path, _) = documentPath(params) else { return }
            workspace(for: path).reload(path)
        case "textDocument/didClose":
            guard let (path, _) = documentPath(params) else { return }
            documents[path] = nil
            oversized.remove(path)
            let workspace = workspace(for: path)
            workspace.removeOverlay(path)
            workspace.reload(path)
        case "workspace/didChangeWatchedFiles":
            for change in params["changes"] as? [[String: Any]] ?? [] {
                guard let uri = change["uri"] as? String, let path = Self.path(of: uri) else { continue }
                for workspace in workspaces.values where workspace.contains(path) { workspace.reload(path) }
            }
        default:
            if !method.hasPrefix("$/") { log(ServerMessages.ignoredNotification(method)) }
        }
    }

    // MARK: Lifecycle

    private func initialize(_ params: [String: Any]) -> Reply {
        let general = (params["capabilities"] as? [String: Any])?["general"] as? [String: Any]
        let offered = general?["positionEncodings"] as? [String] ?? []
        encoding = offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
        initialized = true
        let capabilities: [String: Any] = [
            "positionEncoding": encoding.rawValue,
            "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]],
            "hoverProvider": true,
            "definitionProvider": true,
            "referencesProvider": true,
            "completionProvider": ["triggerCharacters": [" ", ".", "{", ","]],
            "documentFormattingProvider": true,
            "documentSymbolProvider": true,
            "inlayHintProvider": true,
        ]
        return .result(["capabilities": capabilities, "serverInfo": ["name": Self.name, "version": version]])
    }

    // MARK: Documents and projects

    /// The absolute, normalised path of a `file:` URI.
    static func path(of uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        let path = url.standardizedFileURL.path
        return path.isEmpty ? nil : path
    }

    /// The URI the client uses for `path` (its own spelling for an open document).
    private func uri(_ path: String) -> String {
        documents[path]?.uri ?? URL(fileURLWithPath: path).absoluteString
    }

    /// The path of `params.textDocument.uri`, and the position when there is one.
    private func documentPath(_ params: [String: Any]) -> (String, LSPPosition?)? {
        guard let document = params["textDocument"] as? [String: Any], let uri = document["uri"] as? String,
              let path = Self.path(of: uri) else { return nil }
        return (path, LSPPosition(json: params["position"]))
    }

    /// The workspace of the project holding `path`, created on first use.
    private func workspace(for path: String) -> RecipeWorkspace {
        let (root, isProject) = RecipeWorkspace.root(of: path)
        if let known = workspaces[root] { return known }
        let made = RecipeWorkspace(root: root, isProject: isProject, allowing: allowing, maxVariants: maxVariants,
                                   target: target, log: log)
        workspaces[root] = made
        return made
    }

    /// Answers a request about an open document (and, unless `needsPosition` is false, a position in it).
    private func withDocument(_ params: [String: Any], needsPosition: Bool = true,
                              _ answer: (DocumentContext, Int) -> Any) -> Reply {
        guard let (path, position) = documentPath(params), let document = documents[path] else {
            return .error(ErrorCode.invalidParams, ServerMessages.needsDocument)
        }
        if needsPosition && position == nil { return .error(ErrorCode.invalidParams, ServerMessages.needsPosition) }
        publishPending()
        let workspace = workspace(for: path)
        let lines = TextLines(document.text)
        let context = DocumentContext(path: path, lines: lines, analysis: workspace.analysis(), encoding: encoding,
                                      uri: { [unowned self] in self.uri($0) }, bytes: { workspace.bytes(of: $0) })
        let offset = position.map { lines.offset(of: $0, encoding) } ?? 0
        return .result(answer(context, offset))
    }

    // MARK: Diagnostics

    /// Lays `text` over `path`, or (over `Project.maxRecipeBytes`) an empty buffer, so an
    /// oversized document is never parsed or resolved.
    private func setOverlay(_ path: String, text: String, in workspace: RecipeWorkspace) {
        if text.utf8.count > Project.maxRecipeBytes {
            oversized.insert(path)
            workspace.setOverlay(path, text: "")
        } else {
            oversized.remove(path)
            workspace.setOverlay(path, text: text)
        }
    }

    /// The one diagnostic of an oversized document: line 1, build's message.
    private func tooLarge(_ path: String) -> [[String: Any]] {
        let name = (path as NSString).lastPathComponent
        let zero: [String: Any] = ["line": 0, "character": 0]
        return [["range": ["start": zero, "end": zero], "severity": 1, "source": "vmt-dsl",
                 "message": Project.tooLargeMessage(name)]]
    }

    /// Analyses every stale project and publishes the diagnostics that changed (and those of
    /// the documents just opened or changed, changed or not).
    private func publishPending() {
        for workspace in workspaces.values where workspace.isStale {
            let analysis = workspace.analysis()
            let conversion = DiagnosticsConversion(analysis: analysis, encoding: encoding, uri: { [unowned self] in self.uri($0) },
                                                   bytes: { workspace.bytes(of: $0) })
            let perFile = conversion.perFile()
            var paths = Set(perFile.keys)
            paths.formUnion(published.keys.filter { workspace.contains($0) })
            paths.formUnion(mustPublish.filter { workspace.contains($0) })
            paths.formUnion(oversized.filter { workspace.contains($0) })
            for path in paths.sorted() {
                let list = oversized.contains(path) ? tooLarge(path) : perFile[path] ?? []
                guard let encoded = JSONValue.encode(list) else { continue }
                if published[path] == encoded && !mustPublish.contains(path) { continue }
                var params: [String: Any] = ["uri": uri(path), "diagnostics": list]
                if let document = documents[path] { params["version"] = document.version }
                send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params])
                published[path] = list.isEmpty ? nil : encoded
            }
            mustPublish.subtract(paths)
        }
    }

    // MARK: Output

    private func respond(_ id: Any, _ reply: Reply) {
        switch reply {
        case .result(let result):
            send(["jsonrpc": "2.0", "id": id, "result": result])
        case .error(let code, let message):
            send(["jsonrpc": "2.0", "id": id, "error": ["code": code, "message": message]])
        }
    }

    private func send(_ message: [String: Any]) {
        guard let body = JSONValue.encode(message) else {
            log(ServerMessages.replyNotEncodable)
            return
        }
        writer.send(body)
    }
}
