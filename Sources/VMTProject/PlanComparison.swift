// The comparison: both sides' variants matched by output path, recipe by recipe (then across
// recipes for scenarios that moved), made one at a time and never all held; equal specs are
// unchanged (counted, never rendered); the rest get their field changes with origins, both files
// rendered, read back and compared in batches; then the impact by source line.
import VMTCore
import VMTRecipe

/// Compares two resolved sides of a project.
public enum Planner {
    /// The plan of going from `old` to `new`, reporting the scenarios of recipes `project` selects.
    ///
    /// Streams: each recipe's variants are matched with those of the same recipe on the other
    /// side one at a time (a table of output hashes for one recipe at a time), so memory grows
    /// with what the plan reports (changed, added and removed scenarios), never with the
    /// unchanged ones.
    ///
    /// Throws `ProjectError.plan(.tooManyScenarios)` when a side's selected recipes give more
    /// than `maxOutputs` scenarios (`--max-build-variants`, counted as `build` counts them),
    /// before anything is compared.
    public static func plan(_ project: PlanProject, old: PlanSide, new: PlanSide,
                            maxOutputs: Int = BuildEngine.defaultMaxBuildVariants) throws(ProjectError) -> Plan {
        let oldIndex = Index(old, project), newIndex = Index(new, project)
        for count in [newIndex.count, oldIndex.count] where count.map({ $0 > maxOutputs }) ?? true {
            throw .plan(.tooManyScenarios(count, limit: maxOutputs))
        }
        var matcher = Matcher(old: oldIndex, new: newIndex, oldSide: old, newSide: new)
        matcher.run()
        var scenarios = matcher.scenarios
        let unchanged = matcher.unchanged, notCompared = matcher.notCompared
        scenarios.sort { ($0.output, $0.change.rawValue) < ($1.output, $1.change.rawValue) }

        var failures: [PlanFailure] = []
        for (side, index, sideData) in [(PlanSideName.old, oldIndex, old), (.new, newIndex, new)] {
            for source in sideData.sources where index.failed.contains(source.relativePath) && project.selects(source.relativePath) {
                let diagnostics = sideData.diagnostics.filter { $0.range.file == source.path && $0.severity == .error }
                failures.append(PlanFailure(side: side, recipe: source.path, diagnostics: diagnostics,
                                            notCompared: notCompared[side]?[source.relativePath] ?? 0))
            }
        }
        let problems = old.problems.map { (PlanSideName.old, $0) } + new.problems.map { (PlanSideName.new, $0) }
        return Plan(root: project.displayRoot, oldLabel: old.label, newLabel: new.label, scenarios: scenarios,
                    unchanged: unchanged, failures: failures,
                    impact: ImpactBuilder.impact(scenarios, old: old.sources, new: new.sources), problems: problems)
    }

    /// The selected recipes of one side (their variants are made when asked for).
    struct Index: Sendable {
        /// One variant of one side: its recipe's resolved scenario and the variant.
        struct Item: Sendable {
            var scenario: ResolvedScenario
            var variant: ResolvedVariant
        }

        /// The selected recipes that write scenarios, in resolution order.
        var scenarios: [ResolvedScenario] = []
        /// Position in `scenarios` of each recipe, by relative path.
        var byPath: [String: Int] = [:]
        /// Relative paths of the recipes that fail on this side.
        var failed: Set<String> = []

        init(_ side: PlanSide, _ project: PlanProject) {
            let failedPaths = side.failedPaths
            for scenario in side.resolution.scenarios where !scenario.isTemplate && project.selects(scenario.source.relativePath)
                && !failedPaths.contains(scenario.source.path) {
                byPath[scenario.source.relativePath] = scenarios.count
                scenarios.append(scenario)
            }
            for source in side.sources where failedPaths.contains(source.path) {
                failed.insert(source.relativePath)
            }
        }

        /// How many scenarios the side's selected recipes give, or nil past `Int.max`.
        var count: Int? { OutputPlan(scenarios).count }

        /// The variant at `reference` (made anew).
        func item(_ reference: Reference) -> Item {
            let scenario = scenarios[reference.scenario]
            return Item(scenario: scenario, variant: scenario.variants[reference.position])
        }

        /// The output path of the variant at `reference`.
        func output(_ reference: Reference) -> String {
            scenarios[reference.scenario].variants.nameAndOutput(at: reference.position).output
        }
    }

    /// A variant of one side: its recipe's position in `Index.scenarios`, and its own.
    struct Reference: Hashable, Sendable {
        var scenario: Int
        var position: Int
    }

    /// One recipe's variants by output path: a 64-bit hash per variant, the exact path kept
    /// only for a hash two paths share.
    struct OutputTable {
        private var byHash: [UInt64: Int] = [:]
        private var exact: [String: Int] = [:]
        private let variants: VariantList

        init(_ variants: VariantList) {
            self.variants = variants
            byHash.reserveCapacity(variants.count)
            for position in variants.indices {
                let output = variants.nameAndOutput(at: position).output
                let hash = ClashFinder.hash(output)
                if byHash[hash] == nil { byHash[hash] = position } else { exact[output] = position }
            }
        }

        /// The position of the variant writing `output`, if any.
        func position(of output: String) -> Int? {
            if let position = exact[output] { return position }
            guard let position = byHash[ClashFinder.hash(output)],
                  variants.nameAndOutput(at: position).output == output else { return nil }
            return position
        }
    }

    /// The matching of both sides' variants by output path, recipe by recipe, then across
    /// recipes for what moved; changed pairs are compared in batches on every core.
    struct Matcher {
        let old: Index, new: Index
        let oldSide: PlanSide, newSide: PlanSide
        var scenarios: [PlanScenario] = []
        var unchanged = 0
        var notCompared: [PlanSideName: [String: Int]] = [.old: [:], .new: [:]]
        private var batch: [(Reference, Reference)] = []

        init(old: Index, new: Index, oldSide: PlanSide, newSide: PlanSide) {
            self.old = old
            self.new = new
            self.oldSide = oldSide
            self.newSide = newSide
        }

        /// Changed pairs compared at once (each renders and reads back two files).
        static let batchSize = 32

        mutating func run() {
            var removed: [Reference] = [], added: [Reference] = []
            var matched: [[Bool]] = old.scenarios.map { [Bool](repeating: false, count: $0.variants.count) }
            for (index, scenario) in new.scenarios.enumerated() {
                guard let before = old.byPath[scenario.source.relativePath] else {
                    added += scenario.variants.indices.map { Reference(scenario: index, position: $0) }
                    continue
                }
                let table = OutputTable(old.scenarios[before].variants)
                for position in scenario.variants.indices {
                    let after = Reference(scenario: index, position: position)
                    if let found = table.position(of: new.output(after)), !matched[before][found] {
                        matched[before][found] = true
                        pair(Reference(scenario: before, position: found), after)
                    } else {
                        added.append(after)
                    }
                }
            }
            for (index, flags) in matched.enumerated() {
                for (position, done) in flags.enumerated() where !done { removed.append(Reference(scenario: index, position: position)) }
            }
            matched = []
            // Scenarios that moved to another recipe: matched by output path across recipes.
            var removedByOutput: [String: Int] = [:]
            for (slot, reference) in removed.enumerated() { removedByOutput[old.output(reference)] = slot }
            var gone: Set<Int> = []
            added = added.filter { after in
                guard let slot = removedByOutput.removeValue(forKey: new.output(after)) else { return true }
                gone.insert(slot)
                pair(removed[slot], after)
                return false
            }
            removed = removed.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
            flush()
            // Outputs only one side writes because the other side's version of their recipe
            // fails: a change (written now, or no longer written), never a rename, fields not compared.
            var removedByFailure: [Reference] = [], addedByFailure: [Reference] = []
            removed = removed.filter { reference in
                let path = old.scenarios[reference.scenario].source.relativePath
                guard new.failed.contains(path) else { return true }
                notCompared[.new, default: [:]][path, default: 0] += 1
                removedByFailure.append(reference)
                return false
            }
            added = added.filter { reference in
                let path = new.scenarios[reference.scenario].source.relativePath
                guard old.failed.contains(path) else { return true }
                notCompared[.old, default: [:]][path, default: 0] += 1
                addedByFailure.append(reference)
                return false
            }
            // Renames: a removed and an added scenario equal in everything but the name.
            var byKey: [String: [Int]] = [:]
            for (slot, reference) in added.enumerated() { byKey[renameKey(new.item(reference).variant.spec), default: []].append(slot) }
            var paired: Set<Int> = []
            for reference in removed {
                let item = old.item(reference)
                let key = renameKey(item.variant.spec)
                if let match = byKey[key]?.first(where: { !paired.contains($0) && sameButName(new.item(added[$0]).variant.spec, item.variant.spec) }) {
                    paired.insert(match)
                    scenarios.append(compare(item, new.item(added[match]), oldSide, newSide, change: .rename))
                } else {
                    scenarios.append(single(item, .remove))
                }
            }
            for (slot, reference) in added.enumerated() where !paired.contains(slot) { scenarios.append(single(new.item(reference), .add)) }
            scenarios += removedByFailure.map { single(old.item($0), .remove, failedSide: .new) }
            scenarios += addedByFailure.map { single(new.item($0), .add, failedSide: .old) }
        }

        /// Counts an unchanged pair, or queues a changed one for comparison.
        private mutating func pair(_ before: Reference, _ after: Reference) {
            if old.item(before).variant.spec == new.item(after).variant.spec {
                unchanged += 1
                return
            }
            batch.append((before, after))
            if batch.count == Self.batchSize { flush() }
        }

        /// Compares the queued changed pairs on every core.
        private mutating func flush() {
            let (old, new, oldSide, newSide) = (self.old, self.new, self.oldSide, self.newSide)
            scenarios += Parallel.map(batch) { compare(old.item($0.0), new.item($0.1), oldSide, newSide, change: .change) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// A removed or added scenario: its main fields on its one side; `failedSide` is the side
    /// whose version of the recipe fails, when that is why only one side writes it.
    static func single(_ item: Index.Item, _ change: PlanScenario.Change, failedSide: PlanSideName? = nil) -> PlanScenario {
        let shown: Set<String> = ["regime", "agents", "grid", "seed"]
        let fields = item.variant.explanation().filter { shown.contains($0.name) }.map { field in
            change == .add ? PlanFieldChange(field: field.name, old: nil, new: field.value.text, oldOrigin: nil, newOrigin: field.origin)
                : PlanFieldChange(field: field.name, old: field.value.text, new: nil, oldOrigin: field.origin, newOrigin: nil)
        }
        var bytes: Int?
        if case .success(let rendered) = ScenarioFile.render(item.variant.spec) { bytes = rendered.count }
        return PlanScenario(change: change, output: item.variant.output.value, oldOutput: nil, name: item.variant.name.value,
                            recipe: item.scenario.source.path, oldRecipe: nil, assignments: item.variant.assignments,
                            fields: fields, redraw: nil, drawn: nil, delta: nil, bytes: bytes, failedSide: failedSide)
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
                            redraw: redraw(before.variant.spec, after.variant.spec), drawn: drawn, delta: delta, bytes: nil,
                            failedSide: nil)
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
