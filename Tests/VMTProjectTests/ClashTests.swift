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

    // MARK: A clashing recipe that also fails for another reason

    /// The attacker's example: c4 fails (agents 0) and writes the file c5 writes; both must be
    /// named, and c5 must not be written.
    func testARecipeThatAlsoFailsStillClashes() throws {
        let work = try makeFolder(self, ["scenarios.d/c4.vmt": "extends minimal\nscenario c4\noutput same.yaml\nagents 0\n",
                                         "scenarios.d/c5.vmt": "extends minimal\nscenario c5\noutput same.yaml\n"])
        let run = runEngine(["scenarios.d"], in: work)
        XCTAssertEqual(errors(run), ["scenarios.d/c4.vmt: agents must be greater than 0",
                                     "scenarios.d/c4.vmt: two recipes would write 'same.yaml'",
                                     "scenarios.d/c5.vmt: two recipes would write 'same.yaml'"])
        XCTAssertTrue(run.outputs.isEmpty, "\(run.outputs.map(\.output))")
        XCTAssertEqual(run.summary.failed, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/same.yaml").path))
        // A partial build of the good recipe alone refuses it too.
        XCTAssertEqual(errors(runEngine(["scenarios.d/c5.vmt"], in: work)).filter { $0.hasPrefix("scenarios.d/c5") },
                       ["scenarios.d/c5.vmt: two recipes would write 'same.yaml'"])
    }

    func testASyntaxErrorElsewhereStillClashesButAnUnreadOutputLineClaimsNothing() throws {
        let work = try makeFolder(self, ["r/a.vmt": "extends minimal\noutput same.yaml\nagents many\n",
                                         "r/b.vmt": "extends minimal\noutput same.yaml\n",
                                         // Its output line does not read: where it would write is not known.
                                         "r/c.vmt": "extends minimal\noutput ../b.yaml\n",
                                         "r/d.vmt": "extends minimal\noutput c.yaml\n"])
        let run = runEngine(["r"], in: work, mode: .validate)
        let clashes = errors(run).filter { $0.contains("two recipes") }
        XCTAssertEqual(clashes, ["r/a.vmt: two recipes would write 'same.yaml'", "r/b.vmt: two recipes would write 'same.yaml'"])
        XCTAssertEqual(run.outputs.map(\.output), ["c.yaml"], "d.vmt is not said to clash with c.vmt's default path")
    }

    func testAFailingSweepStillClaimsItsVariantsOutputs() throws {
        let work = try makeFolder(self, ["r/s.vmt": "extends minimal\nvary seed 1, 2\noutput s/{seed}.yaml\nagents 0\n",
                                         "r/t.vmt": "extends minimal\noutput s/2.yaml\n",
                                         // Broken parent: its variants are not known, so it claims nothing.
                                         "r/u.vmt": "extends nothing_here\nvary seed 1, 2\noutput u/{seed}.yaml\n",
                                         "r/v.vmt": "extends minimal\noutput u/1.yaml\n"])
        let run = runEngine(["r"], in: work, mode: .validate)
        XCTAssertEqual(errors(run).filter { $0.contains("two recipes") },
                       ["r/s.vmt: two recipes would write 's/2.yaml'", "r/t.vmt: two recipes would write 's/2.yaml'"])
        XCTAssertEqual(run.outputs.map(\.output), ["u/1.yaml"])
    }

    func testANameClashIsFoundWhenOneRecipeAlsoFails() throws {
        let work = try makeFolder(self, ["r/a.vmt": "scenario same\nextends minimal\nagents 0\n",
                                         "r/b.vmt": "scenario same\nextends minimal\ngrid many\n",
                                         "r/c.vmt": "scenario same\nextends minimal\n"])
        let run = runEngine(["r"], in: work, mode: .validate)
        XCTAssertEqual(errors(run).filter { $0.contains("named") },
                       ["r/a.vmt: two recipes are named 'same'", "r/b.vmt: two recipes are named 'same'",
                        "r/c.vmt: two recipes are named 'same'"])
        XCTAssertTrue(run.outputs.isEmpty)
    }

    /// The one check: the resolution's clash list is what build, list, plan and lsp read.
    func testTheSharedCheckNamesBothRecipes() throws {
        let work = try makeFolder(self, ["scenarios.d/c4.vmt": "extends minimal\nscenario c4\noutput same.yaml\nagents 0\n",
                                         "scenarios.d/c5.vmt": "extends minimal\nscenario c5\noutput same.yaml\n"])
        let project = Project.load(["scenarios.d"], currentDirectory: work.path)
        let clashes = ProjectResolution.resolve(project).outputClashes()
        XCTAssertEqual(clashes.failed, ["scenarios.d/c4.vmt", "scenarios.d/c5.vmt"])
        XCTAssertEqual(clashes.diagnostics.map(\.code), [.recipesWriteOneFile, .recipesWriteOneFile])
    }
}

extension URL {
    /// The URL, after creating its folder.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
