/// Python's `random.Random`, bit for bit: MT19937 seeded as CPython seeds it.
///
/// Only what the reference generator calls is here: `random()`, `uniform(a, b)` and
/// `randint(a, b)` (through `getrandbits` with rejection, as `_randbelow` does).
public struct PythonRandom: Sendable {
    private static let n = 624
    private static let m = 397
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 625

    /// A generator seeded as `random.seed(seed)` seeds it.
    public init(seed: Seed) {
        initByArray(seed.words)
    }

    /// MT19937's `init_genrand`.
    private mutating func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<Self.n {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        index = Self.n
    }

    /// MT19937's `init_by_array`, as CPython's `_random` module runs it.
    private mutating func initByArray(_ key: [UInt32]) {
        initGenrand(19_650_218)
        var i = 1
        var j = 0
        let keyLength = key.count
        for _ in 0..<max(Self.n, keyLength) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1
            j += 1
            if i >= Self.n {
                state[0] = state[Self.n - 1]
                i = 1
            }
            if j >= keyLength { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n {
                state[0] = state[Self.n - 1]
                i = 1
            }
        }
        state[0] = 0x8000_0000
    }

    /// Regenerates the 624 words of state (the "twist").
    private mutating func twist() {
        let upper: UInt32 = 0x8000_0000
        let lower: UInt32 = 0x7fff_ffff
        let matrix: UInt32 = 0x9908_b0df
        for k in 0..<Self.n {
            let y = (state[k] & upper) | (state[(k + 1) % Self.n] & lower)
            state[k] = state[(k + Self.m) % Self.n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : matrix)
        }
        index = 0
    }

    /// The next 32 random bits (`genrand_uint32`).
    public mutating func next32() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// `random.random()`: a double in [0, 1) with 53 random bits.
    public mutating func random() -> Double {
        let a = Double(next32() >> 5)
        let b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.uniform(a, b)`: `a + (b - a) * random()`, in that floating-point order.
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * random()
    }

    /// `random.randint(low, high)` for `low <= high`, with CPython's rejection sampling.
    ///
    /// The width `high - low + 1` may exceed `Int` (e.g. `Int.min...Int.max`): it is computed
    /// as a `UInt64`, where it always fits except for the full 2^64 range, handled apart.
    public mutating func randint(_ low: Int, _ high: Int) -> Int {
        precondition(low <= high, "randint needs low <= high")
        let span = UInt64(bitPattern: Int64(high) &- Int64(low))  // high - low, exact as unsigned
        let (width, overflow) = span.addingReportingOverflow(1)
        let offset: UInt64
        if overflow {
            offset = randbelowTwoToThe64()
        } else {
            offset = randbelow(width)
        }
        return Int(truncatingIfNeeded: Int64(low) &+ Int64(bitPattern: offset))
    }

    /// `_randbelow_with_getrandbits(n)` for 1 <= n < 2^64.
    private mutating func randbelow(_ n: UInt64) -> UInt64 {
        let bits = UInt64.bitWidth - n.leadingZeroBitCount
        var r = getrandbits(bits)
        while r >= n { r = getrandbits(bits) }
        return r
    }

    /// `_randbelow(2^64)`: 2^64 has bit length 65, so CPython draws `getrandbits(65)` (three
    /// words, the last shifted to one bit) and accepts it when that top bit is 0.
    private mutating func randbelowTwoToThe64() -> UInt64 {
        while true {
            let low = UInt64(next32())
            let high = UInt64(next32())
            let top = next32() >> 31
            if top == 0 { return (high << 32) | low }
        }
    }

    /// `random.getrandbits(k)` for 1 <= k <= 64: whole words least significant first, the last
    /// word shifted right so that exactly k bits remain.
    public mutating func getrandbits(_ k: Int) -> UInt64 {
        precondition(k >= 1 && k <= 64, "getrandbits supports 1...64 bits here")
        if k <= 32 { return UInt64(next32() >> UInt32(32 - k)) }
        let low = UInt64(next32())
        let high = UInt64(next32() >> UInt32(64 - k))
        return (high << 32) | low
    }
}
