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
            throw .usage("argument --diff: prints a unified diff, which --format json cannot carry")
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
                if options.check && !json { context.print(Messages.fmtWouldReformat(path)) }
                statuses.append((path, .wouldReformat))
            case .failed(let path, let failure):
                switch failure {
                case .syntax(let found):
                    diagnostics += found
                    statuses.append((path, .failed))
                case .tooLarge(let size, let limit):
                    // Said at once, and (as before) without a status line.
                    context.error(Messages.fmtWouldPassTheLimit(path, size: size, limit: limit))
                case .wouldBreak:
                    messages.append(Messages.fmtWouldBreak(path))
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
                context.print(Messages.fmtSummary(formatted: changed, unchanged: unchanged, failed: failed))
            } else {
                context.print(Messages.fmtCheckSummary(wouldChange: changed, unchanged: unchanged, failed: failed))
            }
        }
        return failed > 0 || (options.check && changed > 0) ? .failure : .success
    }
}

/// A unified diff of two texts, line by line, from a longest common subsequence.
///
/// Lines are compared without their line breaks, so a CRLF file shows its real changes; what
/// lines cannot show (CR or CRLF breaks becoming LF, a byte order mark removed, a final line
/// break added) is said in `# ` note lines before the `---` header, where patch tools ignore them.
enum LineDiff {
    /// Lines of unchanged context around each change.
    static let contextLines = 3
    /// The largest table the exact algorithm fills (old × new lines left after the common start
    /// and end are set aside); beyond it the middle is shown as one replaced block.
    static let maximumCells = 4_000_000

    /// One line of an edit script, with where it stands on both sides.
    struct Edit: Equatable {
        /// What happens to the line.
        enum Kind: Equatable {
            /// In both texts.
            case same
            /// Only in the old text.
            case delete
            /// Only in the new text.
            case insert
        }

        /// What happens to the line.
        var kind: Kind
        /// The line's index in the old text; for an insertion, the number of old lines before it.
        var old: Int
        /// The line's index in the new text; for a deletion, the number of new lines before it.
        var new: Int
    }

    /// The diff of `old` into `new` for the file at `path`; empty when the texts are equal.
    static func unified(old: String, new: String, path: String) -> String {
        guard old != new else { return "" }
        var text = ""
        for note in notes(old: old, new: new) { text += "# " + note + "\n" }
        text += "--- \(path)\n+++ \(path) (formatted)\n"
        var oldText = Substring(old)
        if oldText.unicodeScalars.first == "\u{FEFF}" { oldText = Substring(oldText.unicodeScalars.dropFirst()) }
        let oldLines = lines(oldText)
        let newLines = lines(Substring(new))
        for hunk in hunks(edits(oldLines, newLines)) {
            text += header(hunk)
            for edit in hunk {
                switch edit.kind {
                case .same: text += " " + oldLines[edit.old] + "\n"
                case .delete: text += "-" + oldLines[edit.old] + "\n"
                case .insert: text += "+" + newLines[edit.new] + "\n"
                }
            }
        }
        return text
    }

    /// What changes that lines of text cannot show.
    static func notes(old: String, new: String) -> [String] {
        var notes: [String] = []
        if old.unicodeScalars.first == "\u{FEFF}" { notes.append(Messages.fmtDiffByteOrderMark) }
        if old.unicodeScalars.contains("\r") { notes.append(Messages.fmtDiffLineBreaks) }
        if let last = old.unicodeScalars.last, last != "\n", last != "\r", !new.isEmpty {
            notes.append(Messages.fmtDiffFinalLineBreak)
        }
        return notes
    }

    /// The lines of a text, without their breaks (LF, CRLF or CR); no empty last line for a final break.
    static func lines(_ text: Substring) -> [Substring] {
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The edit script from `old` to `new`: deletions before insertions within each change.
    static func edits(_ old: [Substring], _ new: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let n = old.count - suffix - prefix
        let m = new.count - suffix - prefix
        let (cells, overflow) = (n + 1).multipliedReportingOverflow(by: m + 1)
        var script = (0..<prefix).map { Edit(kind: .same, old: $0, new: $0) }
        var i = 0
        var j = 0
        if overflow || cells > maximumCells {
            script += (0..<n).map { Edit(kind: .delete, old: prefix + $0, new: prefix) }
            script += (0..<m).map { Edit(kind: .insert, old: prefix + n, new: prefix + $0) }
            i = n
            j = m
        }
        // common[i * (m + 1) + j]: the length of the longest common subsequence of the middle
        // parts old[prefix + i ..< prefix + n] and new[prefix + j ..< prefix + m].
        var common = [Int32](repeating: 0, count: i == n && j == m ? 0 : cells)
        if !common.isEmpty {
            for row in stride(from: n - 1, through: 0, by: -1) {
                for column in stride(from: m - 1, through: 0, by: -1) {
                    common[row * (m + 1) + column] = old[prefix + row] == new[prefix + column]
                        ? common[(row + 1) * (m + 1) + column + 1] + 1
                        : max(common[(row + 1) * (m + 1) + column], common[row * (m + 1) + column + 1])
                }
            }
        }
        while i < n || j < m {
            if i < n, j < m, old[prefix + i] == new[prefix + j] {
                script.append(Edit(kind: .same, old: prefix + i, new: prefix + j))
                i += 1
                j += 1
            } else if j == m || (i < n && common[(i + 1) * (m + 1) + j] >= common[i * (m + 1) + j + 1]) {
                script.append(Edit(kind: .delete, old: prefix + i, new: prefix + j))
                i += 1
            } else {
                script.append(Edit(kind: .insert, old: prefix + i, new: prefix + j))
                j += 1
            }
        }
        script += (0..<suffix).map { Edit(kind: .same, old: prefix + n + $0, new: prefix + m + $0) }
        return script
    }

    /// The changes with up to `contextLines` unchanged lines around each; changes closer than
    /// twice that share one hunk.
    static func hunks(_ script: [Edit]) -> [[Edit]] {
        let changes = script.indices.filter { script[$0].kind != .same }
        guard let first = changes.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = first
        var end = first
        for index in changes.dropFirst() {
            if index - end > 2 * contextLines {
                ranges.append(start...end)
                start = index
            }
            end = index
        }
        ranges.append(start...end)
        return ranges.map { range in
            let lower = max(0, range.lowerBound - contextLines)
            let upper = min(script.count - 1, range.upperBound + contextLines)
            return Array(script[lower...upper])
        }
    }

    /// `@@ -START,COUNT +START,COUNT @@` as GNU diff writes it: 1-based START, `,COUNT` left out
    /// when COUNT is 1, and for a side without lines START is the number of lines before the hunk.
    static func header(_ hunk: [Edit]) -> String {
        guard let first = hunk.first else { return "" }
        let oldCount = hunk.filter { $0.kind != .insert }.count
        let newCount = hunk.filter { $0.kind != .delete }.count
        return "@@ -\(range(first.old, oldCount)) +\(range(first.new, newCount)) @@\n"
    }

    /// START,COUNT for a hunk side whose first line has index `index` (or follows `index` lines).
    private static func range(_ index: Int, _ count: Int) -> String {
        if count == 0 { return "\(index),0" }
        return count == 1 ? "\(index + 1)" : "\(index + 1),\(count)"
    }
}

extension Messages {
    /// `fmt --check`: a file that is not in canonical form.
    static func fmtWouldReformat(_ path: String) -> String {
        "would reformat: \(path)"
    }

    /// `fmt`'s last line when it writes.
    static func fmtSummary(formatted: Int, unchanged: Int, failed: Int) -> String {
        "formatted \(formatted), unchanged \(unchanged), failed \(failed)"
    }

    /// `fmt --check` and `fmt --diff`: the last line.
    static func fmtCheckSummary(wouldChange: Int, unchanged: Int, failed: Int) -> String {
        "\(wouldChange) would be reformatted, \(unchanged) already formatted, \(failed) failed"
    }

    /// The formatted text would be larger than a recipe may be; the file is left alone.
    static func fmtWouldPassTheLimit(_ path: String, size: Int, limit: Int) -> String {
        "cannot format \(path): the formatted text would be \(size) bytes, over the \(limit / 1024) KiB limit of a"
            + " recipe file, so the tool could not read it back; the file is left unchanged (split the recipe, or"
            + " move long 'inventory' lists to a parent recipe)"
    }

    /// The formatter produced text that does not read back (a bug); the file is left alone.
    static func fmtWouldBreak(_ path: String) -> String {
        "internal error: the formatted text of \(path) does not parse back to the same directives;"
            + " the file is left unchanged (please report this)"
    }

    /// `fmt --diff` note: a byte order mark is dropped.
    static let fmtDiffByteOrderMark = "the byte order mark is removed"

    /// `fmt --diff` note: CR or CRLF line breaks become LF.
    static let fmtDiffLineBreaks = "line breaks become LF"

    /// `fmt --diff` note: the last line gets its line break.
    static let fmtDiffFinalLineBreak = "a line break is added at the end of the file"
}
