import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl fmt`: every recipe under the given paths rewritten in canonical form (`formatRecipe`),
/// or, with `--check` or `--diff`, the files that would change listed or shown.
struct FmtCommand {
    /// `vmt-dsl fmt`.
    static let spec = CommandSpec(
        name: "fmt", summary: "rewrite recipes in canonical form, keeping every comment",
        description: """
        Rewrites every recipe (*.vmt) under each PATH (default: scenarios.d) in canonical form: one
        directive per line in a fixed order, no indentation, single spaces, LF line breaks, every
        comment kept (the rules are in grammar/directives.md, "Formatting"). Only files whose bytes
        change are written, each atomically. Formatting never changes what a recipe builds. A file
        with syntax errors is reported and left as it is, and the exit status is then 1.
        """,
        positionals: [PositionalSpec(name: "PATH", count: .many, help: "a recipe file or a folder of recipes (default: scenarios.d)",
                                     completion: .recipes)],
        flags: [
            FlagSpec(long: "--check", help: """
                write nothing; list each file that is not formatted ("would reformat: PATH")
                and exit 1 if there is any
                """),
            FlagSpec(long: "--diff", help: """
                write nothing; print a unified diff of each change. Exits 0 even when
                something would change (as gofmt -d does), unless --check is given too
                """),
            OutputFormat.flag,
        ],
        notes: """
        With --format json, fmt prints one JSON line per file, {"path": P, "status": S} with S one of
        formatted, unchanged, would-reformat (with --check) or failed, the diagnostics of files that
        failed, and a last line {"summary": {...}} with the counts. --diff prints text only.
        """,
        examples: [
            "fmt                                  # format scenarios.d in place",
            "fmt scenarios.d/money/big_mixed.vmt  # one file",
            "fmt --check                          # in CI: is every recipe formatted?",
            "fmt --diff                           # see what fmt would change",
        ],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    /// The files and folders to format.
    var paths: [String] = []
    /// `--check`: list unformatted files, write nothing, exit 1 if any.
    var check = false
    /// `--diff`: print diffs, write nothing.
    var diff = false
    /// `--format`.
    var format = OutputFormat.text

    /// Whether files are rewritten (neither `--check` nor `--diff`).
    var writes: Bool { !check && !diff }

    /// The options `arguments` give.
    init(_ parsed: ParsedArguments) throws(CommandError) {
        paths = parsed.positionals.isEmpty ? [Project.defaultFolder] : parsed.paths
        check = parsed.has("--check")
        diff = parsed.has("--diff")
        format = OutputFormat.of(parsed)
        if diff && format == .json {
            throw .usage(CommandMessages.diffWithJSON)
        }
    }

    /// What became of one file.
    enum Status: String {
        case formatted, unchanged, failed
        case wouldReformat = "would-reformat"
    }

    /// Runs `fmt`: `ProjectFormatter` does the work; this prints its events as text, JSON or diffs.
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let options = try FmtCommand(arguments)
        let json = options.format == .json
        // The recipes the paths select (fmt needs no parents: each file is formatted alone).
        let project = Project.load(options.paths, currentDirectory: context.currentDirectory)
        let mode: FormatMode = options.writes ? .write : options.check ? .check : .diff
        var diagnostics: [Diagnostic] = []
        var statuses: [(path: String, status: Status)] = []
        var messages: [String] = []
        let summary = ProjectFormatter.run(project, paths: options.paths, currentDirectory: context.currentDirectory,
                                           mode: mode) { event in
            switch event {
            case .problem(let problem):
                messages.append(problem)
            case .unchanged(let path):
                statuses.append((path, .unchanged))
            case .formatted(let path, _, _):
                statuses.append((path, .formatted))
            case .wouldReformat(let path, let old, let new):
                if options.diff {
                    context.standardOutput(LineDiff.unified(old: String(decoding: old, as: UTF8.self), new: new, path: path))
                }
                if options.check && !json { context.print(CommandMessages.fmtWouldReformat(path)) }
                statuses.append((path, .wouldReformat))
            case .failed(let path, let failure):
                switch failure {
                case .syntax(let found):
                    diagnostics += found
                    statuses.append((path, .failed))
                case .tooLarge(let size, let limit):
                    // Said at once, and (as before) without a status line.
                    context.error(CommandMessages.fmtWouldPassTheLimit(path, size: size, limit: limit))
                case .wouldBreak:
                    messages.append(CommandMessages.fmtWouldBreak(path))
                    statuses.append((path, .failed))
                case .unwritable(let reason):
                    messages.append(reason)
                    statuses.append((path, .failed))
                }
            }
        }
        let (changed, unchanged, failed) = (summary.changed, summary.unchanged, summary.failed)
        let printer = DiagnosticPrinter(context, sources: project.selection)
        if json {
            for message in messages {
                context.print(JSON.object([("severity", .string("error")), ("message", .string(message))]).text)
            }
            printer.printJSON(diagnostics)
            for (path, status) in statuses {
                context.print(JSON.object([("path", .string(path)), ("status", .string(status.rawValue))]).text)
            }
            let counts: [(String, JSON)] = options.writes
                ? [("formatted", .int(changed)), ("unchanged", .int(unchanged)), ("failed", .int(failed))]
                : [("would_reformat", .int(changed)), ("unchanged", .int(unchanged)), ("failed", .int(failed))]
            context.print(JSON.object([("summary", .object(counts))]).text)
        } else {
            for message in messages { context.error(message) }
            printer.print(diagnostics)
            if options.writes {
                context.print(CommandMessages.fmtSummary(formatted: changed, unchanged: unchanged, failed: failed))
            } else {
                context.print(CommandMessages.fmtCheckSummary(wouldChange: changed, unchanged: unchanged, failed: failed))
            }
        }
        return failed > 0 || (options.check && changed > 0) ? .failure : .success
    }
}
