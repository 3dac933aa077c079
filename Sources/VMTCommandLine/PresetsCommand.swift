import VMTCore
import VMTRecipe

/// `vmt-dsl presets [NAME]`: the built-in presets as a table, or one as recipe lines.
enum PresetsCommand {
    /// `vmt-dsl presets`.
    static let spec = CommandSpec(
        name: "presets", summary: "list the built-in presets, or print one as recipe lines",
        description: """
        Without NAME, prints a table of the built-in presets. With NAME, prints that preset as
        recipe lines, ready to copy into a .vmt file (or extend it: 'extends NAME').
        """,
        positionals: [PositionalSpec(name: "NAME", count: .optional, help: "one preset", completion: .words(Preset.names))],
        flags: [OutputFormat.flag],
        notes: "--format json prints one JSON object: {\"presets\": [...]}, or the one preset's fields.",
        examples: ["presets", "presets money_demo > scenarios.d/my_money.vmt", "presets --format json"],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

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

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let json = OutputFormat.of(parsed) == .json
        if let name = parsed.paths.first {
            guard let preset = Preset.named(name) else {
                throw .usage(CommandMessages.unknownPreset(name)
                    + FlagParsing.suggestion(name, Preset.names))
            }
            if json {
                context.print(self.json(preset).text)
                return .success
            }
            context.print("# The built-in preset \(preset.name) (\(preset.summary)), as recipe lines.")
            for line in recipeLines(preset) { context.print(line) }
            return .success
        }
        if json {
            context.print(JSON.object([("presets", .array(Preset.all.map(self.json)))]).text)
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

extension PresetsCommand {
    /// A preset as a JSON object: its name, summary and fields.
    static func json(_ preset: Preset) -> JSON {
        .object([
            ("name", .string(preset.name)), ("summary", .string(preset.summary)),
            ("agents", .int(preset.agents)), ("grid", .int(preset.grid)),
            ("inventory", .object([("min", .int(preset.inventory.min)), ("max", .int(preset.inventory.max))])),
            ("utilities", .array(preset.utilities.map { .string($0.rawValue) })),
            ("resources", .object([("density", .float(preset.resources.density)), ("max", .int(preset.resources.maxAmount)),
                                   ("regen", .int(preset.resources.regen))])),
            ("regime", .string(preset.regime.rawValue)),
        ])
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
