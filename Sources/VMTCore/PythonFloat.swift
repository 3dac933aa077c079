#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's float semantics that the reference's output depends on: `round(x, 2)` and `repr`.
public enum PythonFloat {
    /// Python's `round(x, 2)`: the exact binary value of `x` rounded half-even to two decimals,
    /// then read back as the nearest double.
    ///
    /// `(x * 100).rounded() / 100` differs in rare cases (the product is itself rounded), so this
    /// formats the exact value (C's `%.2f` is exact) and parses it back, as CPython does.
    public static func round2(_ x: Double) -> Double {
        guard x.isFinite else { return x }
        // Fast path: when x * 100 is far from a half, its rounding error (half an ulp) cannot
        // move it across one, so the nearest integer n is the correctly rounded one, and n / 100
        // (an exact integer divided by 100, correctly rounded) is the double nearest n/100.
        let scaled = x * 100
        if scaled.magnitude < 1e15 {
            let fraction = scaled - scaled.rounded(.down)
            if abs(fraction - 0.5) > 1e-6 {
                return scaled.rounded(.toNearestOrAwayFromZero) / 100
            }
        }
        return round2Exact(x)
    }

    /// `round(x, 2)` by formatting the exact value with C's `%.2f` and reading it back: what
    /// CPython does, and the reference for the fast path above.
    static func round2Exact(_ x: Double) -> Double {
        guard x.isFinite else { return x }
        var buffer = [CChar](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBufferPointer { pointer -> Int32 in
            withVaList([x]) { vsnprintf(pointer.baseAddress, pointer.count, "%.2f", $0) }
        }
        guard count > 0, Int(count) < buffer.count else { return x }
        return buffer.withUnsafeBufferPointer { pointer in
            guard let base = pointer.baseAddress else { return x }
            return strtod(base, nil)
        }
    }

    /// The shortest decimal digits that read back as `x` (no leading or trailing zeros) and the
    /// decimal exponent `e` with |x| = 0.DIGITS × 10^e, as `_Py_dg_dtoa` mode 0 gives them.
    ///
    /// Swift's own `description` is also shortest-round-trip; only its layout differs, so the
    /// digits are read off it.
    static func shortestDigits(_ x: Double) -> (digits: [UInt8], exponent: Int) {
        let text = Array(x.magnitude.description.utf8)
        var mantissa: [UInt8] = []
        var pointIndex: Int?
        var exponent = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                pointIndex = mantissa.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: text[(index + 1)...], as: UTF8.self)) ?? 0
                break
            } else {
                mantissa.append(byte - UInt8(ascii: "0"))
            }
            index += 1
        }
        var decimalPoint = (pointIndex ?? mantissa.count) + exponent
        while let first = mantissa.first, first == 0 {
            mantissa.removeFirst()
            decimalPoint -= 1
        }
        while let last = mantissa.last, last == 0 { mantissa.removeLast() }
        if mantissa.isEmpty { return ([0], 1) }
        return (mantissa, decimalPoint)
    }

    /// Python's `repr(x)` for a finite double: shortest round-trip digits, in positional form
    /// unless the decimal exponent is below -4 or at least 16 (`1e-05`, `1e+16`, `0.0001`).
    public static func repr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let (digits, point) = shortestDigits(x)
        var out = x.sign == .minus ? "-" : ""
        let digitText = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if x == 0 {
            return out + "0.0"
        }
        if point > 16 || point < -3 {
            // d.ddde±XX, at least two exponent digits.
            out += digitText.prefix(1)
            if digits.count > 1 { out += "." + digitText.dropFirst() }
            let e = point - 1
            out += e < 0 ? "e-" : "e+"
            let magnitude = e.magnitude
            out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        } else if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + digitText
        } else if point >= digits.count {
            out += digitText + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            out += digitText.prefix(point) + "." + digitText.dropFirst(point)
        }
        return out
    }

    /// How PyYAML writes a float: `repr`, lower-cased, with `.0` put before the `e` when the
    /// mantissa has no point (`1e-12` → `1.0e-12`); `.nan`, `.inf`, `-.inf` for the rest.
    public static func yaml(_ x: Double) -> String {
        if x.isNaN { return ".nan" }
        if x.isInfinite { return x < 0 ? "-.inf" : ".inf" }
        let text = repr(x)
        if !text.utf8.contains(UInt8(ascii: ".")), let e = text.firstIndex(of: "e") {
            return text[..<e] + ".0" + text[e...]
        }
        return text
    }
}
