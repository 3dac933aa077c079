/// A random seed: an integer of any size, as Python's `random.seed` takes it.
///
/// The reference generator seeds Python's `random` with `int(text)`, so a seed may be negative
/// and have any number of digits. Python seeds MT19937 from the absolute value, split into
/// 32-bit words, least significant first; `words` holds exactly those words.
public struct Seed: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The most decimal digits a seed may have. Python has no limit; ours keeps parsing
    /// (quadratic in the length) instant and is far beyond any seed a person types.
    public static let maxDigits = 1000

    /// True when the seed is below zero (Python seeds with the absolute value).
    public let isNegative: Bool
    /// The magnitude as 32-bit words, least significant first; `[0]` for zero.
    public let words: [UInt32]
    /// The seed in canonical decimal: no plus sign, no leading zeros, `0` never negative.
    public let description: String

    /// Parses decimal text: an optional sign, then digits (Python's `int()` also accepts `_`
    /// between digits and blanks around the number, and so do we). Returns nil for anything else.
    public init?(_ text: String) {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars.removeFirst()
        }
        var digits: [UInt32] = []
        var previousWasDigit = false
        for scalar in scalars {
            if scalar == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard scalar.value >= 48, scalar.value <= 57 else { return nil }
            digits.append(scalar.value - 48)
            previousWasDigit = true
        }
        guard previousWasDigit, !digits.isEmpty else { return nil }
        while digits.count > 1, digits[0] == 0 { digits.removeFirst() }
        guard digits.count <= Seed.maxDigits else { return nil }

        // Decimal digits to base 2^32, least significant word first: words = words * 10 + digit.
        var words: [UInt32] = [0]
        for digit in digits {
            var carry = UInt64(digit)
            for index in words.indices {
                let product = UInt64(words[index]) * 10 + carry
                words[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry != 0 { words.append(UInt32(carry)) }
        }
        let isZero = words == [0]
        self.isNegative = negative && !isZero
        self.words = words
        self.description = (self.isNegative ? "-" : "") + String(digits.map { Character(Unicode.Scalar(UInt8($0 + 48))) })
    }

    /// A seed from a machine integer.
    public init(_ value: Int) {
        // `Int.description` is always valid decimal text.
        self = Seed(String(value)) ?? Seed.zero
    }

    private init(zero: ()) {
        isNegative = false
        words = [0]
        description = "0"
    }

    /// The seed 0.
    public static let zero = Seed(zero: ())

    /// A fresh seed from the system's random source, for runs that name none.
    /// It is printed, so the run can be repeated.
    public static func random() -> Seed {
        var generator = SystemRandomNumberGenerator()
        return Seed(Int(UInt64.random(in: 0...UInt64(Int64.max), using: &generator)))
    }
}
