// Arithmetic on integers of any size kept as decimal text: the bounds of a `vary seed` range may
// have up to a thousand digits, so counting and walking a range cannot use a fixed-width type
// (an `Int128` traps on `high - low + 1` at its edges, and is not available on every platform).

/// Integers as normalised decimal text (`-` when negative, no `+`, no leading zeros, `0` for
/// zero; see `RecipeRules.normalizedInteger`).
enum IntegerText {
    /// `high - low + 1`, the number of integers in `low...high`, when it is at most `limit`;
    /// nil when it is more (however large). `low` must not be greater than `high`.
    static func count(from low: String, through high: String, limit: Int) -> Int? {
        let difference = subtract(high, low)
        guard let span = Int(difference) else { return nil }
        let (count, overflow) = span.addingReportingOverflow(1)
        return !overflow && count <= limit ? count : nil
    }

    /// `a × b` for non-negative normalised texts, as normalised text (any size; never traps).
    static func product(_ a: String, _ b: String) -> String {
        let x = Array(a.utf8).map { Int($0) - 48 }, y = Array(b.utf8).map { Int($0) - 48 }
        var result = [Int](repeating: 0, count: x.count + y.count)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            var carry = 0
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                let sum = result[i + j + 1] + x[i] * y[j] + carry
                result[i + j + 1] = sum % 10
                carry = sum / 10
            }
            result[i] += carry
        }
        let digits = trimmed(result.map { UInt8($0) })
        return String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    /// Whether the non-negative normalised text `a` is greater than `limit`.
    static func exceeds(_ a: String, _ limit: Int) -> Bool {
        guard let value = Int(a) else { return true }
        return value > limit
    }

    /// `high - low + 1` as text, however large (for messages). `low` must not be greater than `high`.
    static func countText(from low: String, through high: String) -> String {
        var digits = Array(subtract(high, low).utf8).map { $0 - 48 }
        increment(&digits)
        return String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    /// The integers `low, low + 1, …` (`count` of them), as normalised text.
    static func walk(from low: String, count: Int) -> [String] {
        guard count > 0 else { return [] }
        var negative = low.hasPrefix("-")
        var digits = Array((negative ? low.dropFirst() : Substring(low)).utf8).map { $0 - 48 }
        var result: [String] = []
        result.reserveCapacity(count)
        for step in 0..<count {
            if step > 0 {
                if negative {
                    decrement(&digits)
                    if digits == [0] { negative = false }
                } else {
                    increment(&digits)
                }
            }
            result.append((negative ? "-" : "") + String(decoding: digits.map { $0 + 48 }, as: UTF8.self))
        }
        return result
    }

    /// `a - b` for normalised texts with `a >= b`, as normalised text.
    static func subtract(_ a: String, _ b: String) -> String {
        let negativeA = a.hasPrefix("-"), negativeB = b.hasPrefix("-")
        let magnitudeA = Array((negativeA ? a.dropFirst() : Substring(a)).utf8).map { $0 - 48 }
        let magnitudeB = Array((negativeB ? b.dropFirst() : Substring(b)).utf8).map { $0 - 48 }
        let digits: [UInt8]
        switch (negativeA, negativeB) {
        case (false, false): digits = minus(magnitudeA, magnitudeB)  // a ≥ b ≥ 0
        case (true, true): digits = minus(magnitudeB, magnitudeA)    // 0 > a ≥ b: |b| - |a|
        default: digits = plus(magnitudeA, magnitudeB)               // a ≥ 0 > b: |a| + |b|
        }
        return String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    /// `x + y` for magnitudes (most significant digit first).
    private static func plus(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        var i = x.count - 1, j = y.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let sum = (i >= 0 ? x[i] : 0) + (j >= 0 ? y[j] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
            i -= 1
            j -= 1
        }
        return trimmed(result.reversed())
    }

    /// `x - y` for magnitudes with `x >= y`.
    private static func minus(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var borrow: UInt8 = 0
        var j = y.count - 1
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            let subtrahend = (j >= 0 ? y[j] : 0) + borrow
            if x[i] >= subtrahend {
                result.append(x[i] - subtrahend)
                borrow = 0
            } else {
                result.append(x[i] + 10 - subtrahend)
                borrow = 1
            }
            j -= 1
        }
        return trimmed(result.reversed())
    }

    /// Adds 1 to a magnitude.
    private static func increment(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                return
            }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
    }

    /// Subtracts 1 from a magnitude of at least 1.
    private static func decrement(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] > 0 {
                digits[index] -= 1
                break
            }
            digits[index] = 9
            index -= 1
        }
        digits = trimmed(digits)
    }

    /// Without leading zeros; `[0]` for zero.
    private static func trimmed(_ digits: [UInt8]) -> [UInt8] {
        let rest = Array(digits.drop { $0 == 0 })
        return rest.isEmpty ? [0] : rest
    }
}
