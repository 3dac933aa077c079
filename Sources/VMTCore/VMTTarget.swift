/// The version of VMT a scenario file is written for: each reads its own set of keys.
///
/// `2025-10` is VMT at commit e0152f0 (money regimes; the schema the reference generator writes
/// and the default). `2025-11` is VMT at commit 6f7b3c7: money is gone (`exchange_regime`,
/// `money_*`, `lambda_*`, `liquidity_gate`, `earn_money_enabled`, `dA_max` and `M` stock are no
/// longer read), three trade protocols can be named, and `log_preferences` is read. The loader
/// rules of both are in the project's `spec/vmt-loader.md`.
public enum VMTTarget: String, CaseIterable, Equatable, Hashable, Sendable, Comparable {
    /// VMT at e0152f0 (October 2025): money regimes, no protocols. The default.
    case v2025_10 = "2025-10"
    /// VMT at 6f7b3c7 (November 2025): no money, trade protocols.
    case v2025_11 = "2025-11"

    /// The target used when neither a recipe nor the command line names one.
    public static let standard = VMTTarget.v2025_10

    /// The VMT commit the target's loader rules come from.
    public var commit: String {
        switch self {
        case .v2025_10: return "e0152f0"
        case .v2025_11: return "6f7b3c7"
        }
    }

    /// `VMT 2025-11 (6f7b3c7)`, for messages.
    public var title: String { "VMT \(rawValue) (\(commit))" }

    /// Whether agents can hold money (M stock, money regimes, money parameters).
    public var hasMoney: Bool { self == .v2025_10 }

    /// Whether the scenario file can name trade protocols.
    public var hasProtocols: Bool { self == .v2025_11 }

    /// Every spelling, for messages and completions: `2025-10`, `2025-11`.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The target nearest in time to `text` when it reads as a month `YYYY-MM` (`2025-12` →
    /// `2025-11`, `2025-09` → `2025-10`; a tie goes to the later target), else nil: what a
    /// "did you mean" offers for an unknown version, by meaning rather than by spelling.
    public static func nearest(toMonth text: String) -> VMTTarget? {
        func month(_ text: String) -> Int? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
                  parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return year * 12 + month  // at most 9999 * 12 + 12: no overflow
        }
        guard let wanted = month(text) else { return nil }
        var best: (target: VMTTarget, distance: Int)?
        for target in allCases {
            guard let have = month(target.rawValue) else { continue }
            let distance = abs(have - wanted)
            if let current = best, current.distance < distance || (current.distance == distance && current.target > target) { continue }
            best = (target, distance)
        }
        return best?.target
    }

    public static func < (lhs: VMTTarget, rhs: VMTTarget) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// One of the three trade protocols a `2025-11` scenario may name (top-level
/// `search_protocol`, `matching_protocol`, `bargaining_protocol`).
public enum ProtocolKind: String, CaseIterable, Equatable, Hashable, Sendable, Comparable {
    /// How agents look for partners and resources.
    case search
    /// How agents are paired for trade.
    case matching
    /// How a pair settles a trade.
    case bargaining

    /// The top-level YAML key: `search_protocol`.
    public var key: String { rawValue + "_protocol" }

    /// The names VMT 2025-11 (6f7b3c7) registers for this kind; any other is a load error there.
    public var names: [String] {
        switch self {
        case .search: return ["distance_discounted_search", "random_walk"]
        case .matching: return ["greedy_surplus", "random_matching", "three_pass_matching"]
        case .bargaining: return ["compensating_block", "split_difference", "take_it_or_leave_it"]
        }
    }

    /// The kind whose YAML key is `key`, if any.
    public init?(key: String) {
        guard let kind = ProtocolKind.allCases.first(where: { $0.key == key }) else { return nil }
        self = kind
    }

    public static func < (lhs: ProtocolKind, rhs: ProtocolKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
