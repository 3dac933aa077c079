import XCTest
@testable import VMTRecipe

/// The hints of VMT702 and VMT705 say what to do at the caret: a `vary` value is removed from
/// its list (not the line), and a protocol without a `vmt` line is fixed by adding one.
final class TargetHintTests: XCTestCase {
    private func resolve(_ text: String) -> Resolution {
        Resolver.resolve([RecipeSource(path: "r.vmt", relativePath: "r.vmt", bytes: Array(text.utf8))])
    }

    func testAMoneyRegimeInAVaryListIsRemovedByItsValue() throws {
        let resolution = resolve("vmt 2025-11\nextends minimal\nseed 1\nvary regime barter_only, mixed\n")
        let error = try XCTUnwrap(resolution.diagnostics.first { $0.code == .moneyDropped })
        XCTAssertEqual(error.range.start.column, 26, "the caret is on 'mixed'")
        XCTAssertEqual(error.hint, "remove the value 'mixed' from this vary line, or build for the version with money: 'vmt 2025-10'")
        // A plain line keeps the line's hint.
        let plain = resolve("vmt 2025-11\nextends minimal\nregime mixed\n")
        XCTAssertEqual(plain.diagnostics.first { $0.code == .moneyDropped }?.hint, Messages.moneyDroppedHint)
    }

    func testAVariedProtocolWithoutAVmtLineIsFixedByAddingOne() throws {
        let resolution = resolve("extends minimal\nseed 1\nvary bargaining split_difference, take_it_or_leave_it\n")
        let error = try XCTUnwrap(resolution.diagnostics.first { $0.code == .protocolsUnavailable })
        XCTAssertEqual(error.hint, "add 'vmt 2025-11' to this recipe (or build with --vmt 2025-11)")
    }
}
