// Git's object id of a file's bytes ("blob <size>\0" + bytes, hashed with SHA-1, or SHA-256
// in a repository of that object format), so a plan can tell which recipes are the same at the
// base revision without asking git to read them.
import VMTCore

/// The git blob id of some bytes.
enum GitBlobID {
    /// The id of `bytes` as a blob, in the format of `like` (40 hex digits: SHA-1; 64: SHA-256);
    /// nil for any other length.
    static func id(of bytes: [UInt8], like other: String) -> String? {
        let header = Array("blob \(bytes.count)\u{0}".utf8)
        switch other.count {
        case 40:
            var sha = SHA1()
            sha.update(header)
            sha.update(bytes)
            return SHA256.hex(sha.finalize())
        case 64:
            var sha = SHA256()
            sha.update(header)
            sha.update(bytes)
            return SHA256.hex(sha.finalize())
        default:
            return nil
        }
    }
}

/// SHA-1 (FIPS 180-4), only as git's object name: not for anything that needs security.
struct SHA1 {
    private var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    /// Adds `bytes` to the message.
    mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        buffer += bytes
        var start = 0
        while buffer.count - start >= 64 {
            compress(buffer[start..<(start + 64)])
            start += 64
        }
        buffer.removeFirst(start)
    }

    /// The 20-byte digest of everything added.
    mutating func finalize() -> [UInt8] {
        let bits = length &* 8
        var tail = buffer + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        var start = 0
        while start < tail.count {
            compress(tail[start..<(start + 64)])
            start += 64
        }
        buffer = []
        return state.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
    }

    private mutating func compress(_ block: ArraySlice<UInt8>) {
        var w = [UInt32](repeating: 0, count: 80)
        let base = block.startIndex
        for i in 0..<16 {
            w[i] = UInt32(block[base + 4 * i]) << 24 | UInt32(block[base + 4 * i + 1]) << 16
                | UInt32(block[base + 4 * i + 2]) << 8 | UInt32(block[base + 4 * i + 3])
        }
        for i in 16..<80 { w[i] = rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
        var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
        for i in 0..<80 {
            let f: UInt32, k: UInt32
            switch i {
            case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
            case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
            case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
            default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
            }
            let t = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
            (e, d, c, b, a) = (d, c, rotate(b, 30), a, t)
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
    }

    private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }
}
