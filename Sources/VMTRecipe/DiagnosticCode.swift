import VMTCore

// The stable identities of diagnostics: `VMT` and three digits, one per kind of problem.
// Tests, `-W`, `# vmt-dsl: allow` comments, `--allow` and editors key on these, never on the
// wording of a message. grammar/diagnostics.md lists every code with an example (a test keeps
// the two in step). A code is never reused for another meaning; a retired code stays retired.
//
// Ranges: 0xx lexical, 1xx directive syntax and rules, 2xx resolution (extends, names, `set`),
// 3xx scenario validation, 4xx sweeps and placeholders, 5xx files, projects and builds,
// 6xx import, 7xx targets and protocols.

/// The stable code of a kind of diagnostic, such as `VMT203` for an unknown parent.
public enum DiagnosticCode: String, CaseIterable, Comparable, Hashable, Sendable, CustomStringConvertible {
    // MARK: 0xx lexical

    /// A byte that is not valid UTF-8.
    case invalidUTF8 = "VMT001"
    /// A control character other than tab and line breaks.
    case controlCharacter = "VMT002"
    /// A byte order mark anywhere but at the start of the file.
    case byteOrderMark = "VMT003"
    /// A character that starts no token.
    case unexpectedCharacter = "VMT004"
    /// A string without its closing quote.
    case unterminatedString = "VMT005"
    /// A backslash escape other than `\"` and `\\`.
    case unknownEscape = "VMT006"
    /// Something like a range that is not `MIN..MAX` (`1...9`, `10-60`).
    case malformedRange = "VMT007"

    // MARK: 1xx directive syntax and rules

    /// A line that does not start with a word.
    case expectedDirective = "VMT100"
    /// A first word that is no directive.
    case unknownDirective = "VMT101"
    /// An argument missing at the end of a line.
    case missingArgument = "VMT102"
    /// An argument of the wrong kind.
    case wrongArgument = "VMT103"
    /// More arguments than the directive takes.
    case extraArgument = "VMT104"
    /// A directive given twice in one file.
    case duplicateDirective = "VMT105"
    /// A `set PATH` given twice in one file.
    case duplicateSetting = "VMT106"
    /// A key of `resources` or `schedule` given twice on one line.
    case duplicateKey = "VMT107"
    /// A `schedule` without `forage` or `trade`.
    case missingScheduleKey = "VMT108"
    /// An integer beyond the 64-bit range.
    case integerOutOfRange = "VMT109"
    /// A decimal that is not a finite number.
    case notFinite = "VMT110"
    /// A value outside the bounds of its directive.
    case outOfBounds = "VMT111"
    /// A word outside a closed set of choices (regime, utility type, key, good, …).
    case unknownWord = "VMT112"
    /// Weights on some utilities but not on others.
    case mixedWeights = "VMT113"
    /// A `set` path that is not names joined by dots.
    case invalidPath = "VMT114"
    /// An empty `scenario` or `extends` name.
    case emptyName = "VMT115"
    /// An `output` path that could leave the output folder or is no YAML file.
    case badOutput = "VMT116"
    /// A `pin` key, `vary` field or `inventory` good given twice in one file.
    case duplicateEntry = "VMT117"
    /// A `# vmt-dsl: allow` comment naming an unknown code, or an error's code.
    case badAllow = "VMT118"
    /// A file giving its mix both as a `utilities` line and as `utility` lines.
    case utilitiesAndUtility = "VMT119"

    // MARK: 2xx resolution: extends, names, set

    /// A scenario name (or file stem) that is a built-in preset's.
    case nameTakenByPreset = "VMT201"
    /// Two recipes with one scenario name.
    case duplicateScenario = "VMT202"
    /// An `extends` naming neither a preset nor a recipe.
    case unknownParent = "VMT203"
    /// An `extends` of a recipe that has errors.
    case brokenParent = "VMT204"
    /// A cycle of `extends`.
    case extendsCycle = "VMT205"
    /// An `extends` chain deeper than the limit.
    case chainTooDeep = "VMT206"
    /// A scenario without some required fields anywhere in its chain.
    case missingFields = "VMT207"
    /// A `set` path that is not in the schema.
    case unknownParameter = "VMT208"
    /// A `set` of a whole group of parameters.
    case parameterGroup = "VMT209"
    /// A `set` of a parameter another directive owns.
    case parameterOwnedByDirective = "VMT210"
    /// A `set` (or `vary set.PATH`) value of the wrong type or out of range.
    case badParameterValue = "VMT211"
    /// A seed with more digits than the core accepts.
    case seedTooLong = "VMT212"
    /// Warning: a line that repeats the value its recipe inherits.
    case redundantLine = "VMT250"
    /// Warning: a money setting under `barter_only`, where agents hold no money.
    case noEffectWithoutMoney = "VMT251"
    /// Warning: a `pin` of a utility type the mix does not contain.
    case pinNotInMix = "VMT252"

    // MARK: 3xx scenario validation (the simulator's rules, checked on the resolved scenario)

    /// A rule of the loader about no field below (today: the schedule's ticks, which the rules
    /// stage already refuses in a recipe).
    case invalidScenario = "VMT300"

    /// The number of agents breaks a rule.
    case invalidAgents = "VMT301"
    /// The grid size breaks a rule.
    case invalidGrid = "VMT302"
    /// The inventory range breaks a rule.
    case invalidInventory = "VMT303"
    /// The money range breaks a rule.
    case invalidMoney = "VMT304"
    /// The utility mix or one of its entries breaks a rule (weights, drawn parameters).
    case invalidUtilities = "VMT305"
    /// A resource setting breaks a rule.
    case invalidResources = "VMT306"
    /// A `params` entry breaks a rule.
    case invalidParameter = "VMT307"
    /// A pinned utility parameter breaks a rule.
    case invalidPin = "VMT308"
    /// An explicit stock breaks a rule.
    case invalidStock = "VMT309"

    // MARK: 4xx sweeps and placeholders

    /// A value listed twice in one `vary`.
    case listedTwice = "VMT401"
    /// A `vary` range whose MIN is greater than its MAX.
    case emptyRange = "VMT402"
    /// A field one file both sets plainly and varies.
    case setAndVaried = "VMT403"
    /// A `{` or `}` outside `scenario` and `output`.
    case braceOutsidePlaceholder = "VMT404"
    /// A placeholder whose `}` is missing.
    case unclosedPlaceholder = "VMT405"
    /// A `{` inside a placeholder.
    case nestedPlaceholder = "VMT406"
    /// A `}` without a `{`.
    case strayBrace = "VMT407"
    /// `{}`.
    case emptyPlaceholder = "VMT408"
    /// A placeholder naming no field `vary` accepts.
    case unknownPlaceholder = "VMT409"
    /// A placeholder naming a field no `vary` of the chain varies.
    case placeholderWithoutVary = "VMT410"
    /// More variants than the limit.
    case tooManyVariants = "VMT411"
    /// A `vary` value of the wrong kind for its field.
    case badVaryValue = "VMT412"
    /// Two variants of one recipe writing one file.
    case variantsWriteOneFile = "VMT413"
    /// Two variants of one recipe with one scenario name (a warning: their files differ).
    case variantsShareName = "VMT414"
    /// A sweep without a seed whose varied fields all leave the draws alone (a warning: each
    /// variant's seed comes from its name, so the variants draw different populations).
    case sweepWithoutSeed = "VMT415"

    // MARK: 5xx files, projects and builds

    /// Two recipes writing one file.
    case recipesWriteOneFile = "VMT501"
    /// An output file that cannot be written.
    case cannotWrite = "VMT502"

    // MARK: 6xx import

    /// A file `import` cannot read as a VMT scenario (not YAML, wrong shape, a value VMT's loader refuses).
    case importNotAScenario = "VMT601"
    /// A scenario value a recipe cannot carry (the message names the YAML key).
    case importCannotCarry = "VMT602"
    /// A key VMT's loader does not read, dropped by `import`.
    case importDroppedKey = "VMT603"
    /// The imported recipe would not build the same scenario (a bug of `import`; nothing is written).
    case importWouldDiffer = "VMT604"
    /// A scenario file with keys only VMT 2025-11 reads and keys only VMT 2025-10 reads: imported
    /// for 2025-11, the 2025-10 keys dropped (named in the warning).
    case importMixedTargets = "VMT605"

    // MARK: 7xx targets and protocols

    /// A `vmt` version (or `--vmt`) that names no target.
    case unknownTarget = "VMT701"
    /// Money (a `money` range, `inventory M`, a money `set` key, a money regime) under a target without money.
    case moneyDropped = "VMT702"
    /// A protocol name the protocol kind does not have.
    case unknownProtocol = "VMT703"
    /// A protocol given a parameter (no protocol takes one at 6f7b3c7).
    case protocolParameter = "VMT704"
    /// A protocol under a target without protocols.
    case protocolsUnavailable = "VMT705"
    /// A `set` key the target's loader does not read.
    case parameterNotRead = "VMT706"

    /// The code itself, such as `VMT203`.
    public var description: String { rawValue }

    /// Whether diagnostics of this code are warnings (the only ones an allow comment or
    /// `--allow` can silence); every other code is an error.
    public var isWarning: Bool {
        switch self {
        case .redundantLine, .noEffectWithoutMoney, .pinNotInMix, .badAllow, .importDroppedKey, .importMixedTargets,
             .variantsShareName, .sweepWithoutSeed: return true
        default: return false
        }
    }

    /// Orders codes by their text (`VMT001` < `VMT100`).
    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }

    /// The code for a broken rule of the scenario validator, by the field it is about.
    public static func validation(_ field: SpecField) -> DiagnosticCode {
        switch field {
        case .name, .regime, .schedule: return .invalidScenario
        case .agents: return .invalidAgents
        case .grid: return .invalidGrid
        case .inventory: return .invalidInventory
        case .money: return .invalidMoney
        case .utilities, .utility: return .invalidUtilities
        case .resourceDensity, .resourceMax, .resourceAmount, .resourceRegen: return .invalidResources
        case .param: return .invalidParameter
        case .pin: return .invalidPin
        case .stock: return .invalidStock
        case .target: return .unknownTarget
        case .protocolChoice: return .unknownProtocol
        }
    }
}

/// A diagnostic's text and its code: what every function of `Messages` that states a problem
/// returns, so no diagnostic can be made without a code.
public struct Message: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The stable code.
    public var code: DiagnosticCode
    /// The one-line text, without `error:` and without the code.
    public var text: String

    /// A message with its code. Layers above the language (the build engine, the command line)
    /// use this for their own diagnostics, with a code of their range.
    public init(_ code: DiagnosticCode, _ text: String) {
        self.code = code
        self.text = text
    }

    /// The text.
    public var description: String { text }
}
