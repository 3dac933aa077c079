// Every text the generator core says: the simulator's rules (Validator), JSON syntax, file trees,
// the names of file kinds and streams, and the words of CoreError's details. The core knows no
// recipes, so no text here names a directive or a recipe; a front end that states one of these
// rules before building a spec quotes the builder here, so each text exists once.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The texts of all messages of `VMTCore`, as static builders: call sites pass values, never
/// words.
///
/// The wording of `CoreError`'s details (`ReadReason`, `WriteReason`, `FileFailure`,
/// `JSONSyntaxFailure`) is written at the end of this file, as their `explanation` and
/// `description`, so this file is the core's one place for message texts.
public enum CoreMessages {
    // MARK: Rules a front end quotes too

    /// A `params` path the schema does not know.
    public static func unknownParameter(_ path: String) -> String {
        "unknown parameter '\(path)'"
    }

    /// A `params` value of the wrong type or out of range: "PATH must be RULE (got VALUE)".
    public static func badParameterValue(_ path: String, rule: String, got: String) -> String {
        "\(path) must be \(rule) (got \(got))"
    }

    /// A mix with weights on some entries only.
    public static let mixedWeights = "give a weight to every utility or to none"

    /// A `params` entry that mirrors another field of the scenario.
    public static func mirroredParameter(_ path: String, _ field: SpecField) -> String {
        "'\(path)' is written from the scenario's \(field.words), not given as a parameter"
    }

    // MARK: Spec rules (Validator)

    /// "SUBJECT must be RULE (got VALUE)": every simple bound below says it this way.
    private static func mustBe(_ subject: String, _ rule: String, got value: String) -> String {
        "\(subject) must be \(rule) (got \(value))"
    }

    /// Too few agents.
    static func agentsNotPositive(_ agents: Int) -> String { mustBe("agents", "> 0", got: "\(agents)") }

    /// Too many agents.
    static func tooManyAgents(_ agents: Int, most: Int) -> String { mustBe("agents", "at most \(most)", got: "\(agents)") }

    /// A grid of no cells.
    static func gridNotPositive(_ grid: Int) -> String { mustBe("grid size N", "> 0", got: "\(grid)") }

    /// A grid too large.
    static func gridTooLarge(_ grid: Int, most: Int) -> String { mustBe("grid size N", "at most \(most)", got: "\(grid)") }

    /// An inventory range that starts below 1.
    static func inventoryMinimumBelowOne(_ minimum: Int) -> String {
        mustBe("inventory minimum", ">= 1, as log utilities need positive stock", got: "\(minimum)")
    }

    /// An inventory range that is empty or reversed.
    static func inventoryRangeEmpty(_ minimum: Int, _ maximum: Int) -> String {
        mustBe("inventory maximum", "greater than the minimum", got: "\(minimum)..\(maximum)")
    }

    /// A good with neither a range nor stocks of its own.
    static func noStockValues(_ good: Good) -> String {
        "inventory \(good.rawValue) has no values: give a range MIN..MAX or 'inventory \(good.rawValue) V, ...'"
    }

    /// A money range that starts below 0.
    static func moneyMinimumNegative(_ minimum: Int) -> String { mustBe("money minimum", ">= 0", got: "\(minimum)") }

    /// A money range that is empty or reversed.
    static func moneyRangeEmpty(_ minimum: Int, _ maximum: Int) -> String {
        mustBe("money maximum", "greater than the minimum", got: "\(minimum)..\(maximum)")
    }

    /// A money regime without M stock.
    static let moneyRegimeWithoutMoney =
        "a money regime needs M stock: an initial money range or an M inventory for every agent"

    /// A resource density outside [0, 1].
    static func densityOutOfRange(_ density: Double) -> String {
        mustBe("resource density", "in [0, 1]", got: PythonFloat.repr(density))
    }

    /// A resource max amount of 0 or less.
    static func resourceMaxNotPositive(_ amount: Int) -> String { mustBe("resource max amount", "> 0", got: "\(amount)") }

    /// A negative resource seed amount.
    static func resourceAmountNegative(_ amount: Int) -> String { mustBe("resource amount", ">= 0", got: "\(amount)") }

    /// A resource seed amount of 0 where resources are seeded.
    static func resourceAmountZeroWithDensity(_ amount: Int, density: Double) -> String {
        mustBe("resource amount", "> 0 when density is above 0", got: "\(amount) with density \(PythonFloat.repr(density))")
    }

    /// A negative regeneration rate (`value` as written: an integer, or a float's repr).
    static func regenNegative(_ value: String) -> String {
        mustBe("resource regen (resource_growth_rate)", ">= 0", got: value)
    }

    /// A negative stock given to every agent.
    static func stockNegative(_ good: Good, _ value: Int) -> String {
        mustBe("inventory \(good.rawValue)", ">= 0", got: "\(value)")
    }

    /// A stock list whose length is not the number of agents.
    static func stockCount(_ good: Good, values: Int, agents: Int) -> String {
        "inventory \(good.rawValue) lists \(values) value\(values == 1 ? "" : "s") for \(agents) agent\(agents == 1 ? "" : "s")"
    }

    /// A negative stock in a list (`agent` counts from 1).
    static func stockListNegative(_ good: Good, agent: Int, value: Int) -> String {
        "inventory \(good.rawValue) values must be >= 0 (agent \(agent) has \(value))"
    }

    /// A schedule phase of no ticks (`phase`: "forage" or "trade").
    static func scheduleTicksNotPositive(_ phase: String, _ ticks: Int) -> String {
        mustBe("schedule \(phase) ticks", "> 0", got: "\(ticks)")
    }

    /// A mix of no utilities.
    static let emptyMix = "the utility mix must not be empty"

    /// A negative or non-finite weight.
    static func weightNegative(_ weight: Double) -> String { mustBe("utility weight", ">= 0", got: PythonFloat.repr(weight)) }

    /// Weights that do not sum to 1.
    static func weightsSum(_ sum: Double) -> String {
        "utility weights must sum to 1 (they sum to \(PythonFloat.repr(sum)))"
    }

    /// A utility parameter (`TYPE.PARAM`) that the type does not have.
    static func unknownUtilityParameter(_ key: String) -> String {
        "unknown utility parameter '\(key)'"
    }

    /// A given utility parameter (`TYPE.PARAM`) that breaks its rule (`pinRule`'s wording).
    static func utilityParameterRule(_ key: String, _ rule: String, got value: Double) -> String {
        "\(key) \(rule) (got \(PythonFloat.repr(value)))"
    }

    /// A weight parameter of 1 or more, whose complement (1 − it) would not stay > 0;
    /// `subject` names it ("ces.wA" or "ces wA").
    static func complementNotPositive(_ subject: String, first: String, second: String, got value: Double) -> String {
        "\(subject) must be < 1, as \(second) = 1 - \(first) must stay > 0 (got \(PythonFloat.repr(value)))"
    }

    /// Quadratic parameters that scale with an inventory range that is not given.
    static func quadraticNeedsRange(_ drawn: [String]) -> String {
        "quadratic \(drawn.joined(separator: ", ")) \(drawn.count == 1 ? "is" : "are") drawn from the inventory range, and there is none: give a range or the value\(drawn.count == 1 ? "" : "s")"
    }

    /// `lambda_min` not below `lambda_max`.
    static func lambdaBounds(_ low: Double, _ high: Double) -> String {
        "lambda_bounds needs lambda_min < lambda_max (got \(PythonFloat.repr(low)) and \(PythonFloat.repr(high)))"
    }

    /// The rule of a utility parameter, as the end of "TYPE.PARAM …".
    enum ParameterRule {
        /// CES's rho.
        static let notOne = "must not be 1"
        /// A subsistence level or quadratic gamma.
        static let notNegative = "must be >= 0"
        /// A translog coefficient.
        static let anyNumber = "must be a number"
        /// Every other parameter.
        static let positive = "must be > 0"
    }

    // MARK: Drawn values (Validator)

    /// Drawn parameters of `type` that are not finite.
    static func drawnNotFinite(_ type: UtilityType) -> String { "\(type.rawValue) parameters must be finite numbers" }

    /// CES's rho drawn as 1.
    static let drawnRhoOne = "ces rho must not be 1"
    /// CES weights not above 0.
    static let drawnCESWeights = "ces wA and wB must be > 0"
    /// Linear values not above 0.
    static let drawnLinearValues = "linear vA and vB must be > 0"
    /// Quadratic bliss points or spreads not above 0.
    static let drawnQuadraticCentres = "quadratic A_star, B_star, sigma_A and sigma_B must be > 0"
    /// Quadratic gamma below 0.
    static let drawnQuadraticGamma = "quadratic gamma must be >= 0"
    /// Translog alphas not above 0.
    static let drawnTranslogAlphas = "translog alpha_A and alpha_B must be > 0"
    /// Stone-Geary alphas not above 0.
    static let drawnStoneGearyAlphas = "stone_geary alpha_A and alpha_B must be > 0"
    /// Stone-Geary gammas below 0.
    static let drawnStoneGearyGammas = "stone_geary gamma_A and gamma_B must be >= 0"

    /// A stock at or below the Stone-Geary subsistence level; `every` when the stocks are drawn
    /// from the range ("every A inventory"), not given ("the A inventory").
    static func stockBelowSubsistence(_ good: Good, every: Bool, gamma: Double, lowest: Int) -> String {
        "stone_geary needs \(every ? "every" : "the") \(good.rawValue) inventory > gamma_\(good.rawValue) = \(PythonFloat.repr(gamma)) (an agent has \(lowest))"
    }

    // MARK: Parameter schema

    /// The rule of a `params` kind in words: "an integer >= 0", "a number in (0, 1]".
    static func rule(of kind: ParamKind) -> String {
        switch kind {
        case .int(let least):
            return least == 0 ? "an integer >= 0" : least == 1 ? "an integer > 0" : "an integer >= \(least)"
        case .float(let lower, let lowerInclusive, let upper, let upperInclusive):
            switch (lower, upper) {
            case let (lower?, upper?):
                return "a number in \(lowerInclusive ? "[" : "(")\(PythonFloat.repr(lower).trimmedZero), \(PythonFloat.repr(upper).trimmedZero)\(upperInclusive ? "]" : ")")"
            case let (lower?, nil):
                return "a number \(lowerInclusive ? ">=" : ">") \(PythonFloat.repr(lower).trimmedZero)"
            default:
                return "a number"
            }
        case .bool:
            return "true or false"
        case .choice(let words):
            return "one of " + words.joined(separator: ", ")
        }
    }

    // MARK: JSON syntax (JSONReader)

    /// The texts of `JSONSyntaxFailure.message`.
    enum JSONSyntax {
        static let textAfterValue = "unexpected text after the value"
        static func expectedWord(_ word: String) -> String { "expected '\(word)'" }
        static let unexpectedEnd = "unexpected end of text"
        static let unexpectedCharacter = "unexpected character"
        static func tooDeep(_ depth: Int) -> String { "nested deeper than \(depth)" }
        static let expectedKey = "expected a key in quotes"
        static let expectedCommaOrBrace = "expected ',' or '}'"
        static let expectedCommaOrBracket = "expected ',' or ']'"
        static let expectedDigit = "expected a digit"
        static let leadingZero = "a number may not start with 0"
        static let unterminatedString = "unterminated string"
        static let invalidUTF8 = "invalid UTF-8 in a string"
        static let controlCharacter = "a control character in a string must be escaped"
        static let unknownEscape = "unknown escape"
        static let loneHighSurrogate = "a high surrogate without its low half"
        static let loneLowSurrogate = "a low surrogate without its high half"
        static let notAScalar = "not a Unicode scalar"
        static let expectedHexDigits = "expected four hexadecimal digits"
    }

    // MARK: File trees and file kinds

    /// The texts of `FileTree.Problem.message`, each the end of a sentence about the path.
    public enum TreeProblem {
        static let unreadableFolder = "cannot be read as a folder"
        /// A folder whose name ends in the suffix sought.
        public static let folderNotFile = "is a folder, not a file"
        static let nameNotUTF8 = "has a name that is not valid UTF-8 (shown with \\xNN for each such byte); rename it"
        static func tooDeep(_ depth: Int) -> String { "is nested more than \(depth) folders deep; nothing below it is read" }
        static func cannotOpen(_ code: Int32) -> String { "cannot be opened: \(FileName.reason(code))" }
    }

    /// A file that is not regular, by its kind: "a folder", "a FIFO", "a character device", …
    static func fileKind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return specialFile
        }
    }

    /// A file that is not regular, of a kind not told apart.
    static let specialFile = "a special file"

    /// The name of a standard stream.
    static func streamName(_ stream: StandardStream) -> String {
        stream == .output ? "standard output" : "standard error"
    }
}

extension String {
    /// `1.0` → `1`, for rules written in messages.
    fileprivate var trimmedZero: String { hasSuffix(".0") ? String(dropLast(2)) : self }
}

// MARK: Field names

extension SpecField {
    /// The field in words, for messages: "exchange regime", "resource regen rate".
    public var words: String {
        switch self {
        case .name: return "name"
        case .agents: return "number of agents"
        case .grid: return "grid size"
        case .inventory: return "inventory range"
        case .money: return "money range"
        case .utilities: return "utility mix"
        case .utility(let index): return "utility \(index + 1)"
        case .resourceDensity: return "resource density"
        case .resourceMax: return "resource max amount"
        case .resourceAmount: return "resource seed amount"
        case .resourceRegen: return "resource regen rate"
        case .regime: return "exchange regime"
        case .param(let path): return "parameter \(path)"
        case .schedule: return "mode schedule"
        case .pin(let key): return "pinned \(key)"
        case .stock(let good): return "stock of \(good.rawValue)"
        case .target: return "VMT target"
        case .protocolChoice(let kind): return "\(kind.rawValue) protocol"
        }
    }
}

// MARK: The words of CoreError's details

extension CoreError {
    /// The message: the broken rules joined by "; ", or the failure's own sentence.
    public var description: String {
        switch self {
        case .invalid(let failure): return failure.issues.map(\.message).joined(separator: "; ")
        case .read(let failure): return failure.description
        case .write(let failure): return failure.description
        case .jsonSyntax(let failure): return failure.description
        }
    }
}

extension FileFailure {
    /// "cannot read PATH: REASON" or "cannot write PATH: REASON".
    public var description: String { "cannot \(Reason.verb) \(path): \(explanation)" }
}

extension ReadReason {
    /// "read".
    public static let verb = "read"

    /// The reason in words ("it is a symbolic link loop").
    public var explanation: String {
        switch self {
        case .tooLarge(let limit): return "it is larger than \(limit) bytes"
        case .notARegularFile(let kind): return "it is \(kind), not a regular file"
        case .symbolicLinkLoop: return "it is a symbolic link loop"
        case .danglingSymbolicLink: return "it is a symbolic link to nothing"
        case .notFound: return "no such file"
        case .symbolicLinkInOutputFolder: return "it is a symbolic link in the output folder; links there are never followed"
        case .symbolicLinkOnTheWay(let link):
            return "\(link) is a symbolic link; nothing is read through a symbolic link in the output folder"
        case .system(let code): return FileName.reason(code)
        }
    }
}

extension WriteReason {
    /// "write".
    public static let verb = "write"

    /// The reason in words ("it is a folder").
    public var explanation: String {
        switch self {
        case .system(let code): return FileName.reason(code)
        case .notAFolder: return "it is not a folder"
        case .isAFolder: return "it is a folder"
        case .specialFileInOutputFolder(let kind): return "it is \(kind); only regular files are written in the output folder"
        case .specialFile(let kind): return "it is \(kind); only files, devices and FIFOs are written"
        case .symbolicLinkInOutputFolder: return "it is a symbolic link in the output folder; refusing to replace it"
        case .symbolicLinkOnTheWay(let link):
            return "\(link) is a symbolic link; nothing is written through a symbolic link in the output folder"
        case .notRelative(let relative): return "'\(relative)' is not a relative path inside the output folder"
        case .noOutputFolder(let folder): return "the output folder \(folder) does not exist"
        case .symbolicLinkLoop(let links): return "it is a symbolic link loop (more than \(links) links)"
        case .cannotCreateFolder(let folder): return "cannot create folder \(folder)"
        case .tooLargeForMemory(let limit): return "it is larger than \(limit) bytes, the most kept in memory"
        case .alreadyExists: return "it already exists; not overwriting it"
        case .isASymbolicLink: return "it is a symbolic link; not writing through it"
        }
    }
}

extension JSONSyntaxFailure {
    /// "MESSAGE at byte OFFSET".
    public var description: String { "\(message) at byte \(offset)" }
}
