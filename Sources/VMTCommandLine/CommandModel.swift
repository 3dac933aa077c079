import VMTCore
import VMTProject
import VMTRecipe

/// One command of `vmt-dsl`, declared once: its name, what it takes, its help and examples.
///
/// Everything the user sees of a command's command line is generated from this declaration:
/// the reading of its arguments (`ArgumentReader`), its `--help` (`HelpText.command`), its line
/// in the main help (`HelpText.main`) and the bash, zsh and fish completion scripts
/// (`CompletionScripts`). A flag added here is accepted, documented and completed at once.
struct CommandSpec: Sendable {
    /// The word that selects the command (`build`).
    let name: String
    /// One line for the main help's command list.
    let summary: String
    /// The paragraphs of `--help` between the usage line and the argument lists.
    let description: String
    /// The arguments that are not flags, in order.
    var positionals: [PositionalSpec] = []
    /// The flags, in the order `--help` lists them (`-h, --help` is added by the reader).
    var flags: [FlagSpec] = []
    /// Paragraphs printed after the flag list (defaults, rules between flags).
    var notes: String = ""
    /// Example command lines, each optionally followed by `  # comment`.
    var examples: [String] = []
    /// Whether positionals are matched exactly as Python's argparse matches them (only
    /// `generate`, which must read its command line as the reference does); otherwise they may
    /// come anywhere between the flags.
    var argparsePositionals = false
    /// Whether arguments that are not UTF-8 reach the command as bytes (only `generate`, whose
    /// NAME and `--output` keep their bytes as the reference's do); every other command refuses
    /// such an argument before it runs (`CommandLineTool`), instead of reading U+FFFD.
    var keepsArgumentBytes = false
    /// The command's body: runs on the read arguments; throws one `CommandError`, or returns the
    /// exit status of a run that reported its own problems (diagnostics).
    let run: @Sendable (ParsedArguments, CommandContext) throws(CommandError) -> ExitCode

    /// `build [PATH...]`: the command and its positionals, as the main help lists it.
    var synopsis: String {
        ([name] + positionals.map(\.synopsis)).joined(separator: " ")
    }

    /// The flag whose long name or short alias is `name`.
    func flag(named name: String) -> FlagSpec? {
        flags.first { $0.long == name || $0.short.contains(name) }
    }
}

/// An argument that is not a flag.
struct PositionalSpec: Sendable {
    /// How many times the argument may be given.
    enum Count: Sendable {
        /// Exactly once.
        case one
        /// Once or not at all.
        case optional
        /// Any number of times, none included.
        case many
        /// At least once, any number of times (`import FILE.yaml...`).
        case oneOrMore
    }

    /// Its name in usage lines (`PATH`).
    let name: String
    /// How many times it may be given.
    let count: Count
    /// One line of help.
    let help: String
    /// What a shell offers for it.
    let completion: Completion

    /// `PATH`, `[NAME]`, `[PATH...]` or `FILE.yaml...`.
    var synopsis: String {
        switch count {
        case .one: return name
        case .optional: return "[\(name)]"
        case .many: return "[\(name)...]"
        case .oneOrMore: return "\(name)..."
        }
    }
}

/// A flag: `--out DIR`, `-W`/`--warnings-as-errors`, `--format text|json`.
struct FlagSpec: Sendable {
    /// What the flag's value must be; the reader checks each occurrence as it reads it, so the
    /// first bad value of a command line is the one reported (as argparse does).
    enum Value: Sendable, Equatable {
        /// A switch: the flag takes no value.
        case none
        /// Any text.
        case text
        /// An integer as Python's `int()` reads it, within 64 bits.
        case integer
        /// An integer as Python's `int()` reads it, of at most this many digits.
        case bigInteger(maxDigits: Int)
        /// One of these words, exactly.
        case choice([String])
    }

    /// The long name, with its dashes (`--out`).
    let long: String
    /// Short aliases (`-W`).
    var short: [String] = []
    /// The value's name in help (`DIR`); empty for a switch.
    var valueName: String = ""
    /// What the value must be.
    var value: Value = .none
    /// Whether giving the flag again adds a value (`--allow A --allow B`) rather than replacing
    /// the earlier one (the last one wins, as in argparse).
    var repeatable = false
    /// The help text (may hold line breaks; continuation lines are indented under the first).
    let help: String
    /// What a shell offers for the value.
    var completion: Completion = .none

    /// Whether the flag takes a value.
    var takesValue: Bool { value != .none }

    /// The choices, when the value is one of fixed words.
    var choices: [String]? {
        if case .choice(let words) = value { return words }
        return nil
    }

    /// The value as usage lines show it: the choices joined by `|`, else the value name.
    var valueSynopsis: String {
        if let choices, valueName.isEmpty { return choices.joined(separator: "|") }
        return valueName
    }

    /// `[--out DIR]`, `[-W]`, `[--format text|json]` for the usage line.
    var synopsis: String {
        let name = short.first ?? long
        return takesValue ? "[\(name) \(valueSynopsis)]" : "[\(name)]"
    }

    /// `-W, --warnings-as-errors` or `--out DIR` for the flag list.
    var listing: String {
        let names = (short + [long]).joined(separator: ", ")
        return takesValue ? "\(names) \(valueSynopsis)" : names
    }
}

/// What a shell completes for a positional or a flag's value.
enum Completion: Sendable, Equatable {
    /// Nothing in particular.
    case none
    /// Recipe files (`*.vmt`) and folders.
    case recipes
    /// Any file or folder.
    case paths
    /// Folders.
    case folders
    /// One of these words.
    case words([String])
    /// The names of the commands (for `help COMMAND`).
    case commands
}

/// `--format text|json`: the one output-format vocabulary of every printing command.
enum OutputFormat: String, Sendable {
    /// Lines for people (diagnostics on standard error).
    case text
    /// JSON on standard output: JSON lines where the command streams, one object otherwise.
    case json

    /// The flag, declared once for every command that prints results.
    static let flag = FlagSpec(long: "--format", valueName: "", value: .choice(["text", "json"]),
                               help: "text for people, or json: machine-readable JSON on standard output (see README, \"Commands\")",
                               completion: .words(["text", "json"]))

    /// `--json`, kept on `explain` as an alias of `--format json`.
    static let jsonAlias = FlagSpec(long: "--json", help: "the same as --format json")

    /// The format a command line asks for: `--json` or the last `--format` (default text).
    static func of(_ arguments: ParsedArguments) -> OutputFormat {
        if arguments.has("--json") { return .json }
        return arguments.value("--format").flatMap(OutputFormat.init(rawValue:)) ?? .text
    }
}

/// Flags several commands share, declared once.
enum CommonFlags {
    /// `-W, --warnings-as-errors`.
    static let warningsAsErrors = FlagSpec(long: "--warnings-as-errors", short: ["-W"],
                                           help: "treat warnings as errors: a recipe with a warning fails")
    /// `--max-variants N`.
    static let maxVariants = FlagSpec(long: "--max-variants", valueName: "N", value: .integer,
                                      help: "the most variants one recipe's 'vary' lines may give (default 10000, at least 1)")
    /// `--max-build-variants N`: the per-run limit of `build`, `check`, `list` and `plan`.
    static let maxBuildVariants = FlagSpec(long: "--max-build-variants", valueName: "N", value: .integer,
                                           help: "the most scenarios one run may give, all recipes together (default 100000, at least 1)")
    /// `--vmt VERSION`: the target of recipes without a `vmt` line.
    static let vmt = FlagSpec(long: "--vmt", valueName: "VERSION", value: .choice(VMTTarget.names),
                              help: "the VMT version of recipes without a 'vmt' line: 2025-10 (default) or 2025-11")

    /// `import --vmt VERSION`: the target every file is imported for, instead of the one its keys show.
    static let importVMT = FlagSpec(long: "--vmt", valueName: "VERSION", value: .choice(VMTTarget.names),
                                    help: "import every file for this VMT version (default: the one its keys show: 2025-11 "
                                        + "with a protocol key or params.log_preferences, else 2025-10)")

    /// The value of `--vmt`, or the standard target.
    static func target(_ arguments: ParsedArguments) throws(CommandError) -> VMTTarget {
        guard let text = arguments.value("--vmt") else { return .standard }
        guard let target = VMTTarget(rawValue: text) else {
            throw .usage(CommandMessages.unknownTarget(text) + FlagParsing.suggestion(text, VMTTarget.names))
        }
        return target
    }

    /// `--allow CODE`, repeatable.
    static let allow = FlagSpec(long: "--allow", valueName: "CODE", value: .text, repeatable: true,
                                help: "silence the warning CODE (such as VMT250) in this run; repeatable")

    /// The codes of `--allow CODE` flags: each must be a warning's code (errors cannot be
    /// allowed), or the command line is unusable.
    static func allowedCodes(_ arguments: ParsedArguments) throws(CommandError) -> Set<DiagnosticCode> {
        var codes: Set<DiagnosticCode> = []
        for text in arguments.all("--allow") {
            guard let code = DiagnosticCode(rawValue: text.uppercased()) else {
                let warnings = DiagnosticCode.allCases.filter(\.isWarning).map(\.rawValue)
                throw .usage(CommandMessages.unknownCode(text) + FlagParsing.suggestion(text, warnings))
            }
            guard code.isWarning else {
                throw .usage(CommandMessages.errorCodeAllowed("\(code)"))
            }
            codes.insert(code)
        }
        return codes
    }

    /// The value of `--max-variants`, or the default; a value below 1 is a usage error.
    static func maxVariants(_ arguments: ParsedArguments, default fallback: Int) throws(CommandError) -> Int {
        guard let text = arguments.value("--max-variants") else { return fallback }
        let value = try PythonNumbers.int64(text, flag: "--max-variants")
        guard value >= 1 else { throw .usage(CommandMessages.atLeastOne("--max-variants")) }
        return value
    }

    /// The value of `--max-build-variants` (at least 1), or `BuildEngine.defaultMaxBuildVariants`.
    static func maxBuildVariants(_ arguments: ParsedArguments) throws(CommandError) -> Int {
        guard let text = arguments.value("--max-build-variants") else { return BuildEngine.defaultMaxBuildVariants }
        let value = try PythonNumbers.int64(text, flag: "--max-build-variants")
        guard value >= 1 else { throw .usage(CommandMessages.atLeastOne("--max-build-variants")) }
        return value
    }
}
