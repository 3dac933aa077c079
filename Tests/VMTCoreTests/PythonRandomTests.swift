import XCTest
@testable import VMTCore

/// Values produced by CPython 3.11's `random` module; ours must be the same bit for bit.
final class PythonRandomTests: XCTestCase {
    /// (seed, first three `getrandbits(32)`, then on a fresh generator: `random()`,
    /// `uniform(0.3, 0.7)`, three `randint(1, 100)`, `randint(1, 2**63 - 1)`).
    static let cases: [(String, [UInt32], Double, Double, [Int], Int)] = [
        ("0", [3_626_764_237, 1_654_615_998, 3_255_389_356], 0.8444218515250481, 0.603181761176121, [54, 6, 34], 4_715_676_943_270_851_835),
        ("42", [2_746_317_213, 478_163_327, 107_420_369], 0.6394267984578837, 0.31000430208906676, [36, 32, 29], 6_792_748_013_404_602_858),
        ("-42", [2_746_317_213, 478_163_327, 107_420_369], 0.6394267984578837, 0.31000430208906676, [36, 32, 29], 6_792_748_013_404_602_858),
        ("4294967296", [485_306_839, 1_508_871_100, 1_794_561_286], 0.11299430095636409, 0.4671315459451713, [3, 3, 79], 7_430_782_158_761_337_748),
        ("18446744073709551617", [437_050_517, 3_681_013_637, 3_113_036_029], 0.10175875467846374, 0.5899240715347993, [33, 80, 86], 4_568_044_868_733_267_927),
    ]

    func testMatchesCPython() throws {
        for (text, words, random, uniform, small, big) in Self.cases {
            let seed = try XCTUnwrap(Seed(text), text)
            var first = PythonRandom(seed: seed)
            XCTAssertEqual((0..<3).map { _ in first.next32() }, words, "seed \(text)")
            var second = PythonRandom(seed: seed)
            XCTAssertEqual(second.random(), random, "seed \(text)")
            XCTAssertEqual(second.uniform(0.3, 0.7), uniform, "seed \(text)")
            XCTAssertEqual((0..<3).map { _ in second.randint(1, 100) }, small, "seed \(text)")
            XCTAssertEqual(second.randint(1, Int.max), big, "seed \(text)")
        }
    }

    func testSeedWordsAreLeastSignificantFirst() throws {
        XCTAssertEqual(try XCTUnwrap(Seed("0")).words, [0])
        XCTAssertEqual(try XCTUnwrap(Seed("4294967296")).words, [0, 1])
        XCTAssertEqual(try XCTUnwrap(Seed("18446744073709551617")).words, [1, 0, 1])
        XCTAssertEqual(try XCTUnwrap(Seed("-0042")).description, "-42")
        XCTAssertEqual(try XCTUnwrap(Seed("-0")).description, "0")
        XCTAssertEqual(try XCTUnwrap(Seed("1_000")).description, "1000")
    }

    func testSeedRejectsWhatPythonIntRejects() {
        for text in ["", "-", "1e5", "0x10", "1__0", "_1", "1_", "12a", "٣"] {
            XCTAssertNil(Seed(text), text)
        }
        XCTAssertNil(Seed(String(repeating: "9", count: Seed.maxDigits + 1)))
        XCTAssertNotNil(Seed(String(repeating: "9", count: Seed.maxDigits)))
    }

    func testRandintStaysInRangeAtTheEdges() throws {
        var random = PythonRandom(seed: Seed(7))
        for _ in 0..<1000 {
            XCTAssert((1...2).contains(random.randint(1, 2)))
            XCTAssertEqual(random.randint(5, 5), 5)
            let wide = random.randint(Int.min, Int.max)
            _ = wide  // any Int is in range; the call must not trap
        }
    }
}
