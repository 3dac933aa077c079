/// The help texts, generated from the command declarations (`CommandSpec`): a command's
/// `--help` and the main help (`vmt-dsl --help`), so both always say what the reader accepts.
enum HelpText {
    /// The widest line a usage line is wrapped to.
    static let width = 100
    /// The widest flag or argument column before its help moves to a line of its own.
    static let column = 28

    /// A command's `--help`: usage, description, arguments, flags, notes, examples.
    static func command(_ spec: CommandSpec) -> String {
        var sections = [usage(spec), spec.description]
        if !spec.positionals.isEmpty {
            sections.append("arguments:\n" + table(spec.positionals.map { ($0.name, $0.help) }))
        }
        let flags = spec.flags + [ArgumentReader.helpFlag]
        sections.append("flags:\n" + table(flags.map { ($0.listing, $0.help) }))
        if !spec.notes.isEmpty { sections.append(spec.notes) }
        if !spec.examples.isEmpty {
            sections.append("examples:\n" + spec.examples.map { "  vmt-dsl " + $0 }.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    /// `usage: vmt-dsl NAME POSITIONALS [FLAGS]`, wrapped under the command's name.
    static func usage(_ spec: CommandSpec) -> String {
        let head = "usage: vmt-dsl " + spec.synopsis
        let indent = String(repeating: " ", count: "usage: vmt-dsl \(spec.name) ".count)
        var lines = [head]
        for flag in spec.flags {
            let piece = flag.synopsis
            if let last = lines.last, last.count + 1 + piece.count <= width {
                lines[lines.count - 1] = last + " " + piece
            } else {
                lines.append(indent + piece)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Two columns: names padded to a common width, help after them (continuation lines and
    /// the help of a long name on lines of their own, indented under the help column).
    static func table(_ rows: [(String, String)]) -> String {
        let nameWidth = min(column, rows.map(\.0.count).filter { $0 <= column }.max() ?? 0)
        let indent = String(repeating: " ", count: 2 + nameWidth + 2)
        var lines: [String] = []
        for (name, help) in rows {
            let helpLines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if name.count > nameWidth {
                lines.append("  " + name)
                lines += helpLines.map { indent + $0 }
            } else {
                lines.append("  " + name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0) + (helpLines.first ?? ""))
                lines += helpLines.dropFirst().map { indent + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `vmt-dsl --help`: every command's synopsis and summary, the global flags, exit statuses.
    static func main(_ commands: [CommandSpec], version: String) -> String {
        let synopsisWidth = commands.map(\.synopsis.count).max() ?? 0
        let lines = commands.map { "  " + $0.synopsis.padding(toLength: synopsisWidth + 2, withPad: " ", startingAt: 0) + $0.summary }
        return """
        vmt-dsl \(version): scenario recipes in, VMT scenario YAML out.

        usage: vmt-dsl COMMAND [ARGUMENTS]

        commands:
        \(lines.joined(separator: "\n"))

        flags:
          -h, --help    show this help
          --version     print the version

        exit status: 0 ok, 1 problems in the input, 2 a command line that cannot be understood.
        Run 'vmt-dsl help COMMAND' (or 'vmt-dsl COMMAND --help') for a command's flags and examples.

        examples:
          vmt-dsl build                       # scenarios.d → scenarios
          vmt-dsl explain big_mixed           # where each value of big_mixed comes from
          vmt-dsl generate demo --preset money_demo --seed 42
        """
    }
}
