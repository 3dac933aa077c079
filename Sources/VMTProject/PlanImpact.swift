// The impact view: each source line a change comes from (the new side's directive, or the old
// side's when the line is gone), the field changes it causes and the scenarios it reaches
// through `extends` and `vary`; recipes that add or remove scenarios as a whole come too.
import Foundation
import VMTRecipe

/// Groups a plan's field changes by the line responsible.
enum ImpactBuilder {
    /// At most this many distinct changes are listed per line; the rest are counted.
    static let maxChangesListed = 4

    static func impact(_ scenarios: [PlanScenario], old: [RecipeSource], new: [RecipeSource]) -> [PlanImpact] {
        struct Key: Hashable {
            var side: PlanSideName
            var file: String
            var line: Int?
            var text: String
        }
        struct Group {
            var changes: [String] = []
            var outputs: Set<String> = []
            var added = 0
            var removed = 0
            var renamed = 0
        }
        let texts = SourceLines(old: old, new: new)
        var groups: [Key: Group] = [:]
        for scenario in scenarios {
            switch scenario.change {
            case .add, .remove:
                let key = Key(side: .new, file: scenario.recipe, line: nil, text: "")
                if scenario.change == .add { groups[key, default: Group()].added += 1 } else { groups[key, default: Group()].removed += 1 }
                groups[key, default: Group()].outputs.insert(scenario.output)
            case .rename:
                // A move, not a line's doing: counted under the recipe that now writes it.
                let key = Key(side: .new, file: scenario.recipe, line: nil, text: "")
                groups[key, default: Group()].renamed += 1
                groups[key, default: Group()].outputs.insert(scenario.output)
                for field in scenario.fields where field.field != "name" && field.field != "output" {
                    let change = "\(field.field) \(field.old ?? "(none)") → \(field.new ?? "(none)")"
                    if !groups[key, default: Group()].changes.contains(change) { groups[key, default: Group()].changes.append(change) }
                }
            case .change:
                // A field that only appears or goes, from a preset or a default (money params
                // when the regime starts using money), follows from the scenario's other
                // changes: it is listed with them, not as a line's doing.
                let primary = scenario.fields.filter { !isConsequence($0) }
                for field in primary.isEmpty ? scenario.fields : primary {
                    let key: Key
                    if let range = field.newOrigin?.range {
                        key = Key(side: .new, file: range.file, line: range.start.line,
                                  text: texts.line(range.start.line, of: range.file, side: .new))
                    } else if let range = field.oldOrigin?.range {
                        key = Key(side: .old, file: range.file, line: range.start.line,
                                  text: texts.line(range.start.line, of: range.file, side: .old))
                    } else {
                        key = Key(side: .new, file: "", line: nil, text: (field.newOrigin ?? field.oldOrigin)?.description ?? "default")
                    }
                    let change = "\(field.field) \(field.old ?? "(none)") → \(field.new ?? "(none)")"
                    if !groups[key, default: Group()].changes.contains(change) { groups[key, default: Group()].changes.append(change) }
                    groups[key, default: Group()].outputs.insert(scenario.output)
                }
            }
        }
        let ordered = groups.sorted { a, b in
            (a.key.file, a.key.line ?? 0, a.key.side.rawValue, a.key.text) < (b.key.file, b.key.line ?? 0, b.key.side.rawValue, b.key.text)
        }
        return ordered.map { key, group in
            var changes = Array(group.changes.prefix(maxChangesListed))
            if group.changes.count > maxChangesListed { changes.append("\(group.changes.count - maxChangesListed) more") }
            return PlanImpact(file: key.file, line: key.line, side: key.side, text: key.text, changes: changes,
                              scenarios: group.outputs.count, added: group.added, removed: group.removed, renamed: group.renamed)
        }
    }

    /// Whether a field change only follows from others: the field appears or goes, and the
    /// side that has it took it from a preset or a default, not from a line of its own.
    static func isConsequence(_ field: PlanFieldChange) -> Bool {
        guard field.old == nil || field.new == nil, let origin = field.newOrigin ?? field.oldOrigin else { return false }
        if case .directive = origin { return false }
        return true
    }

    /// The text of source lines on either side, split on first use.
    final class SourceLines {
        private var sources: [PlanSideName: [String: [UInt8]]] = [:]
        private var split: [String: [Substring]] = [:]

        init(old: [RecipeSource], new: [RecipeSource]) {
            sources[.old] = Dictionary(old.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
            sources[.new] = Dictionary(new.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        }

        /// Line `number` (1-based) of `file` on `side`, trimmed; "" when there is none.
        func line(_ number: Int, of file: String, side: PlanSideName) -> String {
            let key = side.rawValue + "\u{0}" + file
            if split[key] == nil {
                let text = String(decoding: sources[side]?[file] ?? [], as: UTF8.self)
                split[key] = text.split(separator: "\n", omittingEmptySubsequences: false)
            }
            guard let lines = split[key], number >= 1, number <= lines.count else { return "" }
            return lines[number - 1].trimmingCharacters(in: .whitespaces)
        }
    }
}
