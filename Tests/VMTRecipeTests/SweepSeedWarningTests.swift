import XCTest
@testable import VMTRecipe

/// VMT415: a sweep without a seed whose varied fields leave the draws alone compares
/// different populations (each variant's seed comes from its name).
final class SweepSeedWarningTests: XCTestCase {
    private func resolve(_ text: String, allowing: Set<DiagnosticCode> = []) -> Resolution {
        Resolver.resolve([RecipeSource(path: "r.vmt", relativePath: "r.vmt", bytes: Array(text.utf8))], allowing: allowing)
    }

    private let protocolSweep = "vmt 2025-11\nextends minimal\nscenario s_{bargaining}\nvary bargaining split_difference, take_it_or_leave_it\n"

    func testAProtocolSweepWithoutASeedWarnsAtItsVaryLine() {
        let resolution = resolve(protocolSweep)
        XCTAssertEqual(resolution.diagnostics.map(\.code), [.sweepWithoutSeed])
        XCTAssertEqual(resolution.diagnostics.first?.severity, .warning)
        XCTAssertEqual(resolution.diagnostics.first?.range.start.line, 4)
        XCTAssertEqual(resolution.warnedPaths, ["r.vmt"], "-W fails such a recipe")
    }

    func testASeedOrAnAllowSilencesIt() {
        XCTAssertEqual(resolve(protocolSweep + "seed 7\n").diagnostics, [])
        XCTAssertEqual(resolve(protocolSweep.replacingOccurrences(of: "s_{bargaining}", with: "s_{bargaining}_{seed}")
                               + "vary seed 1, 2\n").diagnostics, [])
        XCTAssertEqual(resolve(protocolSweep, allowing: [.sweepWithoutSeed]).diagnostics, [])
        let commented = "vmt 2025-11\nextends minimal\nscenario s_{bargaining}\n# vmt-dsl: allow VMT415\n"
            + "vary bargaining split_difference, take_it_or_leave_it\n"
        XCTAssertEqual(resolve(commented).diagnostics, [])
    }

    func testOnlyFieldsOutsideTheDrawsWarn() {
        let cases: [(String, [DiagnosticCode])] = [
            ("vary grid 10, 20\n", [.sweepWithoutSeed]),
            ("vary resources.density 0.1, 0.2\n", [.sweepWithoutSeed]),
            ("vary set.beta 0.9, 0.95\n", [.sweepWithoutSeed]),
            ("vary agents 4, 6\n", []),
            ("vary inventory 1..5, 1..9\n", []),
            ("vary grid 10, 20\nvary agents 4, 6\n", []),
            ("vary grid 10\n", []),
            ("vary regime money_only, mixed\n", [.sweepWithoutSeed]),
            ("vary regime barter_only, mixed\n", []),
        ]
        for (lines, expected) in cases {
            XCTAssertEqual(resolve("extends minimal\n" + lines).diagnostics.map(\.code), expected, lines)
        }
    }

    func testTheDrawingFieldsAreStated() {
        let drawing = VaryField.fixed.filter(Resolver.entersDraws).map(\.name)
        XCTAssertEqual(drawing, ["agents", "regime", "seed", "inventory", "money"])
        XCTAssertFalse(Resolver.entersDraws(.parameter("beta")))
    }
}
