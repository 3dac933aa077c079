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

/// The fields a `vary` line may name, for messages and placeholders.
enum VaryFields {
    /// The fixed names; `set.PATH` is also accepted.
    static let names = ["agents", "grid", "regime", "seed", "inventory", "money",
                        "resources.density", "resources.max", "resources.regen"]

    /// The `vary` field a plain directive fixes, for the keyword's own fields.
    static func fixed(by directive: Directive) -> [String] {
        switch directive.value {
        case .agents: return ["agents"]
        case .grid: return ["grid"]
        case .regime: return ["regime"]
        case .seed: return ["seed"]
        case .inventory: return ["inventory"]
        case .money: return ["money"]
        case .resources(let r):
            return (r.density == nil ? [] : ["resources.density"]) + (r.max == nil ? [] : ["resources.max"])
                + (r.regen == nil ? [] : ["resources.regen"])
        case .set(let setting): return ["set." + setting.path.value]
        default: return []
        }
    }

    /// `text` with every `{field}` replaced by that field's value text; nil and the first
    /// unknown placeholder when one names no varied field.
    static func fill(_ text: String, _ assignments: [ResolvedVariant.Assignment]) -> (String, missing: String?) {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                out += rest[open...]
                return (out, nil)
            }
            let field = String(rest[rest.index(after: open)..<close])
            guard let assignment = assignments.first(where: { $0.field == field }) else { return (text, field) }
            out += assignment.text
            rest = rest[rest.index(after: close)...]
        }
        return (out + rest, nil)
    }

    /// Whether `text` has a `{` placeholder.
    static func hasPlaceholder(_ text: String) -> Bool {
        text.contains("{")
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
