// The sweep stage: a resolved recipe with `vary` lines becomes one variant per combination of
// values, each with its own name, output path, fields (varied ones pointing at their `vary`
// value) and spec.
import VMTCore

/// One scenario a recipe builds: the recipe itself, or one combination of its `vary` values.
public struct ResolvedVariant: Sendable {
    /// 1-based position among the recipe's variants, in cross-product order.
    public var index: Int
    /// The varied fields and the text of their values, in `vary` order (empty without `vary`).
    public var assignments: [Assignment]
    /// The scenario name, placeholders filled in (or suffixed).
    public var name: Sourced<String>
    /// The output path relative to the output folder.
    public var output: Sourced<String>
    /// Every field, the varied ones set to this variant's values.
    public var fields: ResolvedFields
    /// The spec to generate.
    public var spec: ScenarioSpec

    /// One varied field's value in a variant.
    public struct Assignment: Sendable, Equatable {
        /// The varied field (its `name` is the text `vary` wrote).
        public var field: VaryField
        /// The value's text.
        public var text: String
    }
}

/// Names and paths of variants: `{field}` placeholders filled in, or `_field-value` suffixes.
enum VaryFields {
    /// `text` with every `{field}` replaced by that field's value text, and the first
    /// placeholder that names no assigned field (then the text is returned unchanged).
    static func fill(_ text: String, _ assignments: [ResolvedVariant.Assignment]) -> (String, missing: String?) {
        var bytes = Array(text.utf8)
        // Replace from the end, so earlier offsets stay valid.
        for field in Placeholders.parse(text).fields.reversed() {
            guard let assignment = assignments.first(where: { $0.field.name == field.name }) else { return (text, field.name) }
            bytes.replaceSubrange(field.offset..<(field.offset + field.length), with: Array(assignment.text.utf8))
        }
        return (String(decoding: bytes, as: UTF8.self), nil)
    }

    /// Whether `text` has a `{field}` placeholder.
    static func hasPlaceholder(_ text: String) -> Bool {
        !Placeholders.parse(text).fields.isEmpty
    }

    /// `_field-value` for each assignment, for names and files without placeholders.
    static func suffix(_ assignments: [ResolvedVariant.Assignment]) -> String {
        assignments.map { "_\($0.field.name)-\($0.text)" }.joined()
    }

    /// A variant's name: placeholders filled in, or the `_field-value` suffixes appended.
    static func name(_ template: String, _ assignments: [ResolvedVariant.Assignment]) -> String {
        hasPlaceholder(template) ? fill(template, assignments).0 : template + suffix(assignments)
    }

    /// A variant's output path: placeholders filled in, or the suffixes put before the extension.
    static func output(_ template: String, _ assignments: [ResolvedVariant.Assignment]) -> String {
        hasPlaceholder(template) ? fill(template, assignments).0 : suffixed(template, suffix(assignments))
    }

    /// `path` with `suffix` put before its extension (`a/b.yaml` + `_x-1` → `a/b_x-1.yaml`).
    static func suffixed(_ path: String, _ suffix: String) -> String {
        guard !suffix.isEmpty else { return path }
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ $0 < dot }) ?? true {
            return path[..<dot] + suffix + path[dot...]
        }
        return path + suffix
    }
}

extension ResolvedFields {
    /// How many variants the `vary` lines give (their product), or nil past `limit`.
    func variantCount(limit: Int) -> Int? {
        var count = 1
        for variation in variations {
            let (product, overflow) = count.multipliedReportingOverflow(by: variation.values.count)
            guard !overflow, product <= limit else { return nil }
            count = product
        }
        return count
    }

    /// The value positions of combination `offset` (0-based, first `vary` line slowest): one
    /// position per variation, as a mixed-radix number. `offset` must be below the product of
    /// the value counts.
    func combination(at offset: Int) -> [Int] {
        var positions = [Int](repeating: 0, count: variations.count)
        var rest = offset
        for line in variations.indices.reversed() {
            let count = variations[line].values.count
            guard count > 0 else { continue }
            positions[line] = rest % count
            rest /= count
        }
        return positions
    }
}

/// A recipe's variants, made one at a time when asked for: a sweep of 10,000 seeds holds its
/// `vary` values once, never 10,000 specs. Indices are 0-based positions (variant `index` is
/// position + 1); reading an element builds its fields, name, output path and spec anew, so keep
/// an element only as long as it is needed.
public struct VariantList: RandomAccessCollection, Sendable {
    /// The fields before variation (regime already defaulted).
    let fields: ResolvedFields
    /// The scenario name as written, with any placeholders.
    let name: Sourced<String>
    /// The output path as written, with any placeholders.
    let output: Sourced<String>
    /// How many variants there are (0 for a template).
    public let count: Int

    /// An empty list (a template, or a recipe not resolved).
    init() {
        fields = ResolvedFields()
        name = Sourced("", .builtIn)
        output = Sourced("", .builtIn)
        count = 0
    }

    /// The variants of `fields`, `count` of them (the product of the `vary` value counts).
    init(fields: ResolvedFields, name: Sourced<String>, output: Sourced<String>, count: Int) {
        self.fields = fields
        self.name = name
        self.output = output
        self.count = count
    }

    /// 0.
    public var startIndex: Int { 0 }
    /// `count`.
    public var endIndex: Int { count }

    /// The varied fields and value texts of the variant at `position`.
    public func assignments(at position: Int) -> [ResolvedVariant.Assignment] {
        zip(fields.variations, fields.combination(at: position)).map { variation, value in
            .init(field: variation.field, text: variation.texts[value])
        }
    }

    /// The name and output path of the variant at `position`, without building its fields or
    /// spec (what planning and clash checks need).
    public func nameAndOutput(at position: Int) -> (name: String, output: String) {
        let assignments = assignments(at: position)
        return (VaryFields.name(name.value, assignments), VaryFields.output(output.value, assignments))
    }

    /// The variant at `position`: its fields with the varied values set (each pointing at its
    /// `vary` value), its name, output path and spec.
    public subscript(position: Int) -> ResolvedVariant {
        VariantList.make(fields: fields, name: name, output: output, position: position).variant
    }

    /// Builds the variant at `position` of `fields`; `missing` lists the required fields the
    /// chain leaves unset (then the spec holds placeholders and must not be used: the resolver
    /// refuses such a recipe before any list is made).
    static func make(fields: ResolvedFields, name: Sourced<String>, output: Sourced<String>,
                     position: Int) -> (variant: ResolvedVariant, missing: [String]) {
        var variantFields = fields
        var assignments: [ResolvedVariant.Assignment] = []
        for (variation, value) in zip(fields.variations, fields.combination(at: position)) {
            let located = variation.values[value]
            variantFields.assign(variation.field, located.value, .directive(located.range))
            assignments.append(.init(field: variation.field, text: variation.texts[value]))
        }
        let variantName = Sourced(VaryFields.name(name.value, assignments), name.origin)
        let variantOutput = Sourced(VaryFields.output(output.value, assignments), output.origin)
        if variantFields.seed == nil {
            variantFields.seed = Sourced(Resolver.defaultSeed(for: variantName.value), .derived(Resolver.defaultSeedRule))
        }
        let f = variantFields
        // Placeholder values for fields the resolver has already required; never written.
        let spec = ScenarioSpec(
            name: variantName.value, agents: f.agents?.value ?? 0, grid: f.grid?.value ?? 0, inventory: f.inventory?.value,
            money: f.money?.value, utilities: f.utilities?.value ?? [],
            resources: Resolver.resources(density: f.density?.value ?? 0, maxAmount: f.maxAmount?.value ?? 0,
                                          amount: f.amount?.value, regen: f.regen?.value ?? .int(0)),
            regime: f.regime?.value ?? .barterOnly, seed: f.seed?.value ?? Seed(0), params: f.params.mapValues(\.value),
            schedule: f.schedule?.value, pins: f.pins.mapValues(\.value), stock: f.stock.mapValues(\.value),
            target: f.target?.value ?? .standard, protocols: f.protocols.mapValues(\.value))
        let variant = ResolvedVariant(index: position + 1, assignments: assignments, name: variantName,
                                      output: variantOutput, fields: variantFields, spec: spec)
        return (variant, variantFields.missing)
    }
}

extension Resolver {
    /// A `vary` line's values, typed for its field; nil after reporting every bad value.
    mutating func typed(_ variation: Variation) -> ResolvedFields.Variation? {
        let key = variation.field.value
        let field = key.name
        var values: [Located<ResolvedFields.FieldValue>] = []
        var texts: [String] = []
        let before = diagnostics.count
        oversizedCount = nil
        func add(_ value: ResolvedFields.FieldValue, _ text: String, _ range: SourceRange) {
            values.append(Located(value, at: range))
            texts.append(text)
        }
        /// Integers of a value token: one, or every one of a single `MIN..MAX` range. `seeds`
        /// allows values beyond 64 bits (a seed may be any size); other fields refuse them.
        func integers(_ token: Token, seeds: Bool = false) -> [Seed]? {
            func tooBig(_ text: Located<String>) -> Bool {
                guard Int(text.value) == nil else { return false }
                diagnostics.append(.error(Messages.integerOutOfRange(text.value, negative: text.value.hasPrefix("-")),
                                          at: text.range))
                return true
            }
            if token.kind == .integer {
                if !seeds, tooBig(Located(token.value, at: token.range)) { return nil }
                guard let seed = Seed(token.value) else {
                    diagnostics.append(.error(Messages.seedTooLong(Seed.maxDigits), at: token.range))
                    return nil
                }
                return [seed]
            }
            guard token.kind == .range, variation.values.count == 1, let bounds = token.bounds else {
                diagnostics.append(.error(Messages.varyValue(field, expected: "integers, or one MIN..MAX range", got: token.text),
                                          at: token.range, hint: RecipeRules.dashedRange(token).map(Messages.didYouMean)))
                return nil
            }
            if !seeds, tooBig(bounds.lower) || tooBig(bounds.upper) { return nil }
            if let one = Seed(bounds.lower.value), Seed(bounds.upper.value) == one { return [one] }
            // The count is `high - low + 1` on decimal text: bounds of any size never trap.
            let low = RecipeRules.normalizedInteger(bounds.lower.value)
            let high = RecipeRules.normalizedInteger(bounds.upper.value)
            guard let count = IntegerText.count(from: low, through: high, limit: maxVariants) else {
                // Not expanded and not reported here: the resolver reports the recipe's total once (VMT411).
                oversizedCount = IntegerText.countText(from: low, through: high)
                return nil
            }
            return IntegerText.walk(from: low, count: count).compactMap { Seed($0) }
        }
        /// The same for fields whose values are `Int`s.
        func ints(_ token: Token) -> [Int]? {
            integers(token)?.compactMap { Int($0.description) }
        }
        for token in variation.values {
            switch key {
            case .agents, .grid, .resourcesMax, .resourcesRegen:
                for value in ints(token) ?? [] { add(.int(value), String(value), token.range) }
            case .seed:
                for seed in integers(token, seeds: true) ?? [] { add(.seed(seed), seed.description, token.range) }
            case .regime:
                guard token.kind == .word || token.kind == .string, let regime = ExchangeRegime(rawValue: token.value) else {
                    diagnostics.append(.error(Messages.varyValue(field, expected: "a regime", got: token.text), at: token.range,
                                              hint: Messages.suggestion(for: token.value, in: ExchangeRegime.names)))
                    continue
                }
                add(.regime(regime), token.value, token.range)
            case .protocolChoice(let kind):
                // The directive's own check and message (VMT703): a word of the kind's list.
                guard token.kind == .word else {
                    diagnostics.append(.error(Messages.varyValue(field, expected: "\(kind.rawValue) protocol names", got: token.text),
                                              at: token.range))
                    continue
                }
                guard kind.names.contains(token.value) else {
                    diagnostics.append(.error(Messages.unknownProtocol(kind, token.value), at: token.range,
                                              hint: Messages.suggestion(for: token.value, in: kind.names)))
                    continue
                }
                add(.protocolName(token.value), token.value, token.range)
            case .inventory, .money:
                guard token.kind == .range, let bounds = token.bounds else {
                    diagnostics.append(.error(Messages.varyValue(field, expected: "MIN..MAX ranges", got: token.text), at: token.range,
                                              hint: RecipeRules.dashedRange(token).map(Messages.didYouMean)))
                    continue
                }
                guard let low = Int(bounds.lower.value), let high = Int(bounds.upper.value) else {
                    let big = Int(bounds.lower.value) == nil ? bounds.lower : bounds.upper
                    diagnostics.append(.error(Messages.integerOutOfRange(big.value, negative: big.value.hasPrefix("-")),
                                              at: big.range))
                    continue
                }
                add(.range(InventoryRange(min: low, max: high)), "\(low)..\(high)", token.range)
            case .resourcesDensity:
                guard token.kind == .integer || token.kind == .decimal, let value = Double(token.value), value.isFinite else {
                    diagnostics.append(.error(Messages.varyValue(field, expected: "numbers", got: token.text), at: token.range))
                    continue
                }
                add(.float(value), token.text, token.range)
            case .parameter(let path):
                guard let definition = ParamSchema.definition(path), definition.mirrors == nil else {
                    if !diagnostics[before...].contains(where: { $0.range == variation.field.range }) {
                        let message = ParamSchema.definition(path)?.mirrors.map { Messages.parameterOwnedByDirective(path, Messages.directive(setting: $0)) }
                            ?? Messages.unknownParameter(path)
                        diagnostics.append(.error(message, at: variation.field.range,
                                                  hint: Messages.suggestion(for: path, in: ParamSchema.settablePaths)))
                    }
                    continue
                }
                if case .int = definition.kind, token.kind == .range {
                    for value in ints(token) ?? [] {
                        guard definition.kind.accepts(.int(value)) else {
                            diagnostics.append(.error(Messages.badParameterValue(path, rule: definition.kind.rule, got: String(value)),
                                                      at: token.range))
                            break
                        }
                        add(.param(path, .int(value)), String(value), token.range)
                    }
                    continue
                }
                guard let value = ParamValue.parse(token, like: definition.defaultValue), value.isFiniteNumber,
                      definition.kind.accepts(value) else {
                    var hint: String?
                    if case .int = definition.kind { hint = RecipeRules.dashedRange(token).map(Messages.didYouMean) }
                    diagnostics.append(.error(Messages.badParameterValue(path, rule: definition.kind.rule, got: token.text),
                                              at: token.range, hint: hint))
                    continue
                }
                add(.param(path, value), token.text, token.range)
            }
        }
        guard diagnostics.count == before, !values.isEmpty else {
            if diagnostics.count != before { oversizedCount = nil }  // refused for another reason: reported
            return nil
        }
        return ResolvedFields.Variation(field: key, values: values, texts: texts, range: variation.field.range)
    }
}
