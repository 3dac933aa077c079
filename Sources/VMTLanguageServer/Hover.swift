// `textDocument/hover`: the resolved value of the field under the cursor with its origin chain
// (preset → parent line → this line) and a short doc; on `extends`, the parent and the chain;
// on `scenario` (on `extends` in a recipe without one), every field of the resolved recipe
// with its origin, inherited ones included.
import VMTCore
import VMTRecipe

extension DocumentContext {
    /// The hover text (markdown) for the line of byte `offset`, or nil when there is nothing to say.
    func hover(atOffset offset: Int) -> String? {
        guard let directive = directive(atOffset: offset) else { return nil }
        switch directive.value {
        case .extends(let parent): return hoverExtends(parent.value)
        case .scenario, .template: return hoverScenario(directive)
        default: return hoverField(directive)
        }
    }

    /// `extends NAME`: the preset's fields, or the parent's file and the chain.
    private func hoverExtends(_ name: String) -> String {
        var out = "**extends `\(name)`**"
        if let preset = Preset.named(name) {
            out += " — built-in preset: \(preset.summary)\n\n"
            out += "| field | value |\n|---|---|\n"
            out += "| agents | \(preset.agents) |\n| grid | \(preset.grid) |\n"
            out += "| inventory | \(preset.inventory.min)..\(preset.inventory.max) |\n"
            out += "| utilities | \(preset.utilities.map(\.rawValue).joined(separator: ", ")) |\n"
            out += "| resources | density \(PythonFloat.repr(preset.resources.density)) max \(preset.resources.maxAmount) regen \(preset.resources.regen) |\n"
            out += "| regime | \(preset.regime.rawValue) |\n"
        } else if let parent = analysis.recipe(named: name) {
            out += " — `\(analysis.shown(parent.source.path))`" + (parent.recipe.isTemplate ? " (template)" : "") + "\n\n"
            if let chain = scenario?.chain ?? analysis.scenarioByPath[parent.source.path].map({ [path] + $0.chain }) {
                out += "chain: " + chain.map { $0.hasPrefix("preset ") ? $0 : "`\(analysis.shown($0))`" }.joined(separator: " → ")
                out += "\n"
            } else {
                out += "the parent has errors; its chain is not resolved\n"
            }
        } else {
            out += " — no preset or recipe of this project has that name\n"
        }
        // Without a `scenario` line, this is where the recipe's resolved fields are shown.
        if entry?.recipe.scenario == nil, let scenario {
            out += "\n" + fieldTable(scenario)
        }
        return out + "\n---\n" + DirectiveDocs.text(.extends)
    }

    /// The `scenario` (or `template`) line: every resolved field, inherited ones included.
    private func hoverScenario(_ directive: Directive) -> String {
        guard let scenario else {
            return "**\(entry?.name ?? "recipe")** has errors; fix them to see its resolved fields\n\n---\n"
                + DirectiveDocs.text(directive.keyword)
        }
        var out = "**\(scenario.isTemplate ? "template" : "scenario") `\(scenario.name.value)`** — `\(analysis.shown(path))`\n\n"
        out += "chain: " + scenario.chain.map { $0.hasPrefix("preset ") ? $0 : "`\(analysis.shown($0))`" }.joined(separator: " → ") + "\n\n"
        if !scenario.fields.variations.isEmpty {
            out += "variants: \(scenario.variants.count) (" + scenario.fields.variations.map { "\($0.field) ×\($0.values.count)" }
                .joined(separator: ", ") + ")\n\n"
        }
        return out + fieldTable(scenario)
    }

    /// Every resolved field of `scenario` with its value and origin, as a markdown table.
    private func fieldTable(_ scenario: ResolvedScenario) -> String {
        var out = "| field | value | from |\n|---|---|---|\n"
        for field in scenario.explanation() {
            let inherited = !isSetHere(field.origin)
            out += "| \(field.name) | `\(Self.cell(field.value.text))` | \(inherited ? "" : "**")\(describe(field.origin))\(inherited ? "" : "**") |\n"
        }
        return out + "\nbold: set in this file\n"
    }

    /// Any other directive: the resolved value of each field it sets, with the origin chain.
    private func hoverField(_ directive: Directive) -> String {
        var out = ""
        for field in fieldNames(of: directive) {
            let steps = originChain(of: field)
            guard let last = steps.last else { continue }
            out += "**\(field)** = `\(last.value)`\n\n"
            for (index, step) in steps.enumerated() {
                let here = isSetHere(step.origin)
                out += "\(index + 1). `\(step.value)` — \(describe(step.origin))\(here ? " (this file)" : "")\n"
            }
            out += "\n"
        }
        if out.isEmpty, scenario == nil {
            out = "_this recipe has errors; its resolved values are not shown_\n\n"
        }
        if case .vary(let variation) = directive.value, let scenario {
            out += "variants of this recipe: \(scenario.variants.count); `\(variation.field.value.name)` takes \(variation.values.count) values\n\n"
        }
        var doc = DirectiveDocs.text(directive.keyword)
        if case .set(let setting) = directive.value { doc += "\n\n" + DirectiveDocs.parameter(setting.path.value) }
        if case .pin(let pin) = directive.value {
            doc += "\n\n`\(pin.type.value.rawValue)` parameters: " + pin.type.value.parameterNames.joined(separator: ", ")
        }
        return out + "---\n" + doc
    }

    /// `text` safe inside a markdown table cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
    }
}

/// Short documentation of each directive and `set` parameter, for hover.
enum DirectiveDocs {
    /// The usage line and meaning of a directive, as in grammar/directives.md.
    static func text(_ keyword: Keyword) -> String {
        "`\(Messages.usageSyntax(keyword))`\n\n" + meaning(keyword)
    }

    /// What a directive means, with its units and limits (grammar/directives.md's table).
    static func meaning(_ keyword: Keyword) -> String {
        switch keyword {
        case .scenario: return "The name written to `name:`; a word or a \"string\"; default: the file's stem; may hold `{FIELD}` placeholders."
        case .template: return "An abstract recipe: others may extend it; it writes no file."
        case .extends: return "Inherit every field from a preset or from another recipe, by scenario name."
        case .agents: return "Number of agents, > 0."
        case .grid: return "Grid size N (an N×N grid), > 0."
        case .inventory: return "Range of goods A and B: MIN ≥ 1, MAX > MIN; or the explicit stock of one good, one integer ≥ 0 per agent, or `V each` for every agent."
        case .money: return "Range of money M: MIN ≥ 0, MAX > MIN (default: the inventory range)."
        case .utilities: return "The utility mix: " + UtilityType.names.joined(separator: ", ") + "; repeats allowed; weights on all or none."
        case .utility: return "One entry of the mix per line, with its own parameters (`utility ces weight 0.6 rho -0.5`); parameters not named are drawn; weights on every line or none."
        case .resources: return "Any non-empty subset, any order: density 0 ≤ D ≤ 1, max M > 0, amount N ≥ 0 (`resource_seed.amount` alone), regen R ≥ 0 (per tick, integer or decimal)."
        case .regime: return "The exchange regime: " + ExchangeRegime.names.joined(separator: ", ") + " (default barter_only)."
        case .seed: return "The random seed: any size, negative too (default: FNV-1a of the scenario name)."
        case .set: return "One `params` entry; PATH is names joined by `.`."
        case .schedule: return "A global forage/trade cycle in ticks (F, T > 0), or none."
        case .pin: return "Fix one utility parameter for every mix entry of TYPE (`pin ces.rho 0.5`)."
        case .vary: return "One scenario per value; several `vary` lines give every combination (the first varies slowest)."
        case .output: return "The output file, relative to the output folder; may hold `{FIELD}` placeholders."
        case .vmt: return "The VMT version the file is written for: 2025-10 (e0152f0, money regimes; the default) or 2025-11 (6f7b3c7, no money, trade protocols)."
        case .search: return "The search protocol (vmt 2025-11): " + ProtocolKind.search.names.joined(separator: ", ") + "; takes no parameter."
        case .matching: return "The matching protocol (vmt 2025-11): " + ProtocolKind.matching.names.joined(separator: ", ") + "; takes no parameter."
        case .bargaining: return "The bargaining protocol (vmt 2025-11): " + ProtocolKind.bargaining.names.joined(separator: ", ") + "; takes no parameter."
        }
    }

    /// A `params` entry's rule, default and when it is written.
    static func parameter(_ path: String) -> String {
        guard let definition = ParamSchema.definition(path) else {
            return "`\(path)` is not a parameter of VMT's loader."
        }
        if let field = definition.mirrors { return "`\(path)` is set by `\(Messages.directive(setting: field))`, not by `set`." }
        let written: String
        switch definition.placement {
        case .always: written = "always written"
        case .money: written = "written for money regimes, or when set"
        case .optional: written = "written only when set"
        }
        return "`\(path)`: \(definition.kind.rule); default `\(definition.defaultValue)`; \(written)."
    }
}
