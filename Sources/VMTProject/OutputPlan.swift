// The planning stage: every output the selected recipes would write, one per variant, in a
// deterministic order; recipes that would write one file (or share a name) fail together.
import VMTCore
import VMTRecipe

/// One output a build writes (or, for `check` and `list`, would write).
public struct PlannedOutput: Sendable {
    /// The recipe's resolved scenario (fields with provenance, the variant list).
    public let scenario: ResolvedScenario
    /// 0-based position among the recipe's variants.
    public let position: Int
    /// The output path relative to the output folder.
    public let output: String
    /// The scenario name written into the YAML.
    public let name: String

    /// The recipe's path relative to the project root (`lab/money_lab_rich.vmt`).
    public var recipePath: String { scenario.source.relativePath }
    /// The recipe's display path (as in diagnostics).
    public var sourcePath: String { scenario.source.path }
    /// The variant's index (1-based) and varied values, or nil for a recipe without `vary`.
    public var variant: (index: Int, values: [ResolvedVariant.Assignment])? {
        scenario.fields.variations.isEmpty ? nil : (position + 1, scenario.variants.assignments(at: position))
    }

    /// The full variant: fields with origins, and the spec to render. Built on each call.
    public var resolvedVariant: ResolvedVariant { scenario.variants[position] }
}

/// Every output of a set of resolved scenarios, walked lazily (one `PlannedOutput` at a time):
/// the scenarios in order, each one's variants in order.
public struct OutputPlan: Sequence, Sendable {
    /// The scenarios whose outputs are planned (templates write nothing and are skipped).
    public let scenarios: [ResolvedScenario]

    /// The plan of `scenarios`' outputs.
    public init(_ scenarios: [ResolvedScenario]) {
        self.scenarios = scenarios.filter { !$0.isTemplate }
    }

    /// How many outputs, or nil when the count does not fit `Int`.
    public var count: Int? {
        var total = 0
        for scenario in scenarios {
            let (sum, overflow) = total.addingReportingOverflow(scenario.variants.count)
            if overflow { return nil }
            total = sum
        }
        return total
    }

    /// Walks the plan.
    public func makeIterator() -> Iterator {
        Iterator(scenarios: scenarios)
    }

    /// The plan's iterator.
    public struct Iterator: IteratorProtocol {
        let scenarios: [ResolvedScenario]
        var scenario = 0
        var position = 0

        /// The next output, or nil at the end.
        public mutating func next() -> PlannedOutput? {
            while scenario < scenarios.count {
                let current = scenarios[scenario]
                if position < current.variants.count {
                    let (name, output) = current.variants.nameAndOutput(at: position)
                    defer { position += 1 }
                    return PlannedOutput(scenario: current, position: position, output: output, name: name)
                }
                scenario += 1
                position = 0
            }
            return nil
        }
    }
}

/// Finds recipes that would write one file: two outputs are one file when their locations
/// (from `locate`: normalized, and on disk through symbolic links) are equal. Made by
/// `ProjectResolution.outputClashes`, the one check build, check, list, plan and the language
/// server share.
public struct ClashFinder: Sendable {
    /// Which recipe (index into the claims) and variant first claimed a location.
    private struct Owner {
        var claim: Int
        var position: Int
    }

    /// The recipes of a clash, each with an error naming the other (VMT501).
    public private(set) var diagnostics: [Diagnostic] = []
    /// Display paths of the recipes in a clash (they fail, whatever else they say).
    public private(set) var failed: Set<String> = []

    /// Checks every output of `claims`; `locate` gives an output path's location. Clashes between
    /// two recipes outside `reported` fail them without a diagnostic (nobody asked about them).
    init(_ claims: [OutputClaim], reported selection: Set<String>, locate: (String) -> String) {
        // Keyed by a 64-bit hash of the location, so a million outputs cost a few megabytes;
        // a hash shared by two different locations falls back to the exact string.
        var byHash: [UInt64: Owner] = [:]
        var exact: [String: Owner] = [:]
        var reported: Set<[Int]> = []
        for (index, claim) in claims.enumerated() {
            for position in claim.variants.indices {
                let location = locate(claim.variants.nameAndOutput(at: position).output)
                let hash = Self.hash(location)
                let owner = Owner(claim: index, position: position)
                var first: Owner?
                if let known = exact[location] {
                    first = known
                } else if let known = byHash[hash] {
                    let knownClaim = claims[known.claim]
                    if locate(knownClaim.variants.nameAndOutput(at: known.position).output) == location {
                        first = known
                    } else {
                        exact[location] = owner
                    }
                } else {
                    byHash[hash] = owner
                }
                guard let first, first.claim != index else { continue }
                // Two variants of one recipe writing one file are the resolver's to report.
                guard reported.insert([first.claim, index]).inserted else { continue }
                let a = claims[first.claim], b = claim
                failed.insert(a.source.path)
                failed.insert(b.source.path)
                guard selection.contains(a.source.path) || selection.contains(b.source.path) else { continue }
                let path = b.variants.nameAndOutput(at: position).output
                let rangeA = a.recipe.output?.range ?? a.recipe.summaryRange
                let rangeB = b.recipe.output?.range ?? b.recipe.summaryRange
                diagnostics.append(.error(ProjectMessages.sameOutput(path), at: rangeB,
                                          notes: [Diagnostic.Note(ProjectMessages.alsoWrittenBy, at: rangeA)]))
                diagnostics.append(.error(ProjectMessages.sameOutput(a.variants.nameAndOutput(at: first.position).output), at: rangeA,
                                          notes: [Diagnostic.Note(ProjectMessages.alsoWrittenBy, at: rangeB)]))
            }
        }
    }

    /// An output path's location without a folder: the path without `.` segments.
    static func lexicalLocation(_ output: String) -> String {
        output.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// FNV-1a, 64-bit.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
