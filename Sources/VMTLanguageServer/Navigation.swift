// Go-to-definition, references and document symbols: the `extends` graph and the lines that
// directives override, as LSP locations.
import VMTRecipe

extension DocumentContext {
    /// `extends NAME` → the parent's `scenario` line (nothing for a preset); any other directive →
    /// the line of the parent's chain it overrides (for a value from a preset, the parent's
    /// `extends` line that brought the preset in).
    func definition(atOffset offset: Int) -> [String: Any]? {
        guard let directive = directive(atOffset: offset) else { return nil }
        if case .extends(let name) = directive.value {
            guard let parent = analysis.recipe(named: name.value) else { return nil }
            return location(parent.recipe.directive(.scenario)?.range ?? parent.recipe.summaryRange)
        }
        guard let parent = parentEntry, let resolved = analysis.scenarioByPath[parent.source.path] else { return nil }
        let explained = resolved.explanation()
        for field in fieldNames(of: directive) {
            if let origin = explained.first(where: { $0.name == field })?.origin, let range = origin.range {
                return location(range)
            }
        }
        return nil
    }

    /// The `extends` lines of every recipe that extends this one (on the `extends` line itself:
    /// of every recipe that extends the same parent), plus this recipe's `scenario` line when
    /// `includeDeclaration` is set.
    func references(atOffset offset: Int, includeDeclaration: Bool) -> [[String: Any]] {
        guard let entry else { return [] }
        var name = entry.name
        var declaration: RecipeSet.Entry? = entry
        if let directive = directive(atOffset: offset), case .extends(let parent) = directive.value {
            name = parent.value
            declaration = analysis.recipe(named: parent.value)
        }
        var out: [[String: Any]] = []
        if includeDeclaration, let declaration {
            out.append(location(declaration.recipe.directive(.scenario)?.range ?? declaration.recipe.summaryRange))
        }
        for index in analysis.childrenByName[name] ?? [] {
            let child = analysis.set.entries[index]
            if let line = child.recipe.extends { out.append(location(line.range)) }
        }
        return out
    }

    /// One `DocumentSymbol` per directive, named by keyword (and `set` path, `pin` key or
    /// `vary` field), its arguments as the detail.
    func documentSymbols() -> [[String: Any]] {
        guard let recipe = entry?.recipe else { return [] }
        return recipe.directives.map { directive in
            let line = directive.line
            var name = directive.keyword.rawValue
            var kind = 8  // Field
            switch directive.value {
            case .scenario, .template: kind = 5  // Class
            case .extends: kind = 3  // Namespace
            case .set(let setting):
                name += " " + setting.path.value
                kind = 7  // Property
            case .pin(let pin):
                name += " " + pin.key
                kind = 7
            case .vary(let variation):
                name += " " + variation.field.value.name
                kind = 18  // Array
            case .stock(let stock): name += " " + stock.good.value.rawValue
            default: break
            }
            let detail = line.arguments.map(\.text).joined(separator: " ")
            return [
                "name": name,
                "detail": detail,
                "kind": kind,
                "range": lines.range(of: line.range, encoding),
                "selectionRange": lines.range(of: line.keyword.range, encoding),
            ]
        }
    }
}
