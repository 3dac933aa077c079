// What every editor question starts from: one document's text, its project's analysis, and the
// directive under the cursor. Also the mapping from a directive to the resolved fields it sets,
// which hover, definition and inlay hints share.
import VMTCore
import VMTRecipe

/// One document and its project's analysis, for answering a request about it.
struct DocumentContext {
    /// The document's absolute path.
    let path: String
    /// Its text, split into lines.
    let lines: TextLines
    /// The analysis of its project (this document's buffer included).
    let analysis: WorkspaceAnalysis
    /// How the client counts characters.
    let encoding: PositionEncoding
    /// Turns a path into the URI the client knows it by.
    let uri: (String) -> String
    /// Reads the current bytes of another file of the project.
    let bytes: (String) -> [UInt8]?

    /// The recipe entry of this document (every `.vmt` file of the project has one).
    var entry: RecipeSet.Entry? { analysis.entry(path) }

    /// This recipe resolved, when it resolved without errors.
    var scenario: ResolvedScenario? { analysis.scenarioByPath[path] }

    /// The directive written on the line of byte `offset`, if that line holds one.
    func directive(atOffset offset: Int) -> Directive? {
        guard let recipe = entry?.recipe else { return nil }
        let line = lines.line(ofOffset: offset)
        return recipe.directives.first { lines.line(ofOffset: $0.range.start.offset) == line }
    }

    /// An LSP `Location` of a range in any file of the project.
    func location(_ range: SourceRange) -> [String: Any] {
        let text = range.file == path ? lines : TextLines(bytes(range.file) ?? [])
        return ["uri": uri(range.file), "range": text.range(of: range, encoding)]
    }

    /// An origin as the user reads it: `lab/money_lab.vmt:6`, `preset money_demo`, `default`.
    func describe(_ origin: Origin?) -> String {
        guard let origin else { return "unset" }
        switch origin {
        case .directive(let range): return "\(analysis.shown(range.file)):\(range.start.line)"
        case .preset(let name, _): return "preset \(name)"
        case .builtIn: return "default"
        case .derived(let rule): return rule
        }
    }

    /// Whether `origin` is a directive of this document (a preset brought in by this document's
    /// `extends` line is not: the value is inherited).
    func isSetHere(_ origin: Origin?) -> Bool {
        if case .directive(let range) = origin { return range.file == path }
        return false
    }

    /// The entry of the recipe `extends` names here, if it is a recipe of the project.
    var parentEntry: RecipeSet.Entry? {
        entry?.recipe.extends.flatMap { analysis.recipe(named: $0.value) }
    }
}

/// The fields of `explain` (`agents`, `resources.density`, `params.beta`, `pin.ces.rho`, …)
/// that a directive sets; empty for `scenario`'s identity lines (`template`, `extends`).
func fieldNames(of directive: Directive) -> [String] {
    switch directive.value {
    case .scenario: return ["name"]
    case .template, .extends: return []
    case .agents: return ["agents"]
    case .grid: return ["grid"]
    case .inventory: return ["inventory"]
    case .money: return ["money"]
    case .utilities: return ["utilities"]
    case .utility: return ["utilities"]
    case .resources(let settings):
        var names: [String] = []
        if settings.density != nil { names.append("resources.density") }
        if settings.max != nil { names.append("resources.max") }
        if settings.amount != nil { names.append("resources.amount") }
        if settings.regen != nil { names.append("resources.regen") }
        return names
    case .regime: return ["regime"]
    case .seed: return ["seed"]
    case .set(let setting): return ["params." + setting.path.value]
    case .schedule: return ["schedule"]
    case .pin(let pin): return ["pin." + pin.key]
    case .vary(let variation): return [explainedName(ofVaried: variation.field.value)]
    case .stock(let stock): return ["stock." + stock.good.value.rawValue]
    case .output: return ["output"]
    case .target: return ["vmt"]
    case .protocolChoice(let kind, _): return [kind.key]
    }
}

/// The `explain` name of a `vary` field (`set.beta` → `params.beta`, `search` → `search_protocol`).
func explainedName(ofVaried field: VaryField) -> String {
    switch field {
    case .parameter(let path): return "params." + path
    case .protocolChoice(let kind): return kind.key
    case .agents, .grid, .regime, .seed, .inventory, .money, .resourcesDensity, .resourcesMax, .resourcesRegen:
        return field.name
    }
}

/// One step of a field's origin chain: the value a recipe of the chain had, and where it came from.
struct OriginStep {
    /// The value, as recipe text.
    let value: String
    /// Where it came from.
    let origin: Origin?
}

extension DocumentContext {
    /// The value of `field` along this recipe's `extends` chain, from the preset (or top
    /// recipe) down to this recipe, one step per distinct origin.
    func originChain(of field: String) -> [OriginStep] {
        guard let scenario else { return [] }
        var steps: [OriginStep] = []
        for link in scenario.chain.reversed() {
            guard let resolved = analysis.scenarioByPath[link],
                  let explained = resolved.explanation().first(where: { $0.name == field }) else { continue }
            if steps.last?.origin == explained.origin { continue }
            steps.append(OriginStep(value: explained.value.text, origin: explained.origin))
        }
        return steps
    }
}
