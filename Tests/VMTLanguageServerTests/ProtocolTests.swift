// The protocol's edges: malformed frames and bodies are logged and skipped, unknown methods get
// MethodNotFound, requests before initialize get ServerNotInitialized, and the server ends on
// `exit` (0 after shutdown) and on the end of its input (1 without shutdown).
import Foundation
import XCTest
@testable import VMTLanguageServer
import VMTRecipe
import VMTCore

final class ProtocolTests: XCTestCase {
    func testMalformedMessagesAreLoggedAndSkipped() {
        let client = TestClient()
        client.initialize()
        client.sendRaw(Array("Content-Type: nothing\r\n\r\n".utf8))          // no length
        client.sendRaw(Array("Content-Length: 7\r\n\r\n{\"a\":[1".utf8))      // not JSON
        client.sendRaw(Array("Content-Length: 2\r\n\r\n[]".utf8))             // not an object
        client.sendRaw(Array("Content-Length: 25\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99}".utf8))  // no method
        let reply = client.request("shutdown")
        XCTAssertTrue(reply["result"] is NSNull, "\(reply)")
        let codes = client.orphanReplies.compactMap { ($0["error"] as? [String: Any])?["code"] as? Int }
        XCTAssertEqual(codes, [-32700, -32600])
        let log = client.log.all
        XCTAssertTrue(log.contains { $0.contains("without a valid Content-Length") }, "\(log)")
        XCTAssertTrue(log.contains { $0.contains("not JSON") }, "\(log)")
        XCTAssertTrue(log.contains { $0.contains("without a method") }, "\(log)")
        client.notify("exit", [:])
        XCTAssertEqual(client.waitForExit(), 0)
    }

    func testMessagesOfTheWrongShapeGetAnErrorOrNothingAndNeverStopTheServer() {
        let client = TestClient()
        client.initialize()
        let requests = ["textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion",
                        "textDocument/documentSymbol", "textDocument/inlayHint", "textDocument/formatting"]
        let notifications = ["textDocument/didOpen", "textDocument/didChange", "textDocument/didSave", "textDocument/didClose",
                             "workspace/didChangeWatchedFiles"]
        let junk: [Any] = [
            NSNull(), 5, "x", [1, 2], ["textDocument": 5],
            ["textDocument": ["uri": 7], "position": "here"],
            ["textDocument": ["uri": "file:///nowhere/a.vmt", "text": "agents 5\n", "version": 1],
             "position": ["line": -1, "character": 1e300]],
            ["textDocument": ["uri": "http://example.com/y.vmt", "text": 5, "version": "v"], "contentChanges": [["range": 5, "text": 7]]],
            ["textDocument": ["uri": "file:///nowhere/a.vmt", "version": 2],
             "contentChanges": [["range": ["start": ["line": 99, "character": 0], "end": ["line": 0, "character": 0]], "text": "x"]],
             "position": ["line": 0, "character": 99_999_999], "changes": [["uri": 5], ["uri": "file:///"]]],
        ]
        var id = 1000
        for params in junk {
            for method in notifications { client.send(["jsonrpc": "2.0", "method": method, "params": params]) }
            for method in requests {
                id += 1
                client.send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
            }
        }
        let reply = client.request("shutdown")
        XCTAssertTrue(reply["result"] is NSNull, "\(reply)")
        let answered = client.notifications.compactMap { $0["id"] as? Int }
        XCTAssertEqual(answered, Array(1001...id), "every request got exactly one reply, in order")
    }

    func testEveryPositionOfEveryExampleRecipeGetsAnAnswer() throws {
        let root = try copyOfScenarios()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let client = TestClient()
        client.initialize()
        let broken = "scenario \"é😀\" extra\nextends money_lab\nset lambda_bounds 3\nvary seed 1..3\noutput x_{seed}.yaml\nagents -1\n\tregime\n"
        for (path, text) in [(root + "/money/big_mixed.vmt", nil), (root + "/sweeps/regimes.vmt", nil), (root + "/lab/broken.vmt", broken)] {
            client.open(path, text: text)
            let content = text ?? ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            let lines = content.components(separatedBy: "\n")
            for (line, lineText) in lines.enumerated() {
                for character in 0...(lineText.utf16.count + 1) {
                    for method in ["textDocument/hover", "textDocument/definition", "textDocument/completion"] {
                        let reply = client.request(method, TestClient.at(path, line, character))
                        XCTAssertNil(reply["error"], "\(method) at \(line):\(character) of \(path): \(reply)")
                    }
                }
            }
        }
    }

    func testUnknownMethodsAndRequestsBeforeInitialize() {
        let client = TestClient()
        let early = client.request("textDocument/hover", ["textDocument": ["uri": "file:///x.vmt"], "position": ["line": 0, "character": 0]])
        XCTAssertEqual((early["error"] as? [String: Any])?["code"] as? Int, -32002)
        client.initialize()
        let unknown = client.request("textDocument/semanticTokens/full", [:])
        XCTAssertEqual((unknown["error"] as? [String: Any])?["code"] as? Int, -32601)
        client.notify("workspace/somethingNew", [:])
        client.notify("$/progress", [:])
        let notOpen = client.request("textDocument/hover", ["textDocument": ["uri": "file:///nowhere/x.vmt"], "position": ["line": 0, "character": 0]])
        XCTAssertEqual((notOpen["error"] as? [String: Any])?["code"] as? Int, -32602)
        XCTAssertTrue(client.log.all.contains { $0.contains("workspace/somethingNew") })
        XCTAssertFalse(client.log.all.contains { $0.contains("$/progress") })
        _ = client.request("shutdown")
        let late = client.request("textDocument/hover", [:])
        XCTAssertEqual((late["error"] as? [String: Any])?["code"] as? Int, -32600)
    }

    func testTheServerEndsWhenItsInputCloses() {
        let client = TestClient()
        client.initialize()
        XCTAssertEqual(client.closeInput(), 1)
        let clean = TestClient()
        clean.initialize()
        _ = clean.request("shutdown")
        XCTAssertEqual(clean.closeInput(), 0)
    }

    func testUTF8PositionsAreUsedWhenTheClientOffersThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-lsp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "".write(toFile: folder + "/.vmt-project", atomically: true, encoding: .utf8)
        let path = folder + "/é.vmt"
        let client = TestClient()
        let result = client.initialize(positionEncodings: ["utf-8", "utf-16"])
        XCTAssertEqual((result["capabilities"] as? [String: Any])?["positionEncoding"] as? String, "utf-8")
        // `😀` is 4 UTF-8 bytes, 2 UTF-16 units; the error is on `agent` after it.
        client.open(path, text: "scenario \"😀\" # 😀\nextends minimal\nagentz 3\n")
        let diagnostic = try XCTUnwrap(client.diagnostics(for: [path])[path]?.first)
        XCTAssertEqual(((diagnostic["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int, 2)
        let hover = client.result("textDocument/hover", TestClient.at(path, 0, 11)) as? [String: Any]
        XCTAssertNotNil(hover)
    }

    // MARK: The pieces

    func testPositionsConvertBetweenUTF16UTF8AndByteOffsets() {
        let lines = TextLines("a😀b\r\né\rx\n")
        XCTAssertEqual(lines.starts, [0, 8, 11, 13])
        XCTAssertEqual(lines.position(ofOffset: 5, .utf16), LSPPosition(line: 0, character: 3))
        XCTAssertEqual(lines.position(ofOffset: 5, .utf8), LSPPosition(line: 0, character: 5))
        XCTAssertEqual(lines.offset(of: LSPPosition(line: 0, character: 3), .utf16), 5)
        XCTAssertEqual(lines.offset(of: LSPPosition(line: 0, character: 2), .utf16), 1)  // inside the pair: its start
        XCTAssertEqual(lines.offset(of: LSPPosition(line: 1, character: 1), .utf16), 10)
        XCTAssertEqual(lines.offset(of: LSPPosition(line: 1, character: 99), .utf16), 10)  // clamped to the line
        XCTAssertEqual(lines.offset(of: LSPPosition(line: 9, character: 0), .utf16), 13)
        XCTAssertEqual(lines.line(ofOffset: 12), 2)
        XCTAssertEqual(applyChange(["range": ["start": ["line": 0, "character": 1], "end": ["line": 0, "character": 3]], "text": "-"],
                                   to: "a😀b", .utf16), "a-b")
    }

    func testContentLengthHeaders() {
        XCTAssertEqual(MessageReader.contentLength("Content-Length: 12\r\nContent-Type: x"), 12)
        XCTAssertEqual(MessageReader.contentLength("content-length:3"), 3)
        XCTAssertNil(MessageReader.contentLength("Content-Length: -1"))
        XCTAssertNil(MessageReader.contentLength("Content-Length: 99999999999999999999999"))
        XCTAssertNil(MessageReader.contentLength("Content-Type: x"))
    }

    func testAnAnalysisFromKeptParsesEqualsAFreshResolution() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-lsp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/scenarios.d", withIntermediateDirectories: true)
        let files = ["a.vmt": "scenario a\ntemplate\nextends minimal\nagents 5\n", "b.vmt": "extends a\ngrid 7\n",
                     "c.vmt": "extends b\nagents 5\n", "d.vmt": "extends nothing\n"]
        for (name, text) in files { try text.write(toFile: folder + "/scenarios.d/" + name, atomically: true, encoding: .utf8) }
        let workspace = RecipeWorkspace(root: folder + "/scenarios.d") { _ in }
        _ = workspace.analysis()
        workspace.setOverlay(folder + "/scenarios.d/a.vmt", text: "scenario a\ntemplate\nextends minimal\nagents 0\n")
        let incremental = workspace.analysis()
        var sources = files.keys.sorted().map { name in
            RecipeSource(path: folder + "/scenarios.d/" + name, relativePath: name, bytes: Array((files[name] ?? "").utf8))
        }
        sources[0].bytes = Array("scenario a\ntemplate\nextends minimal\nagents 0\n".utf8)
        let fresh = Resolver.resolve(sources)
        XCTAssertEqual(incremental.resolution.diagnostics, fresh.diagnostics)
        XCTAssertEqual(incremental.resolution.failedPaths, fresh.failedPaths)
        XCTAssertEqual(incremental.resolution.diagnostics.count, 4)  // a, b and c fail; d names no parent
    }

    /// The editor shows what `check` shows: two recipes writing one file are both marked, even
    /// when one of them also fails for another reason.
    func testAnOutputClashIsShownOnBothRecipes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-lsp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/scenarios.d", withIntermediateDirectories: true)
        let files = ["c4.vmt": "extends minimal\nscenario c4\noutput same.yaml\nagents 0\n",
                     "c5.vmt": "extends minimal\nscenario c5\noutput same.yaml\n"]
        for (name, text) in files { try text.write(toFile: folder + "/scenarios.d/" + name, atomically: true, encoding: .utf8) }
        let workspace = RecipeWorkspace(root: folder + "/scenarios.d") { _ in }
        let clashes = workspace.analysis().diagnostics.filter { $0.code == .recipesWriteOneFile }
        XCTAssertEqual(clashes.map { ($0.range.file as NSString).lastPathComponent }.sorted(), ["c4.vmt", "c5.vmt"])
    }

    /// `lsp --vmt 2025-11` resolves as `check --vmt 2025-11` does: protocol lines are not refused.
    func testTheTargetAndVariantLimitReachTheResolution() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-lsp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/scenarios.d", withIntermediateDirectories: true)
        try "extends minimal\nsearch random_walk\nvary seed 1..20\n".write(toFile: folder + "/scenarios.d/w.vmt", atomically: true, encoding: .utf8)
        let codes = { (workspace: RecipeWorkspace) in Set(workspace.analysis().diagnostics.map(\.code.rawValue)) }
        XCTAssertTrue(codes(RecipeWorkspace(root: folder + "/scenarios.d") { _ in }).contains("VMT705"))
        XCTAssertEqual(codes(RecipeWorkspace(root: folder + "/scenarios.d", target: .v2025_11) { _ in }), [])
        XCTAssertTrue(codes(RecipeWorkspace(root: folder + "/scenarios.d", maxVariants: 10, target: .v2025_11) { _ in }).contains("VMT411"))
    }

    func testProjectRootIsTheNearestScenariosFolderOrMarker() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-lsp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/scenarios.d/a/b", withIntermediateDirectories: true)
        XCTAssertEqual(RecipeWorkspace.root(of: folder + "/scenarios.d/a/b/x.vmt").folder, folder + "/scenarios.d")
        try "".write(toFile: folder + "/scenarios.d/a/.vmt-project", atomically: true, encoding: .utf8)
        XCTAssertTrue(RecipeWorkspace.root(of: folder + "/scenarios.d/a/b/x.vmt") == (folder + "/scenarios.d/a", true))
        XCTAssertTrue(RecipeWorkspace.root(of: folder + "/loose/x.vmt") == (folder + "/loose", false))
        // A loose file's folder is read without its subfolders.
        try FileManager.default.createDirectory(atPath: folder + "/loose/sub", withIntermediateDirectories: true)
        try "extends minimal\n".write(toFile: folder + "/loose/x.vmt", atomically: true, encoding: .utf8)
        try "extends minimal\n".write(toFile: folder + "/loose/sub/y.vmt", atomically: true, encoding: .utf8)
        let loose = RecipeWorkspace(root: folder + "/loose", isProject: false) { _ in }
        XCTAssertEqual(loose.analysis().set.entries.map(\.source.relativePath), ["x.vmt"])
        XCTAssertFalse(loose.contains(folder + "/loose/sub/y.vmt"))
    }
}
