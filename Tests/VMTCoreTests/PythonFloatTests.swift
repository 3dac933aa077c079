import XCTest
@testable import VMTCore

/// `round(x, 2)` and float spelling, against values computed by CPython 3.11 and PyYAML 6.0.
final class PythonFloatTests: XCTestCase {
    func testRoundMatchesPythonWhereNaiveRoundingDoesNot() {
        // (x, Python's round(x, 2)); rounding x * 100 half away from zero gives the other neighbour.
        let cases: [(Double, Double)] = [(2.655, 2.65), (0.705, 0.7), (0.235, 0.23), (-1.105, -1.1), (2.675, 2.67),
                                         (2.545, 2.54), (0.125, 0.12), (0.375, 0.38), (1.0 - 0.66, 0.34)]
        for (x, expected) in cases {
            XCTAssertEqual(PythonFloat.round2(x), expected, "round(\(x), 2)")
        }
        XCTAssertEqual(PythonFloat.round2(-1e-17).sign, .minus, "round(-1e-17, 2) is -0.0")
    }

    func testTheFastRoundAgreesWithTheExactOne() {
        var random = PythonRandom(seed: Seed(2026))
        for scale in [1e-3, 1.0, 10.0, 1000.0, 1e9, 1e14, 1e17] {
            for _ in 0..<20_000 {
                let x = random.uniform(-scale, scale)
                XCTAssertEqual(PythonFloat.round2(x), PythonFloat.round2Exact(x), "\(x)")
                // Values on and next to a decimal half, where the fast path must step aside.
                let tie = (x * 100).rounded(.down) / 100 + 0.005
                for y in [tie, tie.nextUp, tie.nextDown] {
                    XCTAssertEqual(PythonFloat.round2(y), PythonFloat.round2Exact(y), "\(y)")
                }
            }
        }
    }

    func testYAMLSpellingMatchesPyYAML() {
        let cases: [(Double, String)] = [
            (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"), (0.95, "0.95"), (1e-12, "1.0e-12"), (1e-6, "1.0e-06"),
            (1e6, "1000000.0"), (1e16, "1.0e+16"), (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"), (0.0001, "0.0001"), (0.00001, "1.0e-05"),
            (1.5e-7, "1.5e-07"), (2.5e20, "2.5e+20"), (-0.17, "-0.17"), (100000.0, "100000.0"),
            (0.1 + 0.2, "0.30000000000000004"), (Double.leastNonzeroMagnitude, "5.0e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (.infinity, ".inf"), (-.infinity, "-.inf"),
        ]
        for (x, expected) in cases {
            XCTAssertEqual(PythonFloat.yaml(x), expected, "\(x)")
        }
    }

    func testWeightsFollowTheReferenceRule() {
        XCTAssertEqual(Generator.mixWeights([UtilityEntry(.ces)]), [1.0])
        XCTAssertEqual(Generator.mixWeights([.ces, .linear, .quadratic].map { UtilityEntry($0) }), [0.33, 0.33, 0.34])
        XCTAssertEqual(Generator.mixWeights(Array(repeating: UtilityEntry(.ces), count: 6)), [0.17, 0.17, 0.17, 0.17, 0.17, 0.15])
        XCTAssertEqual(Generator.mixWeights([UtilityEntry(.ces, weight: 0.6), UtilityEntry(.linear, weight: 0.4)]), [0.6, 0.4])
    }
}
