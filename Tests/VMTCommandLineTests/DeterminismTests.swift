// Determinism: the same recipes give the same bytes whatever the locale, the time zone, the
// number of cores and the order in which the recipe files were created (or are listed).
//
// The first two tests run the built `vmt-dsl` executable on a copy of `scenarios.d` (found from
// this file's path) under several environments and compare every byte it writes and prints with a
// baseline run (LC_ALL=C, TZ=UTC, every core). The locales de_DE.UTF-8 and fr_FR.UTF-8 write
// decimals with a comma; when the machine does not have them installed but has `localedef`, the
// test compiles them into a temporary LOCPATH so that they really are in effect, and checks that
// (`locale decimal_point` prints ","). One core is `taskset -c CPU` (the first CPU this process
// may use), when /usr/bin/taskset exists.
//
// The third test gives `Resolver.resolve` the same sources in many orders and compares the
// resolved variants (their specs, names, output paths and rendered YAML) and the diagnostics.
import Foundation
import XCTest
@testable import VMTCommandLine
import VMTCore
import VMTRecipe

final class DeterminismTests: XCTestCase {
    /// The repository's `scenarios.d`.
    static let scenariosFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // VMTCommandLineTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package
        .appendingPathComponent("scenarios.d")

    // MARK: Files

    /// Every regular file below `folder` (links not followed), by path relative to it.
    static func files(below folder: URL) -> [String: Data] {
        var found: [String: Data] = [:]
        func walk(_ relative: String) {
            let absolute = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for name in (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder.path + "/" + path, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    walk(path)
                } else if (info.st_mode & S_IFMT) == S_IFREG {
                    found[path] = FileManager.default.contents(atPath: folder.path + "/" + path)
                }
            }
        }
        walk("")
        return found
    }

    /// The recipe files of `scenarios.d`, sorted by path.
    static func recipeFiles() throws -> [(path: String, bytes: Data)] {
        let found = files(below: scenariosFolder).filter { $0.key.hasSuffix(".vmt") }
        XCTAssertGreaterThanOrEqual(found.count, 15, "scenarios.d holds the example recipes")
        return found.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Creates `files` below `folder`, one after the other in the order given (folders as needed).
    static func create(_ files: [(path: String, bytes: Data)], in folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.bytes.write(to: url)
        }
    }

    /// The names `readdir` gives for `folder`, in its order (not sorted).
    static func rawListing(_ folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    /// Where two trees of files differ: paths only in one, and paths whose bytes differ.
    static func differences(_ expected: [String: Data], _ actual: [String: Data]) -> [String] {
        var found: [String] = []
        for path in Set(expected.keys).union(actual.keys).sorted() {
            switch (expected[path], actual[path]) {
            case (nil, _): found.append("only in this run: \(path)")
            case (_, nil): found.append("missing in this run: \(path)")
            case let (a?, b?) where a != b: found.append("different bytes: \(path)")
            default: break
            }
        }
        return found
    }

    /// A generator of pseudo-random numbers with a fixed seed (SplitMix64), for repeatable shuffles.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    // MARK: Running the executable

    /// This process's environment without anything that selects a locale or a time zone.
    static var neutralEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { key, _ in
            !(key == "LANG" || key == "LANGUAGE" || key == "TZ" || key == "LOCPATH" || key.hasPrefix("LC_"))
        }
    }

    /// Runs `executable ARGUMENTS` in `directory` with exactly `environment`; standard output and
    /// error go to files, so neither can fill a pipe and block the other.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL,
                    environment: [String: String]) throws -> CommandRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-dsl-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CommandRun(status: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The first CPU this process may run on (from /proc/self/status), else 0.
    static var firstAllowedCPU: Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
              let list = line.split(separator: ":").last else { return 0 }
        let first = list.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }
        return Int(first) ?? 0
    }

    static let taskset = URL(fileURLWithPath: "/usr/bin/taskset")

    /// One way of running the tool: its environment, and whether it is held to one core.
    struct Setting {
        let label: String
        let environment: [String: String]
        let oneCore: Bool
    }

    /// Runs the built `vmt-dsl` under `setting` (through `taskset -c CPU` for one core).
    static func runBinary(_ arguments: [String], in directory: URL, _ setting: Setting) throws -> CommandRun {
        let binary = try productsDirectory().appendingPathComponent("vmt-dsl")
        if setting.oneCore {
            return try run(taskset, ["-c", String(firstAllowedCPU), binary.path] + arguments, in: directory,
                           environment: setting.environment)
        }
        return try run(binary, arguments, in: directory, environment: setting.environment)
    }

    /// The environment variables that select `locale` (for example de_DE.UTF-8), with a LOCPATH
    /// holding a compiled copy when the system does not have it and `localedef` can make it.
    /// The second value says whether the locale is known to be in effect.
    func localeEnvironment(_ locale: String, scratch: URL) throws -> (variables: [String: String], inEffect: Bool) {
        var variables = ["LC_ALL": locale, "LANG": locale]
        let localeTool = URL(fileURLWithPath: "/usr/bin/locale")
        guard FileManager.default.fileExists(atPath: localeTool.path) else { return (variables, false) }
        func decimalPoint(_ extra: [String: String]) throws -> String {
            try Self.run(localeTool, ["decimal_point"], in: scratch, environment: Self.neutralEnvironment.merging(extra) { $1 })
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if try decimalPoint(variables) == "," { return (variables, true) }
        let localedef = URL(fileURLWithPath: "/usr/bin/localedef")
        guard FileManager.default.fileExists(atPath: localedef.path), let dot = locale.firstIndex(of: ".") else {
            return (variables, false)
        }
        let folder = scratch.appendingPathComponent("locales")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // localedef exits 1 for mere warnings; whether the locale works is checked below.
        _ = try Self.run(localedef, ["-i", String(locale[..<dot]), "-f", String(locale[locale.index(after: dot)...]),
                                     folder.appendingPathComponent(locale).path],
                         in: scratch, environment: Self.neutralEnvironment)
        variables["LOCPATH"] = folder.path
        return (variables, try decimalPoint(variables) == ",")
    }

    // MARK: Tests

    /// `build`, `check`, `explain` and `generate` print and write the same bytes under every
    /// locale, time zone and core count.
    func testSameBytesUnderEveryLocaleTimeZoneAndCoreCount() throws {
        let work = try temporaryDirectory(self)
        try Self.create(try Self.recipeFiles(), in: work.appendingPathComponent("recipes"))

        let base = Self.neutralEnvironment
        let german = try localeEnvironment("de_DE.UTF-8", scratch: work)
        let french = try localeEnvironment("fr_FR.UTF-8", scratch: work)
        if FileManager.default.fileExists(atPath: "/usr/bin/localedef") {
            XCTAssertTrue(german.inEffect, "de_DE.UTF-8 could be compiled, so its comma decimals must be in effect")
            XCTAssertTrue(french.inEffect, "fr_FR.UTF-8 could be compiled, so its comma decimals must be in effect")
        }
        let utc = ["TZ": "UTC"], kiritimati = ["TZ": "Pacific/Kiritimati"], c = ["LC_ALL": "C", "LANG": "C"]
        let hasTaskset = FileManager.default.fileExists(atPath: Self.taskset.path)
        var settings = [
            Setting(label: "C, UTC, every core", environment: base.merging(c) { $1 }.merging(utc) { $1 }, oneCore: false),
            Setting(label: "de_DE.UTF-8", environment: base.merging(german.variables) { $1 }.merging(utc) { $1 }, oneCore: false),
            Setting(label: "fr_FR.UTF-8", environment: base.merging(french.variables) { $1 }.merging(utc) { $1 }, oneCore: false),
            Setting(label: "TZ=Pacific/Kiritimati", environment: base.merging(c) { $1 }.merging(kiritimati) { $1 }, oneCore: false),
            Setting(label: "no LANG, LC_ALL or TZ at all", environment: base, oneCore: false),
        ]
        if hasTaskset {
            settings += [
                Setting(label: "one core", environment: base.merging(c) { $1 }.merging(utc) { $1 }, oneCore: true),
                Setting(label: "fr_FR.UTF-8, Pacific/Kiritimati, one core",
                        environment: base.merging(french.variables) { $1 }.merging(kiritimati) { $1 }, oneCore: true),
            ]
            let cores = try Self.runBinary(["--version"], in: work, settings[5])
            XCTAssertEqual(cores.status, 0, "taskset -c \(Self.firstAllowedCPU) runs the tool: \(cores.stderr)")
            if FileManager.default.fileExists(atPath: "/usr/bin/nproc") {
                // One core really is all a process started this way sees.
                let seen = try Self.run(Self.taskset, ["-c", String(Self.firstAllowedCPU), "/usr/bin/nproc"], in: work,
                                        environment: base)
                XCTAssertEqual(seen.stdout, "1\n")
            }
        }
        if FileManager.default.fileExists(atPath: "/bin/date") {
            // The time zone really is in effect for the processes started here.
            let offset = try Self.run(URL(fileURLWithPath: "/bin/date"), ["+%z"], in: work, environment: settings[3].environment)
            XCTAssertEqual(offset.stdout, "+1400\n")
        }

        /// What one setting printed and wrote.
        struct Outcome {
            var runs: [(command: String, run: CommandRun)] = []
            var files: [String: Data] = [:]
        }
        let commands: [[String]] = [
            ["build", "recipes", "--out", "out"],
            ["build", "recipes", "--out", "out"],  // the second build finds every file unchanged
            ["check", "recipes"],
            ["check", "recipes", "--format", "json"],
            ["explain", "big_mixed", "recipes"],
            ["explain", "big_mixed", "recipes", "--json"],
            ["explain", "recipes/sweeps/regimes.vmt", "recipes", "--variant", "17"],
            ["generate", "demo", "--preset", "mixed_economy", "--seed", "42", "--output", "out/generated/demo.yaml"],
            ["generate", "dens", "--agents", "7", "--grid", "9", "--inventory-range", "3,30", "--utilities",
             "ces,linear,quadratic,translog,stone_geary", "--resources", "0.35,6,2", "--exchange-regime", "mixed",
             "--seed", "-12345678901234567890", "--output", "out/generated/dens.yaml"],
        ]
        var outcomes: [Outcome] = []
        for (index, setting) in settings.enumerated() {
            // Each setting works in its own folder, named alike, so printed paths are comparable.
            let folder = work.appendingPathComponent("run-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: work.appendingPathComponent("recipes"), to: folder.appendingPathComponent("recipes"))
            var outcome = Outcome()
            for command in commands {
                let run = try Self.runBinary(command, in: folder, setting)
                XCTAssertEqual(run.status, 0, "\(setting.label): \(command.joined(separator: " ")): \(run.stderr)")
                outcome.runs.append((command.joined(separator: " "), run))
            }
            outcome.files = Self.files(below: folder.appendingPathComponent("out"))
            outcomes.append(outcome)
        }

        let baseline = try XCTUnwrap(outcomes.first)
        XCTAssertGreaterThanOrEqual(baseline.files.count, 40, "scenarios.d builds its sweep and every other recipe")
        XCTAssertTrue(baseline.runs[0].run.stdout.hasPrefix("built "), baseline.runs[0].run.stdout)
        XCTAssertTrue(baseline.runs[1].run.stdout.contains(": 0 scenarios written, "), baseline.runs[1].run.stdout)
        XCTAssertTrue(baseline.runs[5].run.stdout.contains("\"resources.density\""), "explain --json shows decimals")
        for (setting, outcome) in zip(settings, outcomes).dropFirst() {
            for (expected, actual) in zip(baseline.runs, outcome.runs) {
                XCTAssertEqual(actual.run.stdout, expected.run.stdout, "\(setting.label): \(actual.command): standard output")
                XCTAssertEqual(actual.run.stderr, expected.run.stderr, "\(setting.label): \(actual.command): standard error")
            }
            XCTAssertEqual(Self.differences(baseline.files, outcome.files), [], "\(setting.label): the files written")
        }
    }

    /// The order in which recipe files are created does not change a byte of the build. On ext4
    /// (and most disk file systems) a folder lists its names in hash order whatever the creation
    /// order, so this may not change what the tool reads first; tmpfs does list in creation
    /// order (newest first). `testResolverGivesTheSameVariantsForEveryOrderOfItsSources` covers
    /// the order of the sources directly.
    func testSameBytesWhateverTheOrderTheRecipeFilesWereCreatedIn() throws {
        let work = try temporaryDirectory(self)
        let sorted = try Self.recipeFiles()
        var generator = SplitMix(state: 20_261_126)
        let orders: [(String, [(path: String, bytes: Data)])] = [
            ("sorted", sorted),
            ("reversed", sorted.reversed()),
            ("shuffled-1", sorted.shuffled(using: &generator)),
            ("shuffled-2", sorted.shuffled(using: &generator)),
        ]
        XCTAssertNotEqual(orders[2].1.map(\.path), sorted.map(\.path), "the shuffle changed the order")
        let setting = Setting(label: "C", environment: Self.neutralEnvironment.merging(["LC_ALL": "C", "TZ": "UTC"]) { $1 },
                              oneCore: false)
        var results: [(label: String, build: CommandRun, check: CommandRun, files: [String: Data])] = []
        var listings: Set<[String]> = []
        for (label, files) in orders {
            let folder = work.appendingPathComponent(label)
            try Self.create(files, in: folder.appendingPathComponent("recipes"))
            listings.insert(Self.rawListing(folder.appendingPathComponent("recipes/phase2")))
            let build = try Self.runBinary(["build", "recipes", "--out", "out"], in: folder, setting)
            let check = try Self.runBinary(["check", "recipes", "--format", "json"], in: folder, setting)
            XCTAssertEqual(build.status, 0, "\(label): \(build.stderr)")
            results.append((label, build, check, Self.files(below: folder.appendingPathComponent("out"))))
        }
        let baseline = try XCTUnwrap(results.first)
        XCTAssertGreaterThanOrEqual(baseline.files.count, 40)
        for result in results.dropFirst() {
            XCTAssertEqual(result.build.stdout, baseline.build.stdout, result.label)
            XCTAssertEqual(result.build.stderr, baseline.build.stderr, result.label)
            XCTAssertEqual(result.check.stdout, baseline.check.stdout, result.label)
            XCTAssertEqual(Self.differences(baseline.files, result.files), [], "\(result.label): the files written")
        }
        // Not an assertion (it depends on the file system): whether the listing order changed at all.
        print("DeterminismTests: \(listings.count) distinct listing order(s) of recipes/phase2 over \(orders.count) creation orders")
    }

    /// Everything the resolver says about one set of sources, in a form that does not depend
    /// on the order of the sources: per recipe file, its variants (name, output, spec, YAML).
    struct ResolvedView: Equatable {
        struct Variant: Equatable {
            var name: String
            var output: String
            var spec: ScenarioSpec
            var yaml: [UInt8]?
        }
        var variants: [String: [Variant]] = [:]
        var chains: [String: [String]] = [:]
        var diagnostics: [String] = []
        var failed: Set<String> = []
        var warned: Set<String> = []

        init(_ resolution: Resolution) {
            for scenario in resolution.scenarios {
                chains[scenario.source.path] = scenario.chain
                variants[scenario.source.path] = scenario.variants.map { variant in
                    let yaml: [UInt8]?
                    switch ScenarioFile.render(variant.spec) {
                    case .success(let bytes): yaml = bytes
                    case .failure: yaml = nil
                    }
                    return Variant(name: variant.name.value, output: variant.output.value, spec: variant.spec, yaml: yaml)
                }
            }
            diagnostics = resolution.diagnostics.map { diagnostic in
                "\(diagnostic) notes: \(diagnostic.notes.map { "\($0.range.map(String.init(describing:)) ?? "-"): \($0.message)" }) hint: \(diagnostic.hint ?? "-")"
            }.sorted()
            failed = resolution.failedPaths
            warned = resolution.warnedPaths
        }
    }

    /// `Resolver.resolve` gives the same variants, specs, YAML and diagnostics for every order
    /// of its sources: for scenarios.d, and for a set with a cycle, a child of a broken recipe, a
    /// child of a recipe that only fails validation, missing fields and warnings.
    func testResolverGivesTheSameVariantsForEveryOrderOfItsSources() throws {
        let examples = try Self.recipeFiles().map { file in
            RecipeSource(path: "scenarios.d/" + file.path, relativePath: file.path, bytes: [UInt8](file.bytes))
        }
        let broken: [RecipeSource] = [
            ("loop.vmt", "extends loop\n"),
            ("orphan.vmt", "extends loop\nseed 3\n"),
            ("syntax.vmt", "extends minimal\nagents 5 ~\n"),
            ("child_of_syntax.vmt", "extends syntax\nseed 4\n"),
            ("invalid.vmt", "extends minimal\nseed 1\nutilities ces:0.2, linear:0.2\n"),
            ("child_of_invalid.vmt", "extends invalid\nutilities ces\n"),
            ("missing.vmt", "agents 5\ngrid 5\n"),
            ("redundant.vmt", "extends minimal\nagents 10\nseed 9\n"),
            ("sweep.vmt", "extends standard\nvary seed 1..4\nvary regime mixed, money_only\n"),
            ("base.vmt", "template\nextends money_demo\nmoney 5..50\n"),
            ("kid.vmt", "extends base\nseed 8\nset vision_radius 3\n"),
        ].map { RecipeSource(path: "broken/" + $0.0, relativePath: $0.0, bytes: Array($0.1.utf8)) }

        for (label, sources) in [("scenarios.d", examples), ("a set with errors", broken), ("both", examples + broken)] {
            let baseline = ResolvedView(Resolver.resolve(sources))
            XCTAssertFalse(baseline.variants.isEmpty, label)
            if label == "scenarios.d" {
                XCTAssertEqual(baseline.diagnostics, [], "scenarios.d resolves cleanly")
                XCTAssertTrue(baseline.variants.values.joined().allSatisfy { $0.yaml != nil }, "every example renders")
                XCTAssertEqual(baseline.variants["scenarios.d/sweeps/regimes.vmt"]?.count, 30)
            } else {
                XCTAssertTrue(baseline.failed.contains("broken/loop.vmt"), label)
                XCTAssertTrue(baseline.failed.contains("broken/orphan.vmt"), label)
                XCTAssertTrue(baseline.failed.contains("broken/invalid.vmt") || baseline.variants["broken/invalid.vmt"]?.first?.yaml == nil, label)
                XCTAssertTrue(baseline.warned.contains("broken/redundant.vmt"), label)
                XCTAssertEqual(baseline.variants["broken/sweep.vmt"]?.count, 8, label)
                XCTAssertNotNil(baseline.variants["broken/child_of_invalid.vmt"], "\(label): judged on its own fields")
            }
            var generator = SplitMix(state: 42)
            var orders: [[RecipeSource]] = [sources.reversed()]
            for _ in 0..<12 { orders.append(sources.shuffled(using: &generator)) }
            for (number, order) in orders.enumerated() {
                let view = ResolvedView(Resolver.resolve(order))
                XCTAssertEqual(Set(view.variants.keys), Set(baseline.variants.keys), "\(label), order \(number): the recipes resolved")
                for (path, variants) in baseline.variants {
                    XCTAssertEqual(view.variants[path], variants, "\(label), order \(number): \(path)")
                }
                XCTAssertEqual(view.chains, baseline.chains, "\(label), order \(number): the extends chains")
                XCTAssertEqual(view.diagnostics, baseline.diagnostics, "\(label), order \(number): the diagnostics")
                XCTAssertEqual(view.failed, baseline.failed, "\(label), order \(number): the failed recipes")
                XCTAssertEqual(view.warned, baseline.warned, "\(label), order \(number): the recipes that warned")
            }
        }
    }

    /// A cycle of two recipes is reported the same way whatever the order of the sources: the
    /// same file, line and chain. Today the report sits at the `extends` line of whichever member
    /// the resolver reaches second, so `check x y` and `check y x` (or two listing orders given to
    /// the resolver) disagree: `y/b.vmt:2:9: error: extends cycle: a -> b -> a` against
    /// `x/a.vmt:2:9: error: extends cycle: b -> a -> b`. Fails until Sources are fixed; see the report.
    func testATwoRecipeCycleIsReportedTheSameWayInEitherOrder() throws {
        let work = try temporaryDirectory(self)
        try Self.create([("x/a.vmt", Data("scenario a\nextends b\n".utf8)), ("y/b.vmt", Data("scenario b\nextends a\n".utf8))],
                        in: work)
        let forward = runTool(["check", "x", "y"], in: work)
        let backward = runTool(["check", "y", "x"], in: work)
        XCTAssertEqual(forward.status, 1)
        XCTAssertEqual(backward.status, 1)
        XCTAssertTrue(forward.stderr.contains("error: extends cycle: "), forward.stderr)
        XCTAssertEqual(forward.stderr, backward.stderr, "the cycle's report does not depend on the order of the folders")

        let sources = [RecipeSource(path: "x/a.vmt", relativePath: "a.vmt", bytes: Array("scenario a\nextends b\n".utf8)),
                       RecipeSource(path: "y/b.vmt", relativePath: "b.vmt", bytes: Array("scenario b\nextends a\n".utf8))]
        XCTAssertEqual(ResolvedView(Resolver.resolve(sources)).diagnostics,
                       ResolvedView(Resolver.resolve(sources.reversed())).diagnostics)
    }
}
