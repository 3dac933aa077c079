// Every text the project layer says: the build's own diagnostics, the YAML reader's and the
// scenario loader's problems, import's refusals, the plan's redraw summaries, the project's
// problems, and the words of ProjectError's details. Call sites pass values, never words.
import VMTCore
import VMTRecipe

/// The texts of all messages of `VMTProject`, as static builders, grouped by the stage that
/// says them (two recipes writing one file is found by the build, not by the resolver: it
/// depends on the whole build and on the output folder).
///
/// The wording of `ProjectError`'s details is written at the end of this file, as their
/// `description`, so this file is the layer's one place for message texts.
enum ProjectMessages {
    // MARK: Build

    /// Two recipes whose outputs are one file.
    static func sameOutput(_ path: String) -> Message {
        Message(.recipesWriteOneFile, "two recipes would write '\(path)'")
    }

    /// The note at the other recipe of a clash.
    static let alsoWrittenBy = "also written by this recipe"

    /// A build asking for more outputs than the per-build limit (`count`: nil when it does not
    /// fit in an `Int`).
    static func tooManyOutputs(_ count: Int?, limit: Int) -> String {
        "this build would write \(count.map(String.init) ?? "more than \(Int.max)") scenarios, more than the limit of \(limit) per build; "
            + "build fewer recipes at once, or raise the limit with --max-build-variants"
    }

    /// Why an orphan was not pruned: its bytes are not the ones built.
    static let orphanChanged = "it changed since it was built"

    // MARK: Project

    /// A PATH given that names nothing (also `PlanSetupFailure.noSuchPath`).
    static func noSuchPath(_ path: String) -> String { "no such file or folder: \(path)" }

    /// A selected folder with no recipe below it.
    static func noRecipes(under display: String) -> String { "no recipes (*.vmt) under \(display)" }

    /// A selected folder that cannot be listed.
    static func cannotReadFolder(_ display: String, errno code: Int32) -> String {
        "cannot read folder \(display): \(FileName.reason(code))"
    }

    /// A recipe file over the size limit.
    static func recipeTooLarge(_ display: String, kibibytes: Int) -> String {
        "\(display) is larger than \(kibibytes) KiB; a recipe file may be at most that"
    }

    /// A path below a selected folder that the walk could not use (`problem`: `FileTree`'s
    /// words, a folder named `*.vmt` said as such).
    static func treeProblem(_ display: String, _ problem: String) -> String {
        "\(display) \(problem == CoreMessages.TreeProblem.folderNotFile ? "is a folder, not a recipe file" : problem)"
    }

    // MARK: Plan

    /// A file listed at a revision whose bytes git did not give.
    static func cannotReadAtRevision(_ relative: String, _ revision: String) -> String {
        "cannot read \(relative) at \(revision)"
    }

    /// What a change of `cause` (the first field that redraws, nil for none) redraws;
    /// `moneyNow` tells a regime change that starts drawing money from one that stops.
    static func redrawSummary(_ cause: String?, moneyNow: Bool) -> String {
        let everything = "redraws every stock and utility parameter"
        switch cause {
        case "seed"?: return "the new seed " + everything
        case "agents"?: return "the new agent count redraws the stocks and utility parameters (the first agents' A stocks stay)"
        case "inventory"?: return "the new inventory range " + everything
        case "money"?: return "the new money range redraws the M stocks and every utility parameter"
        case "regime"?:
            return moneyNow ? "money is now drawn: M stocks appear and every utility parameter is redrawn"
                : "money is no longer drawn: M stocks go and every utility parameter is redrawn"
        case "utilities"?: return "the new utility mix redraws every utility parameter (stocks stay)"
        default: return "nothing is redrawn: every stock and drawn parameter stays; only the fields listed change"
        }
    }

    // MARK: YAML reader

    /// The texts of `YAMLFailure.message`.
    enum YAML {
        static func tooLarge(mebibytes: Int) -> String { "the file is larger than \(mebibytes) MiB" }
        static let notUTF8 = "the file is not UTF-8 text"
        static let secondDocument = "a second document ('---') is not supported"
        static func unexpectedContent(column: Int) -> String { "unexpected content at column \(column); check the indentation" }
        static func unexpectedAfterValue(_ c: Unicode.Scalar?) -> String { "unexpected '\(String(c ?? " "))' after a value" }
        static func tooDeep(_ depth: Int) -> String { "nested deeper than \(depth) levels" }
        static func tooManyValues(_ limit: Int) -> String {
            "more than \(limit) values; a scenario file holds about three per agent, and the reader stops at \(limit) "
                + "(see README, \"Memory\")"
        }
        static func fieldsTooLarge(mebibytes: Int) -> String {
            "the file's field names and values come to more than \(mebibytes) MiB (a long key over many values); "
                + "scenario files are compared up to that (see README, \"Memory\")"
        }
        static let expectedValue = "expected a value"
        static let anchors = "anchors ('&') are not supported"
        static let aliases = "aliases ('*') are not supported"
        static let tags = "tags ('!') are not supported"
        static func blockScalars(_ c: Unicode.Scalar) -> String { "block scalars ('\(c)') are not supported" }
        static let directives = "directives ('%') are not supported"
        static let complexKeys = "complex keys ('?') are not supported"
        static func reservedStart(_ c: Unicode.Scalar) -> String { "'\(c)' cannot start a plain value" }
        static func duplicateKey(_ key: String, firstLine: Int) -> String { "duplicate key '\(key)' (first at line \(firstLine))" }
        static let sequenceOnKeyLine = "a sequence cannot start on its key's line"
        static let mappingOnKeyLine = "a mapping cannot start on its key's line"
        static func unexpectedIndentation(column: Int) -> String { "unexpected indentation (expected column \(column))" }
        static func expectedKeyValue(column: Int) -> String { "expected 'key: value' at column \(column)" }
        static func expectedColon(after key: String) -> String { "expected ':' after the key '\(key)'" }
        static let expectedQuote = "expected a quote"
        static let unclosedQuote = "a quoted value is not closed"
        static func unknownEscape(_ e: Unicode.Scalar) -> String { "unknown escape '\\\(e)' in a double-quoted value" }
        static func escapeDigits(_ e: Unicode.Scalar, _ digits: Int) -> String { "'\\\(e)' needs \(digits) hexadecimal digits" }
        static func escapeNoCharacter(_ e: Unicode.Scalar) -> String { "'\\\(e)' names no Unicode character" }
        static func unclosedFlow(mapping: Bool) -> String { "'\(mapping ? "{" : "[")' is not closed" }
        static func expectedFlowSeparator(_ close: Unicode.Scalar, mapping: Bool) -> String {
            "expected ',' or '\(close)' in a flow \(mapping ? "mapping" : "sequence")"
        }
        static let expectedKey = "expected a key"
        static let emptyScenario = "the file is empty; a scenario file is a mapping of keys to values"
        static let scenarioNotMapping = "a scenario file is a mapping of keys to values"
    }

    // MARK: Scenario loader

    /// The texts of `ScenarioLoadFailure.message`: VMT's loader rules, said of a key.
    enum Load {
        static func notYAML(_ message: String) -> String { "not YAML: " + message }
        static let topLevelNotMapping = "not a VMT scenario: the top level is not a mapping"
        static let missing = "missing required field"
        static let notMapping = "must be a mapping"
        static let paramsNotMapping = "params must be a mapping"
        static let notNumber = "must be a number"
        static let notFinite = "must be a finite number"
        static let notString = "must be a string"
        static let notBool = "must be true or false"
        static let unsupported = "unsupported value"
        static let stockNotInteger = "a stock must be an integer"
        static func stockNegative(_ value: Int) -> String { "a negative stock (\(value)) cannot be written in a recipe" }
        static func stockCount(_ values: Int, agents: Int) -> String { "lists \(values) values for \(agents) agents" }
        static func moneyRegimeWithoutM(_ regime: String) -> String { "a money regime (\(regime)) needs an M entry" }

        /// "KEY must be RULE (got VALUE)": the loader's bounds on a number (`N`, `agents`,
        /// `density`, a `params` key).
        static func mustBe(_ key: String, _ rule: String, got value: Double) -> String {
            "\(key) must be \(rule) (got \(PythonFloat.repr(value)))"
        }
        static func gridNotPositive(_ grid: Double) -> String { mustBe("N", "> 0", got: grid) }
        static func agentsNotPositive(_ agents: Double) -> String { mustBe("agents", "> 0", got: agents) }
        static func densityOutOfRange(_ density: Double) -> String { mustBe("density", "in [0, 1]", got: density) }
        static func amountNotPositive(_ amount: Double) -> String { mustBe("amount", "> 0 when density is above 0", got: amount) }

        static func scheduleType(_ type: String) -> String { "type must be global_cycle (got \(type))" }
        static func ticksNotPositive(_ key: String) -> String { "\(key) must be > 0" }
        static func startMode(_ start: String) -> String { "start_mode must be forage or trade (got \(start))" }
        static let protocolShape = "must be a protocol name or a mapping with 'name'"
        static let lambdaBounds = "lambda_bounds needs 0 < lambda_min < lambda_max"
        static let minQuotesNegative = "min_quotes must be >= 0"

        static let mixNotList = "must be a list of {type, weight, params}"
        static let mixEmpty = "the mix must not be empty"
        static let entryNotMapping = "must be a mapping {type, weight, params}"
        static func unknownUtilityType(_ names: [String]) -> String { "unknown utility type (one of \(names.joined(separator: ", ")))" }
        static let weightNegative = "weight must be >= 0"
        static func noSuchParameter(_ type: UtilityType, _ name: String) -> String { "\(type.rawValue) has no parameter '\(name)'" }
        static func missingParameter(_ type: UtilityType, _ name: String) -> String { "\(type.rawValue) needs \(name)" }

        /// The loader's rule for one utility parameter, broken: "ces rho must not be 1",
        /// "quadratic gamma must be >= 0", "linear vA must be > 0".
        static func parameterRule(_ type: UtilityType, _ name: String) -> String {
            let rule: String
            switch (type, name) {
            case (.ces, "rho"): rule = "must not be 1"
            case (.quadratic, "gamma"), (.stoneGeary, "gamma_A"), (.stoneGeary, "gamma_B"): rule = "must be >= 0"
            default: rule = "must be > 0"
            }
            return "\(type.rawValue) \(name) \(rule)"
        }

        static func stockBelowSubsistence(_ good: Good, gamma: Double, stock: Double) -> String {
            "stone_geary needs the \(good.rawValue) stock > gamma_\(good.rawValue) = \(PythonFloat.repr(gamma)) (got \(PythonFloat.repr(stock)))"
        }
        static func weightsSum(_ sum: Double) -> String { "the weights must sum to 1 (they sum to \(PythonFloat.repr(sum)))" }
    }

    // MARK: Import

    /// The texts of `import`'s diagnostics and refusals.
    enum Import {
        /// A file whose keys belong to both targets.
        static func mixedTargets(newKeys: [String], oldKeys: [String]) -> Message {
            Message(.importMixedTargets,
                "the file has keys only \(VMTTarget.v2025_11.title) reads (\(newKeys.joined(separator: ", "))) and keys only "
                    + "\(VMTTarget.v2025_10.title) reads (\(oldKeys.joined(separator: ", "))); imported for 2025-11, "
                    + "whose loader ignores \(oldKeys.joined(separator: ", ")): dropped")
        }

        /// A key the loader does not read (`target`: nil for the 2025-10 loader, said as "VMT's").
        static func droppedKey(_ key: String, target: VMTTarget?) -> Message {
            guard let target else { return Message(.importDroppedKey, "'\(key)' is not read by VMT's loader; dropped") }
            return Message(.importDroppedKey, "'\(key)' is not read by the loader of \(target.title); dropped")
        }

        /// The hint for protocol parameters a recipe cannot carry.
        static func removeProtocolParameters(_ kind: ProtocolKind) -> String {
            "remove \(kind.key).params (or give the protocol by its name alone)"
        }

        /// A load failure said with its key.
        static func atKey(_ key: String, _ message: String) -> String { key.isEmpty ? message : "\(key): \(message)" }

        static func nameTaken(_ name: String, by path: String) -> String {
            "a recipe named '\(name)' already exists in the project (\(path)); "
                + "nothing is written (rename the scenario, or import into another project)"
        }
        static func outputTaken(_ output: String, by path: String) -> String {
            "the recipe would write '\(output)', which \(path) already writes; nothing is written (import into another folder)"
        }
        static func breaksOther(_ file: String, _ message: String) -> String {
            "the recipe would break \(file): \(message); nothing is written"
        }
        static func doesNotBuild(_ message: String) -> String { "the recipe does not build: \(message)" }
        static let notOneScenario = "the recipe does not build one scenario"
        static let breaksGeneratorRule = "the recipe's scenario breaks a rule of the generator"
        static let doesNotLoad = "the recipe's scenario does not load"
        static func differs(_ differences: [String]) -> String {
            "the recipe would build a different scenario (\(differences.joined(separator: ", ")))"
        }

        static let parentDoesNotResolve = "it does not resolve"
        static func cannotExtend(_ parent: String, _ reason: String) -> String { "cannot extend '\(parent)': \(reason)" }
        static func parentVaries(_ parent: String) -> String {
            cannotExtend(parent, "it varies fields (vary), so the recipe would be a sweep")
        }

        static let schemaVersion = "only schema_version 1 can be written"
        static let moneyUnderBarter = "money stock under barter_only cannot be written (the generator writes M only under a money regime)"
        static func protocolTakenBack(_ kind: ProtocolKind) -> String {
            "the parent names a \(kind.rawValue) protocol, and a recipe cannot take it back"
        }
        static let emptyName = "an empty name cannot be written"
        static let nameWithBraces = "a name with '{' or '}' cannot be written (braces are placeholders in recipes)"
        static let nameWithControls = "a name with control characters cannot be written"
        static func notInteger(_ value: Double) -> String { "must be an integer (got \(PythonFloat.repr(value)))" }
        static func notOfKind(_ value: LoadedValue, _ kind: ParamKind) -> String { "\(value) is not \(kind.rule)" }
        static func unknownRegime(_ name: String) -> String {
            "'\(name)' is not one of \(ExchangeRegime.names.joined(separator: ", "))"
        }
    }
}

extension Project {
    /// The message for a recipe shown as `display` that is over the size limit, as build says it
    /// (the language server says it of an open buffer too).
    public static func tooLargeMessage(_ display: String) -> String {
        ProjectMessages.recipeTooLarge(display, kibibytes: maxRecipeBytes / 1024)
    }
}

// MARK: The words of ProjectError's details

extension ProjectError {
    /// The message, one sentence, as printed after `error: `.
    public var description: String {
        switch self {
        case .plan(let failure): return failure.description
        case .refused(let message): return message
        case .yaml(let failure): return failure.description
        case .scenarioLoad(let failure): return failure.description
        case .manifestLine(let line, let problem): return "line \(line): \(problem)"
        case .manifestFile(let path, let reason): return "cannot read the manifest \(path): \(reason)"
        case .core(let error): return error.description
        }
    }
}

extension PlanSetupFailure {
    /// One sentence, printed after `error: `.
    public var description: String {
        switch self {
        case .gitNotInstalled:
            return "git is not installed (or not on PATH); --base needs it (use --against DIR to compare with a folder)"
        case .notInRepository(let folder, let forBase):
            return "\(folder) is not in a git repository"
                + (forBase ? "; --base needs one (use --against DIR to compare with a folder)" : "")
        case .notARevision(let revision): return "--base: '\(revision)' is not a revision"
        case .noCommit(let revision, let git): return "--base: '\(revision)' names no commit here (\(git))"
        case .gitFailed(let message): return "git cat-file failed: " + message
        case .cannotRun(let executable, let reason): return "cannot run \(executable): \(reason)"
        case .noSuchPath(let path): return ProjectMessages.noSuchPath(path)
        case .twoProjects(let path, let root, let first, let firstRoot):
            return "\(path) is in another project (\(root)) than \(first) (\(firstRoot)); plan one project at a time"
        case .noAgainstFolder(let directory): return "--against: no such folder: \(directory)"
        case .tooManyScenarios(let count, let limit): return ProjectMessages.tooManyOutputs(count, limit: limit)
        }
    }
}

extension YAMLFailure {
    /// `line:col: message`.
    public var description: String { "\(position): \(message)" }
}

extension ScenarioLoadFailure {
    /// `line:col: KEY: message`.
    public var description: String {
        (position.map { "\($0): " } ?? "") + (key.isEmpty ? "" : "\(key): ") + message
    }
}

extension ManifestProblem {
    /// The problem in words.
    public var description: String {
        switch self {
        case .syntax(let reason): return "not JSON (\(reason))"
        case .notAnObject: return "not a JSON object"
        case .badField(let name): return "field '\(name)' is missing or not valid"
        case .duplicate(let output): return "'\(output)' is listed twice"
        }
    }
}
