// The set of recipes one build sees: every file parsed, indexed by scenario name, with the
// name clashes between them reported. `extends` is resolved against this index.
import VMTCore

/// One recipe file to load: where it is, where it sits in its recipe folder, and its bytes.
public struct RecipeSource: Sendable {
    /// The path used in diagnostics.
    public var path: String
    /// The path relative to the recipe folder it was found in (`money/big.vmt`); the default
    /// output path is this with `.vmt` replaced by `.yaml`.
    public var relativePath: String
    /// The file's contents.
    public var bytes: [UInt8]

    /// A recipe file.
    public init(path: String, relativePath: String, bytes: [UInt8]) {
        self.path = path
        self.relativePath = relativePath
        self.bytes = bytes
    }
}

/// Every recipe of a build, parsed and indexed by scenario name.
public struct RecipeSet: Sendable {
    /// A parsed file: the recipe (nil when it has syntax errors) and its source.
    public struct Entry: Sendable {
        /// The file.
        public var source: RecipeSource
        /// The recipe; when the file has syntax errors, only the lines that parsed (and the
        /// entry is `broken`: checked, never built or extended).
        public var recipe: Recipe
        /// The scenario name: the `scenario` directive, or the file's stem.
        public var name: String
    }

    /// The files, in the order given (callers sort paths for a deterministic order).
    public private(set) var entries: [Entry] = []
    /// Every diagnostic of parsing and indexing.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Index of the entry that owns each scenario name.
    private var byName: [String: Int] = [:]
    /// Entries whose recipe cannot be used (syntax errors, a clashing name).
    private(set) var broken: Set<Int> = []
    /// Entries that own a name another entry also claims (already reported).
    private var nameClashes: Set<Int> = []
    /// The first words of the lines that failed to parse, per entry with syntax errors.
    private(set) var unread: [Int: Set<String>] = [:]

    /// One parsed file: its source, the recipe `parseRecipePartially(path:bytes:)` read from it,
    /// and the diagnostics of that parse.
    public typealias Parsed = (source: RecipeSource, recipe: Recipe, diagnostics: [Diagnostic])

    /// Parses every source and indexes the recipes by scenario name.
    public init(_ sources: [RecipeSource]) {
        self.init(parsed: sources.map { source in
            let (recipe, found) = parseRecipePartially(path: source.path, bytes: source.bytes)
            return (source, recipe, found)
        })
    }

    /// Indexes files already parsed with `parseRecipePartially(path:bytes:)`, in the order given:
    /// the same set as `init(_:)` over their sources, for a caller that keeps the parses of
    /// unchanged files (the language server re-parses only the buffer that changed).
    public init(parsed: [Parsed]) {
        for (source, recipe, found) in parsed {
            diagnostics += found
            let name = recipe.scenario?.value ?? recipe.stem
            let index = entries.count
            entries.append(Entry(source: source, recipe: recipe, name: name))
            if found.containsError {
                broken.insert(index)
                let lines = Set(found.filter { $0.severity == .error }.map(\.range.start.line))
                unread[index] = Self.firstWords(of: lines, in: source.bytes)
            }
            register(index)
        }
    }

    private mutating func register(_ index: Int) {
        let entry = entries[index]
        let recipe = entry.recipe
        let range = recipe.scenario?.range ?? recipe.summaryRange
        if Preset.named(entry.name) != nil {
            diagnostics.append(.error(Messages.nameTakenByPreset(entry.name), at: range,
                                      hint: recipe.scenario == nil ? Messages.renameHint : nil))
            broken.insert(index)
            return
        }
        if let first = byName[entry.name] {
            let firstRecipe = entries[first].recipe
            let firstRange = firstRecipe.scenario?.range ?? firstRecipe.summaryRange
            diagnostics.append(.error(Messages.duplicateScenario(entry.name), at: range,
                                      notes: [Diagnostic.Note(Messages.firstDefinedHere, at: firstRange)]))
            // Every recipe of the clash fails, each with an error of its own naming the other:
            // which one "wins" must not depend on the order of the files.
            if !nameClashes.contains(first) {
                diagnostics.append(.error(Messages.duplicateScenario(entry.name), at: firstRange,
                                          notes: [Diagnostic.Note(Messages.alsoDefinedHere, at: range)]))
            }
            nameClashes.insert(first)
            broken.insert(first)
            broken.insert(index)
            return
        }
        byName[entry.name] = index
    }

    /// The entry that defines scenario `name`, if any.
    func index(named name: String) -> Int? {
        byName[name]
    }

    /// Every scenario name, for suggestions.
    var names: [String] {
        entries.map(\.name)
    }
}
