import VMTCore

// The typed recipe: one value per directive line, each keeping a pointer
// back to its syntax line and the range of every argument; and the parse
// entry point that runs lexer, reader and rules over one file.

/// The directive keywords.
///
/// The order of the cases is the canonical order `fmt` prints directives in
/// (`CanonicalOrder.table` follows it): the recipe's identity (`scenario`,
/// `template`, `extends`), the fields in the order of the language reference,
/// then the sweep directives, fixed values before varied ones (`pin`, then
/// `vary`), and `output` last, next to the `vary` lines its placeholders name.
public enum Keyword: String, CaseIterable, Equatable, Hashable, Sendable {
    /// `scenario NAME`: the name written to the YAML.
    case scenario
    /// `template`: an abstract recipe that others extend; it writes no file.
    case template
    /// `extends PARENT`: inherit from a preset or another recipe.
    case extends
    /// `vmt VERSION`: the VMT version the file is written for (`2025-10` or `2025-11`).
    case vmt
    /// `agents INT`: the number of agents.
    case agents
    /// `grid INT`: the grid size N (N×N).
    case grid
    /// `inventory MIN..MAX`: the range of goods A and B; or `inventory GOOD V, V, ...`:
    /// explicit per-agent stock of one good.
    case inventory
    /// `money MIN..MAX`: the range of money M.
    case money
    /// `utilities TYPE[:WEIGHT], ...`: the utility mix.
    case utilities
    /// `utility TYPE [weight W] [PARAM V]...`: one entry of the mix per line, with its own parameters.
    case utility
    /// `resources [density D] [max M] [regen R]`: resource settings.
    case resources
    /// `regime REGIME`: the exchange regime.
    case regime
    /// `seed INT`: the random seed.
    case seed
    /// `set PATH VALUE`: one entry of `params`.
    case set
    /// `schedule forage F trade T [start MODE]` or `schedule off`: the mode schedule.
    case schedule
    /// `search NAME`: the search protocol (`vmt 2025-11`).
    case search
    /// `matching NAME`: the matching protocol (`vmt 2025-11`).
    case matching
    /// `bargaining NAME`: the bargaining protocol (`vmt 2025-11`).
    case bargaining
    /// `pin TYPE.PARAM VALUE`: one utility parameter fixed for every mix entry of TYPE.
    case pin
    /// `vary FIELD VALUE, ...` or `vary FIELD MIN..MAX`: one scenario per value.
    case vary
    /// `output PATH`: the output file, relative to the output folder.
    case output

    /// The directive's usage line, such as `usage: agents INT`.
    public var usage: String { Messages.usage(self) }
}

/// A decimal as written and as the finite `Double` it reads as.
public struct DecimalLiteral: Equatable, Hashable, Sendable {
    /// The text exactly as written, such as `.5` or `1e-1`.
    public var text: String
    /// The value the text reads as; always finite.
    public var value: Double
}

/// The two bounds of a `MIN..MAX` range, each with its own range.
public struct IntegerBounds: Equatable, Hashable, Sendable {
    /// MIN.
    public var lower: Located<Int>
    /// MAX.
    public var upper: Located<Int>
}

/// One item of a `utilities` line: a type and, when weights are given, its weight.
public struct UtilityItem: Equatable, Hashable, Sendable {
    /// The utility type and where it was written.
    public var type: Located<UtilityType>
    /// The weight after `:`, between 0 and 1; nil when the list has no weights.
    public var weight: Located<DecimalLiteral>?
}

/// The keys given on a `resources` line; those left out come from the parent.
public struct ResourceSettings: Equatable, Hashable, Sendable {
    /// `density D`, between 0 and 1.
    public var density: Located<DecimalLiteral>?
    /// `max M`, greater than 0: `params.resource_max_amount`, and `resource_seed.amount` unless
    /// `amount` is given (here or in the chain).
    public var max: Located<Int>?
    /// `amount N`, at least 0: `resource_seed.amount` alone.
    public var amount: Located<Int>?
    /// `regen R`, at least 0: an integer (`.int`) or a decimal (`.float`), written as given.
    public var regen: Located<ParamValue>?
}

/// One `utility TYPE [weight W] [PARAM V]...` line: one entry of the mix.
public struct UtilityLine: Equatable, Hashable, Sendable {
    /// One `PARAM V` pair.
    public struct Parameter: Equatable, Hashable, Sendable {
        /// The parameter's name, one of the type's `parameterNames`.
        public var name: Located<String>
        /// Its value: a finite number (its range is checked by the resolver).
        public var value: Located<DecimalLiteral>
    }

    /// The utility type.
    public var type: Located<UtilityType>
    /// `weight W`, between 0 and 1; the lines of a file have weights on all or none.
    public var weight: Located<DecimalLiteral>?
    /// The explicit parameters in the order written; the others are drawn.
    public var parameters: [Parameter]

    /// The entry of the mix this line stands for.
    public var entry: UtilityEntry {
        UtilityEntry(type.value, weight: weight?.value.value,
                     parameters: Dictionary(parameters.map { ($0.name.value, $0.value.value.value) }, uniquingKeysWith: { a, _ in a }))
    }
}

/// One `set PATH VALUE` line.
public struct Setting: Equatable, Hashable, Sendable {
    /// The dotted path as written, such as `lambda_bounds.lambda_max`.
    public var path: Located<String>
    /// The names of the path, split at the dots.
    public var components: [String]
    /// The value token, unchecked: an integer, decimal (finite), word or
    /// string. The resolver checks it against the parameter's schema.
    public var value: Token
}

/// `vary FIELD VALUE, VALUE, ...` or `vary FIELD MIN..MAX`.
///
/// Several `vary` lines give every combination of their values, in the order
/// the lines are written (the first line varies slowest).
public struct Variation: Equatable, Hashable, Sendable {
    /// The field, at the token that names it: agents, grid, regime, seed, inventory, money,
    /// resources.density, resources.max, resources.regen, search, matching, bargaining, or set.PATH
    /// (e.g. set.lambda_bounds.lambda_max).
    /// Its `name` is the text as written (the rules accept only text that reads as a field).
    public var field: Located<VaryField>
    /// The value tokens in order, unchecked beyond their kind (the resolver types them):
    /// integer, decimal, word, string or range tokens. For a single integer range token on a field
    /// whose values are integers, the resolver expands it to every integer.
    ///
    /// Checked here: at least one; decimals finite; a range's MIN not above its MAX;
    /// no value twice (by integer value, decimal value, text of a word or string, or bounds).
    public var values: TokenList

    /// Creates a variation.
    public init(field: Located<VaryField>, values: TokenList) {
        self.field = field
        self.values = values
    }
}

/// `pin TYPE.PARAM VALUE`: one utility parameter fixed for every mix entry of TYPE.
public struct Pin: Equatable, Hashable, Sendable {
    /// The utility type before the first `.`, and where it was written.
    public var type: Located<UtilityType>
    /// The parameter after the first `.`: one of `type.parameterNames`.
    public var parameter: Located<String>
    /// The value: an integer or decimal, finite (its range is checked later).
    public var value: Located<DecimalLiteral>
    /// `TYPE.PARAM`, such as `ces.rho`: what makes two pins the same.
    public var key: String { "\(type.value.rawValue).\(parameter.value)" }

    /// Creates a pin.
    public init(type: Located<UtilityType>, parameter: Located<String>, value: Located<DecimalLiteral>) {
        self.type = type
        self.parameter = parameter
        self.value = value
    }
}

/// `inventory GOOD V, V, ...`: explicit per-agent stock of one good.
public struct ExplicitStock: Equatable, Hashable, Sendable {
    /// The good, `A`, `B` or `M`, written in upper case.
    public var good: Located<Good>
    /// One stock per agent, in agent order: each a non-negative integer that fits `Int`; at least
    /// one. With `each`, exactly one: the stock of every agent. Stored packed (one line
    /// can hold ~500,000 values), each range rebuilt on access.
    public var values: LocatedIntegers
    /// `inventory GOOD V each`: one value for every agent (written as a YAML scalar).
    public var each: Bool

    /// Creates an explicit stock.
    public init(good: Located<Good>, values: LocatedIntegers, each: Bool = false) {
        self.good = good
        self.values = values
        self.each = each
    }

    /// The stock as the core takes it.
    public var stock: Stock {
        each ? .each(values.first?.value ?? 0) : .list(values.values)
    }
}

/// The `schedule` directive: a global forage/trade cycle, or none.
public enum Schedule: Equatable, Hashable, Sendable {
    /// `schedule off`: no mode schedule, even if the parent has one.
    case off
    /// `schedule forage F trade T [start MODE]`: ticks per phase, both > 0.
    case cycle(forage: Located<Int>, trade: Located<Int>, start: Located<ModeSchedule.Mode>?)
}

/// One typed directive and the syntax line it was read from.
public struct Directive: Equatable, Hashable, Sendable {
    /// What a directive says, by keyword.
    public enum Value: Equatable, Hashable, Sendable {
        /// `scenario NAME`.
        case scenario(Located<String>)
        /// `template`.
        case template
        /// `extends PARENT`.
        case extends(Located<String>)
        /// `agents INT`, greater than 0.
        case agents(Located<Int>)
        /// `grid INT`, greater than 0.
        case grid(Located<Int>)
        /// `inventory MIN..MAX`: MIN ≥ 1, MAX > MIN.
        case inventory(IntegerBounds)
        /// `money MIN..MAX`: MIN ≥ 0, MAX > MIN.
        case money(IntegerBounds)
        /// `utilities TYPE[:WEIGHT], ...`: at least one entry; weights on all or none.
        case utilities([UtilityItem])
        /// `utility TYPE [weight W] [PARAM V]...`: one entry of the mix.
        case utility(UtilityLine)
        /// `resources ...`: at least one key.
        case resources(ResourceSettings)
        /// `regime REGIME`.
        case regime(Located<ExchangeRegime>)
        /// `seed INT`: normalised decimal text of any size (`-` when negative,
        /// no `+`, no leading zeros, `0` for zero).
        case seed(Located<String>)
        /// `set PATH VALUE`.
        case set(Setting)
        /// `schedule ...`.
        case schedule(Schedule)
        /// `pin TYPE.PARAM VALUE`.
        case pin(Pin)
        /// `vary FIELD VALUE, ...` or `vary FIELD MIN..MAX`.
        case vary(Variation)
        /// `inventory GOOD V, V, ...` (keyword `inventory`).
        case stock(ExplicitStock)
        /// `output PATH`: relative, no `..`, ending in `.yaml` or `.yml`.
        case output(Located<String>)
        /// `vmt VERSION`.
        case target(Located<VMTTarget>)
        /// `search NAME`, `matching NAME`, `bargaining NAME`: a protocol name of the kind's list.
        case protocolChoice(ProtocolKind, Located<String>)
    }

    /// What the directive says.
    public var value: Value
    /// The line it was read from, with its comments.
    public var line: SyntaxLine

    /// The directive's keyword.
    public var keyword: Keyword {
        switch value {
        case .scenario: return .scenario
        case .template: return .template
        case .extends: return .extends
        case .agents: return .agents
        case .grid: return .grid
        case .inventory: return .inventory
        case .money: return .money
        case .utilities: return .utilities
        case .utility: return .utility
        case .resources: return .resources
        case .regime: return .regime
        case .seed: return .seed
        case .set: return .set
        case .schedule: return .schedule
        case .pin: return .pin
        case .vary: return .vary
        case .stock: return .inventory
        case .output: return .output
        case .target: return .vmt
        case .protocolChoice(let kind, _):
            switch kind {
            case .search: return .search
            case .matching: return .matching
            case .bargaining: return .bargaining
            }
        }
    }

    /// From the keyword to the last argument.
    public var range: SourceRange { line.range }
}

/// A recipe file read into typed directives, in file order, with its syntax.
///
/// A `Recipe` is returned only for a file without errors, so every directive
/// appears at most once, except `set` (once per PATH), `pin` (once per
/// TYPE.PARAM), `vary` (once per FIELD, and never for a field the file also
/// sets plainly), `inventory` (the range form once, and once per good) and
/// `utility` (any number of lines, never with a `utilities` line).
public struct Recipe: Equatable, Hashable, Sendable {
    /// The path the recipe was read from, as given.
    public var path: String
    /// The typed directives in file order.
    public var directives: [Directive]
    /// The lines and comments, for `fmt`.
    public var syntax: SyntaxFile

    /// The `scenario` name, if given.
    public var scenario: Located<String>? { first { if case .scenario(let v) = $0 { v } else { nil } } }
    /// Whether the recipe says `template`.
    public var isTemplate: Bool { directive(.template) != nil }
    /// The `extends` parent, if given.
    public var extends: Located<String>? { first { if case .extends(let v) = $0 { v } else { nil } } }
    /// The `agents` count, if given.
    public var agents: Located<Int>? { first { if case .agents(let v) = $0 { v } else { nil } } }
    /// The `grid` size, if given.
    public var grid: Located<Int>? { first { if case .grid(let v) = $0 { v } else { nil } } }
    /// The `inventory MIN..MAX` range, if given (not the per-good stock lines: see `stocks`).
    public var inventory: IntegerBounds? { first { if case .inventory(let v) = $0 { v } else { nil } } }
    /// The `money` range, if given.
    public var money: IntegerBounds? { first { if case .money(let v) = $0 { v } else { nil } } }
    /// The `utilities` list, if given.
    public var utilities: [UtilityItem]? { first { if case .utilities(let v) = $0 { v } else { nil } } }
    /// The `resources` keys, if given.
    public var resources: ResourceSettings? { first { if case .resources(let v) = $0 { v } else { nil } } }
    /// The `regime`, if given.
    public var regime: Located<ExchangeRegime>? { first { if case .regime(let v) = $0 { v } else { nil } } }
    /// The `seed` as normalised decimal text, if given.
    public var seed: Located<String>? { first { if case .seed(let v) = $0 { v } else { nil } } }
    /// The `schedule`, if given.
    public var schedule: Schedule? { first { if case .schedule(let v) = $0 { v } else { nil } } }
    /// The `output` path, if given.
    public var output: Located<String>? { first { if case .output(let v) = $0 { v } else { nil } } }
    /// The `vmt` line's target, if any.
    public var target: Located<VMTTarget>? { first { if case .target(let v) = $0 { v } else { nil } } }
    /// Every `set` line, in file order.
    public var settings: [Setting] {
        directives.compactMap { if case .set(let v) = $0.value { v } else { nil } }
    }

    /// Every `vary` line, in file order (the order of the combinations).
    public var variations: [Variation] {
        directives.compactMap { if case .vary(let v) = $0.value { v } else { nil } }
    }
    /// Every `pin` line, in file order.
    public var pins: [Pin] {
        directives.compactMap { if case .pin(let v) = $0.value { v } else { nil } }
    }
    /// Every `utility` line, in file order (the order of the mix).
    public var utilityLines: [UtilityLine] {
        directives.compactMap { if case .utility(let v) = $0.value { v } else { nil } }
    }
    /// Every `inventory GOOD V, ...` line, in file order.
    public var stocks: [ExplicitStock] {
        directives.compactMap { if case .stock(let v) = $0.value { v } else { nil } }
    }

    /// The field names of the `{field}` placeholders in a `scenario` or `output`
    /// text, in order, one entry per occurrence (`regimes_{regime}_{seed}` →
    /// `["regime", "seed"]`). Malformed braces are skipped here (the rules
    /// stage reports them): only a `{`, a non-empty text without braces and
    /// a `}` count, whether the text names a known field or not.
    public static func placeholders(in text: String) -> [String] {
        Placeholders.parse(text).fields.map(\.name)
    }

    /// The first directive with this keyword, if any.
    public func directive(_ keyword: Keyword) -> Directive? {
        directives.first { $0.keyword == keyword }
    }

    /// The file name without folders and without its last extension:
    /// the default scenario name (`money/big_mixed.vmt` → `big_mixed`).
    public var stem: String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Where a diagnostic about the recipe as a whole points: its first
    /// directive, or line 1 column 1 of a file without directives.
    public var summaryRange: SourceRange {
        directives.first?.range ?? SourceRange(file: path, at: .start)
    }

    private func first<T>(_ extract: (Directive.Value) -> T?) -> T? {
        for directive in directives {
            if let value = extract(directive.value) { return value }
        }
        return nil
    }
}

/// Parses one recipe file: lexer, reader, then rules.
///
/// Reports every error of the file, each with its `file:line:col`, sorted by
/// position; recovery is at the next line (and, inside a list, at the next
/// item). Never traps, whatever the bytes. The recipe is nil exactly when
/// there is an error among the diagnostics.
public func parseRecipe(path: String, bytes: [UInt8]) -> (recipe: Recipe?, diagnostics: [Diagnostic]) {
    let (recipe, diagnostics) = parseRecipePartially(path: path, bytes: bytes)
    return (diagnostics.containsError ? nil : recipe, diagnostics)
}

/// Parses one recipe and keeps the directives of the lines that parsed even when other lines
/// have errors, so the resolver can still check them (every error of a file in one run).
/// Such a recipe is never built; see `parseRecipe(path:bytes:)` for the diagnostics.
public func parseRecipePartially(path: String, bytes: [UInt8]) -> (recipe: Recipe, diagnostics: [Diagnostic]) {
    let (syntax, readErrors) = SyntaxReader.read(path: path, bytes: bytes)
    var rules = RecipeRules(path: path)
    let directives = rules.build(syntax)
    let diagnostics = (readErrors + rules.diagnostics)
        .enumerated()
        .sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }
        .map(\.element)
    return (Recipe(path: path, directives: directives, syntax: syntax), capPerLine(diagnostics))
}

/// The most diagnostics reported for one line; the last one kept says how many more there were,
/// so a line of a thousand mistakes prints a few messages, not a thousand copies of the line.
let maxDiagnosticsPerLine = 3

/// `diagnostics` (sorted by position) with at most `maxDiagnosticsPerLine` per line.
func capPerLine(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var kept: [Diagnostic] = []
    var index = 0
    while index < diagnostics.count {
        let line = diagnostics[index].range.start.line
        var end = index
        while end < diagnostics.count, diagnostics[end].range.start.line == line { end += 1 }
        let group = diagnostics[index..<end]
        if group.count > maxDiagnosticsPerLine {
            kept += group.prefix(maxDiagnosticsPerLine)
            kept[kept.count - 1].notes.append(Diagnostic.Note(Messages.moreOnThisLine(group.count - maxDiagnosticsPerLine)))
        } else {
            kept += group
        }
        index = end
    }
    return kept
}

/// Parses one recipe from text; see `parseRecipe(path:bytes:)`.
public func parseRecipe(path: String, text: String) -> (recipe: Recipe?, diagnostics: [Diagnostic]) {
    parseRecipe(path: path, bytes: Array(text.utf8))
}
