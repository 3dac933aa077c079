import XCTest
@testable import VMTCore

/// SHA-256 against the examples of FIPS 180-4 (NIST's "Cryptographic Standards and Guidelines"
/// example values for SHA-256) and the long-message vector of the original test suite.
final class SHA256Tests: XCTestCase {
    func testNISTVectors() {
        let cases: [(name: String, message: [UInt8], digest: String)] = [
            ("one block, \"abc\"", Array("abc".utf8),
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("empty message", [],
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("two blocks, the 448-bit message", Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            ("the 896-bit message", Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                                          + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ]
        for test in cases {
            XCTAssertEqual(SHA256.hexDigest(test.message), test.digest, test.name)
        }
    }

    func testOneMillionA() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hexDigest(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Incremental updates in pieces of every awkward size give the one-shot digest: the
    /// buffering across block boundaries is right.
    func testIncrementalUpdatesMatchOneShot() {
        let message = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hexDigest(message)
        XCTAssertEqual(whole, "f8aed270a592b255d90b04785c0b130a968ae204948fc2755db1861c810c6c83", "Python hashlib's digest")
        for piece in [1, 3, 55, 56, 63, 64, 65, 1000] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                hasher.update(message[start..<min(start + piece, message.count)])
                start += piece
            }
            XCTAssertEqual(SHA256.hex(hasher.finalize()), whole, "pieces of \(piece)")
        }
    }

    /// Messages whose padding lands on each side of a block boundary (55, 56, 63, 64 bytes),
    /// against digests from `sha256sum`.
    func testPaddingBoundaries() {
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ]
        for (count, digest) in expected {
            XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: count)), digest, "\(count) bytes")
        }
    }
}
