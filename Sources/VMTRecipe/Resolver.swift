// The interpreter: resolves each recipe through its `extends` chain into fields with origins,
// checks `set` values against the schema, and turns a complete chain into a ScenarioSpec whose
// validation errors point back at the lines (or presets) that set the offending values.
import VMTCore

/// A recipe resolved through its chain: every field with its origin, and the variants to build.
public struct ResolvedScenario: Sendable {
    /// The recipe itself.
    public var recipe: Recipe
    /// Its file.
    public var source: RecipeSource
    /// The `extends` chain from this recipe up: recipe paths, then `preset NAME` if it ends in one.
    public var chain: [String]
    /// The scenario name as written (with any `{field}` placeholders) and where it came from
    /// (the `scenario` line, or the file's stem).
    public var name: Sourced<String>
    /// Every field before variation.
    public var fields: ResolvedFields
    /// The output path relative to the output folder (with any placeholders), and its origin.
    public var output: Sourced<String>
    /// The scenarios to build: one without `vary`, one per combination with it; none for a
    /// template. Made lazily, one at a time (see `VariantList`).
    public var variants: VariantList

    /// Whether the recipe is a `template` (it writes no file).
    public var isTemplate: Bool { recipe.isTemplate }

    /// The spec of a recipe without `vary`; nil for a template or a sweep.
    public var spec: ScenarioSpec? {
        fields.variations.isEmpty && variants.count == 1 ? variants.first?.spec : nil
    }

    /// Where the value a validation rule is about came from, before variation.
    public func origin(of field: SpecField) -> Origin {
        fields.origin(of: field, name: name)
    }

    /// Diagnostics for rules the base fields break; see `ResolvedFields.diagnostics`.
    public func diagnostics(for issues: [ValidationIssue]) -> [Diagnostic] {
        fields.diagnostics(for: issues, name: name, recipe: recipe)
    }
}

extension ResolvedVariant {
    /// Diagnostics for rules this variant's spec or generated scenario breaks, each at the line
    /// (a `vary` value, a parent's line, or a preset's `extends`) that set the offending value.
    public func diagnostics(for issues: [ValidationIssue], recipe: Recipe) -> [Diagnostic] {
        fields.diagnostics(for: issues, name: name, recipe: recipe)
    }
}

extension ResolvedFields {
    /// Diagnostics for `issues`, each at the origin of the value it is about; a note says which
    /// recipe was being built when the line is in another file, or which preset the value is from.
    func diagnostics(for issues: [ValidationIssue], name: Sourced<String>, recipe: Recipe) -> [Diagnostic] {
        issues.map { issue in
            let origin = self.origin(of: issue.field, name: name)
            var notes: [Diagnostic.Note] = []
            let range: SourceRange
            switch origin {
            case .directive(let at):
                range = at
                if at.file != recipe.path { notes.append(Diagnostic.Note(Messages.whileBuilding(recipe.path))) }
            case .preset(let preset, let via):
                range = via
                notes.append(Diagnostic.Note(Messages.inheritedFromPreset(preset)))
                if via.file != recipe.path { notes.append(Diagnostic.Note(Messages.whileBuilding(recipe.path))) }
            case .builtIn, .derived:
                range = recipe.summaryRange
            }
            return .error(Messages.validation(issue), at: range, notes: notes, hint: hint(for: issue))
        }
    }

    /// A suggestion for a broken rule: the recipe lines that give a money regime its M stock
    /// (the core names no directive); equal weights that do not sum to 1 (three of `0.33`) are
    /// what leaving the weights out gives exactly.
    private func hint(for issue: ValidationIssue) -> String? {
        if issue.field == .money, money == nil, stock[.m] == nil { return Messages.moneyStockHint }
        guard issue.field == .utilities, let mix = utilities?.value, mix.count > 1,
              let first = mix.first?.weight, mix.allSatisfy({ $0.weight == first }) else { return nil }
        return Messages.equalSharesHint(mix.map(\.type.rawValue))
    }

    /// Where the value a validation rule is about came from.
    public func origin(of field: SpecField, name: Sourced<String>) -> Origin {
        switch field {
        case .name: return name.origin
        case .agents: return agents?.origin ?? .builtIn
        case .grid: return grid?.origin ?? .builtIn
        case .inventory: return inventory?.origin ?? .builtIn
        case .money: return money?.origin ?? inventory?.origin ?? .builtIn
        case .utilities: return utilities?.origin ?? .builtIn
        case .utility(let index):
            if index >= 0, index < utilityLines.count { return .directive(utilityLines[index]) }
            return utilities?.origin ?? .builtIn
        case .resourceDensity: return density?.origin ?? .builtIn
        case .resourceMax: return maxAmount?.origin ?? .builtIn
        case .resourceAmount: return amount?.origin ?? maxAmount?.origin ?? .builtIn
        case .resourceRegen: return regen?.origin ?? .builtIn
        case .regime: return regime?.origin ?? .builtIn
        case .param(let path):
            if let origin = params[path]?.origin { return origin }
            // A cross-field rule (lambda_min < lambda_max) may name the unset side.
            let group = path.split(separator: ".").first.map(String.init) ?? path
            return params.first { $0.key.hasPrefix(group + ".") }?.value.origin ?? .builtIn
        case .schedule: return schedule?.origin ?? .builtIn
        case .pin(let key): return pins[key]?.origin ?? utilities?.origin ?? .builtIn
        case .stock(let good): return stock[good]?.origin ?? inventory?.origin ?? .builtIn
        case .target: return target?.origin ?? .builtIn
        case .protocolChoice(let kind): return protocols[kind]?.origin ?? .builtIn
        }
    }
}

/// The outcome of resolving a recipe set.
public struct Resolution: Sendable {
    /// Every recipe that resolved without errors, templates included, in the set's order.
    public var scenarios: [ResolvedScenario]
    /// Every diagnostic: parsing, names, chains, `set` values, missing fields, validation.
    public var diagnostics: [Diagnostic]
    /// Paths of the recipe files that have errors (they are not built).
    public var failedPaths: Set<String>
    /// Paths of the recipes whose resolution produced a warning, on their own lines or on an
    /// inherited line while building them (`-W` fails these).
    public var warnedPaths: Set<String>
    /// The outputs of the recipes that failed but whose outputs are known (see
    /// `Resolver.claim`), in the set's order: checked for clashes with the others' outputs.
    public var failedClaims: [OutputClaim]

    /// What every recipe would write: the resolved ones (templates claim nothing), then
    /// `failedClaims`. The one list the check for two recipes writing one file reads.
    public var outputClaims: [OutputClaim] {
        scenarios.filter { !$0.isTemplate }.map(OutputClaim.init) + failedClaims
    }
}

/// Resolves recipes against the built-in presets and each other.
public struct Resolver {
    /// The rule for a recipe chain that never sets `seed`: a documented, stable function of
    /// the scenario name, so every build of a recipe is identical.
    public static let defaultSeedRule = "default seed: FNV-1a (32-bit) of the scenario name"

    /// The longest `extends` chain, in recipes (presets not counted).
    public static let maxChainDepth = 64

    /// The default limit on variants per recipe (`--max-variants` changes it).
    public static let defaultMaxVariants = 10_000

    let set: RecipeSet
    let maxVariants: Int
    /// The target of a chain without a `vmt` line (the project default, `--vmt`).
    let defaultTarget: VMTTarget
    /// The warnings silenced per run and by allow comments.
    private let allowance: WarningAllowance
    var diagnostics: [Diagnostic] = []
    /// Memo per entry: the resolved fields and chain, or nil when the entry failed.
    var memo: [Int: (fields: ResolvedFields, chain: [String])?] = [:]
    private var visiting: [Int] = []
    /// Entries with any error: not built.
    private var failed: Set<Int> = []
    /// Entries whose own fields are unknown (syntax errors, a refused line, a broken chain):
    /// their children cannot extend them. A recipe that only fails validation is not one: its
    /// children are judged on their own resolved fields, whatever the order of the files.
    private var unresolvable: Set<Int> = []
    /// Entries whose resolution warned.
    private var warned: Set<Int> = []
    /// Set by `typed` when a `vary` range holds more values than the limit: its count as text.
    var oversizedCount: String?
    /// Entries whose failure was already reported as a cycle (no second diagnostic).
    private var inCycle: Set<Int> = []

    private init(set: RecipeSet, maxVariants: Int, allowing: Set<DiagnosticCode>, defaultTarget: VMTTarget) {
        self.set = set
        self.maxVariants = maxVariants
        self.defaultTarget = defaultTarget
        self.allowance = WarningAllowance(allowing: allowing, recipes: set.entries.map(\.recipe))
        failed = set.broken
        unresolvable = set.broken
    }

    /// Resolves every recipe of `sources` (parse, index, chains, checks) in one pass.
    ///
    /// `allowing` silences warnings of those codes everywhere (as `--allow` does); codes of
    /// errors in it have no effect, since errors cannot be allowed. Allow comments in the
    /// recipes silence warnings line by line (grammar/diagnostics.md).
    /// `defaultTarget` is the VMT target of a chain without a `vmt` line (`--vmt`).
    public static func resolve(_ sources: [RecipeSource], maxVariants: Int = defaultMaxVariants,
                               allowing: Set<DiagnosticCode> = [], defaultTarget: VMTTarget = .standard) -> Resolution {
        resolve(RecipeSet(sources), maxVariants: maxVariants, allowing: allowing, defaultTarget: defaultTarget)
    }

    /// Resolves every recipe of an already parsed set; a recipe may give at most `maxVariants`;
    /// warnings of the codes in `allowing` are silenced (see `resolve(_:maxVariants:allowing:)`).
    public static func resolve(_ set: RecipeSet, maxVariants: Int = defaultMaxVariants,
                               allowing: Set<DiagnosticCode> = [], defaultTarget: VMTTarget = .standard) -> Resolution {
        var resolver = Resolver(set: set, maxVariants: maxVariants, allowing: allowing, defaultTarget: defaultTarget)
        var scenarios: [ResolvedScenario] = []
        for index in set.entries.indices {
            // A broken file is still resolved, so its good lines are checked, but never finished.
            guard let (fields, chain) = resolver.fields(of: index), !set.broken.contains(index) else { continue }
            let entry = set.entries[index]
            guard let scenario = resolver.finish(index, entry, entry.recipe, fields, chain), !resolver.failed.contains(index) else {
                resolver.failed.insert(index)
                continue
            }
            scenarios.append(scenario)
        }
        resolver.warnAboutNamesSharedAcrossRecipes(scenarios)
        let failedPaths = Set(resolver.failed.map { set.entries[$0].source.path })
        let warnedPaths = Set(resolver.warned.map { set.entries[$0].source.path })
        let failedClaims = set.entries.indices.filter { resolver.failed.contains($0) }.compactMap { resolver.claim($0) }
        return Resolution(scenarios: scenarios, diagnostics: Self.withoutRedundancyOfErrors(set.diagnostics + resolver.diagnostics),
                          failedPaths: failedPaths, warnedPaths: warnedPaths, failedClaims: failedClaims)
    }

    /// `diagnostics` without the "repeats the value it inherits" warnings (VMT250) of lines that
    /// have an error: a line that must change anyway is not also "redundant".
    static func withoutRedundancyOfErrors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let lineKey = { (range: SourceRange) in "\(range.file):\(range.start.line)" }
        let erroneous = Set(diagnostics.filter { $0.severity == .error }.map { lineKey($0.range) })
        guard !erroneous.isEmpty else { return diagnostics }
        return diagnostics.filter { $0.code != .redundantLine || !erroneous.contains(lineKey($0.range)) }
    }

    /// VMT414 across recipes: a scenario of one recipe (a variant of a sweep) named as one of
    /// another's, though their `scenario` lines differ (equal lines are VMT202, an error). One
    /// warning per pair of recipes, at the later recipe's `scenario` line, with a note at the other's.
    private mutating func warnAboutNamesSharedAcrossRecipes(_ scenarios: [ResolvedScenario]) {
        var seen: [String: Int] = [:]
        var reported: Set<[Int]> = []
        for (number, scenario) in scenarios.enumerated() where !scenario.isTemplate {
            for position in scenario.variants.indices {
                let name = scenario.variants.nameAndOutput(at: position).name
                guard let first = seen[name] else {
                    seen[name] = number
                    continue
                }
                // The same recipe twice is VMT414 of the sweep, reported while finishing it.
                guard first != number, reported.insert([first, number]).inserted else { continue }
                let other = scenarios[first]
                let before = diagnostics.count
                warn(.warning(Messages.recipesShareName(name, other.source.path),
                              at: scenario.name.origin.range ?? scenario.recipe.summaryRange,
                              notes: [Diagnostic.Note(Messages.alsoNamedHere, at: other.name.origin.range ?? other.recipe.summaryRange)],
                              hint: Messages.renameScenarioHint))
                if diagnostics.count > before, let index = set.entries.firstIndex(where: { $0.source.path == scenario.source.path }) {
                    warned.insert(index)
                }
            }
        }
    }

    /// Replaces the count of `entry`'s field in place (a child's `vary` keeps the parent's order), or appends it.
    static func setCount(_ counts: inout [ResolvedFields.VaryCount], _ entry: ResolvedFields.VaryCount) {
        if let position = counts.firstIndex(where: { $0.field == entry.field }) {
            counts[position] = entry
        } else {
            counts.append(entry)
        }
    }

    /// VMT411 when the product of the `vary` counts exceeds `maxVariants`: one error per recipe,
    /// stating the exact total (decimal arithmetic, any size), at the `vary` line whose running
    /// product first crosses the limit, with a note listing every `vary` line's count.
    func variantLimitRefusal(_ counts: [ResolvedFields.VaryCount], _ recipe: Recipe) -> Diagnostic? {
        var total = "1"
        var crossing: SourceRange?
        for entry in counts {
            total = IntegerText.product(total, entry.count)
            if crossing == nil, IntegerText.exceeds(total, maxVariants) { crossing = entry.range }
        }
        guard let crossing else { return nil }
        let lines = counts.map { "\($0.field.name) \($0.count) (line \($0.range.start.line))" }
        return .error(Messages.tooManyVariants(total: total, limit: maxVariants), at: crossing,
                      notes: [.init("values per vary line: " + lines.joined(separator: " x "))], hint: Messages.maxVariantsHint)
    }

    /// What two variants of one sweep can share: an output file (an error, VMT413) or a scenario
    /// name (a warning, VMT414).
    enum VariantClash {
        /// Both would write one file.
        case output
        /// Both are named alike (their files differ).
        case name
    }

    /// Two variants of one sweep sharing an output path or a name: both described by their
    /// values, and the hint names the varied fields that the `output` path (or the `scenario`
    /// name) leaves out, as `{placeholder}`s.
    private static func variantClash(_ clash: VariantClash, _ text: String, _ first: ResolvedVariant, _ second: ResolvedVariant,
                                     _ scenario: ResolvedScenario, at range: SourceRange) -> Diagnostic {
        let describe = { (variant: ResolvedVariant) in
            "\(variant.index) (" + variant.assignments.map { "\($0.field.name) \($0.text)" }.joined(separator: ", ") + ")"
        }
        let template = clash == .output ? scenario.output.value : scenario.name.value
        let inTemplate = Set(Placeholders.parse(template).fields.compactMap { VaryField($0.name) })
        let differing = zip(first.assignments, second.assignments)
            .filter { $0.0.field == $0.1.field && $0.0.text != $0.1.text && !inTemplate.contains($0.0.field) }
            .map(\.0.field.name)
        switch clash {
        case .output:
            let hint = differing.isEmpty ? nil : Messages.addPlaceholdersHint(differing)
            return .error(Messages.variantsWriteOneFile(text, describe(first), describe(second)), at: range, hint: hint)
        case .name:
            let hint = differing.isEmpty ? nil : Messages.addPlaceholdersToNameHint(differing)
            return .warning(Messages.variantsShareName(text, describe(first), describe(second)), at: range, hint: hint)
        }
    }

    // MARK: Chains

    /// The fields of entry `index` through its chain, or nil when it (or its chain) fails.
    private mutating func fields(of index: Int) -> (fields: ResolvedFields, chain: [String])? {
        if let done = memo[index] { return done }
        let recipe = set.entries[index].recipe
        if let start = visiting.firstIndex(of: index) {
            // A cycle: report it once, with the chain starting at the member whose path sorts
            // first, at the extends line that closes it there — the same whatever the file order.
            var members = Array(visiting[start...])
            if let first = members.indices.min(by: { set.entries[members[$0]].source.path < set.entries[members[$1]].source.path }) {
                members = Array(members[first...] + members[..<first])
            }
            let names = (members + [members[0]]).map { set.entries[$0].name }
            if let closing = members.last, let line = set.entries[closing].recipe.extends {
                diagnostics.append(.error(Messages.extendsCycle(names), at: line.range))
            }
            inCycle.formUnion(members)
            failed.formUnion(members)
            unresolvable.formUnion(members)
            return nil
        }
        if visiting.count >= Self.maxChainDepth, let line = recipe.extends {
            // Refused before recursing further, so the stack never grows with what a recipe set
            // says; the recipes waiting on this one fail too (their chains are longer still).
            diagnostics.append(.error(Messages.chainTooDeep(Self.maxChainDepth), at: line.range))
            failed.insert(index)
            unresolvable.insert(index)
            memo[index] = .some(nil)
            return nil
        }
        visiting.append(index)
        defer { visiting.removeLast() }

        var fields = ResolvedFields()
        var chain = [set.entries[index].source.path]
        if let parent = recipe.extends {
            if let preset = Preset.named(parent.value) {
                fields = ResolvedFields(preset: preset, via: parent.range)
                chain.append("preset \(preset.name)")
            } else if let parentIndex = set.index(named: parent.value) {
                guard let inherited = self.fields(of: parentIndex), !unresolvable.contains(parentIndex) else {
                    if !inCycle.contains(index) {
                        diagnostics.append(.error(Messages.brokenParent(parent.value, set.entries[parentIndex].source.path),
                                                  at: parent.range))
                    }
                    failed.insert(index)
                    unresolvable.insert(index)
                    memo[index] = .some(nil)
                    return nil
                }
                fields = inherited.fields
                chain += inherited.chain
                if chain.filter({ !$0.hasPrefix("preset ") }).count > Self.maxChainDepth {
                    diagnostics.append(.error(Messages.chainTooDeep(Self.maxChainDepth), at: parent.range))
                    failed.insert(index)
                    unresolvable.insert(index)
                    memo[index] = .some(nil)
                    return nil
                }
            } else {
                // Never suggest the recipe itself: extending itself is a cycle.
                let candidates = Preset.names + set.names.filter { $0 != set.entries[index].name }
                diagnostics.append(.error(Messages.unknownParent(parent.value), at: parent.range,
                                          hint: Messages.suggestion(for: parent.value, in: candidates)))
                failed.insert(index)
                unresolvable.insert(index)
                memo[index] = .some(nil)
                return nil
            }
        }
        let before = diagnostics.count
        apply(recipe, to: &fields)
        // A refused line fails the recipe (and its children), but the rest of its fields still
        // go through validation, so every error of the file is reported in one run.
        if diagnostics[before...].contains(where: { $0.severity == .error }) {
            failed.insert(index)
            unresolvable.insert(index)
        }
        if diagnostics[before...].contains(where: { $0.severity == .warning }) { warned.insert(index) }
        memo[index] = (fields, chain)
        return (fields, chain)
    }

    /// Replaces (or, for `resources` and `set`, merges) the fields a recipe's own directives set.
    private mutating func apply(_ recipe: Recipe, to fields: inout ResolvedFields) {
        // `utility` lines replace the inherited mix as a whole, like a `utilities` line.
        let utilityLines = recipe.directives.filter { $0.keyword == .utility }
        if let first = utilityLines.first {
            let entries = recipe.utilityLines.map(\.entry)
            fields.utilities = Sourced(entries, .directive(first.range))
            fields.utilityLines = utilityLines.map(\.range)
        }
        // The target this recipe is built for as far as its chain says (a child may still change
        // it; the target checks run on the finished chain).
        let target = recipe.target?.value ?? fields.target?.value ?? defaultTarget
        for directive in recipe.directives {
            for problem in WarningAllowance.problems(of: directive.line) { warn(problem) }
            warnIfRedundant(directive, inherited: fields, target: target)
            // A field set plainly is fixed: an inherited `vary` of it no longer applies.
            for field in RecipeRules.plainFields(directive.value) { fields.fix(field) }
            switch directive.value {
            case .scenario, .template, .extends, .output:
                break  // never inherited; read from the recipe itself
            case .agents(let value):
                fields.agents = Sourced(value.value, .directive(value.range))
            case .grid(let value):
                fields.grid = Sourced(value.value, .directive(value.range))
            case .inventory(let bounds):
                fields.inventory = Sourced(InventoryRange(min: bounds.lower.value, max: bounds.upper.value),
                                           .directive(bounds.lower.range.union(bounds.upper.range)))
            case .money(let bounds):
                fields.money = Sourced(InventoryRange(min: bounds.lower.value, max: bounds.upper.value),
                                       .directive(bounds.lower.range.union(bounds.upper.range)))
            case .utilities(let items):
                let entries = items.map { UtilityEntry($0.type.value, weight: $0.weight?.value.value) }
                fields.utilities = Sourced(entries, .directive(directive.range))
                fields.utilityLines = []
            case .utility:
                break  // applied as a whole above
            case .resources(let settings):
                if let density = settings.density { fields.density = Sourced(density.value.value, .directive(density.range)) }
                if let max = settings.max { fields.maxAmount = Sourced(max.value, .directive(max.range)) }
                if let amount = settings.amount { fields.amount = Sourced(amount.value, .directive(amount.range)) }
                if let regen = settings.regen { fields.regen = Sourced(regen.value, .directive(regen.range)) }
            case .regime(let value):
                fields.regime = Sourced(value.value, .directive(value.range))
            case .seed(let value):
                guard let seed = Seed(value.value) else {
                    diagnostics.append(.error(Messages.seedTooLong(Seed.maxDigits), at: value.range))
                    continue
                }
                fields.seed = Sourced(seed, .directive(value.range))
            case .set(let setting):
                if let value = parameter(setting) {
                    fields.params[setting.path.value] = Sourced(value, .directive(setting.value.range))
                }
            case .schedule(let schedule):
                switch schedule {
                case .off:
                    fields.schedule = Sourced(nil, .directive(directive.range))
                case .cycle(let forage, let trade, let start):
                    let mode = start?.value ?? .forage
                    fields.schedule = Sourced(ModeSchedule(forageTicks: forage.value, tradeTicks: trade.value, startMode: mode),
                                              .directive(directive.range))
                }
            case .pin(let pin):
                fields.pins[pin.key] = Sourced(pin.value.value.value, .directive(pin.value.range))
            case .stock(let stock):
                fields.stock[stock.good.value] = Sourced(stock.stock, .directive(directive.range))
            case .target(let value):
                fields.target = Sourced(value.value, .directive(value.range))
            case .protocolChoice(let kind, let name):
                fields.protocols[kind] = Sourced(name.value, .directive(name.range))
            case .vary(let variation):
                guard let typed = typed(variation) else {
                    let field = variation.field.value
                    if let count = oversizedCount {
                        // Too many values to expand: counted for the recipe's VMT411, the parent's line dropped.
                        fields.variations.removeAll { $0.field == field }
                        Self.setCount(&fields.varyCounts, .init(field: field, count: count, range: variation.field.range))
                        continue
                    }
                    // Refused (and reported): its placeholders are not "without a vary" too.
                    fields.refusedVariations.insert(field)
                    fields.varyCounts.removeAll { $0.field == field }
                    continue
                }
                Self.setCount(&fields.varyCounts, .init(field: typed.field, count: String(typed.values.count), range: typed.range))
                // A child's `vary` of a field replaces the parent's in place, keeping its order.
                if let position = fields.variations.firstIndex(where: { $0.field == typed.field }) {
                    fields.variations[position] = typed
                } else {
                    fields.variations.append(typed)
                }
            }
        }
    }

    /// Warns when a directive sets a field to the value it already inherits (from a parent, or
    /// for `set`, from the schema's default): the line changes nothing. A `set` key `target` does
    /// not read has no default there (the line is an error, VMT702 or VMT706, not redundant).
    private mutating func warnIfRedundant(_ directive: Directive, inherited f: ResolvedFields, target: VMTTarget) {
        var inherited: Origin?
        switch directive.value {
        case .agents(let v): if f.agents?.value == v.value { inherited = f.agents?.origin }
        case .grid(let v): if f.grid?.value == v.value { inherited = f.grid?.origin }
        case .inventory(let b):
            if f.inventory?.value == InventoryRange(min: b.lower.value, max: b.upper.value) { inherited = f.inventory?.origin }
        case .money(let b):
            if f.money?.value == InventoryRange(min: b.lower.value, max: b.upper.value) { inherited = f.money?.origin }
        case .utilities(let items):
            if f.utilities?.value == items.map({ UtilityEntry($0.type.value, weight: $0.weight?.value.value) }) {
                inherited = f.utilities?.origin
            }
        case .resources(let r):
            let same = (r.density.map { f.density?.value == $0.value.value } ?? true)
                && (r.max.map { f.maxAmount?.value == $0.value } ?? true)
                && (r.amount.map { f.amount?.value == $0.value } ?? true)
                && (r.regen.map { f.regen?.value == $0.value } ?? true)
            if same { inherited = r.density.flatMap { _ in f.density?.origin } ?? r.max.flatMap { _ in f.maxAmount?.origin }
                ?? r.amount.flatMap { _ in f.amount?.origin } ?? f.regen?.origin }
        case .regime(let v): if f.regime?.value == v.value { inherited = f.regime?.origin }
        case .seed(let v): if let seed = Seed(v.value), f.seed?.value == seed { inherited = f.seed?.origin }
        case .schedule(let schedule):
            if case .off = schedule, let current = f.schedule, current.value == nil { inherited = current.origin }
        case .set(let setting):
            // Only keys `set` may change; a refused line gets its error, not a warning too.
            guard let definition = ParamSchema.definition(setting.path.value), definition.mirrors == nil,
                  definition.isRead(by: target) else { return }
            let current = f.params[setting.path.value] ?? Sourced(definition.defaultValue, Origin.builtIn)
            if ParamValue.parse(setting.value, like: current.value) == current.value { inherited = current.origin }
        case .scenario, .template, .extends, .output, .utility:
            break
        case .pin(let pin):
            if f.pins[pin.key]?.value == pin.value.value.value { inherited = f.pins[pin.key]?.origin }
        case .stock(let stock):
            if f.stock[stock.good.value]?.value == stock.stock { inherited = f.stock[stock.good.value]?.origin }
        case .target(let v): if f.target?.value == v.value { inherited = f.target?.origin }
        case .protocolChoice(let kind, let name):
            if f.protocols[kind]?.value == name.value { inherited = f.protocols[kind]?.origin }
        case .vary:
            break
        }
        // Only a value from a parent (or a default) is inherited; a line of this file repeating
        // another is a duplicate, reported as such by the parser.
        guard let inherited else { return }
        if case .directive(let range) = inherited, range.file == directive.range.file { return }
        warn(.warning(Messages.redundant(directive.keyword.rawValue, inherited.description),
                      at: directive.range, hint: Messages.removeLineHint))
    }

    /// Reports what the resolved target does not read, each at the line (or `extends` of a preset)
    /// that set it: money under a target without money (a `money` range, `inventory M`, a money
    /// `set` key, a money regime), protocols under a target without protocols, and `set` keys the
    /// target's loader does not read. `reported` keeps each line to one error per message across variants.
    /// Tells whether it reported an error.
    private mutating func checkTarget(_ fields: ResolvedFields, _ recipe: Recipe, reported: inout Set<String>) -> Bool {
        let target = fields.target?.value ?? defaultTarget
        var problems: [(Message, Origin, [String], String?)] = []
        if !target.hasMoney {
            let note = Messages.moneyDroppedNote(target)
            // The hint for money that came from one value of a `vary` list names the value, not the line.
            let hint = { (origin: Origin) in Self.varyValueText(origin, fields).map(Messages.moneyDroppedFromVaryHint) ?? Messages.moneyDroppedHint }
            if let money = fields.money { problems.append((Messages.moneyDropped("money", target), money.origin, [note], hint(money.origin))) }
            if let stock = fields.stock[.m] {
                problems.append((Messages.moneyDropped("inventory M", target), stock.origin, [note], Messages.moneyDroppedHint))
            }
            if let regime = fields.regime, regime.value != .barterOnly {
                // An inherited regime is not removed by removing the extends line: this recipe overrides it.
                let inherited: Bool
                switch regime.origin {
                case .preset: inherited = true
                case .directive(let at): inherited = at.file != recipe.path
                case .builtIn, .derived: inherited = false
                }
                let regimeHint = inherited ? Messages.inheritedMoneyRegimeHint(preset: regime.origin.presetName) : hint(regime.origin)
                problems.append((Messages.moneyDropped("regime " + regime.value.rawValue, target), regime.origin, [note], regimeHint))
            }
        }
        for path in fields.params.keys.sorted() {
            guard let value = fields.params[path], let definition = ParamSchema.definition(path),
                  !definition.isRead(by: target) else { continue }
            if !target.hasMoney, ParamSchema.moneyPaths.contains(path) {
                problems.append((Messages.moneyDropped("set " + path, target), value.origin, [Messages.moneyDroppedNote(target)],
                                 Self.varyValueText(value.origin, fields).map(Messages.moneyDroppedFromVaryHint) ?? Messages.moneyDroppedHint))
            } else {
                problems.append((Messages.parameterNotRead(path, target), value.origin,
                                 [Messages.parameterReadBy(Array(definition.targets))],
                                 Messages.parameterNotReadHint(Array(definition.targets))))
            }
        }
        if !target.hasProtocols {
            for kind in ProtocolKind.allCases {
                guard let choice = fields.protocols[kind] else { continue }
                problems.append((Messages.protocolsUnavailable(kind, target), choice.origin, [], Messages.protocolsHint))
            }
        }
        var failed = false
        for (message, origin, noteTexts, hint) in problems {
            var notes = noteTexts.map { Diagnostic.Note($0) }
            let range: SourceRange
            switch origin {
            case .directive(let at): range = at
            case .preset(let preset, let via):
                range = via
                notes.append(Diagnostic.Note(Messages.inheritedFromPreset(preset)))
            case .builtIn, .derived: range = recipe.summaryRange
            }
            if range.file != recipe.path { notes.append(Diagnostic.Note(Messages.whileBuilding(recipe.path))) }
            failed = true
            // One error per line and message: a `vary search` line under 2025-10 is reported once,
            // at its first value, not once per variant.
            guard reported.insert("\(range.file):\(range.start.line)|\(message.text)").inserted else { continue }
            diagnostics.append(.error(message, at: range, notes: notes, hint: hint))
        }
        return failed
    }

    /// Warns about settings that have no effect in the resolved scenario: a money range or a
    /// money parameter under `barter_only`, where agents hold no money.
    private mutating func warnAboutNoEffect(_ fields: ResolvedFields, _ recipe: Recipe) {
        guard fields.regime?.value == .barterOnly else { return }
        // Under a target without money, the same lines are errors (VMT702) already.
        guard fields.target?.value.hasMoney ?? true else { return }
        var settings: [(String, Origin)] = []
        if let money = fields.money { settings.append(("money", money.origin)) }
        if let stock = fields.stock[.m] { settings.append(("inventory M", stock.origin)) }
        for path in ParamSchema.moneyPaths.sorted() {
            if let value = fields.params[path] { settings.append(("set " + path, value.origin)) }
        }
        for (what, origin) in settings {
            guard let range = origin.range else { continue }
            let notes = range.file == recipe.path ? [] : [Diagnostic.Note(Messages.whileBuilding(recipe.path))]
            warn(.warning(Messages.noEffectWithoutMoney(what), at: range, notes: notes, hint: Messages.moneyRegimeHint))
        }
    }

    /// Warns about each `pin` of a utility type the resolved mix does not contain: it changes
    /// nothing in the scenario. Tells whether it warned.
    private mutating func warnAboutPinsOutsideTheMix(_ fields: ResolvedFields, _ recipe: Recipe) -> Bool {
        guard let mix = fields.utilities?.value else { return false }
        let types = mix.map(\.type)
        let before = diagnostics.count
        for key in fields.pins.keys.sorted() {
            guard let pin = fields.pins[key], let range = pin.origin.range,
                  let typeName = key.split(separator: ".").first.map(String.init),
                  let type = UtilityType(rawValue: typeName), !types.contains(type) else { continue }
            var names: [String] = []
            for name in types.map(\.rawValue) where !names.contains(name) { names.append(name) }
            let notes = range.file == recipe.path ? [] : [Diagnostic.Note(Messages.whileBuilding(recipe.path))]
            warn(.warning(Messages.pinNotInMix(key, typeName), at: range, notes: notes, hint: Messages.pinNotInMixHint(names)))
        }
        return diagnostics.count > before
    }

    /// The text of the `vary` value a field's value came from (a variant's `origin` is the value's
    /// token), or nil when it came from anything else.
    static func varyValueText(_ origin: Origin, _ fields: ResolvedFields) -> String? {
        guard case .directive(let at) = origin else { return nil }
        for variation in fields.variations {
            if let position = variation.values.firstIndex(where: { $0.range == at }), position < variation.texts.count {
                return variation.texts[position]
            }
        }
        return nil
    }

    /// VMT415 at the first `vary` line of the chain when the chain sets no seed (no `seed` line,
    /// no preset seed, no `vary seed`), it makes at least two variants, and EVERY varied field
    /// leaves the draws alone; returns whether it warned.
    ///
    /// Each variant's seed then comes from its own name, so the variants differ in every drawn
    /// stock and utility parameter, not only in what the sweep varies. Fields that enter the
    /// draws (`Generator.draw`): `agents` (how many stocks), `inventory` and `money` (the ranges
    /// drawn from), `regime` when it mixes a barter regime with money ones (money regimes draw M
    /// stocks, which moves every later draw; `money_only, mixed` draws alike) and `seed`; a sweep of one of them compares different populations anyway, so no warning.
    /// Fields that do not: `grid`, `resources.density`, `resources.max`, `resources.regen`,
    /// the protocols `search`, `matching`, `bargaining`, and every `set.PATH` (written as they
    /// are, never drawn). Pins, explicit stocks and the utility mix enter the draws but cannot
    /// be varied.
    private mutating func warnAboutSweepWithoutSeed(_ fields: ResolvedFields, _ recipe: Recipe) -> Bool {
        guard fields.seed == nil, let first = fields.variations.first,
              fields.variations.contains(where: { $0.values.count > 1 }),
              fields.variations.allSatisfy({ !Self.entersDraws($0) }) else { return false }
        let before = diagnostics.count
        let notes = first.range.file == recipe.path ? [] : [Diagnostic.Note(Messages.whileBuilding(recipe.path))]
        warn(.warning(Messages.sweepWithoutSeed, at: first.range, notes: notes, hint: Messages.sweepWithoutSeedHint))
        return diagnostics.count > before
    }

    /// Whether a varied field changes what `Generator.draw` draws (see `warnAboutSweepWithoutSeed`).
    static func entersDraws(_ field: VaryField) -> Bool {
        switch field {
        case .agents, .inventory, .money, .regime, .seed: return true
        case .grid, .resourcesDensity, .resourcesMax, .resourcesRegen, .protocolChoice, .parameter: return false
        }
    }

    /// Whether a `vary` line changes the draws: its field enters them, except a `regime` line whose
    /// regimes all use money or all do not (`money_only, mixed` draws the same stocks).
    static func entersDraws(_ variation: ResolvedFields.Variation) -> Bool {
        guard variation.field == .regime else { return entersDraws(variation.field) }
        let money = Set(variation.values.compactMap { value -> Bool? in
            if case .regime(let regime) = value.value { return regime.usesMoney }
            return nil
        })
        return money.count > 1
    }

    /// Reports a warning unless its code is allowed for the run or by an allow comment on the
    /// line it is about.
    private mutating func warn(_ warning: Diagnostic) {
        guard !allowance.allows(warning.code, at: warning.range) else { return }
        diagnostics.append(warning)
    }

    /// The typed value of a `set` line, or nil after reporting why it is refused.
    private mutating func parameter(_ setting: Setting) -> ParamValue? {
        let path = setting.path.value
        guard let definition = ParamSchema.definition(path) else {
            let fields = ParamSchema.settablePaths.filter { $0.hasPrefix(path + ".") }
            if !fields.isEmpty {
                diagnostics.append(.error(Messages.parameterGroup(path, fields), at: setting.path.range))
            } else {
                diagnostics.append(.error(Messages.unknownParameter(path), at: setting.path.range,
                                          hint: Messages.suggestion(for: path, in: ParamSchema.settablePaths)))
            }
            return nil
        }
        if let field = definition.mirrors {
            diagnostics.append(.error(Messages.parameterOwnedByDirective(path, Messages.directive(setting: field)), at: setting.path.range))
            return nil
        }
        let token = setting.value
        if token.kind == .integer, Int(token.value) == nil {
            let text = Messages.integerOutOfRange(token.text, negative: token.value.hasPrefix("-"))
            diagnostics.append(.error(text, at: token.range))
            return nil
        }
        let value = ParamValue.parse(token, like: definition.defaultValue)
        guard let value, value.isFiniteNumber, definition.kind.accepts(value) else {
            var hint: String?
            if case .choice(let words) = definition.kind { hint = Messages.suggestion(for: token.value, in: words) }
            diagnostics.append(.error(Messages.badParameterValue(path, rule: definition.kind.rule, got: token.text),
                                      at: token.range, hint: hint))
            return nil
        }
        return value
    }

    // MARK: The finished scenario

    /// Names, outputs and specs of a resolved chain, one per variant; nil after reporting
    /// missing fields, placeholders without a `vary`, too many variants, or validation errors.
    private mutating func finish(_ index: Int, _ entry: RecipeSet.Entry, _ recipe: Recipe, _ fields: ResolvedFields,
                                 _ chain: [String]) -> ResolvedScenario? {
        let (name, output) = Self.nameAndOutput(entry)
        var fields = fields
        if fields.regime == nil { fields.regime = Sourced(.barterOnly, .builtIn) }
        if fields.target == nil {
            fields.target = Sourced(defaultTarget, defaultTarget == .standard ? .builtIn : .derived("the project default (--vmt)"))
        }
        var scenario = ResolvedScenario(recipe: recipe, source: entry.source, chain: chain, name: name,
                                        fields: fields, output: output, variants: VariantList())
        if recipe.isTemplate {
            // A template is refused only when one `vary` line alone is beyond the limit (a child may replace lines).
            if fields.varyCounts.contains(where: { IntegerText.exceeds($0.count, maxVariants) }),
               let refusal = variantLimitRefusal(fields.varyCounts, recipe) {
                diagnostics.append(refusal)
                return nil
            }
            if scenario.fields.seed == nil {
                scenario.fields.seed = Sourced(Self.defaultSeed(for: name.value), .derived(Self.defaultSeedRule))
            }
            return scenario
        }
        // The variant limit first: a refused recipe gets one VMT411 and no further sweep checks
        // (its placeholders and outputs would be judged on a partial expansion).
        if let refusal = variantLimitRefusal(fields.varyCounts, recipe) {
            diagnostics.append(refusal)
            return nil
        }
        let varied = Set(fields.variations.map(\.field))
        for template in [name, output] {
            let (_, missing) = VaryFields.fill(template.value, fields.variations.map { .init(field: $0.field, text: "") })
            if let missing, !varied.contains(where: { $0.name == missing }),
               !fields.refusedVariations.contains(where: { $0.name == missing }) {
                diagnostics.append(.error(Messages.placeholderWithoutVary(missing), at: template.origin.range ?? recipe.summaryRange))
                return nil
            }
        }
        if warnAboutPinsOutsideTheMix(fields, recipe) { warned.insert(index) }
        if warnAboutSweepWithoutSeed(fields, recipe) { warned.insert(index) }
        guard let count = fields.variantCount(limit: maxVariants) else { return nil }  // refused above (VMT411)
        // Every variant is made and validated here, one at a time, and dropped: the scenario
        // keeps only the recipe of its variants (`VariantList`), whatever their number.
        var failedHere = false
        var targetReported: Set<String> = []
        var outputs: [String: Int] = [:]
        var names: [String: Int] = [:]
        var nameClashReported = false
        let outputRange = recipe.output?.range ?? recipe.summaryRange
        for position in 0..<count {
            let (variant, missing) = VariantList.make(fields: fields, name: name, output: output, position: position)
            guard missing.isEmpty else {
                diagnostics.append(.error(Messages.missingFields(missing), at: recipe.summaryRange))
                return nil
            }
            if !fields.variations.isEmpty {
                if let first = outputs[variant.output.value] {
                    let earlier = VariantList.make(fields: fields, name: name, output: output, position: first).variant
                    diagnostics.append(Self.variantClash(.output, variant.output.value, earlier, variant, scenario, at: outputRange))
                    return nil
                }
                outputs[variant.output.value] = position
                // Two names alike: one warning per recipe, at the `scenario` line (the files differ).
                if !nameClashReported, let first = names[variant.name.value] {
                    let earlier = VariantList.make(fields: fields, name: name, output: output, position: first).variant
                    let before = diagnostics.count
                    warn(Self.variantClash(.name, variant.name.value, earlier, variant, scenario,
                                           at: name.origin.range ?? recipe.summaryRange))
                    if diagnostics.count > before { warned.insert(index) }
                    nameClashReported = true
                } else if !nameClashReported {
                    names[variant.name.value] = position
                }
            }
            if checkTarget(variant.fields, recipe, reported: &targetReported) { failedHere = true }
            let before = diagnostics.count
            warnAboutNoEffect(variant.fields, recipe)
            if diagnostics.count > before { warned.insert(index) }
            let issues = Validator.validate(variant.spec)
            if !issues.isEmpty {
                diagnostics += variant.fields.diagnostics(for: issues, name: variant.name, recipe: recipe)
                failedHere = true
            }
        }
        scenario.variants = VariantList(fields: fields, name: name, output: output, count: count)
        if fields.seed == nil, let first = scenario.variants.first, fields.variations.isEmpty {
            scenario.fields.seed = first.fields.seed
        }
        return failedHere ? nil : scenario
    }

    /// The core's resource settings: an integer regen as `regen`, a decimal one as `regenRate`.
    static func resources(density: Double, maxAmount: Int, amount: Int?, regen: ParamValue) -> ResourceConfig {
        switch regen {
        case .int(let value): return ResourceConfig(density: density, maxAmount: maxAmount, regen: value, amount: amount)
        case .float(let value): return ResourceConfig(density: density, maxAmount: maxAmount, regen: 0, regenRate: value, amount: amount)
        case .bool, .string: return ResourceConfig(density: density, maxAmount: maxAmount, regen: 0, amount: amount)
        }
    }

    /// The default output path: the recipe's path in its folder with `.vmt` replaced by `.yaml`.
    static func defaultOutput(_ relativePath: String) -> String {
        (relativePath.hasSuffix(".vmt") ? String(relativePath.dropLast(4)) : relativePath) + ".yaml"
    }

    /// An `output` path without `.` segments (`./a/b.yaml` is `a/b.yaml`).
    static func normalize(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// The seed of a chain that sets none: the 32-bit FNV-1a hash of the scenario name's UTF-8
    /// bytes, as a non-negative integer. Stable across machines, builds and versions.
    public static func defaultSeed(for name: String) -> Seed {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Seed(Int(hash))
    }
}

extension ParamValue {
    /// False for a float that is infinite or NaN; true for everything else.
    var isFiniteNumber: Bool {
        if case .float(let value) = self { return value.isFinite }
        return true
    }
}

extension ParamValue {
    /// A `set` token read as a value of the same kind as `example`, or nil when it is not one.
    static func parse(_ token: Token, like example: ParamValue) -> ParamValue? {
        switch example {
        case .int: return token.kind == .integer ? Int(token.value).map(ParamValue.int) : nil
        case .float: return token.kind == .integer || token.kind == .decimal ? Double(token.value).map(ParamValue.float) : nil
        case .bool: return token.kind == .word && (token.value == "true" || token.value == "false") ? .bool(token.value == "true") : nil
        case .string: return token.kind == .word || token.kind == .string ? .string(token.value) : nil
        }
    }
}
