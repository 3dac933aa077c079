import Foundation
import VMTRecipe
import XCTest
@testable import VMTProject

/// Recipes that would write one file, or share a name: every one of them fails, each is named,
/// nothing of theirs is written, and the file of an earlier build stays as it was.
final class ClashTests: XCTestCase {
    private func errors(_ run: EngineRun) -> [String] {
        run.diagnostics.filter { $0.severity == .error }.map { "\($0.range.file): \($0.message)" }.sorted()
    }

    func testTwoRecipesWritingOneFileBothFailAndTheOldFileStays() throws {
        let work = try makeFolder(self, ["r/edge.vmt": "extends minimal\nseed 1\n", "r/other.vmt": "extends minimal\nseed 2\n",
                                         "out/edge.yaml": "previous\n"])
        try Data("scenario clash\nextends minimal\noutput edge.yaml\n".utf8)
            .write(to: work.appendingPathComponent("r/dup/clash.vmt").creatingFolder())
        let run = runEngine(["r"], in: work)
        XCTAssertEqual(errors(run), ["r/dup/clash.vmt: two recipes would write 'edge.yaml'",
                                     "r/edge.vmt: two recipes would write 'edge.yaml'"])
        XCTAssertEqual(run.diagnostics.flatMap(\.notes).compactMap { $0.range?.file }.sorted(), ["r/dup/clash.vmt", "r/edge.vmt"],
                       "each names the other")
        XCTAssertEqual(run.outputs.map(\.output), ["other.yaml"])
        XCTAssertEqual(run.summary.failed, 2)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("out/edge.yaml"), encoding: .utf8), "previous\n")
    }

    func testClashesNameBothRecipesAndTemplatesWriteNothing() throws {
        let work = try makeFolder(self, [
            "r/a.vmt": "extends minimal\noutput shared.yaml\n",
            "r/b.vmt": "extends minimal\noutput ./shared.yaml\n",
            "r/c.vmt": "extends minimal\nscenario c_name\noutput a.yaml\n",
            "r/t1.vmt": "template\noutput same.yaml\n",
            "r/t2.vmt": "template\noutput same.yaml\n",
        ])
        let run = runEngine(["r"], in: work, mode: .validate)
        XCTAssertEqual(errors(run), ["r/a.vmt: two recipes would write 'shared.yaml'", "r/b.vmt: two recipes would write 'shared.yaml'"],
                       "the default output of a.vmt is a.yaml, but a.vmt says shared.yaml; templates write nothing")
        let notes = run.diagnostics.flatMap(\.notes)
        XCTAssertEqual(notes.map(\.message), ["also written by this recipe", "also written by this recipe"])
        XCTAssertEqual(Set(notes.compactMap { $0.range?.description }), ["r/a.vmt:2:8", "r/b.vmt:2:8"])
        XCTAssertEqual(run.outputs.map(\.output), ["a.yaml"])
    }

    func testADefaultOutputClashesWithAnExplicitOne() throws {
        let work = try makeFolder(self, ["r/a.vmt": "extends minimal\n", "r/b.vmt": "extends minimal\noutput a.yaml\n"])
        let run = runEngine(["r"], in: work, mode: .validate)
        XCTAssertEqual(errors(run), ["r/a.vmt: two recipes would write 'a.yaml'", "r/b.vmt: two recipes would write 'a.yaml'"])
        XCTAssertEqual(run.diagnostics.first { $0.range.file == "r/b.vmt" }?.notes.first?.range?.description, "r/a.vmt:1:1",
                       "a recipe without 'output' is pointed at by its first directive")
    }

    func testOutputPathsAreComparedAfterNormalization() throws {
        let work = try makeFolder(self, ["r/a.vmt": "extends minimal\noutput shared/out.yaml\n",
                                         "r/b.vmt": "extends standard\noutput ./shared/./out.yaml\n"])
        let check = runEngine(["r"], in: work, mode: .validate)
        XCTAssertEqual(check.summary.failed, 2)
        XCTAssertTrue(check.outputs.isEmpty)
    }

    func testAVariantOfOneRecipeClashingWithAnotherRecipeFailsBoth() throws {
        let work = try makeFolder(self, ["r/s.vmt": "extends minimal\nvary seed 1, 2\n",
                                         "r/t.vmt": "extends minimal\noutput s_seed-2.yaml\n"])
        let run = runEngine(["r"], in: work, mode: .validate)
        XCTAssertEqual(errors(run), ["r/s.vmt: two recipes would write 's_seed-2.yaml'",
                                     "r/t.vmt: two recipes would write 's_seed-2.yaml'"])
        XCTAssertEqual(run.summary.failed, 2)
    }

    func testTwoRecipesWithOneNameBothFailWhateverTheOrder() throws {
        let work = try makeFolder(self, ["r/one.vmt": "scenario shared\nextends minimal\n",
                                         "r/two.vmt": "extends standard\nscenario shared\n",
                                         "out/one.yaml": "previous\n"])
        let run = runEngine(["r"], in: work)
        XCTAssertEqual(errors(run), ["r/one.vmt: two recipes are named 'shared'", "r/two.vmt: two recipes are named 'shared'"])
        XCTAssertTrue(run.outputs.isEmpty)
        XCTAssertEqual(run.summary.failed, 2)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("out/one.yaml"), encoding: .utf8), "previous\n")
    }

    func testTwoFoldersThatAreOneThroughASymbolicLinkClash() throws {
        let work = try makeFolder(self, ["r/a.vmt": "extends minimal\nseed 1\noutput real/x.yaml\n",
                                         "r/b.vmt": "extends minimal\nseed 2\noutput alias/x.yaml\n",
                                         "out/real/x.yaml": "previous\n"])
        try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("out/alias").path, withDestinationPath: "real")
        let run = runEngine(["r"], in: work)
        XCTAssertEqual(run.summary.failed, 2, "\(run.diagnostics)")
        XCTAssertTrue(run.outputs.isEmpty)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("out/real/x.yaml"), encoding: .utf8), "previous\n")
        // `check` does not look at the output folder: there the paths differ.
        XCTAssertEqual(runEngine(["r"], in: work, mode: .validate).summary.failed, 0)
    }

    func testAPartialBuildStillSeesAClashWithARecipeOutsideTheSelection() throws {
        let work = try makeFolder(self, ["scenarios.d/a.vmt": "extends minimal\noutput x.yaml\n",
                                         "scenarios.d/b.vmt": "extends minimal\noutput x.yaml\n"])
        XCTAssertEqual(runEngine(["scenarios.d"], in: work).summary.failed, 2)
        let partial = runEngine(["scenarios.d/a.vmt"], in: work)
        XCTAssertEqual(partial.summary.failed, 1)
        XCTAssertEqual(errors(partial), ["scenarios.d/a.vmt: two recipes would write 'x.yaml'",
                                         "scenarios.d/b.vmt: two recipes would write 'x.yaml'"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/x.yaml").path))
    }
}

extension URL {
    /// The URL, after creating its folder.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
