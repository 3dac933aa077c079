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
        /// The field as written in `vary`.
        public var field: String
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
            guard let assignment = assignments.first(where: { $0.field == field.name }) else { return (text, field.name) }
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
        assignments.map { "_\($0.field)-\($0.text)" }.joined()
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

    /// Every combination of the `vary` values, first line slowest, as (field, value) lists.
    func combinations() -> [[(ResolvedFields.Variation, Int)]] {
        var result: [[(ResolvedFields.Variation, Int)]] = [[]]
        for variation in variations {
            result = result.flatMap { prefix in variation.values.indices.map { prefix + [(variation, $0)] } }
        }
        return result
    }
}

extension Resolver {
    /// A `vary` line's values, typed for its field; nil after reporting every bad value.
    mutating func typed(_ variation: Variation) -> ResolvedFields.Variation? {
        let field = variation.field.value
        var values: [Located<ResolvedFields.FieldValue>] = []
        var texts: [String] = []
        let before = diagnostics.count
        func add(_ value: ResolvedFields.FieldValue, _ text: String, _ range: SourceRange) {
            values.append(Located(value, at: range))
            texts.append(text)
        }
        /// Integers of a value token: one, or every one of a single `MIN..MAX` range. `seeds`
        /// allows values beyond 64 bits (a seed may be any size); other fields refuse them.
        func integers(_ token: Token, seeds: Bool = false) -> [Seed]? {
            func tooBig(_ text: Located<String>) -> Bool {
                guard Int(text.value) == nil else { return false }
                diagnostics.append(.error(text.value.hasPrefix("-") ? Messages.tooSmall(text.value) : Messages.tooLarge(text.value),
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
                                          at: token.range))
                return nil
            }
            if !seeds, tooBig(bounds.lower) || tooBig(bounds.upper) { return nil }
            if let one = Seed(bounds.lower.value), Seed(bounds.upper.value) == one { return [one] }
            // The count is `high - low + 1` on decimal text: bounds of any size never trap.
            let low = RecipeRules.normalizedInteger(bounds.lower.value)
            let high = RecipeRules.normalizedInteger(bounds.upper.value)
            guard let count = IntegerText.count(from: low, through: high, limit: maxVariants) else {
                diagnostics.append(.error(Messages.tooManyVariants([IntegerText.countText(from: low, through: high)], limit: maxVariants),
                                          at: token.range, hint: Messages.maxVariantsHint))
                return nil
            }
            return IntegerText.walk(from: low, count: count).compactMap { Seed($0) }
        }
        /// The same for fields whose values are `Int`s.
        func ints(_ token: Token) -> [Int]? {
            integers(token)?.compactMap { Int($0.description) }
        }
        for token in variation.values {
            switch field {
            case "agents", "grid", "resources.max", "resources.regen":
                for value in ints(token) ?? [] { add(.int(value), String(value), token.range) }
            case "seed":
                for seed in integers(token, seeds: true) ?? [] { add(.seed(seed), seed.description, token.range) }
            case "regime":
                guard token.kind == .word || token.kind == .string, let regime = ExchangeRegime(rawValue: token.value) else {
                    diagnostics.append(.error(Messages.varyValue(field, expected: "a regime", got: token.text), at: token.range,
                                              hint: Messages.suggestion(for: token.value, in: ExchangeRegime.names)))
                    continue
                }
                add(.regime(regime), token.value, token.range)
            case "inventory", "money":
                guard token.kind == .range, let bounds = token.bounds else {
                    diagnostics.append(.error(Messages.varyValue(field, expected: "MIN..MAX ranges", got: token.text), at: token.range))
                    continue
                }
                guard let low = Int(bounds.lower.value), let high = Int(bounds.upper.value) else {
                    let big = Int(bounds.lower.value) == nil ? bounds.lower : bounds.upper
                    diagnostics.append(.error(big.value.hasPrefix("-") ? Messages.tooSmall(big.value) : Messages.tooLarge(big.value),
                                              at: big.range))
                    continue
                }
                add(.range(InventoryRange(min: low, max: high)), "\(low)..\(high)", token.range)
            case "resources.density":
                guard token.kind == .integer || token.kind == .decimal, let value = Double(token.value), value.isFinite else {
                    diagnostics.append(.error(Messages.varyValue(field, expected: "numbers", got: token.text), at: token.range))
                    continue
                }
                add(.float(value), token.text, token.range)
            default:
                let path = String(field.dropFirst("set.".count))
                guard let definition = ParamSchema.definition(path), definition.setBy == nil else {
                    if !diagnostics[before...].contains(where: { $0.range == variation.field.range }) {
                        let message = ParamSchema.definition(path)?.setBy.map { Messages.parameterOwnedByDirective(path, $0) }
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
                    diagnostics.append(.error(Messages.badParameterValue(path, rule: definition.kind.rule, got: token.text),
                                              at: token.range))
                    continue
                }
                add(.param(path, value), token.text, token.range)
            }
        }
        guard diagnostics.count == before, !values.isEmpty else { return nil }
        return ResolvedFields.Variation(field: field, values: values, texts: texts, range: variation.field.range)
    }
}
