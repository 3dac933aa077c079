import XCTest
import VMTCore
@testable import VMTProject

/// SHA-1 against FIPS 180-4's vectors, and blob ids against what `git hash-object` prints.
final class PlanGitBlobIDTests: XCTestCase {
    func sha1(_ bytes: [UInt8]) -> String {
        var sha = SHA1()
        sha.update(bytes)
        return SHA256.hex(sha.finalize())
    }

    func testSHA1Vectors() {
        XCTAssertEqual(sha1(Array("abc".utf8)), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(sha1([]), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(sha1(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        var split = SHA1()
        for _ in 0..<1000 { split.update([UInt8](repeating: 0x61, count: 1000)) }
        XCTAssertEqual(SHA256.hex(split.finalize()), "34aa973cd4c4daa4f61eeb2bdbad27316534016f", "one million 'a'")
    }

    func testBlobIDs() {
        let sha1Like = String(repeating: "0", count: 40)
        XCTAssertEqual(GitBlobID.id(of: [], like: sha1Like), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        XCTAssertEqual(GitBlobID.id(of: Array("hello\n".utf8), like: sha1Like), "ce013625030ba8dba906f756967f9e9ca394464a")
        XCTAssertEqual(GitBlobID.id(of: Array("hello\n".utf8), like: String(repeating: "0", count: 64)),
                       "2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4", "a SHA-256 repository")
        XCTAssertNil(GitBlobID.id(of: [], like: "abc"))
    }
}
