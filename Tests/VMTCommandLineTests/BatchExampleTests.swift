import Foundation
import XCTest
import VMTCore

/// The batch-runner examples in `examples/batch/`, run as a user runs them: on a small sweep,
/// with a stand-in simulator that logs its command line and checks the scenario (with the
/// scenario validator of ../shared/tools when it and PyYAML are there). Every scenario must be
/// run exactly once, with its own seed and varied values.
final class BatchExampleTests: XCTestCase {
    /// The repository's root (this file is Tests/VMTCommandLineTests/…).
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A project with a 3 × 2 × 2 sweep and one plain recipe (13 scenarios), and the stand-in
    /// simulator `sim.sh` (which runs the validator when `validate` and it is there).
    private func sweepProject(validate: Bool = true) throws -> URL {
        let work = try temporaryDirectory(self)
        let recipes = work.appendingPathComponent("scenarios.d")
        try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
        try Data("""
            scenario sw_{regime}_{seed}
            extends minimal
            vary regime barter_only, mixed, money_only
            vary seed 1..2
            vary set.vision_radius 3, 4
            output sweep/{regime}/{seed}-{set.vision_radius}.yaml

            """.utf8).write(to: recipes.appendingPathComponent("sweep.vmt"))
        try Data("extends minimal\nseed 17\n".utf8).write(to: recipes.appendingPathComponent("one.vmt"))
        let check: String
        if validate, let validator = validator() {
            check = "python3 '\(validator)' \"$1\" > /dev/null"
        } else {
            // The stand-in for the validator: the file is there and is a scenario.
            check = "head -n 1 \"$1\" | grep -qx 'schema_version: 1'"
        }
        let simulator = work.appendingPathComponent("sim.sh")
        try Data("#!/bin/sh\nset -e\n\(check)\necho \"$*\" >> \"$RUN_LOG\"\n".utf8).write(to: simulator)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: simulator.path)
        return work
    }

    /// validate_scenario.py from SHARED_DIR or ../shared (../../shared from a worktree), when
    /// python3 with PyYAML can run it.
    private func validator() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["SHARED_DIR"].map { URL(fileURLWithPath: $0) },
                          repository.deletingLastPathComponent().appendingPathComponent("shared"),
                          repository.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")]
        guard let found = candidates.compactMap({ $0?.appendingPathComponent("tools/validate_scenario.py").path })
            .first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        let probe = try? shell("python3 -c 'import yaml'", in: repository, environment: [:])
        return probe?.status == 0 ? found : nil
    }

    /// Runs `command` with bash in `folder`; the environment adds `environment` to ours.
    private func shell(_ command: String, in folder: URL, environment: [String: String]) throws -> CommandRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", "-c", command]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Output goes to files: two pipes read one after the other could block the child.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("out"), errURL = capture.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CommandRun(status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                          stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// The command line each scenario of `list --format json` should get, by output path.
    private func expectedRuns(_ work: URL) throws -> [String] {
        let list = runTool(["list", "--format", "json"], in: work)
        XCTAssertEqual(list.status, 0, list.stderr)
        return try list.stdout.split(separator: "\n").map { line in
            let entry = try JSON.parse(String(line))
            let output = try XCTUnwrap(entry["output"]?.stringValue)
            let seed = try XCTUnwrap(entry["seed"]?.stringValue)
            var run = "scenarios/\(output) --seed \(seed)"
            if case .object(let values)? = entry["variant"]?["values"] {
                for (field, value) in values where field != "seed" { run += " --vary \(field)=\(value.stringValue ?? "")" }
            }
            return run
        }.sorted()
    }

    /// The log's lines, sorted (the runs finish in any order).
    private func loggedRuns(_ log: URL) throws -> [String] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init).sorted()
    }

    func testTheOneMachineExampleRunsEveryScenarioOnce() throws {
        let executable = try productsDirectory().appendingPathComponent("vmt-dsl").path
        var runners = ["xargs"]
        if (try? shell("parallel --version | grep -q 'GNU parallel'", in: repository, environment: [:]))?.status == 0 {
            runners.append("parallel")
        }
        for runner in runners {
            let work = try sweepProject()
            let log = work.appendingPathComponent("runs.log")
            let run = try shell("'\(repository.path)/examples/batch/run-local.sh'", in: work, environment: [
                "VMT_DSL": executable, "SIMULATOR": "./sim.sh", "JOBS": "3", "RUNNER": runner, "RUN_LOG": log.path,
            ])
            XCTAssertEqual(run.status, 0, "\(runner): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("running 13 scenario(s), 3 at a time, with \(runner)"), run.stderr)
            let expected = try expectedRuns(work)
            XCTAssertEqual(expected.count, 13)
            XCTAssertEqual(Set(expected).count, 13)
            XCTAssertEqual(try loggedRuns(log), expected, "\(runner): every scenario once, with its seed and values")
            XCTAssertTrue(expected.contains("scenarios/sweep/mixed/2-4.yaml --seed 2 --vary regime=mixed --vary set.vision_radius=4"))
            XCTAssertTrue(expected.contains("scenarios/one.yaml --seed 17"))
        }
    }

    /// The Slurm example, submitted through a stand-in `sbatch` that runs every array task of
    /// `--array=1-N%M` in turn, as a cluster would (with SLURM_ARRAY_TASK_ID and a copy of the
    /// batch script elsewhere, as Slurm's spool); with arrays of at most 5, in three chunks.
    func testTheSlurmExampleGivesOneTaskPerScenario() throws {
        let executable = try productsDirectory().appendingPathComponent("vmt-dsl").path
        let work = try sweepProject(validate: false)
        let bin = work.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let sbatch = bin.appendingPathComponent("sbatch")
        try Data("""
            #!/usr/bin/env bash
            set -euo pipefail
            array=; args=()
            for a in "$@"; do case $a in --array=*) array=${a#--array=} ;; *) args+=("$a") ;; esac; done
            range=${array%%%*}
            spool=$(mktemp -d); cp "${args[0]}" "$spool/job"
            echo "$array" >> "$SBATCH_LOG"
            for ((i = ${range%-*}; i <= ${range#*-}; i++)); do
              SLURM_ARRAY_TASK_ID=$i SLURM_SUBMIT_DIR=$PWD bash "$spool/job" "${args[@]:1}"
            done

            """.utf8).write(to: sbatch)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sbatch.path)
        let log = work.appendingPathComponent("runs.log")
        let run = try shell("'\(repository.path)/examples/batch/submit-slurm.sh'", in: work, environment: [
            "VMT_DSL": executable, "SIMULATOR": "./sim.sh", "RUN_LOG": log.path, "MAX_ARRAY": "5",
            "SBATCH_LOG": work.appendingPathComponent("sbatch.log").path,
            "PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("sbatch.log"), encoding: .utf8), "1-5%50\n1-5%50\n1-3%50\n")
        XCTAssertEqual(try loggedRuns(log), try expectedRuns(work))
    }

    /// run-one.sh refuses what it cannot read right rather than running the wrong scenario.
    func testRunOneRefusesBadRowsAndQuotedCSV() throws {
        let work = try temporaryDirectory(self)
        try Data("output,recipe,scenario,variant,seed\n\"a,b.yaml\",r.vmt,s,,1\n".utf8)
            .write(to: work.appendingPathComponent("jobs.csv"))
        let script = "'\(repository.path)/examples/batch/run-one.sh'"
        for (row, message) in [("1", "quoted CSV"), ("2", "has no row 2"), ("0", "must be a number")] {
            let run = try shell("\(script) jobs.csv \(row)", in: work, environment: ["SIMULATOR": "echo"])
            XCTAssertEqual(run.status, 2, row)
            XCTAssertTrue(run.stderr.contains(message), run.stderr)
        }
    }
}
