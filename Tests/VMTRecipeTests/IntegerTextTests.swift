import XCTest
@testable import VMTRecipe

/// Counting and walking `vary seed` ranges on decimal text: bounds of any size, never a trap.
final class IntegerTextTests: XCTestCase {
    func testSubtractAcrossSigns() {
        let cases: [(String, String, String)] = [
            ("0", "0", "0"), ("10", "3", "7"), ("3", "-4", "7"), ("-3", "-10", "7"), ("-5", "-5", "0"),
            ("1000", "1", "999"), ("170141183460469231731687303715884105727", "-170141183460469231731687303715884105728",
                                   "340282366920938463463374607431768211455"),
        ]
        for (a, b, expected) in cases {
            XCTAssertEqual(IntegerText.subtract(a, b), expected, "\(a) - \(b)")
        }
    }

    func testCountStopsAtTheLimitWhateverTheSize() {
        XCTAssertEqual(IntegerText.count(from: "1", through: "10000", limit: 10_000), 10_000)
        XCTAssertNil(IntegerText.count(from: "1", through: "10001", limit: 10_000))
        XCTAssertNil(IntegerText.count(from: "0", through: "170141183460469231731687303715884105727", limit: 10_000))
        XCTAssertNil(IntegerText.count(from: "-170141183460469231731687303715884105728", through: "0", limit: 10_000))
        XCTAssertNil(IntegerText.count(from: "-9223372036854775808", through: "9223372036854775807", limit: Int.max))
        XCTAssertEqual(IntegerText.count(from: "-9223372036854775808", through: "-9223372036854775808", limit: 1), 1)
        XCTAssertEqual(IntegerText.count(from: "0", through: "9223372036854775806", limit: Int.max), Int.max)
        XCTAssertNil(IntegerText.count(from: "0", through: "9223372036854775807", limit: Int.max), "Int.max + 1 does not fit")
        XCTAssertEqual(IntegerText.countText(from: "-170141183460469231731687303715884105728", through: "170141183460469231731687303715884105727"),
                       "340282366920938463463374607431768211456")
    }

    func testWalkCrossesZeroAndDigitCounts() {
        XCTAssertEqual(IntegerText.walk(from: "-2", count: 5), ["-2", "-1", "0", "1", "2"])
        XCTAssertEqual(IntegerText.walk(from: "98", count: 3), ["98", "99", "100"])
        XCTAssertEqual(IntegerText.walk(from: "-100", count: 2), ["-100", "-99"])
        XCTAssertEqual(IntegerText.walk(from: "99999999999999999999999999999", count: 2),
                       ["99999999999999999999999999999", "100000000000000000000000000000"])
        XCTAssertEqual(IntegerText.walk(from: "7", count: 0), [])
    }
}
