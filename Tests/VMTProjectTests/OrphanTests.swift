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

    /// Entries whose output is absolute, ends in `/` or climbs out with `..` are problems of the
    /// manifest: reported (kept, with the reason) on every run, with or without prune, kept in
    /// the manifest, and the files they name are never touched. They used to vanish silently.
    func testOutputsOutsideTheFolderAreReportedNeverDropped() throws {
        let out = try folder(), elsewhere = try folder()
        try write("x\n", elsewhere + "/x.yaml")
        let bad = [elsewhere + "/x.yaml", "b.yaml/", "../x.yaml", "./c.yaml"]
        try ManifestFile.write(Manifest(bad.map { entry($0, "x\n") }), in: out)
        for prune in [false, true] {
            let result = try ManifestFile.reconcile(in: out, produced: [], isSelected: { _ in true }, write: true, prune: prune)
            XCTAssertEqual(result.pruned, [])
            XCTAssertEqual(Set(result.kept.map(\.orphan.entry.output)), Set(bad))
            XCTAssertTrue(result.kept.allSatisfy { $0.reason.contains("is not a relative path inside the output folder") })
            XCTAssertEqual(Set(try ManifestFile.read(in: out).entries.map(\.output)), Set(bad))
        }
        XCTAssertEqual(try String(contentsOfFile: elsewhere + "/x.yaml", encoding: .utf8), "x\n")
    }

    /// Unselected recipes' entries are neither orphans nor dropped; a bad manifest stops everything.
    func testSelectionAndBadManifest() throws {
        let out = try folder()
        try write("a\n", out + "/a.yaml")
        try ManifestFile.write(Manifest([entry("a.yaml", "a\n", recipe: "money/a.vmt")]), in: out)
        let result = try ManifestFile.reconcile(in: out, produced: [], isSelected: { $0.recipe.hasPrefix("lab/") }, write: true, prune: true)
        XCTAssertEqual(result.orphans, [])
        XCTAssertEqual(try ManifestFile.read(in: out).entries.map(\.output), ["a.yaml"])
        try write("{\n", out + "/" + Manifest.fileName)
        XCTAssertThrowsError(try ManifestFile.reconcile(in: out, produced: [], isSelected: { _ in true }, write: true, prune: true))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/a.yaml"))
    }

    /// The engine with `manifest`: a deleted recipe's output is an orphan, pruned when asked
    /// (and only then); a comparison reports a leftover temporary file and writes nothing.
    func testTheEngineReportsOrphansPrunesAndLeftoversWithManifest() throws {
        let work = try folder()
        try write("scenario a\nextends minimal\n", work + "/scenarios.d/a.vmt")
        try write("scenario b\nextends minimal\n", work + "/scenarios.d/b.vmt")
        let out = work + "/out"
        func build(_ mode: BuildMode, prune: Bool = false) -> (events: [String], summary: BuildSummary) {
            var events: [String] = []
            let options = BuildOptions(mode: mode, outputFolder: out, manifest: true, prune: prune)
            let summary = BuildEngine.run(["scenarios.d"], currentDirectory: work, options: options) { event in
                switch event {
                case .leftover(let path): events.append("leftover \(path)")
                case .pruned(let orphan): events.append("pruned \(orphan.entry.output) from \(orphan.entry.recipe)")
                case .orphan(let orphan): events.append("orphan \(orphan.entry.output) from \(orphan.entry.recipe)")
                case .keptOrphan(let orphan, _): events.append("kept \(orphan.entry.output)")
                case .manifestProblem(let problem): events.append("problem \(problem)")
                case .problem, .diagnostics, .output, .overwroteOtherProject, .finished: break
                }
            }
            return (events, summary)
        }
        XCTAssertEqual(build(.write).events, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: ManifestFile.path(in: out)))
        try FileManager.default.removeItem(atPath: work + "/scenarios.d/b.vmt")
        let kept = build(.write)
        XCTAssertEqual(kept.events, ["orphan b.yaml from b.vmt"])
        XCTAssertEqual([kept.summary.orphaned, kept.summary.pruned, kept.summary.manifestProblems], [1, 0, 0])
        let dead = "\(TemporaryFiles.prefix)999999999-1"
        try write("partial", out + "/" + dead)
        let compared = build(.compare)
        XCTAssertEqual(compared.events, ["leftover \(dead)", "orphan b.yaml from b.vmt"])
        XCTAssertEqual(compared.summary.leftovers, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + dead), "a comparison removes nothing")
        let pruned = build(.write, prune: true)
        XCTAssertEqual(pruned.events, ["pruned b.yaml from b.vmt"])
        XCTAssertEqual([pruned.summary.orphaned, pruned.summary.pruned, pruned.summary.leftovers], [0, 1, 0])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/b.yaml"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/" + dead), "a build removes leftovers")
    }
}
