// The interpreter: resolves each recipe through its `extends` chain into fields with origins,
// checks `set` values against the schema, and turns a complete chain into a ScenarioSpec whose
// validation errors point back at the lines (or presets) that set the offending values.
import VMTCore

/// A recipe resolved through its chain: every field with its origin, and the spec to generate.
public struct ResolvedScenario: Sendable {
    /// The recipe itself.
    public var recipe: Recipe
    /// Its file.
    public var source: RecipeSource
    /// The `extends` chain from this recipe up: recipe paths, then `preset NAME` if it ends in one.
    public var chain: [String]
    /// The scenario name and where it came from (the `scenario` line, or the file's stem).
    public var name: Sourced<String>
    /// Every other field.
    public var fields: ResolvedFields
    /// The output path relative to the output folder, and where it came from.
    public var output: Sourced<String>
    /// The complete spec; nil for a template.
    public var spec: ScenarioSpec?

    /// Whether the recipe is a `template` (it writes no file).
    public var isTemplate: Bool { recipe.isTemplate }

    /// Diagnostics for rules the spec or its generated scenario breaks, each at the line (or
    /// preset) that set the offending value.
    public func diagnostics(for issues: [ValidationIssue]) -> [Diagnostic] {
        issues.map { issue in
            let origin = self.origin(of: issue.field)
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
            return .error(issue.message, at: range, notes: notes)
        }
    }

    /// Where the value a validation rule is about came from.
    public func origin(of field: SpecField) -> Origin {
        let f = fields
        switch field {
        case .name: return name.origin
        case .agents: return f.agents?.origin ?? .builtIn
        case .grid: return f.grid?.origin ?? .builtIn
        case .inventory: return f.inventory?.origin ?? .builtIn
        case .money: return f.money?.origin ?? f.inventory?.origin ?? .builtIn
        case .utilities, .utility: return f.utilities?.origin ?? .builtIn
        case .resourceDensity: return f.density?.origin ?? .builtIn
        case .resourceMax: return f.maxAmount?.origin ?? .builtIn
        case .resourceRegen: return f.regen?.origin ?? .builtIn
        case .regime: return f.regime?.origin ?? .builtIn
        case .param(let path):
            if let origin = f.params[path]?.origin { return origin }
            // A cross-field rule (lambda_min < lambda_max) may name the unset side.
            let group = path.split(separator: ".").first.map(String.init) ?? path
            return f.params.first { $0.key.hasPrefix(group + ".") }?.value.origin ?? .builtIn
        case .schedule: return f.schedule?.origin ?? .builtIn
        case .pin(let key): return f.pins[key]?.origin ?? f.utilities?.origin ?? .builtIn
        case .stock(let good): return f.stock[good]?.origin ?? f.inventory?.origin ?? .builtIn
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
}

/// Resolves recipes against the built-in presets and each other.
public struct Resolver {
    /// The rule for a recipe chain that never sets `seed`: a documented, stable function of
    /// the scenario name, so every build of a recipe is identical.
    public static let defaultSeedRule = "default seed: FNV-1a (32-bit) of the scenario name"

    private let set: RecipeSet
    private var diagnostics: [Diagnostic] = []
    /// Memo per entry: the resolved fields and chain, or nil when the entry failed.
    private var memo: [Int: (fields: ResolvedFields, chain: [String])?] = [:]
    private var visiting: [Int] = []
    /// Entries with any error: not built.
    private var failed: Set<Int> = []
    /// Entries whose own fields are unknown (syntax errors, a refused line, a broken chain):
    /// their children cannot extend them. A recipe that only fails validation is not one: its
    /// children are judged on their own resolved fields, whatever the order of the files.
    private var unresolvable: Set<Int> = []
    /// Entries whose resolution warned.
    private var warned: Set<Int> = []
    /// Entries whose failure was already reported as a cycle (no second diagnostic).
    private var inCycle: Set<Int> = []

    private init(set: RecipeSet) {
        self.set = set
        failed = set.broken
        unresolvable = set.broken
    }

    /// Resolves every recipe of `sources` (parse, index, chains, checks) in one pass.
    public static func resolve(_ sources: [RecipeSource]) -> Resolution {
        resolve(RecipeSet(sources))
    }

    /// Resolves every recipe of an already parsed set.
    public static func resolve(_ set: RecipeSet) -> Resolution {
        var resolver = Resolver(set: set)
        var scenarios: [ResolvedScenario] = []
        var outputs: [String: (path: String, range: SourceRange)] = [:]
        for index in set.entries.indices {
            // A broken file is still resolved, so its good lines are checked, but never finished.
            guard let (fields, chain) = resolver.fields(of: index), !set.broken.contains(index) else { continue }
            let entry = set.entries[index]
            guard let scenario = resolver.finish(index, entry, entry.recipe, fields, chain), !resolver.failed.contains(index) else {
                resolver.failed.insert(index)
                continue
            }
            if !scenario.isTemplate {
                let outputRange = entry.recipe.output?.range ?? entry.recipe.summaryRange
                if let first = outputs[scenario.output.value] {
                    resolver.diagnostics.append(.error(Messages.duplicateOutput(scenario.output.value), at: outputRange,
                                                       notes: [Diagnostic.Note(Messages.firstWrittenHere, at: first.range)]))
                    resolver.failed.insert(index)
                    continue
                }
                outputs[scenario.output.value] = (entry.source.path, outputRange)
            }
            scenarios.append(scenario)
        }
        let failedPaths = Set(resolver.failed.map { set.entries[$0].source.path })
        let warnedPaths = Set(resolver.warned.map { set.entries[$0].source.path })
        return Resolution(scenarios: scenarios, diagnostics: set.diagnostics + resolver.diagnostics, failedPaths: failedPaths,
                          warnedPaths: warnedPaths)
    }

    // MARK: Chains

    /// The fields of entry `index` through its chain, or nil when it (or its chain) fails.
    private mutating func fields(of index: Int) -> (fields: ResolvedFields, chain: [String])? {
        if let done = memo[index] { return done }
        let recipe = set.entries[index].recipe
        if let start = visiting.firstIndex(of: index) {
            // A cycle: report it once, at the extends line of the recipe that closes it.
            let members = Array(visiting[start...])
            let names = (members + [index]).map { set.entries[$0].name }
            if let closing = members.last, let line = set.entries[closing].recipe.extends {
                diagnostics.append(.error(Messages.extendsCycle(names), at: line.range))
            }
            inCycle.formUnion(members)
            failed.formUnion(members)
            unresolvable.formUnion(members)
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
        for directive in recipe.directives {
            warnIfRedundant(directive, inherited: fields)
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
            case .resources(let settings):
                if let density = settings.density { fields.density = Sourced(density.value.value, .directive(density.range)) }
                if let max = settings.max { fields.maxAmount = Sourced(max.value, .directive(max.range)) }
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
            @unknown default:
                break
            }
        }
    }

    /// Warns when a directive sets a field to the value it already inherits (from a parent, or
    /// for `set`, from the schema's default): the line changes nothing.
    private mutating func warnIfRedundant(_ directive: Directive, inherited f: ResolvedFields) {
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
                && (r.regen.map { f.regen?.value == $0.value } ?? true)
            if same { inherited = r.density.flatMap { _ in f.density?.origin } ?? r.max.flatMap { _ in f.maxAmount?.origin }
                ?? f.regen?.origin }
        case .regime(let v): if f.regime?.value == v.value { inherited = f.regime?.origin }
        case .seed(let v): if let seed = Seed(v.value), f.seed?.value == seed { inherited = f.seed?.origin }
        case .schedule(let schedule):
            if case .off = schedule, let current = f.schedule, current.value == nil { inherited = current.origin }
        case .set(let setting):
            // Only keys `set` may change; a refused line gets its error, not a warning too.
            guard let definition = ParamSchema.definition(setting.path.value), definition.setBy == nil else { return }
            let current = f.params[setting.path.value] ?? Sourced(definition.defaultValue, Origin.builtIn)
            if ParamValue.parse(setting.value, like: current.value) == current.value { inherited = current.origin }
        case .scenario, .template, .extends, .output:
            break
        @unknown default:
            break  // directives added to the language later (sweeps) have their own checks
        }
        guard let inherited else { return }
        diagnostics.append(Diagnostic(.warning, Messages.redundant(directive.keyword.rawValue, inherited.description),
                                      at: directive.range, hint: Messages.removeLineHint))
    }

    /// Warns about settings that have no effect in the resolved scenario: a money range or a
    /// money parameter under `barter_only`, where agents hold no money.
    private mutating func warnAboutNoEffect(_ scenario: ResolvedScenario) {
        guard scenario.fields.regime?.value == .barterOnly else { return }
        var settings: [(String, Origin)] = []
        if let money = scenario.fields.money { settings.append(("money", money.origin)) }
        for path in ParamSchema.moneyPaths.sorted() {
            if let value = scenario.fields.params[path] { settings.append(("set " + path, value.origin)) }
        }
        for (what, origin) in settings {
            guard let range = origin.range else { continue }
            let notes = range.file == scenario.recipe.path ? [] : [Diagnostic.Note(Messages.whileBuilding(scenario.recipe.path))]
            diagnostics.append(Diagnostic(.warning, Messages.noEffectWithoutMoney(what), at: range, notes: notes,
                                          hint: Messages.moneyRegimeHint))
        }
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
        if let directive = definition.setBy {
            diagnostics.append(.error(Messages.parameterOwnedByDirective(path, directive), at: setting.path.range))
            return nil
        }
        let token = setting.value
        if token.kind == .integer, Int(token.value) == nil {
            let text = token.value.hasPrefix("-") ? Messages.tooSmall(token.text) : Messages.tooLarge(token.text)
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

    /// Names, output and spec of a resolved chain; nil after reporting missing fields or
    /// validation errors.
    private mutating func finish(_ index: Int, _ entry: RecipeSet.Entry, _ recipe: Recipe, _ fields: ResolvedFields,
                                 _ chain: [String]) -> ResolvedScenario? {
        let name = recipe.scenario.map { Sourced($0.value, .directive($0.range)) } ?? Sourced(entry.name, .derived("the file's stem"))
        let output = recipe.output.map { Sourced(Self.normalize($0.value), .directive($0.range)) }
            ?? Sourced(Self.defaultOutput(entry.source.relativePath), .derived("the recipe's path"))
        var fields = fields
        if fields.regime == nil { fields.regime = Sourced(.barterOnly, .builtIn) }
        if fields.seed == nil { fields.seed = Sourced(Self.defaultSeed(for: name.value), .derived(Self.defaultSeedRule)) }
        var scenario = ResolvedScenario(recipe: recipe, source: entry.source, chain: chain, name: name,
                                        fields: fields, output: output, spec: nil)
        if recipe.isTemplate { return scenario }
        let missing = fields.missing
        guard missing.isEmpty, let agents = fields.agents, let grid = fields.grid, let inventory = fields.inventory,
              let utilities = fields.utilities, let density = fields.density, let maxAmount = fields.maxAmount,
              let regen = fields.regen, let regime = fields.regime, let seed = fields.seed else {
            diagnostics.append(.error(Messages.missingFields(missing), at: recipe.summaryRange))
            return nil
        }
        let spec = ScenarioSpec(
            name: name.value, agents: agents.value, grid: grid.value, inventory: inventory.value,
            money: fields.money?.value, utilities: utilities.value,
            resources: ResourceConfig(density: density.value, maxAmount: maxAmount.value, regen: regen.value),
            regime: regime.value, seed: seed.value, params: fields.params.mapValues(\.value),
            schedule: fields.schedule?.value)
        let before = diagnostics.count
        warnAboutNoEffect(scenario)
        if diagnostics.count > before { warned.insert(index) }
        let issues = Validator.validate(spec)
        guard issues.isEmpty else {
            diagnostics += scenario.diagnostics(for: issues)
            return nil
        }
        scenario.spec = spec
        return scenario
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
