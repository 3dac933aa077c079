// Every error, warning and status text of the command line: usage errors of the argument
// reader and the commands, the commands' problems with their input, and the lines that tell
// what a command did. Call sites pass values, never words. Not here: the command declarations'
// help texts (CommandModel and each command's declaration) and the reports a command prints as
// its result (explain, diff, plan, presets, list, generate's summary), which are output formats.
import VMTCore
import VMTProject

/// The texts of all messages of `VMTCommandLine`, as static builders.
enum CommandMessages {
    // MARK: Shared shapes

    /// "; did you mean 'WORD'?" after a word that is not one of the candidates.
    static func didYouMean(_ nearest: String) -> String { "; did you mean '\(nearest)'?" }

    /// "(see 'vmt-dsl COMMAND --help')" after what a command needs.
    private static func needs(_ command: String, _ what: String) -> String {
        "\(command) needs \(what) (see 'vmt-dsl \(command) --help')"
    }

    /// "argument FLAG: PROBLEM", argparse's shape for a flag's problem.
    private static func argument(_ flag: String, _ problem: String) -> String { "argument \(flag): \(problem)" }

    // MARK: Command line (usage, exit 2)

    static func unknownCommand(_ name: String, suggestion: String) -> String {
        "unknown command '\(name)'" + suggestion + " (see 'vmt-dsl --help')"
    }
    static func noHelpFor(_ name: String) -> String { "no help for unknown command '\(name)'" }
    static func unknownFlag(_ flag: String, command: String) -> String { "unknown flag '\(flag)' for '\(command)'" }
    /// An argument that is not UTF-8 (its bytes shown as `\xNN`, `FileName.display`), refused
    /// before anything runs.
    static func notUTF8(_ bytes: [UInt8]) -> String {
        "argument '\(FileName.display(bytes))' is not UTF-8; vmt-dsl reads paths and values as UTF-8 text "
            + "(only generate's NAME and --output may be other bytes), and did nothing"
    }
    /// Arguments after a word that takes none (`--version`), as argparse says it.
    static func unrecognizedArguments(_ words: [String]) -> String { "unrecognized arguments: " + words.joined(separator: " ") }
    static let trailingDoubleDash = "unexpected '--' at the end (nothing follows it; the reference's argparse refuses it too)"
    static func unexpectedArgument(_ text: String, name: String) -> String {
        "unexpected argument '\(text)' (the scenario name is already '\(name)')"
    }
    static func ambiguousOption(_ text: String, _ options: [String]) -> String {
        "ambiguous option: \(text) could match \(options.joined(separator: ", "))"
    }
    /// An int flag's value that `int()` refuses (also `--` where a value belongs).
    static func invalidInt(_ flag: String, _ text: String) -> String { argument(flag, invalidInt(text)) }
    static func invalidInt(_ text: String) -> String { "invalid int value: '\(text)'" }
    static func flagProblem(_ flag: String, _ problem: String) -> String { argument(flag, problem) }
    static func expectedOneValue(_ flag: String, next: String?) -> String {
        argument(flag, "expected one value") + (next.map { " (a value that starts with '-' is given joined: \(flag)=\($0))" } ?? "")
    }
    static func takesNoValue(_ flag: String) -> String { argument(flag, "takes no value") }
    static func ignoredExplicitArgument(_ flag: String, _ text: String) -> String {
        argument(flag, "ignored explicit argument '\(text)'")
    }
    static func invalidChoice(_ flag: String, _ text: String, _ words: [String]) -> String {
        argument(flag, "invalid choice: '\(text)' (choose from \(words.joined(separator: ", ")))")
    }
    static func needsArgument(_ command: String, _ name: String, _ help: String) -> String { needs(command, "\(name): \(help)") }
    static func needsScenario(_ command: String, _ name: String) -> String { needs(command, "a scenario \(name)") }
    /// More positional arguments than the command takes (`names`: the positionals' names).
    static func tooManyArguments(_ command: String, most: Int, names: String, got: String) -> String {
        let allowed = most == 0 ? "no arguments" : most == 1 ? "at most one \(names)" : "at most \(most) arguments (\(names))"
        return "\(command) takes \(allowed) (got '\(got)')"
    }
    static func tooSmall(_ shown: String) -> String { "'\(shown)' is too small (the limit is \(Int.min))" }
    static func tooLarge(_ shown: String) -> String { "'\(shown)' is too large (the limit is \(Int.max))" }
    static func seedTooLong(_ flag: String, most: Int) -> String { argument(flag, "seed has too many digits (at most \(most))") }
    static func unknownTarget(_ text: String) -> String { argument("--vmt", "unknown VMT version '\(text)'") }
    static func unknownCode(_ text: String) -> String { argument("--allow", "unknown diagnostic code '\(text)'") }
    static func errorCodeAllowed(_ code: String) -> String {
        argument("--allow", "\(code) is an error's code; only warnings can be allowed")
    }
    /// A count flag (`--max-variants`, `--max-build-variants`) below 1.
    static func atLeastOne(_ flag: String) -> String { argument(flag, "must be at least 1") }
    static func unknownShell(_ shell: String) -> String { "unknown shell '\(shell)' (choose from bash, zsh, fish)" }
    static func unknownPreset(_ name: String) -> String {
        "unknown preset '\(name)' (choose from \(Preset.names.joined(separator: ", ")))"
    }

    // MARK: build and check

    static let outNeedsFolder = "argument --out: expected a folder"
    static let pruneWithCheck = "argument --prune: not allowed with --check (which writes nothing)"
    static func outputFolderIsFile(_ folder: String) -> String { "the output folder \(folder) is a file" }
    /// A line of the listing: missing, stale, pruned or orphan.
    static func listed(_ kind: String, _ output: String, from recipe: String) -> String { "\(kind): \(output) (from \(recipe))" }
    static func notPruning(_ output: String, from recipe: String, _ reason: String) -> String {
        "not pruning \(output) (from \(recipe)): \(reason); delete it by hand if it is not needed"
    }
    static func overwroteOtherProject(_ output: String, recipe: String, project: String?, display: String) -> String {
        "wrote \(output), which the manifest listed as the output of \(recipe) of the project \(project ?? "?") (relative to \(display)); two projects write the same file: give one an `output` or another --out"
    }
    /// `N recipes (T templates)`: the recipes a summary counts.
    static func recipeCount(_ summary: BuildSummary) -> String {
        let recipes = "\(summary.recipes) recipe\(summary.recipes == 1 ? "" : "s")"
        guard summary.templates > 0 else { return recipes }
        return recipes + " (\(summary.templates) template\(summary.templates == 1 ? "" : "s"))"
    }

    /// The last line of `build` and `check`: recipes, templates and scenarios counted apart,
    /// then pruned and orphaned files, then the failures, each named by what it counts
    /// (`checked 20 recipes (1 template): 48 scenarios ok`): `1 recipe failed` (its scenarios
    /// are not among the ok or written ones), `1 error outside any recipe` (a PATH that names
    /// nothing, too many outputs: printed as `error:` lines above).
    static func buildSummary(_ summary: BuildSummary, command: String, checkOnly: Bool) -> String {
        func scenarios(_ count: Int) -> String { "\(count) scenario\(count == 1 ? "" : "s")" }
        var line: String
        if command == "check" {
            line = "checked \(recipeCount(summary)): \(scenarios(summary.valid)) ok"
        } else if checkOnly {
            line = "checked \(recipeCount(summary)): \(scenarios(summary.unchanged)) up to date, \(summary.stale) stale, \(summary.missing) missing"
        } else {
            line = "built \(recipeCount(summary)): \(scenarios(summary.written)) written, \(summary.unchanged) unchanged"
        }
        if summary.pruned > 0 { line += ", \(summary.pruned) pruned" }
        if summary.orphaned > 0 { line += ", \(summary.orphaned) orphaned" }
        let recipes = summary.failedPaths.count
        if recipes > 0 { line += ", \(recipes) recipe\(recipes == 1 ? "" : "s") failed" }
        if summary.problems > 0 { line += ", \(summary.problems) error\(summary.problems == 1 ? "" : "s") outside any recipe" }
        return line
    }

    /// `build --check`: a temporary file left by a killed run.
    static func leftoverTemporaryFile(_ path: String) -> String {
        "leftover: \(path) (a temporary file of an interrupted run; the next build removes it)"
    }

    // MARK: explain

    static let explainNeedsTarget = needs("explain", "a TARGET: a recipe file or a scenario name")
    static func cannotExplain(_ target: String, _ path: String) -> String { "cannot explain \(target): \(path) has errors" }
    static func noRecipeNamed(_ target: String, under paths: [String]) -> String {
        "no recipe named '\(target)' under \(paths.joined(separator: ", "))"
    }
    static func noVariant(_ name: String, _ wanted: String, count: Int) -> String {
        "\(name) has no variant '\(wanted)' (it has \(count): 1...\(count), or a variant's name)"
    }
    /// The note under the variant count of a sweep whose chain sets no seed (README, "Sweeps and seeds").
    static let sweepDrawsOnePopulationPerVariant = "note: no 'seed' line in the chain, so each variant's seed derives from its name "
        + "and each variant draws its own population; add 'seed N' to compare the variants on one population, or 'vary seed' to replicate"

    // MARK: fmt

    static let diffWithJSON = "argument --diff: prints a unified diff, which --format json cannot carry"

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

    // MARK: generate

    static let generateNeedsName = needs("generate", "a scenario NAME")
    static func generateMissing(_ missing: [String]) -> String {
        "missing \(missing.joined(separator: ", ")): without --preset, --agents, --grid, --inventory-range, --utilities and --resources are all required"
    }
    static func badInventoryRange(_ text: String) -> String { "--inventory-range: expected MIN,MAX (for example 10,50), got '\(text)'" }
    static func unknownUtility(_ word: String) -> String {
        "--utilities: unknown utility '\(word)' (choose from \(UtilityType.names.joined(separator: ", ")))"
    }
    static func badResources(_ text: String) -> String { "--resources: expected DENSITY,MAX,REGEN (for example 0.3,5,1), got '\(text)'" }
    static func badDensity(_ text: String) -> String { "--resources: density must be a number, got '\(text)'" }
    /// A flag's value refused after parsing (exit 1): "FLAG: PROBLEM".
    static func flagValue(_ flag: String, _ problem: String) -> String { "\(flag): \(problem)" }
    static func folderNotUTF8(_ path: String) -> String {
        "cannot write \(path): only the file's own name may be bytes that are not UTF-8, not its folders"
    }

    // MARK: import, new, diff, plan, lsp

    static let importNeedsFiles = needs("import", "at least one FILE.yaml")
    /// Why a file is not created where something is (`PathWriter.existing`): "PATH already
    /// exists; not overwriting it", "PATH is a symbolic link; not writing through it".
    static func alreadyExists(_ path: String, _ existing: WriteReason = .alreadyExists) -> String {
        existing == .isASymbolicLink ? "\(path) is a symbolic link; not writing through it" : "\(path) already exists; not overwriting it"
    }
    static func importTargetExists(_ file: String, _ target: String, _ existing: WriteReason = .alreadyExists) -> String {
        "\(file): " + alreadyExists(target, existing) + " (choose another --out)"
    }
    static func importRecipeTooLarge(_ file: String, _ target: String, bytes: Int) -> String {
        "\(file): the recipe \(target) would be \(bytes) bytes, larger than "
            + "\(Project.maxRecipeBytes / 1024) KiB; a recipe file may be at most that (nothing written)"
    }
    static func importCannotWrite(_ file: String, _ target: String, _ reason: String) -> String {
        "\(file): cannot write \(target): \(reason)"
    }
    static func imported(_ file: String, _ target: String) -> String { "imported \(file) -> \(target)" }
    static func importSummary(imported: Int, failed: Int) -> String { "imported \(imported), failed \(failed)" }

    static let newNeedsPath = needs("new", "a PATH ending in .vmt")
    static func notVMTPath(_ path: String) -> String { "'\(path)' must end in .vmt" }
    static func badParentName(_ parent: String) -> String { "argument --extends: '\(parent)' is not a preset or recipe name" }
    static func presetName(_ stem: String) -> String {
        "'\(stem)' is a built-in preset's name; a recipe may not take it (choose another file name)"
    }
    /// `new --vmt` over a parent whose chain has its own `vmt` line, another target: the parent's wins.
    static func newTargetIgnored(asked: String, parent: String, chain: String) -> String {
        "--vmt \(asked) is ignored: '\(parent)' says 'vmt \(chain)' (through its chain), and the parent's 'vmt' line wins; "
            + "the starter is for VMT \(chain)"
    }

    /// `new`'s line; `examples` names the required fields the parent left unset, which the
    /// starter sets to example values (the file builds, but they are guesses: say so).
    static func created(_ path: String, parent: String, examples: [String] = [], build: String) -> String {
        let checked = examples.isEmpty ? "" : "; example values for " + examples.joined(separator: ", ") + ": check them"
        return "created \(path) (extends \(parent)\(checked)); build it with: \(build)"
    }

    static let diffNeedsTwoFiles = needs("diff", "two scenario files, OLD and NEW")
    /// A file's problem, after its path: "PATH: PROBLEM".
    static func inFile(_ path: String, _ problem: String) -> String { "\(path): \(problem)" }
    /// A YAML problem after its file's path: "PATH:LINE:COL: PROBLEM".
    static func inFileAt(_ path: String, _ failure: YAMLFailure) -> String { "\(path):\(failure.position): \(failure.message)" }

    static let baseWithAgainst = "--base and --against cannot be used together"

    /// A line of the language server's log on standard error.
    /// One line of the language server's log, control characters made visible (`DisplayText`).
    static func lspLog(_ line: String) -> String { "vmt-dsl lsp: " + DisplayText.visible(line) + "\n" }

    /// A file larger than the command reads.
    static func fileTooLarge(_ path: String, mebibytes: Int) -> String { "\(path) is larger than \(mebibytes) MiB" }
}
