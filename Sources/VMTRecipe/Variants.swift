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
