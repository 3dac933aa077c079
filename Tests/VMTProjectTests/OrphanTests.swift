import Foundation
import XCTest
import VMTCore
@testable import VMTProject

/// Orphans on disk: which ones `prune` deletes, and which it must not.
final class OrphanTests: XCTestCase {
    private func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-orphans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    private func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func entry(_ output: String, _ text: String, recipe: String = "gone.vmt") -> ManifestEntry {
        ManifestEntry(output: output, recipe: recipe, scenario: "s", variant: nil, seed: "1", sha256: SHA256.hexDigest(Array(text.utf8)))
    }

    func testPruneDeletesOnlyWhatIsStillAsBuilt() throws {
        let out = try folder()
        try write("a\n", out + "/deep/er/a.yaml")
        try write("b edited\n", out + "/b.yaml")
        try write("kept\n", out + "/keep.yaml")
        try write("stray\n", out + "/stray.yaml")
        let manifest = Manifest([entry("deep/er/a.yaml", "a\n"), entry("b.yaml", "b\n"), entry("c.yaml", "c\n"),
                                 entry("keep.yaml", "kept\n", recipe: "kept.vmt")])
        try ManifestFile.write(manifest, in: out)
        let produced = [entry("keep.yaml", "kept\n", recipe: "kept.vmt")]
        let result = try ManifestFile.reconcile(in: out, produced: produced, isSelected: { _ in true }, write: true, prune: true)
        XCTAssertEqual(result.pruned.map(\.entry.output), ["deep/er/a.yaml"])
        XCTAssertEqual(result.kept.map(\.orphan.entry.output), ["b.yaml"])
        XCTAssertEqual(result.orphans.map(\.entry.output), ["b.yaml"], "c.yaml is gone: not an orphan any more")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/deep"), "emptied folders go too")
        XCTAssertEqual(try String(contentsOfFile: out + "/b.yaml", encoding: .utf8), "b edited\n")
        XCTAssertEqual(try String(contentsOfFile: out + "/stray.yaml", encoding: .utf8), "stray\n")
        XCTAssertEqual(try ManifestFile.read(in: out).entries.map(\.output), ["b.yaml", "keep.yaml"])
        XCTAssertTrue(result.wroteManifest)
        let again = try ManifestFile.reconcile(in: out, produced: produced, isSelected: { _ in true }, write: true, prune: false)
        XCTAssertFalse(again.wroteManifest, "nothing changed: not rewritten")
    }

    /// An orphan reached through a symbolic link in the output folder is not deleted, even with
    /// the right bytes: the link could lead anywhere.
    func testPruneNeverFollowsALink() throws {
        let out = try folder(), elsewhere = try folder()
        try write("x\n", elsewhere + "/x.yaml")
        try FileManager.default.createSymbolicLink(atPath: out + "/link", withDestinationPath: elsewhere)
        try ManifestFile.write(Manifest([entry("link/x.yaml", "x\n")]), in: out)
        let result = try ManifestFile.reconcile(in: out, produced: [], isSelected: { _ in true }, write: true, prune: true)
        XCTAssertEqual(result.pruned, [])
        XCTAssertEqual(result.kept.count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere + "/x.yaml"))
    }

    /// Unselected recipes' entries are neither orphans nor dropped; a bad manifest stops everything.
    func testSelectionAndBadManifest() throws {
        let out = try folder()
        try write("a\n", out + "/a.yaml")
        try ManifestFile.write(Manifest([entry("a.yaml", "a\n", recipe: "money/a.vmt")]), in: out)
        let result = try ManifestFile.reconcile(in: out, produced: [], isSelected: { $0.hasPrefix("lab/") }, write: true, prune: true)
        XCTAssertEqual(result.orphans, [])
        XCTAssertEqual(try ManifestFile.read(in: out).entries.map(\.output), ["a.yaml"])
        try write("{\n", out + "/" + Manifest.fileName)
        XCTAssertThrowsError(try ManifestFile.reconcile(in: out, produced: [], isSelected: { _ in true }, write: true, prune: true))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/a.yaml"))
    }
}
