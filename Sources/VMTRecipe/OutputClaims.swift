// The outputs each recipe claims, for the check that no two recipes write one file: every
// resolved recipe's variants, and those of a recipe that failed for another reason when its
// outputs are still known (its `scenario`, `output`, `vary` and `extends` lines read, its fields
// resolved), so that a clash is reported on both recipes whatever else is wrong with one of them.

/// The outputs one recipe would write: its file, its recipe (where a clash error points) and the
/// names and output paths of its variants (`variants.nameAndOutput(at:)`).
public struct OutputClaim: Sendable {
    /// The recipe file.
    public let source: RecipeSource
    /// The recipe as parsed (for a failed one, the lines that parsed).
    public let recipe: Recipe
    /// Its variants; only their names and output paths are meant for a failed recipe (its specs
    /// may be invalid: never render them).
    public let variants: VariantList

    /// The outputs of a resolved scenario (a template claims none).
    public init(_ scenario: ResolvedScenario) {
        source = scenario.source
        recipe = scenario.recipe
        variants = scenario.isTemplate ? VariantList() : scenario.variants
    }

    init(source: RecipeSource, recipe: Recipe, variants: VariantList) {
        self.source = source
        self.recipe = recipe
        self.variants = variants
    }
}

extension Resolver {
    /// The lines of a recipe that decide its names and output paths.
    static let claimKeywords: Set<String> = ["scenario", "output", "vary", "extends"]

    /// What failed entry `index` would write, when that is known: not a template; none of its
    /// `claimKeywords` lines failed to parse; its fields resolved through its chain with every
    /// `vary` line (none refused, at most `maxVariants` variants); every placeholder of its name
    /// and output path varied. Nil otherwise (nothing is claimed on a guess).
    func claim(_ index: Int) -> OutputClaim? {
        let entry = set.entries[index]
        guard !entry.recipe.isTemplate, set.unreadKeywords(of: index).isDisjoint(with: Self.claimKeywords),
              let memoed = memo[index], let resolved = memoed, resolved.fields.refusedVariations.isEmpty,
              let count = resolved.fields.variantCount(limit: maxVariants) else { return nil }
        let (name, output) = Self.nameAndOutput(entry)
        let varied = resolved.fields.variations.map { ResolvedVariant.Assignment(field: $0.field, text: "") }
        for template in [name, output] where VaryFields.fill(template.value, varied).missing != nil { return nil }
        return OutputClaim(source: entry.source, recipe: entry.recipe,
                           variants: VariantList(fields: resolved.fields, name: name, output: output, count: count))
    }

    /// A recipe's name (its `scenario` line, else the file's stem) and output path (its `output`
    /// line, else its path with `.yaml`), as written, placeholders and all.
    static func nameAndOutput(_ entry: RecipeSet.Entry) -> (name: Sourced<String>, output: Sourced<String>) {
        let recipe = entry.recipe
        let name = recipe.scenario.map { Sourced($0.value, .directive($0.range)) } ?? Sourced(entry.name, .derived("the file's stem"))
        let output = recipe.output.map { Sourced(normalize($0.value), .directive($0.range)) }
            ?? Sourced(defaultOutput(entry.source.relativePath), .derived("the recipe's path"))
        return (name, output)
    }
}

extension RecipeSet {
    /// The first words of the lines of entry `index` that failed to parse (`output`, `vary`, …);
    /// empty for a file without syntax errors.
    func unreadKeywords(of index: Int) -> Set<String> {
        unread[index] ?? []
    }

    /// The first word of each line of `bytes` numbered in `lines` (1-based).
    static func firstWords(of lines: Set<Int>, in bytes: [UInt8]) -> Set<String> {
        var words: Set<String> = []
        var number = 1
        var start = 0
        for position in 0...bytes.count where position == bytes.count || bytes[position] == UInt8(ascii: "\n") {
            if lines.contains(number) {
                let word = bytes[start..<position].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                    .prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: "\r") }
                words.insert(String(decoding: word, as: UTF8.self))
            }
            number += 1
            start = position + 1
        }
        return words
    }
}
