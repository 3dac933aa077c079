import XCTest
@testable import VMTRecipe

/// Long value lists (a 1 MiB recipe can hold one `inventory A` line of ~500,000 values) are kept
/// packed, not as one `Token` per value; diagnostics deep in such a line still point at the value.
final class CompactListTests: XCTestCase {
    /// `inventory GOOD v, v, ...` with `count` values, the value at `at` (0-based) replaced by `odd`.
    private static func stockLine(_ good: String, count: Int, at: Int? = nil, odd: String = "") -> String {
        var values = (0..<count).map { String($0 % 10) }
        if let at { values[at] = odd }
        return "inventory \(good) " + values.joined(separator: ", ")
    }

    func testLongStockLineIsPacked() throws {
        let text = "extends minimal\nagents 100000\n" + Self.stockLine("A", count: 100_000) + "\n"
        let (file, readDiagnostics) = SyntaxReader.read(path: "t.vmt", bytes: Array(text.utf8))
        XCTAssertEqual(readDiagnostics, [])
        let line = try XCTUnwrap(file.lines.last)
        XCTAssertEqual(line.arguments.count, 1 + 100_000 + 99_999)
        XCTAssertEqual(line.arguments.wholeCount, 0, "no argument is kept as a whole Token")
        XCTAssertLessThanOrEqual(line.arguments.bytesPerToken, 32)
        XCTAssertLessThan(MemoryLayout<TokenList.Entry>.stride * 4, MemoryLayout<Token>.stride)

        let (recipe, diagnostics) = parseRecipe(path: "t.vmt", text: text)
        XCTAssertEqual(diagnostics, [])
        let stock = try XCTUnwrap(recipe?.stocks.first)
        XCTAssertEqual(stock.values.count, 100_000)
        XCTAssertLessThanOrEqual(stock.values.bytesPerValue, 24)
        // Each value still knows where it was written: the 70,000th value starts at this column.
        let column = "inventory A ".count + 69_999 * 3 + 1
        XCTAssertEqual(stock.values[69_999].value, 69_999 % 10)
        XCTAssertEqual(stock.values[69_999].range, SourceRange(
            file: "t.vmt", start: SourcePosition(line: 3, column: column, offset: 30 + column - 1),
            end: SourcePosition(line: 3, column: column + 1, offset: 30 + column)))
    }

    func testTokensReadBackFromAPackedListAreTheTokensAppended() {
        let tokens = Lexer.tokenize(path: "t.vmt", bytes: Array("vary regime \"a b\", mixed, 1..3, 0.5, -2 # c".utf8))
            .filter { $0.kind != .eof }
        let list = TokenList(tokens)
        XCTAssertEqual(Array(list), tokens)
        XCTAssertEqual(list.wholeCount, 2, "the string and the range keep their values and bounds whole")
        var shorter = list
        shorter.removeLast()
        XCTAssertEqual(Array(shorter), Array(tokens.dropLast()))
    }

    func testDiagnosticAtThe300000thValuePointsAtIt() throws {
        let count = 300_000
        for (odd, message) in [("x", "expected an integer"), ("-1", "a stock must be at least 0")] {
            let text = "extends minimal\nagents \(count)\n" + Self.stockLine("B", count: count, at: count - 1, odd: odd) + "\n"
            let (_, diagnostics) = parseRecipe(path: "t.vmt", text: text)
            let diagnostic = try XCTUnwrap(diagnostics.first, odd)
            XCTAssertEqual(diagnostics.count, 1, odd)
            let column = "inventory B ".count + (count - 1) * 3 + 1
            XCTAssertEqual(diagnostic.range.start.line, 3, odd)
            XCTAssertEqual(diagnostic.range.start.column, column, odd)
            XCTAssertEqual(diagnostic.range.start.offset, "extends minimal\nagents \(count)\n".utf8.count + column - 1, odd)
            XCTAssertEqual(diagnostic.range.end.column, column + odd.count, odd)
            XCTAssertTrue(diagnostic.message.contains(message), "\(odd): \(diagnostic.message)")
        }
    }
}
