import VMTCore
import VMTRecipe

/// `vmt-dsl presets [NAME]`: the built-in presets as a table, or one as recipe lines.
enum PresetsCommand {
    static let help = """
    usage: vmt-dsl presets [NAME]

    Without NAME, prints a table of the built-in presets. With NAME, prints that preset as
    recipe lines, ready to copy into a .vmt file (or extend it: 'extends NAME').

    examples:
      vmt-dsl presets
      vmt-dsl presets money_demo > scenarios.d/my_money.vmt
    """

    /// The preset's fields as recipe directives, in canonical order.
    static func recipeLines(_ preset: Preset) -> [String] {
        [
            "agents \(preset.agents)",
            "grid \(preset.grid)",
            "inventory \(preset.inventory.min)..\(preset.inventory.max)",
            "utilities " + preset.utilities.map(\.rawValue).joined(separator: ", "),
            "resources density \(PythonFloat.repr(preset.resources.density)) max \(preset.resources.maxAmount) regen \(preset.resources.regen)",
            "regime \(preset.regime.rawValue)",
        ]
    }

    static func run(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        let parsed: Arguments
        switch Arguments.read(arguments, command: "presets", help: help, context) {
        case .success(let read): parsed = read
        case .failure(let status): return status
        }
        let arguments = parsed.positionals
        guard arguments.count <= 1 else {
            context.error("presets takes at most one NAME (got \(arguments.count))")
            return .usage
        }
        if let name = arguments.first {
            guard let preset = Preset.named(name) else {
                context.error("unknown preset '\(name)' (choose from \(Preset.names.joined(separator: ", ")))"
                    + FlagParsing.suggestion(name, Preset.names))
                return .usage
            }
            context.print("# The built-in preset \(preset.name) (\(preset.summary)), as recipe lines.")
            for line in recipeLines(preset) { context.print(line) }
            return .success
        }
        let header = ["NAME", "AGENTS", "GRID", "INVENTORY", "UTILITIES", "RESOURCES (D,MAX,REGEN)", "REGIME", "FOR"]
        let rows = Preset.all.map { preset in
            [preset.name, "\(preset.agents)", "\(preset.grid)", "\(preset.inventory.min)..\(preset.inventory.max)",
             preset.utilities.map(\.rawValue).joined(separator: ","),
             "\(PythonFloat.repr(preset.resources.density)),\(preset.resources.maxAmount),\(preset.resources.regen)",
             preset.regime.rawValue, preset.summary]
        }
        for line in Table.lines([header] + rows) { context.print(line) }
        return .success
    }
}

/// Plain-text tables: columns padded to their widest cell, two spaces apart.
enum Table {
    /// The rows as lines, trailing blanks removed.
    static func lines(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
