// The comparison: both sides' variants matched by output path; equal specs are unchanged
// (counted, never rendered); the rest get their field changes with origins, both files
// rendered, read back and compared one scenario at a time; then the impact by source line.
import VMTCore
import VMTRecipe

/// Compares two resolved sides of a project.
public enum Planner {
    /// The plan of going from `old` to `new`, reporting the scenarios of recipes `project` selects.
    public static func plan(_ project: PlanProject, old: PlanSide, new: PlanSide) -> Plan {
        let oldIndex = Index(old, project), newIndex = Index(new, project)
        var scenarios: [PlanScenario] = []
        var unchanged = 0
        var removed: [Index.Item] = [], added: [Index.Item] = []
        var changed: [(Index.Item, Index.Item)] = []
        var notCompared: [PlanSideName: [String: Int]] = [.old: [:], .new: [:]]
        for output in Set(oldIndex.byOutput.keys).union(newIndex.byOutput.keys).sorted() {
            switch (oldIndex.byOutput[output], newIndex.byOutput[output]) {
            case let (before?, after?):
                if before.variant.spec == after.variant.spec {
                    unchanged += 1
                } else {
                    changed.append((before, after))
                }
            case let (before?, nil):
                if newIndex.failed.contains(before.scenario.source.relativePath) {
                    notCompared[.new, default: [:]][before.scenario.source.relativePath, default: 0] += 1
                } else {
                    removed.append(before)
                }
            case let (nil, after?):
                if oldIndex.failed.contains(after.scenario.source.relativePath) {
                    notCompared[.old, default: [:]][after.scenario.source.relativePath, default: 0] += 1
                } else {
                    added.append(after)
                }
            case (nil, nil):
                break
            }
        }
        // Changed scenarios are rendered, read back and compared on every core, one at a time each.
        scenarios += Parallel.map(changed) { compare($0.0, $0.1, old, new, change: .change) }
        // Renames: a removed and an added scenario equal in everything but the name.
        var byKey: [String: [Int]] = [:]
        for (position, item) in added.enumerated() { byKey[renameKey(item.variant.spec), default: []].append(position) }
        var paired: Set<Int> = []
        for item in removed {
            let key = renameKey(item.variant.spec)
            if let match = byKey[key]?.first(where: { !paired.contains($0) && sameButName(added[$0].variant.spec, item.variant.spec) }) {
                paired.insert(match)
                scenarios.append(compare(item, added[match], old, new, change: .rename))
            } else {
                scenarios.append(single(item, .remove))
            }
        }
        for (position, item) in added.enumerated() where !paired.contains(position) { scenarios.append(single(item, .add)) }
        scenarios.sort { ($0.output, $0.change.rawValue) < ($1.output, $1.change.rawValue) }

        var failures: [PlanFailure] = []
        for (side, index, sideData) in [(PlanSideName.old, oldIndex, old), (.new, newIndex, new)] {
            for source in sideData.sources where index.failed.contains(source.relativePath) && project.selects(source.relativePath) {
                let diagnostics = sideData.resolution.diagnostics.filter { $0.range.file == source.path && $0.severity == .error }
                failures.append(PlanFailure(side: side, recipe: source.path, diagnostics: diagnostics,
                                            notCompared: notCompared[side]?[source.relativePath] ?? 0))
            }
        }
        let problems = old.problems.map { (PlanSideName.old, $0) } + new.problems.map { (PlanSideName.new, $0) }
        return Plan(root: project.displayRoot, oldLabel: old.label, newLabel: new.label, scenarios: scenarios,
                    unchanged: unchanged, failures: failures,
                    impact: ImpactBuilder.impact(scenarios, old: old.sources, new: new.sources), problems: problems)
    }

    /// Every variant of one side, by output path, among the selected recipes.
    struct Index {
        struct Item {
            var scenario: ResolvedScenario
            var variant: ResolvedVariant
        }

        var byOutput: [String: Item] = [:]
        /// Relative paths of the recipes that fail on this side.
        var failed: Set<String> = []

        init(_ side: PlanSide, _ project: PlanProject) {
            for scenario in side.resolution.scenarios where !scenario.isTemplate && project.selects(scenario.source.relativePath) {
                for variant in scenario.variants { byOutput[variant.output.value] = Item(scenario: scenario, variant: variant) }
            }
            for source in side.sources where side.resolution.failedPaths.contains(source.path) {
                failed.insert(source.relativePath)
            }
        }
    }

    /// A removed or added scenario: its main fields on its one side.
    static func single(_ item: Index.Item, _ change: PlanScenario.Change) -> PlanScenario {
        let shown: Set<String> = ["regime", "agents", "grid", "seed"]
        let fields = item.variant.explanation().filter { shown.contains($0.name) }.map { field in
            change == .add ? PlanFieldChange(field: field.name, old: nil, new: field.value.text, oldOrigin: nil, newOrigin: field.origin)
                : PlanFieldChange(field: field.name, old: field.value.text, new: nil, oldOrigin: field.origin, newOrigin: nil)
        }
        var bytes: Int?
        if case .success(let rendered) = ScenarioFile.render(item.variant.spec) { bytes = rendered.count }
        return PlanScenario(change: change, output: item.variant.output.value, oldOutput: nil, name: item.variant.name.value,
                            recipe: item.scenario.source.path, oldRecipe: nil, assignments: item.variant.assignments,
                            fields: fields, redraw: nil, drawn: nil, delta: nil, bytes: bytes)
    }

    /// A changed or renamed scenario: field changes with origins, draws, and the two files compared.
    static func compare(_ before: Index.Item, _ after: Index.Item, _ old: PlanSide, _ new: PlanSide,
                        change: PlanScenario.Change) -> PlanScenario {
        let fields = fieldChanges(before.variant.explanation(), after.variant.explanation())
        var drawn: DocumentComparison?
        var delta: OutputDelta?
        if case .success(let a) = ScenarioFile.render(before.variant.spec), case .success(let b) = ScenarioFile.render(after.variant.spec) {
            delta = OutputDelta(old: a, new: b)
            if let x = try? ScenarioDocument(yaml: a), let y = try? ScenarioDocument(yaml: b) {
                drawn = DocumentComparison(x, y)
            }
        }
        let recipe = after.scenario.source.path, oldRecipe = before.scenario.source.path
        return PlanScenario(change: change, output: after.variant.output.value,
                            oldOutput: change == .rename ? before.variant.output.value : nil,
                            name: after.variant.name.value, recipe: recipe, oldRecipe: oldRecipe == recipe ? nil : oldRecipe,
                            assignments: after.variant.assignments, fields: fields,
                            redraw: redraw(before.variant.spec, after.variant.spec), drawn: drawn, delta: delta, bytes: nil)
    }

    /// The fields whose value text differs: the new side's order, then fields only the old has.
    static func fieldChanges(_ old: [ExplainedField], _ new: [ExplainedField]) -> [PlanFieldChange] {
        var oldByName: [String: ExplainedField] = [:]
        for field in old { oldByName[field.name] = field }
        var changes: [PlanFieldChange] = []
        var seen: Set<String> = []
        for field in new {
            seen.insert(field.name)
            let before = oldByName[field.name]
            if before?.value.text != field.value.text {
                changes.append(PlanFieldChange(field: field.name, old: before?.value.text, new: field.value.text,
                                               oldOrigin: before?.origin, newOrigin: field.origin))
            }
        }
        for field in old where !seen.contains(field.name) {
            changes.append(PlanFieldChange(field: field.name, old: field.value.text, new: nil, oldOrigin: field.origin, newOrigin: nil))
        }
        return changes
    }

    /// Which draws a change redoes, by the generator's order of draws: A and B stocks (seed,
    /// agents, inventory), then M stocks (money range, under a money regime), then utility
    /// parameters (all of those, the money regime itself, and the mix's types). Weights, `set`,
    /// `pin`, `schedule`, explicit stock, grid and resources draw nothing.
    static func redraw(_ old: ScenarioSpec, _ new: ScenarioSpec) -> Redraw {
        var causes: [String] = []
        if old.seed != new.seed { causes.append("seed") }
        if old.agents != new.agents { causes.append("agents") }
        if old.inventory != new.inventory { causes.append("inventory") }
        if old.regime.usesMoney && new.regime.usesMoney && old.moneyRange != new.moneyRange { causes.append("money") }
        if old.regime.usesMoney != new.regime.usesMoney { causes.append("regime") }
        if old.utilities.map(\.type) != new.utilities.map(\.type) { causes.append("utilities") }
        let summary = ProjectMessages.redrawSummary(causes.first, moneyNow: new.regime.usesMoney)
        return Redraw(causes: causes, summary: summary)
    }

    /// A bucket for rename candidates: fields that a rename keeps.
    static func renameKey(_ spec: ScenarioSpec) -> String {
        "\(spec.agents)/\(spec.grid)/\(spec.seed)/\(spec.regime.rawValue)"
    }

    /// Whether two specs are equal but for the name.
    static func sameButName(_ a: ScenarioSpec, _ b: ScenarioSpec) -> Bool {
        var b = b
        b.name = a.name
        return a == b
    }
}
