import Foundation
import XCTest
@testable import VMTCommandLine

/// What a command printed and returned, run in-process.
struct CommandRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `vmt-dsl ARGUMENTS` in-process with `directory` as its current folder.
func runTool(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) -> CommandRun {
    var stdout = "", stderr = ""
    let context = CommandContext(currentDirectory: directory.path,
                                 standardOutput: { stdout += $0 }, standardError: { stderr += $0 },
                                 environment: environment)
    let status = CommandLineTool.main(arguments, context: context)
    return CommandRun(status: status, stdout: stdout, stderr: stderr)
}

/// A fresh empty folder, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vmt-dsl-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// The folder of the golden corpus copied from ../shared/golden.
func goldenDirectory() throws -> URL {
    let fixtures = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return fixtures.appendingPathComponent("golden")
}

/// Every file name in `directory`, sorted.
func listing(_ directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
}

/// The folder holding the built products (the `vmt-dsl` executable among them).
func productsDirectory() throws -> URL {
    try XCTUnwrap(Bundle.module.resourceURL).deletingLastPathComponent()
}

/// Runs the built `vmt-dsl` executable as a separate process.
func runExecutable(_ arguments: [String], in directory: URL) throws -> CommandRun {
    let process = Process()
    process.executableURL = try productsDirectory().appendingPathComponent("vmt-dsl")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
}

/// A scenario file with `name` (the stock of a tiny barter scenario), after `comment` (whole
/// lines), with `params` appended inside its `params` mapping.
func writeScenario(_ name: String, to url: URL, comment: String = "", params: String = "") throws {
    try Data((comment + """
        schema_version: 1
        name: \(name)
        N: 8
        agents: 3
        initial_inventories: {A: [8, 4, 6], B: [4, 8, 6]}
        utilities: {mix: [{type: linear, weight: 1.0, params: {vA: 1, vB: 2}}]}
        resource_seed: {density: 0.3, amount: 5}
        params: {resource_growth_rate: 1, resource_max_amount: 5\(params)}

        """).utf8).write(to: url)
}
