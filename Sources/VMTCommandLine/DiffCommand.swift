import Foundation
import VMTCore
import VMTProject

/// `vmt-dsl diff A.yaml B.yaml [--format text|json]`: two scenario files compared field by
/// field, named as `plan` and `explain` name them, with each good's stocks summarised.
enum DiffCommand {
    /// `vmt-dsl diff`.
    static let spec = CommandSpec(
        name: "diff", summary: "two scenario files compared field by field",
        description: """
        Compares two scenario files (built by vmt-dsl, by VMT's generator, or written by hand)
        field by field: every value that differs, old → new, named as 'plan' and 'explain' name it
        (grid, agents, utilities, utilities[1].rho, resources.density, params.vision_radius,
        schedule, ...). Stocks are summarised per good instead of listed: how many agents' stocks
        differ, and min, max and mean before and after. A key written in one file only that holds
        the value VMT's loader reads from the other anyway (its default: params.spread 0.0, no M
        stocks against zeros) is no difference: it is listed on a line of its own, marked '='; so is
        a key the loader does not read (protocol_config), marked '?'.
        """,
        positionals: [
            PositionalSpec(name: "OLD.yaml", count: .one, help: "the old scenario file", completion: .paths),
            PositionalSpec(name: "NEW.yaml", count: .one, help: "the new scenario file", completion: .paths),
        ],
        flags: [
            OutputFormat.flag,
            FlagSpec(long: "--detailed-exitcode", help: "exit 3 when the files differ (0 when they do not)"),
        ],
        notes: """
        exit status: 0 compared, with or without differences (with --detailed-exitcode: 0 none,
        3 differences), 1 a file that cannot be read, 2 a command line that cannot be understood.
        """,
        examples: ["diff scenarios/demo.yaml /tmp/demo.yaml", "diff old.yaml new.yaml --format json"],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    /// The largest scenario file read: the YAML reader's limit (a 64 MiB file holds about
    /// three million agents' stocks).
    static let maxFileBytes = YAMLReader.maxBytes

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let json = OutputFormat.of(parsed) == .json
        guard parsed.positionals.count == 2 else {
            throw .usage(CommandMessages.diffNeedsTwoFiles)
        }
        let (oldPath, newPath) = (parsed.paths[0], parsed.paths[1])
        guard let old = read(oldPath, context), let new = read(newPath, context) else { return .failure }
        var comparison = DocumentComparison(old.document, new.document)
        comparison.setAsideLoaderDefaults(old: old.reading?.loaded, new: new.reading?.loaded)
        comparison.setAsideUnreadKeys(oldIgnored: old.reading?.ignoredKeys.map(\.key), newIgnored: new.reading?.ignoredKeys.map(\.key))
        if json {
            context.print(self.json(comparison, old: oldPath, new: newPath).text)
        } else {
            for line in text(comparison, old: oldPath, new: newPath) { context.print(line) }
        }
        if !comparison.isEmpty && parsed.has("--detailed-exitcode") { return .changesPresent }
        return .success
    }

    /// The file at `path` as a scenario document with the loader's reading of it (nil when VMT's
    /// loader would refuse the file), or nil after printing why the file cannot be read at all.
    static func read(_ path: String, _ context: CommandContext) -> (document: ScenarioDocument, reading: ScenarioReading?)? {
        let bytes: [UInt8]
        do throws(CommandError) {
            bytes = try context.readInput(path, limit: maxFileBytes)
        } catch {
            context.error(error.message)
            return nil
        }
        do throws(ProjectError) {
            let document = try ScenarioDocument(yaml: bytes)
            return (document, try? ScenarioLoader.load(bytes).get())
        } catch .yaml(let failure) {
            context.error(CommandMessages.inFileAt(path, failure))
        } catch {
            context.error(CommandMessages.inFile(path, "\(error)"))
        }
        return nil
    }

    static func text(_ comparison: DocumentComparison, old: String, new: String) -> [String] {
        var lines = ["vmt-dsl diff: \(old) → \(new)"]
        for field in comparison.fields {
            switch (field.old, field.new) {
            case let (a?, b?): lines.append("  ~ \(field.name): \(a) → \(b)")
            case let (nil, b?): lines.append("  + \(field.name): \(b)")
            case let (a?, nil): lines.append("  - \(field.name): \(a)")
            default: break
            }
        }
        for stock in comparison.stocks {
            lines.append("  ~ stocks \(stock.good): \(stock.changed) of \(max(stock.old?.count ?? 0, stock.new?.count ?? 0)) changed ("
                + PlanOutput.summary(stock.old) + " → " + PlanOutput.summary(stock.new) + ")")
        }
        for stock in comparison.unchangedStocks {
            lines.append("    stocks \(stock.good): the same for all \(stock.count) agents")
        }
        for field in comparison.defaulted {
            lines.append("  = \(field.name): \(field.value) (written in the \(field.writtenInOld ? "old" : "new") file only; the loader's default)")
        }
        for field in comparison.unread {
            let values = [field.old.map { "\($0) (old)" }, field.new.map { "\($0) (new)" }].compactMap { $0 }.joined(separator: ", ")
            lines.append("  ? \(field.name): \(values) (not read by VMT's loader)")
        }
        let changedStocks = comparison.stocks.count
        lines.append(comparison.isEmpty ? "No differences."
            : "\(comparison.fields.count) \(comparison.fields.count == 1 ? "field differs" : "fields differ"); stocks of \(changedStocks) good\(changedStocks == 1 ? "" : "s") differ.")
        return lines
    }

    /// `{"old", "new", "fields": [{"field", "old", "new"}], "stocks": [{"good", "changed", "old",
    /// "new"}], "unchanged_stocks": [{"good", "count"}], "defaults": [{"field", "value", "in"}],
    /// "unread": [{"field", "old", "new"}], "same"}` ("in": "old" or "new", the file that writes
    /// the default; "unread": keys VMT's loader does not read, not counted as differences).
    static func json(_ comparison: DocumentComparison, old: String, new: String) -> JSON {
        func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
        return .object([
            ("old", .string(old)), ("new", .string(new)),
            ("fields", .array(comparison.fields.map {
                JSON.object([("field", .string($0.name)), ("old", optional($0.old)), ("new", optional($0.new))])
            })),
            ("stocks", .array(comparison.stocks.map {
                JSON.object([("good", .string($0.good)), ("changed", .int($0.changed)),
                             ("old", PlanOutput.json($0.old)), ("new", PlanOutput.json($0.new))])
            })),
            ("unchanged_stocks", .array(comparison.unchangedStocks.map {
                JSON.object([("good", .string($0.good)), ("count", .int($0.count))])
            })),
            ("defaults", .array(comparison.defaulted.map {
                JSON.object([("field", .string($0.name)), ("value", .string($0.value)), ("in", .string($0.writtenInOld ? "old" : "new"))])
            })),
            ("unread", .array(comparison.unread.map {
                JSON.object([("field", .string($0.name)), ("old", optional($0.old)), ("new", optional($0.new))])
            })),
            ("same", .bool(comparison.isEmpty)),
        ])
    }
}
