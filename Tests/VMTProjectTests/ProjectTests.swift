import Foundation
import VMTRecipe
import XCTest
@testable import VMTProject

/// A folder of files for one test, removed afterwards.
func makeFolder(_ test: XCTestCase, _ files: [String: String]) throws -> URL {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-project-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: work) }
    for (path, text) in files {
        let url = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return work
}

/// Every file under `folder` (relative path → bytes), hidden files included.
func tree(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
    for case let relative as String in walker {
        var isFolder: ObjCBool = false
        let path = folder.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            files[relative] = FileManager.default.contents(atPath: path)
        }
    }
    return files
}

/// What one engine run reported.
struct EngineRun {
    var problems: [String] = []
    var diagnostics: [Diagnostic] = []
    var outputs: [(output: String, recipe: String, status: OutputStatus)] = []
    var summary = BuildSummary()
}

/// Runs the engine over `paths` in `work`.
func runEngine(_ paths: [String], in work: URL, mode: BuildMode = .write, out: String = "out",
               maxBuildVariants: Int = BuildEngine.defaultMaxBuildVariants, overlays: [String: [UInt8]] = [:]) -> EngineRun {
    var run = EngineRun()
    let options = BuildOptions(mode: mode, outputFolder: work.appendingPathComponent(out).path, maxBuildVariants: maxBuildVariants)
    BuildEngine.run(paths, currentDirectory: work.path, options: options, overlays: overlays) { event in
        switch event {
        case .problem(let problem): run.problems.append(problem)
        case .diagnostics(let found): run.diagnostics += found
        case .output(let planned, let status, _):
            if case .invalid(let found) = status { run.diagnostics += found }
            run.outputs.append((planned.output, planned.sourcePath, status))
        case .finished(let summary): run.summary = summary
        case .leftover, .pruned, .orphan, .keptOrphan, .manifestProblem, .overwroteOtherProject: break  // only with options.manifest
        }
    }
    return run
}

final class ProjectTests: XCTestCase {
    /// A project with a template, sibling parents, a sweep and a subfolder.
    private let project: [String: String] = [
        "scenarios.d/base.vmt": "scenario base\ntemplate\nextends minimal\nagents 12\n",
        "scenarios.d/lab/money_lab.vmt": "scenario money_lab\ntemplate\nextends money_demo\n",
        "scenarios.d/lab/money_lab_rich.vmt": "extends money_lab\nmoney 50..90\n",
        "scenarios.d/lab/money_lab_poor.vmt": "extends money_lab\nmoney 1..9\n",
        "scenarios.d/lab/deep/sweep.vmt": "extends base\nvary seed 1..3\n",
        "scenarios.d/plain.vmt": "extends base\nseed 4\n",
    ]

    // MARK: Roots

    func testTheRootIsTheNearestScenariosFolderOrMarker() throws {
        let work = try makeFolder(self, ["a/scenarios.d/b/.vmt-project": "", "a/scenarios.d/b/c/x.vmt": "", "loose/y.vmt": ""])
        let base = work.path
        XCTAssertEqual(Project.root(of: base + "/a/scenarios.d/b/c/x.vmt", isFolder: false).path, base + "/a/scenarios.d/b")
        XCTAssertEqual(Project.root(of: base + "/a/scenarios.d", isFolder: true).path, base + "/a/scenarios.d")
        let loose = Project.root(of: base + "/loose/y.vmt", isFolder: false)
        XCTAssertEqual(loose.path, base + "/loose")
        XCTAssertFalse(loose.isProject)
    }

    func testAFolderInNoProjectIsItsOwnRootAndALoneFileHasItsSiblings() throws {
        let work = try makeFolder(self, ["some/folder/a.vmt": "extends minimal\n", "some/folder/sub/b.vmt": "extends minimal\n",
                                         "lone/child.vmt": "extends parent\n", "lone/parent.vmt": "extends minimal\n",
                                         "lone/sub/ignored.vmt": "broken\n"])
        let folder = Project.load(["some/folder"], currentDirectory: work.path)
        XCTAssertEqual(folder.sources.map(\.relativePath), ["a.vmt", "sub/b.vmt"])
        XCTAssertEqual(folder.sources.map(\.path), ["some/folder/a.vmt", "some/folder/sub/b.vmt"])
        let lone = Project.load(["lone/child.vmt"], currentDirectory: work.path)
        XCTAssertEqual(lone.sources.map(\.path), ["lone/child.vmt", "lone/parent.vmt"], "siblings only, not subfolders")
        XCTAssertEqual(lone.selectedPaths, ["lone/child.vmt"])
        let run = runEngine(["lone/child.vmt"], in: work, mode: .validate)
        XCTAssertEqual(run.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertEqual(run.summary.valid, 1)
    }

    func testOneFileSelectsOneRecipeAndItsParentsInSiblingFilesResolve() throws {
        let work = try makeFolder(self, project)
        let run = runEngine(["scenarios.d/lab/money_lab_rich.vmt"], in: work, mode: .validate)
        XCTAssertEqual(run.problems, [])
        XCTAssertEqual(run.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertEqual(run.summary.recipes, 1)
        XCTAssertEqual(run.outputs.map(\.output), ["lab/money_lab_rich.yaml"])
    }

    func testDisplayPathsOfParentsOutsideTheSelectionClimbFromTheGivenPath() throws {
        let work = try makeFolder(self, project)
        let inside = work.appendingPathComponent("scenarios.d/lab").path
        let loaded = Project.load(["money_lab_rich.vmt"], currentDirectory: inside)
        XCTAssertTrue(loaded.sources.map(\.path).contains("../base.vmt"), "\(loaded.sources.map(\.path))")
        XCTAssertEqual(loaded.selectedPaths, ["money_lab_rich.vmt"])
        let fromTop = Project.load(["scenarios.d/lab"], currentDirectory: work.path)
        XCTAssertTrue(fromTop.sources.map(\.path).contains("scenarios.d/base.vmt"))
        XCTAssertTrue(fromTop.sources.map(\.path).contains("scenarios.d/lab/deep/sweep.vmt"))
    }

    // MARK: Partial builds agree with full ones

    func testAPartialBuildWritesTheSameFilesAsTheFullBuild() throws {
        let work = try makeFolder(self, project)
        let full = runEngine(["scenarios.d"], in: work, out: "full")
        XCTAssertTrue(full.summary.succeeded, "\(full.problems) \(full.diagnostics)")
        let fullTree = tree(work.appendingPathComponent("full"))
        XCTAssertEqual(Set(fullTree.keys), ["lab/money_lab_rich.yaml", "lab/money_lab_poor.yaml", "lab/deep/sweep_seed-1.yaml",
                                            "lab/deep/sweep_seed-2.yaml", "lab/deep/sweep_seed-3.yaml", "plain.yaml"])
        let cases: [(name: String, paths: [String], expected: Set<String>)] = [
            ("a folder", ["scenarios.d/lab"], ["lab/money_lab_rich.yaml", "lab/money_lab_poor.yaml", "lab/deep/sweep_seed-1.yaml",
                                               "lab/deep/sweep_seed-2.yaml", "lab/deep/sweep_seed-3.yaml"]),
            ("a deeper folder", ["scenarios.d/lab/deep/"], ["lab/deep/sweep_seed-1.yaml", "lab/deep/sweep_seed-2.yaml",
                                                             "lab/deep/sweep_seed-3.yaml"]),
            ("one file", ["scenarios.d/lab/money_lab_rich.vmt"], ["lab/money_lab_rich.yaml"]),
            ("two files", ["scenarios.d/plain.vmt", "scenarios.d/lab/deep/sweep.vmt"],
             ["plain.yaml", "lab/deep/sweep_seed-1.yaml", "lab/deep/sweep_seed-2.yaml", "lab/deep/sweep_seed-3.yaml"]),
        ]
        for (index, test) in cases.enumerated() {
            let out = "partial\(index)"
            let run = runEngine(test.paths, in: work, out: out)
            XCTAssertTrue(run.summary.succeeded, "\(test.name): \(run.problems) \(run.diagnostics)")
            let partial = tree(work.appendingPathComponent(out))
            XCTAssertEqual(Set(partial.keys), test.expected, test.name)
            for (path, bytes) in partial { XCTAssertEqual(bytes, fullTree[path], "\(test.name): \(path)") }
        }
    }

    func testAPartialBuildFromInsideTheProjectWritesTheSamePaths() throws {
        let work = try makeFolder(self, project)
        _ = runEngine(["scenarios.d"], in: work, out: "full")
        let lab = work.appendingPathComponent("scenarios.d/lab")
        let options = BuildOptions(mode: .write, outputFolder: work.appendingPathComponent("inner").path)
        let summary = BuildEngine.run(["."], currentDirectory: lab.path, options: options) { _ in }
        XCTAssertEqual(summary.written, 5)
        let inner = tree(work.appendingPathComponent("inner"))
        let full = tree(work.appendingPathComponent("full"))
        XCTAssertEqual(Set(inner.keys), Set(full.keys.filter { $0.hasPrefix("lab/") }))
        for (path, bytes) in inner { XCTAssertEqual(bytes, full[path], path) }
    }

    // MARK: Selections that select nothing

    func testAMistypedPathOrAnEmptyFolderIsAProblem() throws {
        let work = try makeFolder(self, project.merging(["empty/notes.txt": "x"]) { $1 })
        let missing = runEngine(["scenarios.d/lba"], in: work, mode: .validate)
        XCTAssertEqual(missing.problems, ["no such file or folder: scenarios.d/lba"])
        XCTAssertFalse(missing.summary.succeeded)
        let empty = runEngine(["empty"], in: work, mode: .validate)
        XCTAssertEqual(empty.problems, ["no recipes (*.vmt) under empty"])
        XCTAssertEqual(empty.summary.failed, 1)
        XCTAssertEqual(empty.summary.recipes, 0)
    }

    // MARK: Overlays

    func testAnOverlayReplacesAFileAndAddsAnUnsavedOne() throws {
        let work = try makeFolder(self, project)
        let rich = work.appendingPathComponent("scenarios.d/lab/money_lab_rich.vmt").path
        let unsaved = work.appendingPathComponent("scenarios.d/lab/new.vmt").path
        let run = runEngine(["scenarios.d/lab"], in: work, mode: .validate,
                            overlays: [rich: Array("extends money_lab\nmoney 50..\n".utf8),
                                       unsaved: Array("extends money_lab\nseed 3\n".utf8)])
        XCTAssertTrue(run.diagnostics.contains { $0.severity == .error && $0.range.file == "scenarios.d/lab/money_lab_rich.vmt" })
        XCTAssertTrue(run.outputs.contains { $0.output == "lab/new.yaml" })
    }

    // MARK: Limits and memory

    func testTheVariantsOfABuildAreLimitedAsAWhole() throws {
        let work = try makeFolder(self, ["r/a.vmt": "extends minimal\nvary seed 1..6\n", "r/b.vmt": "extends minimal\nvary seed 1..6\n"])
        let run = runEngine(["r"], in: work, maxBuildVariants: 10)
        XCTAssertEqual(run.problems.count, 1)
        XCTAssertTrue(run.problems[0].hasPrefix("this build would write 12 scenarios, more than the limit of 10 per build"), run.problems[0])
        XCTAssertTrue(run.outputs.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path), "nothing written")
        XCTAssertTrue(runEngine(["r"], in: work, maxBuildVariants: 12).summary.succeeded)
    }

    func testVariantsAreMadeWhenAskedFor() throws {
        let sources = [RecipeSource(path: "s.vmt", relativePath: "s.vmt",
                                    bytes: Array("extends minimal\nvary seed 1..10000\nvary agents 2, 3\n".utf8))]
        let resolution = Resolver.resolve(sources, maxVariants: 20_000)
        let variants = try XCTUnwrap(resolution.scenarios.first).variants
        XCTAssertEqual(variants.count, 20_000)
        XCTAssertEqual(variants[0].name.value, "s_seed-1_agents-2")
        XCTAssertEqual(variants[19_999].name.value, "s_seed-10000_agents-3")
        XCTAssertEqual(variants[3].spec.seed.description, "2")
        XCTAssertEqual(variants[3].spec.agents, 3)
        XCTAssertEqual(variants.nameAndOutput(at: 5).output, "s_seed-3_agents-3.yaml")
        XCTAssertEqual(variants[5].index, 6)
    }

    func testALargeOutputIsStreamedComparedAndRewrittenOnlyWhenChanged() throws {
        // 100,000 agents make a file of about 1.4 MB: past the in-memory limit.
        let work = try makeFolder(self, ["r/big.vmt": "extends minimal\nagents 100000\ngrid 400\nseed 9\n"])
        let first = runEngine(["r"], in: work)
        XCTAssertEqual(first.summary.written, 1)
        let file = work.appendingPathComponent("out/big.yaml")
        let bytes = try Data(contentsOf: file)
        XCTAssertGreaterThan(bytes.count, BuildEngine.inMemoryLimit)
        XCTAssertEqual(runEngine(["r"], in: work).summary.unchanged, 1)
        XCTAssertEqual(runEngine(["r"], in: work, mode: .compare).summary.unchanged, 1)
        var changed = bytes
        changed[changed.count - 2] ^= 1
        try changed.write(to: file)
        XCTAssertEqual(runEngine(["r"], in: work, mode: .compare).summary.stale, 1)
        try (bytes + Data("x".utf8)).write(to: file)
        XCTAssertEqual(runEngine(["r"], in: work, mode: .compare).summary.stale, 1, "a longer file is stale")
        XCTAssertEqual(runEngine(["r"], in: work).summary.written, 1)
        XCTAssertEqual(try Data(contentsOf: file), bytes)
    }

    func testARecipeThatIsNotARegularFileIsRefusedWithoutReadingIt() throws {
        let work = try makeFolder(self, ["r/ok.vmt": "extends minimal\nseed 1\n"])
        try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("r/zero.vmt").path,
                                                   withDestinationPath: "/dev/zero")
        let run = runEngine(["r"], in: work, mode: .validate)
        XCTAssertEqual(run.problems, ["cannot read r/zero.vmt: it is a character device, not a regular file"])
        XCTAssertEqual(run.summary.valid, 1)
        if FileManager.default.isReadableFile(atPath: "/proc/self/pagemap") {
            try FileManager.default.removeItem(atPath: work.appendingPathComponent("r/zero.vmt").path)
            try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("r/pagemap.vmt").path,
                                                       withDestinationPath: "/proc/self/pagemap")
            // Reported 0 bytes long; read until the limit (or until the kernel refuses), never whole.
            let proc = runEngine(["r"], in: work, mode: .validate)
            XCTAssertEqual(proc.problems.count, 1)
            XCTAssertTrue(proc.problems.first?.contains("r/pagemap.vmt") ?? false, "\(proc.problems)")
        }
    }
}
