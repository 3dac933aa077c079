// A small JSON-RPC client for the transcript tests: it runs the server in-process on a thread of
// its own, talks to it through two pipes with its own framing code (not the server's), and keeps
// the notifications it receives in order.
import Foundation
import XCTest
import VMTLanguageServer
import VMTRecipe
#if canImport(Glibc)
import Glibc
#endif

/// Lines the server logged, collected across threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}

/// The exit status of the server thread, once it returned.
final class ExitBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int32?
    private let done = DispatchSemaphore(value: 0)

    func set(_ status: Int32) {
        lock.lock()
        value = status
        lock.unlock()
        done.signal()
    }

    /// Waits up to `seconds` for the status (returns at once when it is known).
    func wait(_ seconds: Double) -> Int32? {
        if let status { return status }
        if done.wait(timeout: .now() + seconds) == .success { done.signal() }
        return status
    }

    var status: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// Drives one in-process server.
final class TestClient {
    let log = LogLines()
    private let exit = ExitBox()
    private let toServer: (read: Int32, write: Int32)
    private let fromServer: (read: Int32, write: Int32)
    private var buffer: [UInt8] = []
    private var nextID = 1
    private var inputClosed = false
    /// Notifications received and not yet taken, in order.
    var notifications: [[String: Any]] = []
    /// Replies with a null id (to malformed messages), in order.
    var orphanReplies: [[String: Any]] = []

    init(allowing: Set<DiagnosticCode> = []) {
        var a: [Int32] = [0, 0]
        var b: [Int32] = [0, 0]
        pipe(&a)
        pipe(&b)
        toServer = (a[0], a[1])
        fromServer = (b[0], b[1])
        let input = a[0]
        let output = b[1]
        let log = self.log
        let exit = self.exit
        Thread.detachNewThread {
            let server = LanguageServer(input: input, output: output, version: "test", allowing: allowing) { log.append($0) }
            exit.set(server.run())
            close(output)
        }
    }

    deinit {
        if !inputClosed { close(toServer.write) }
        _ = exit.wait(5)
        close(toServer.read)
        close(fromServer.read)
    }

    // MARK: Sending

    func sendRaw(_ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(toServer.write, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            written += count
        }
    }

    func send(_ object: [String: Any]) {
        guard let body = try? JSONSerialization.data(withJSONObject: object) else {
            XCTFail("cannot encode \(object)")
            return
        }
        sendRaw(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + [UInt8](body))
    }

    func notify(_ method: String, _ params: [String: Any]) {
        send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    /// Sends a request and waits for its reply (notifications received meanwhile are kept).
    func request(_ method: String, _ params: [String: Any] = [:], file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
        let id = nextID
        nextID += 1
        send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        while let message = receive() {
            if let replyID = message["id"] as? Int, replyID == id { return message }
            if message["id"] is NSNull { orphanReplies.append(message) } else { notifications.append(message) }
        }
        XCTFail("no reply to \(method)", file: file, line: line)
        return [:]
    }

    /// The result of a request that must succeed.
    func result(_ method: String, _ params: [String: Any] = [:], file: StaticString = #filePath, line: UInt = #line) -> Any? {
        let reply = request(method, params, file: file, line: line)
        XCTAssertNil(reply["error"], "\(method) failed: \(reply)", file: file, line: line)
        return reply["result"]
    }

    /// Closes the server's input (end of file) and returns the server's exit status.
    func closeInput() -> Int32? {
        close(toServer.write)
        inputClosed = true
        return exit.wait(5)
    }

    /// Waits for the server to return on its own (after `exit`).
    func waitForExit() -> Int32? {
        return exit.wait(5)
    }

    // MARK: Lifecycle

    /// `initialize` (with the given general capabilities) and `initialized`.
    @discardableResult
    func initialize(positionEncodings: [String]? = nil) -> [String: Any] {
        var capabilities: [String: Any] = [:]
        if let positionEncodings { capabilities["general"] = ["positionEncodings": positionEncodings] }
        let result = self.result("initialize", ["processId": NSNull(), "rootUri": NSNull(), "capabilities": capabilities])
        notify("initialized", [:])
        return result as? [String: Any] ?? [:]
    }

    func open(_ path: String, text: String? = nil, version: Int = 1) {
        let content = text ?? ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        notify("textDocument/didOpen", ["textDocument": ["uri": Self.uri(path), "languageId": "vmt", "version": version, "text": content]])
    }

    func change(_ path: String, text: String, version: Int) {
        notify("textDocument/didChange", ["textDocument": ["uri": Self.uri(path), "version": version], "contentChanges": [["text": text]]])
    }

    static func uri(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }

    static func position(_ line: Int, _ character: Int) -> [String: Any] {
        ["line": line, "character": character]
    }

    /// Params of a request at a position of a document.
    static func at(_ path: String, _ line: Int, _ character: Int) -> [String: Any] {
        ["textDocument": ["uri": uri(path)], "position": position(line, character)]
    }

    // MARK: Diagnostics

    /// Waits until the server published diagnostics for every path of `paths` (taking them from
    /// the notifications); returns the latest list per path.
    func diagnostics(for paths: [String], file: StaticString = #filePath, line: UInt = #line) -> [String: [[String: Any]]] {
        var found: [String: [[String: Any]]] = [:]
        var rest: [[String: Any]] = []
        func take(_ message: [String: Any]) {
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                  let params = message["params"] as? [String: Any], let uri = params["uri"] as? String,
                  let path = paths.first(where: { Self.uri($0) == uri }) else {
                rest.append(message)
                return
            }
            found[path] = params["diagnostics"] as? [[String: Any]] ?? []
        }
        for message in notifications { take(message) }
        while found.count < paths.count, let message = receive() { take(message) }
        notifications = rest
        if found.count < paths.count {
            XCTFail("no diagnostics published for \(paths.filter { found[$0] == nil })", file: file, line: line)
        }
        return found
    }

    // MARK: Receiving

    /// The next message from the server, or nil after 10 s without one or at its end of output.
    private func receive() -> [String: Any]? {
        while true {
            if let end = headerEnd() {
                let header = String(decoding: buffer[0..<end], as: UTF8.self)
                guard let lengthLine = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                      let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else {
                    XCTFail("the server sent a header without Content-Length: \(header)")
                    return nil
                }
                while buffer.count < end + 4 + length {
                    guard fill() else { return nil }
                }
                let body = Data(buffer[(end + 4)..<(end + 4 + length)])
                buffer.removeFirst(end + 4 + length)
                guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                    XCTFail("the server sent a body that is not a JSON object")
                    return nil
                }
                return object
            }
            guard fill() else { return nil }
        }
    }

    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func fill() -> Bool {
        var request = pollfd(fd: fromServer.read, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, 10_000) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { read(fromServer.read, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }
}

/// A copy of the repository's scenarios.d in a fresh temporary folder.
func copyOfScenarios() throws -> String {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-lsp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repository.appendingPathComponent("scenarios.d"), to: folder.appendingPathComponent("scenarios.d"))
    return folder.appendingPathComponent("scenarios.d").standardizedFileURL.path
}
