// How much of a scenario's file a change rewrites: bytes before and after, and the lines a
// line diff removes and adds (Myers' O(ND) edit distance over the lines, after trimming the
// common head and tail; bounded, so a huge file cannot take long).

/// Bytes and lines of a file before and after a change.
public struct OutputDelta: Equatable, Sendable {
    /// Bytes before.
    public var oldBytes: Int
    /// Bytes after.
    public var newBytes: Int
    /// Lines before.
    public var oldLines: Int
    /// Lines after.
    public var newLines: Int
    /// Lines a line diff removes.
    public var removedLines: Int
    /// Lines a line diff adds.
    public var addedLines: Int
    /// True when the diff gave up at its bound and the two counts are an upper bound (every
    /// differing line between the common head and tail counted as removed and added).
    public var approximate: Bool

    /// The work (lines × edits) the line diff may do before it settles for the upper bound.
    public static let maxWork = 30_000_000

    /// Compares two files' bytes.
    public init(old: [UInt8], new: [UInt8]) {
        oldBytes = old.count
        newBytes = new.count
        let a = Self.lines(old), b = Self.lines(new)
        oldLines = a.count
        newLines = b.count
        // Trim the common head and tail.
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let x = Array(a[head..<(a.count - tail)]), y = Array(b[head..<(b.count - tail)])
        let limit = max(1_000, Self.maxWork / max(1, x.count + y.count))
        if let edits = Self.editDistance(x, y, limit: limit) {
            // removed − added = x.count − y.count, removed + added = edits.
            removedLines = (edits + x.count - y.count) / 2
            addedLines = (edits - x.count + y.count) / 2
            approximate = false
        } else {
            removedLines = x.count
            addedLines = y.count
            approximate = true
        }
    }

    /// The file's lines, each as a hash of its bytes (a final line without a newline counts).
    static func lines(_ bytes: [UInt8]) -> [Int] {
        var result: [Int] = []
        var hasher = Hasher()
        var open = false
        for byte in bytes {
            if byte == 10 {
                result.append(hasher.finalize())
                hasher = Hasher()
                open = false
            } else {
                hasher.combine(byte)
                open = true
            }
        }
        if open { result.append(hasher.finalize()) }
        return result
    }

    /// The fewest insertions plus deletions turning `a` into `b` (Myers 1986), or nil past `limit`.
    static func editDistance(_ a: [Int], _ b: [Int], limit: Int) -> Int? {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return n + m }
        let bound = min(n + m, limit)
        let offset = bound + 1
        var v = [Int](repeating: 0, count: 2 * bound + 3)
        for d in 0...bound {
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m { return d }
                k += 2
            }
        }
        return nil
    }
}
