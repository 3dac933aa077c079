import XCTest
@testable import VMTCore

/// Pinned utility parameters and explicit stock change only what they name: the draws they
/// replace still happen, so every other value stays what it was.
final class PinAndStockTests: XCTestCase {
    private func standard(regime: ExchangeRegime = .mixed) -> ScenarioSpec {
        var spec = ScenarioSpec(name: "s", preset: Preset.named("standard")!, seed: Seed(42))
        spec.regime = regime
        return spec
    }

    func testAPinChangesOnlyThePinnedParameter() {
        let plain = Generator.generate(standard())
        var pinnedSpec = standard()
        pinnedSpec.pins = ["ces.rho": 0.5, "quadratic.gamma": 0.125]
        let pinned = Generator.generate(pinnedSpec)
        XCTAssertEqual(pinned.inventoryA, plain.inventoryA)
        XCTAssertEqual(pinned.inventoryB, plain.inventoryB)
        XCTAssertEqual(pinned.inventoryM, plain.inventoryM)
        for (a, b) in zip(plain.utilities, pinned.utilities) {
            for ((name, before), (_, after)) in zip(a.parameters, b.parameters) {
                switch (a.type, name) {
                case (.ces, "rho"): XCTAssertEqual(after, 0.5)
                case (.quadratic, "gamma"): XCTAssertEqual(after, 0.125, "a pin is written as given, not rounded")
                default: XCTAssertEqual(after, before, "\(a.type).\(name)")
                }
            }
        }
    }

    func testPinningWASetsWBUnlessPinnedToo() {
        var spec = standard()
        spec.pins = ["ces.wA": 0.3, "stone_geary.alpha_A": 0.45]
        let scenario = Generator.generate(spec)
        let ces = scenario.utilities.first { $0.type == .ces }!.parameters
        XCTAssertEqual(ces.map(\.value)[1...2], [0.3, 0.7])
        let geary = scenario.utilities.first { $0.type == .stoneGeary }!.parameters
        XCTAssertEqual(geary.map(\.value)[0...1], [0.45, 0.55])
        spec.pins["ces.wB"] = 0.6
        let both = Generator.generate(spec).utilities.first { $0.type == .ces }!.parameters
        XCTAssertEqual(both.map(\.value)[1...2], [0.3, 0.6])
    }

    func testExplicitStockChangesOnlyThatGood() {
        var spec = standard()
        spec.agents = 3
        let plain = Generator.generate(spec)
        spec.stock = [.a: [7, 8, 9]]
        let explicit = Generator.generate(spec)
        XCTAssertEqual(explicit.inventoryA, [7, 8, 9])
        XCTAssertNotEqual(plain.inventoryA, [7, 8, 9])
        XCTAssertEqual(explicit.inventoryB, plain.inventoryB)
        XCTAssertEqual(explicit.inventoryM, plain.inventoryM)
        XCTAssertEqual(explicit.utilities, plain.utilities)
        guard case .success(let bytes) = ScenarioFile.render(spec) else { return XCTFail("does not render") }
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("  A:\n  - 7\n  - 8\n  - 9\n  B:\n"))
    }

    func testPinsAndStockAreValidated() {
        var spec = standard()
        spec.pins = ["ces.rho": 1.0, "linear.vA": 0, "ces.wA": 1.2, "translog.beta_AB": -5]
        spec.agents = 2
        spec.stock = [.a: [1, 2, 3], .b: [-1, 4], .m: [0, 0]]
        XCTAssertEqual(Validator.validate(spec), [
            ValidationIssue(.pin("ces.rho"), "ces.rho must not be 1 (got 1.0)"),
            ValidationIssue(.pin("ces.wA"), "ces.wA must be < 1, as wB = 1 - wA must stay > 0 (got 1.2)"),
            ValidationIssue(.pin("linear.vA"), "linear.vA must be > 0 (got 0.0)"),
            ValidationIssue(.stock(.a), "inventory A lists 3 values for 2 agents"),
            ValidationIssue(.stock(.b), "inventory B values must be >= 0 (agent 1 has -1)"),
        ])
    }

    func testAPinnedSubsistenceLevelAboveAStockIsBlamedOnThePin() {
        var spec = standard(regime: .barterOnly)
        spec.pins = ["stone_geary.gamma_A": 20]
        XCTAssertEqual(Validator.validate(spec), [])
        guard case .failure(.invalid(let failure)) = ScenarioFile.render(spec) else { return XCTFail("must fail") }
        let issues = failure.issues
        XCTAssertEqual(issues.map(\.field), [.pin("stone_geary.gamma_A")])
        XCTAssertTrue(issues[0].message.hasPrefix("stone_geary needs every A inventory > gamma_A = 20.0"), issues[0].message)
    }
}
