import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// A plan printed three ways: text in the style of `terraform plan`, markdown for a pull-request
/// comment, and one JSON object for bots (its schema is in README, "vmt-dsl plan").
struct PlanOutput {
    enum Format {
        case text, markdown, json
    }

    let plan: Plan
    let oldSources: [RecipeSource]
    let newSources: [RecipeSource]
    let useColor: Bool

    /// Drawn parameters listed per scenario before the rest are counted.
    static let maxDrawnListed = 6

    func render(_ format: Format) -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .json: return json().text + "\n"
        }
    }

    // MARK: Shared wording

    /// `Plan: 1 to add, 2 to change, 0 to remove, 0 renamed; 15 unchanged.`
    var summaryLine: String {
        guard plan.hasChanges else {
            return "No changes: \(plan.unchanged) scenario\(plan.unchanged == 1 ? "" : "s") unchanged."
        }
        return "Plan: \(plan.count(.add)) to add, \(plan.count(.change)) to change, \(plan.count(.remove)) to remove, "
            + "\(plan.count(.rename)) renamed; \(plan.unchanged) unchanged."
    }

    var heading: String { "vmt-dsl plan: \(plan.root), \(plan.oldLabel) → \(plan.newLabel)" }

    static func symbol(_ change: PlanScenario.Change) -> String {
        switch change {
        case .add: return "+"
        case .remove: return "-"
        case .change, .rename: return "~"
        }
    }

    /// `old → new` for a scenario's output path (a rename shows both).
    static func outputText(_ scenario: PlanScenario) -> String {
        scenario.oldOutput.map { "\($0) → \(scenario.output)" } ?? scenario.output
    }

    /// The origins of a change: `(X)` when both sides say the same, else `(X → Y)`.
    static func origins(_ field: PlanFieldChange) -> String {
        let old = field.oldOrigin?.description, new = field.newOrigin?.description
        switch (old, new) {
        case let (a?, b?) where a == b: return a
        case let (a?, b?): return "\(a) → \(b)"
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return "-"
        }
    }

    /// `agents: 20 → 40`, `+ params.money_mode: quasilinear`, `- money: 0..20`.
    static func fieldText(_ field: PlanFieldChange) -> (symbol: String, text: String) {
        switch (field.old, field.new) {
        case let (old?, new?): return ("~", "\(field.field): \(old) → \(new)")
        case let (nil, new?): return ("+", "\(field.field): \(new)")
        case let (old?, nil): return ("-", "\(field.field): \(old)")
        default: return ("~", field.field)
        }
    }

    /// The drawn values that changed, as lines: stocks per good, then utility parameters.
    static func drawnLines(_ scenario: PlanScenario) -> [String] {
        guard let drawn = scenario.drawn else { return [] }
        var lines: [String] = []
        for stock in drawn.stocks {
            lines.append("stocks \(stock.good): \(stock.changed) of \(max(stock.old?.count ?? 0, stock.new?.count ?? 0)) changed ("
                + summary(stock.old) + " → " + summary(stock.new) + ")")
        }
        let parameters = drawn.fields.filter { $0.name.hasPrefix("utilities[") }
        if !parameters.isEmpty {
            let listed = parameters.prefix(maxDrawnListed).map { "\($0.name) \($0.old ?? "(none)") → \($0.new ?? "(none)")" }
            let more = parameters.count > maxDrawnListed ? ", \(parameters.count - maxDrawnListed) more" : ""
            lines.append("utility parameters: \(parameters.count) changed: " + listed.joined(separator: ", ") + more)
        }
        return lines
    }

    /// `min 10, max 50, mean 30.2` (`none` without stocks).
    static func summary(_ stock: DocumentComparison.StockSummary?) -> String {
        guard let stock else { return "none" }
        return "min \(stock.min), max \(stock.max), mean \(String(format: "%.1f", stock.mean))"
    }

    /// `3,456 → 4,567 bytes, -30 +46 lines`.
    static func deltaText(_ delta: OutputDelta) -> String {
        "\(grouped(delta.oldBytes)) → \(grouped(delta.newBytes)) bytes, -\(delta.removedLines) +\(delta.addedLines) lines"
            + (delta.approximate ? " (at most)" : "") + " of \(grouped(delta.oldLines)) → \(grouped(delta.newLines))"
    }

    /// `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `lab/money_lab.vmt:4 agents 20 → 40: 12 scenarios`, or for a recipe as a whole
    /// `sweeps/regimes.vmt: +2 -1 scenarios`.
    static func impactText(_ impact: PlanImpact) -> String {
        let count = "\(impact.scenarios) scenario\(impact.scenarios == 1 ? "" : "s")"
        guard let line = impact.line else {
            if impact.file.isEmpty { return "\(impact.text): " + impact.changes.joined(separator: "; ") + ": " + count }
            return "\(impact.file): " + wholeRecipeText(impact)
        }
        let place = "\(impact.file):\(line)" + (impact.side == .old ? " (\(impactOldNote))" : "")
        return place + " " + impact.changes.joined(separator: "; ") + ": " + count
    }

    /// `+2 -1 scenarios, 1 renamed`: what a recipe adds, removes and renames as a whole.
    static func wholeRecipeText(_ impact: PlanImpact) -> String {
        var parts: [String] = []
        if impact.added > 0 { parts.append("+\(impact.added)") }
        if impact.removed > 0 { parts.append("-\(impact.removed)") }
        var text = parts.isEmpty ? "" : parts.joined(separator: " ") + " scenario\(impact.added + impact.removed == 1 ? "" : "s")"
        if impact.renamed > 0 { text += (text.isEmpty ? "" : ", ") + "\(impact.renamed) renamed" }
        return text
    }

    static let impactOldNote = "line of the old side, gone"

    /// `old side failed`: why a scenario is only added or removed, its fields not compared.
    static func failedSideText(_ side: PlanSideName) -> String {
        "\(side.rawValue) side failed"
    }

    // MARK: Text

    private func paint(_ text: String, _ symbol: String) -> String {
        guard useColor else { return text }
        let code = symbol == "+" ? "32" : symbol == "-" ? "31" : "33"
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }

    private func text() -> String {
        // Every piece of user data (paths, names, values, origins, messages) is one line
        // (DisplayText), so a recipe path with a line break cannot split a row.
        var lines = [DisplayText.visible(heading), ""]
        for scenario in plan.scenarios {
            let symbol = Self.symbol(scenario.change)
            var title = "\(symbol) \(Self.outputText(scenario))  (\(scenario.name), \(scenario.oldRecipe.map { "\($0) → " } ?? "")\(scenario.recipe))"
            if scenario.change == .rename { title += " renamed" }
            if let side = scenario.failedSide { title += " " + Self.failedSideText(side) }
            lines.append("  " + paint(DisplayText.visible(title), symbol))
            if !scenario.assignments.isEmpty {
                lines.append("      variant: " + DisplayText.visible(scenario.assignments.map { "\($0.field.name)=\($0.text)" }.joined(separator: ", ")))
            }
            // An added or removed scenario is one line (its fields are in markdown and JSON).
            for field in scenario.fields where scenario.change == .change || scenario.change == .rename {
                let (fieldSymbol, text) = Self.fieldText(field)
                lines.append("      " + paint(DisplayText.visible(fieldSymbol + " " + text), fieldSymbol)
                    + "  (" + DisplayText.visible(Self.origins(field)) + ")")
            }
            if let redraw = scenario.redraw { lines.append("      draws: " + DisplayText.visible(redraw.summary)) }
            for line in Self.drawnLines(scenario) { lines.append("        " + DisplayText.visible(line)) }
            if let delta = scenario.delta { lines.append("      file: " + Self.deltaText(delta)) }
        }
        if plan.hasChanges { lines.append("") }
        if !plan.impact.isEmpty {
            lines.append("Impact by source line:")
            for impact in plan.impact { lines.append("  " + DisplayText.visible(Self.impactText(impact))) }
            lines.append("")
        }
        lines += failureLines()
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The recipes that fail, with their diagnostics rendered against their side's text.
    private func failureLines() -> [String] {
        guard !plan.failures.isEmpty || !plan.problems.isEmpty else { return [] }
        var lines = ["Recipes that fail:"]
        for failure in plan.failures {
            var line = "  \(failure.side == .new ? plan.newLabel : plan.oldLabel): \(failure.recipe)"
            if failure.notCompared > 0 { line += " (\(failure.notCompared) scenario\(failure.notCompared == 1 ? "" : "s") of the other side not compared)" }
            lines.append(DisplayText.visible(line))
            lines += renderDiagnostics(failure).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        for problem in plan.problems {
            lines.append("  " + DisplayText.visible("\(problem.side == .new ? plan.newLabel : plan.oldLabel): " + problem.message))
        }
        lines.append("")
        return lines
    }

    private func renderDiagnostics(_ failure: PlanFailure) -> String {
        var texts: [String: String] = [:]
        for source in failure.side == .new ? newSources : oldSources {
            texts[source.path] = String(decoding: source.bytes, as: UTF8.self)
        }
        return DiagnosticRenderer(sources: texts).render(DiagnosticPrinter.ordered(failure.diagnostics))
    }

    // MARK: Markdown

    /// A table cell: pipes escaped, control characters visible, code spans where asked.
    private static func cell(_ text: String, code: Bool = false) -> String {
        let visible = DisplayText.visible(text).replacingOccurrences(of: "|", with: "\\|")
        guard code else { return visible }
        return visible.contains("`") ? "``" + visible + "``" : "`" + visible + "`"
    }

    /// Text inside HTML (`<summary>`): `&`, `<`, `>` escaped.
    private static func html(_ text: String) -> String {
        DisplayText.visible(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private func markdown() -> String {
        var lines = ["### " + Self.cell(heading), ""]
        lines += ["| change | scenarios |", "|---|---|",
                  "| + to add | \(plan.count(.add)) |", "| ~ to change | \(plan.count(.change)) |",
                  "| - to remove | \(plan.count(.remove)) |", "| ~ renamed | \(plan.count(.rename)) |",
                  "| unchanged | \(plan.unchanged) |",
                  "| recipes that fail | \(plan.failures.filter { $0.side == .new }.count) now, \(plan.failures.filter { $0.side == .old }.count) before |",
                  ""]
        if !plan.impact.isEmpty {
            lines += ["**Impact by source line**", "", "| line | changes | scenarios |", "|---|---|---|"]
            for impact in plan.impact {
                let place: String
                if let line = impact.line {
                    place = Self.cell("\(impact.file):\(line)", code: true) + (impact.text.isEmpty ? "" : " " + Self.cell(impact.text, code: true))
                        + (impact.side == .old ? " (\(Self.impactOldNote))" : "")
                } else {
                    place = Self.cell(impact.file.isEmpty ? impact.text : impact.file, code: true)
                }
                var changes = impact.changes
                if impact.line == nil && !impact.file.isEmpty { changes = [Self.wholeRecipeText(impact)] }
                lines.append("| \(place) | \(Self.cell(changes.joined(separator: "; "))) | \(impact.scenarios) |")
            }
            lines.append("")
        }
        for scenario in plan.scenarios {
            let title = "\(Self.symbol(scenario.change)) <code>\(Self.html(Self.outputText(scenario)))</code> (\(Self.html(scenario.name)))"
                + (scenario.change == .rename ? " renamed" : "") + (scenario.failedSide.map { " " + Self.failedSideText($0) } ?? "")
            lines += ["<details><summary>\(title)</summary>", ""]
            lines.append("Recipe: " + Self.cell(scenario.oldRecipe.map { "\($0) → " } ?? "", code: false)
                + Self.cell(scenario.recipe, code: true))
            if !scenario.assignments.isEmpty {
                lines.append("Variant: " + Self.cell(scenario.assignments.map { "\($0.field.name)=\($0.text)" }.joined(separator: ", "), code: true))
            }
            lines.append("")
            if !scenario.fields.isEmpty {
                lines += ["| field | old | new | old origin | new origin |", "|---|---|---|---|---|"]
                for field in scenario.fields {
                    lines.append("| \(Self.cell(field.field)) | \(Self.cell(field.old ?? "")) | \(Self.cell(field.new ?? "")) | "
                        + "\(Self.cell(field.oldOrigin?.description ?? "")) | \(Self.cell(field.newOrigin?.description ?? "")) |")
                }
                lines.append("")
            }
            if let redraw = scenario.redraw { lines.append("Draws: " + Self.cell(redraw.summary) + ".") }
            for line in Self.drawnLines(scenario) { lines.append("- " + Self.cell(line)) }
            if let delta = scenario.delta { lines += ["", "File: " + Self.deltaText(delta) + "."] }
            if let bytes = scenario.bytes { lines.append("File: \(Self.grouped(bytes)) bytes.") }
            lines += ["", "</details>", ""]
        }
        if !plan.failures.isEmpty || !plan.problems.isEmpty {
            lines += ["**Recipes that fail**", ""]
            for failure in plan.failures {
                lines += ["<details><summary>\(Self.html(failure.side == .new ? plan.newLabel : plan.oldLabel)): <code>\(Self.html(failure.recipe))</code></summary>",
                          "", "```", renderDiagnostics(failure).trimmingCharacters(in: .newlines)
                              .replacingOccurrences(of: "```", with: "` ` `"), "```", "", "</details>", ""]
            }
            for problem in plan.problems {
                lines.append("- \(Self.cell(problem.side == .new ? plan.newLabel : plan.oldLabel)): \(Self.cell(problem.message))")
            }
            lines.append("")
        }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    func json() -> JSON {
        func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
        let scenarios = plan.scenarios.map { scenario -> JSON in
            let fields = scenario.fields.map { field in
                JSON.object([("field", .string(field.field)), ("old", optional(field.old)), ("new", optional(field.new)),
                             ("old_origin", ExplainCommand.origin(field.oldOrigin)), ("new_origin", ExplainCommand.origin(field.newOrigin))])
            }
            var drawn = JSON.null
            if let comparison = scenario.drawn {
                let parameters = comparison.fields.filter { $0.name.hasPrefix("utilities[") }.map { change in
                    JSON.object([("field", .string(change.name)), ("old", optional(change.old)), ("new", optional(change.new))])
                }
                let stocks = comparison.stocks.map { stock in
                    JSON.object([("good", .string(stock.good)), ("changed", .int(stock.changed)),
                                 ("old", Self.json(stock.old)), ("new", Self.json(stock.new))])
                }
                drawn = .object([("parameters", .array(parameters)), ("stocks", .array(stocks))])
            }
            var file = JSON.null
            if let delta = scenario.delta {
                file = .object([("old_bytes", .int(delta.oldBytes)), ("new_bytes", .int(delta.newBytes)),
                                ("old_lines", .int(delta.oldLines)), ("new_lines", .int(delta.newLines)),
                                ("removed_lines", .int(delta.removedLines)), ("added_lines", .int(delta.addedLines)),
                                ("approximate", .bool(delta.approximate))])
            } else if let bytes = scenario.bytes {
                file = .object([("bytes", .int(bytes))])
            }
            let redraw = scenario.redraw.map { JSON.object([("causes", .array($0.causes.map(JSON.string))), ("summary", .string($0.summary))]) }
            return .object([
                ("change", .string(scenario.change.rawValue)), ("output", .string(scenario.output)),
                ("old_output", optional(scenario.oldOutput)), ("name", .string(scenario.name)),
                ("recipe", .string(scenario.recipe)), ("old_recipe", optional(scenario.oldRecipe)),
                ("variant", .object(scenario.assignments.map { ($0.field.name, JSON.string($0.text)) })),
                ("fields", .array(fields)), ("redraw", redraw ?? .null), ("drawn", drawn), ("file", file),
                ("failed_side", optional(scenario.failedSide?.rawValue)),
            ])
        }
        let impact = plan.impact.map { impact in
            JSON.object([("file", .string(impact.file)), ("line", impact.line.map(JSON.int) ?? .null),
                         ("side", .string(impact.side.rawValue)), ("text", .string(impact.text)),
                         ("changes", .array(impact.changes.map(JSON.string))), ("scenarios", .int(impact.scenarios)),
                         ("added", .int(impact.added)), ("removed", .int(impact.removed)), ("renamed", .int(impact.renamed))])
        }
        let failures = plan.failures.map { failure in
            JSON.object([("side", .string(failure.side.rawValue)), ("recipe", .string(failure.recipe)),
                         ("not_compared", .int(failure.notCompared)),
                         ("diagnostics", .array(DiagnosticPrinter.ordered(failure.diagnostics).map(DiagnosticPrinter.json)))])
        }
        let problems = plan.problems.map { JSON.object([("side", .string($0.side.rawValue)), ("message", .string($0.message))]) }
        return .object([
            ("root", .string(plan.root)), ("old", .string(plan.oldLabel)), ("new", .string(plan.newLabel)),
            ("summary", .object([("add", .int(plan.count(.add))), ("change", .int(plan.count(.change))),
                                 ("remove", .int(plan.count(.remove))), ("rename", .int(plan.count(.rename))),
                                 ("unchanged", .int(plan.unchanged)),
                                 ("failed", .int(plan.failures.filter { $0.side == .new }.count))])),
            ("scenarios", .array(scenarios)), ("impact", .array(impact)), ("failures", .array(failures)),
            ("problems", .array(problems)),
        ])
    }

    static func json(_ stock: DocumentComparison.StockSummary?) -> JSON {
        guard let stock else { return .null }
        return .object([("count", .int(stock.count)), ("min", .int(stock.min)), ("max", .int(stock.max)), ("mean", .float(stock.mean))])
    }
}
