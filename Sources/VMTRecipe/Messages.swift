import VMTCore
// Every message text of the recipe front end lives here, with each
// directive's usage line and the "did you mean" suggestion.

/// The texts of all diagnostics of the language layer (lexer, reader, rules, resolver), each
/// with its `DiagnosticCode`, and the notes and hints that go with them.
///
/// Keeping them in one place keeps their wording consistent and lets tests
/// and the grammar documentation quote them exactly. A function that states a problem returns
/// a `Message` (text and code); notes and hints are plain strings.
public enum Messages {
    // MARK: Usage lines

    /// The usage line of a directive, such as `usage: agents INT`.
    public static func usage(_ keyword: Keyword) -> String {
        "usage: " + usageSyntax(keyword)
    }

    /// The syntax part of a directive's usage line, such as `agents INT`.
    public static func usageSyntax(_ keyword: Keyword) -> String {
        switch keyword {
        case .scenario: return "scenario NAME"
        case .template: return "template"
        case .extends: return "extends PARENT"
        case .agents: return "agents INT"
        case .grid: return "grid INT"
        case .inventory: return "inventory MIN..MAX | inventory A|B|M V, ... | inventory A|B|M V each"
        case .money: return "money MIN..MAX"
        case .utilities: return "utilities TYPE[:WEIGHT], ..."
        case .utility: return "utility TYPE [weight W] [PARAM V]..."
        case .resources: return "resources [density D] [max M] [amount N] [regen R]"
        case .regime: return "regime barter_only|money_only|mixed|mixed_liquidity_gated"
        case .seed: return "seed INT"
        case .set: return "set PATH VALUE"
        case .schedule: return "schedule forage F trade T [start forage|trade] | schedule off"
        case .pin: return "pin TYPE.PARAM VALUE"
        case .vary: return "vary FIELD VALUE, ... | vary FIELD MIN..MAX"
        case .output: return "output PATH.yaml"
        case .vmt: return "vmt 2025-10|2025-11"
        case .search: return protocolSyntax(.search)
        case .matching: return protocolSyntax(.matching)
        case .bargaining: return protocolSyntax(.bargaining)
        }
    }

    /// The syntax of a protocol directive: `search NAME|NAME|...`.
    private static func protocolSyntax(_ kind: ProtocolKind) -> String {
        kind.rawValue + " " + kind.names.joined(separator: "|")
    }

    // MARK: Lexer

    /// A byte that does not belong to valid UTF-8 text.
    static func invalidUTF8(_ byte: UInt8) -> Message {
        Message(.invalidUTF8, "invalid UTF-8 byte 0x" + hex(UInt32(byte), digits: 2))
    }

    /// A control character (other than tab and line breaks) in the text.
    static func controlCharacter(_ scalar: Unicode.Scalar) -> Message {
        Message(.controlCharacter, "unexpected control character U+" + hex(scalar.value, digits: 4))
    }

    /// A byte order mark anywhere but at the very start of the file.
    static let byteOrderMark = Message(.byteOrderMark, "unexpected byte order mark U+FEFF; it may only start the file")

    /// A character that cannot start or continue any token.
    static func unexpectedCharacter(_ scalar: Unicode.Scalar) -> Message {
        if scalar.isASCII {
            return Message(.unexpectedCharacter, "unexpected character '\(Character(scalar))'")
        }
        let code = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
        return Message(.unexpectedCharacter, "unexpected character '\(Character(scalar))' (U+\(padded)); put text that is not a plain word in double quotes")
    }

    /// A string whose closing quote is missing on its line.
    static let unterminatedString = Message(.unterminatedString, "unterminated string; the closing '\"' is missing")

    /// A backslash escape other than `\"` and `\\` inside a string.
    static func unknownEscape(_ scalar: Unicode.Scalar) -> Message {
        Message(.unknownEscape, "unknown escape sequence '\\\(Character(scalar))' in string; only \\\" and \\\\ are allowed")
    }

    /// Something that starts like a number and contains `..` but is not `MIN..MAX`.
    static func malformedRange(_ text: String) -> Message {
        Message(.malformedRange, "malformed range \(quote(text)); write MIN..MAX with two integers")
    }

    /// A range written with a dash, such as `10-60`.
    static func dashedRange(_ text: String) -> Message {
        Message(.malformedRange, "\(quote(text)) is not a range; a range is written MIN..MAX with two dots")
    }

    /// A `%` after a number.
    static func percentSign(_ number: String) -> Message {
        let share = Double(number).map { " (\(number)% is \(PythonFloat.repr($0 / 100)))" } ?? ""
        return Message(.unexpectedCharacter, "unexpected '%' after \(quote(number)): shares are written as numbers between 0 and 1"
                           + share)
    }

    // MARK: Reader

    /// A line that does not start with a directive keyword.
    static func expectedKeyword(found token: Token) -> Message {
        Message(.expectedDirective, "expected a directive at the start of the line, found \(describe(token))")
    }

    // MARK: Rules: shape of the arguments

    /// A keyword that is not a directive.
    static func unknownDirective(_ word: String) -> Message {
        Message(.unknownDirective, "unknown directive \(quote(word))")
    }

    /// An argument is missing after `previous`.
    static func expected(_ what: String, after previous: Token) -> Message {
        Message(.missingArgument, "expected \(what) after \(quote(previous.text))")
    }

    /// An argument of the wrong kind.
    static func expected(_ what: String, found token: Token) -> Message {
        Message(.wrongArgument, "expected \(what), found \(describe(token))")
    }

    /// A `:` right after the keyword, as in YAML (`agents: 12`).
    static func colonAfterKeyword(_ keyword: Keyword) -> Message {
        Message(.wrongArgument, "unexpected ':' after '\(keyword.rawValue)': a directive is followed by its arguments, without ':'")
    }

    /// More arguments than the directive takes.
    static func extraArgument(_ token: Token, keyword: Keyword) -> Message {
        Message(.extraArgument, "unexpected extra argument \(quote(token.text)) to '\(keyword.rawValue)'")
    }

    /// A directive given a second time in one file.
    static func duplicateDirective(_ keyword: Keyword) -> Message {
        Message(.duplicateDirective, "duplicate '\(keyword.rawValue)' directive")
    }

    /// The same `set` key given a second time in one file.
    static func duplicateSetting(_ path: String) -> Message {
        Message(.duplicateSetting, "duplicate 'set \(path)'")
    }

    /// A key of `resources` or `schedule` given twice on one line.
    static func duplicateKey(_ key: String, keyword: Keyword) -> Message {
        Message(.duplicateKey, "'\(key)' given twice in '\(keyword.rawValue)'")
    }

    /// The note attached to a duplicate, at the first occurrence.
    static let firstSetHere = "first set here"

    /// A `schedule` without one of its required keys.
    static func missingScheduleKey(_ key: String) -> Message {
        Message(.missingScheduleKey, "'schedule' needs '\(key)' and a number of ticks")
    }

    // MARK: Rules: values

    /// An integer beyond the range of `Int`, shown as `text`: too small when `negative`, else
    /// too large.
    static func integerOutOfRange(_ text: String, negative: Bool) -> Message {
        Message(.integerOutOfRange, "\(quote(text)) is too \(negative ? "small" : "large")")
    }

    /// A decimal that does not fit a finite `Double`.
    static func notFinite(_ text: String) -> Message {
        Message(.notFinite, "\(quote(text)) is not a finite number")
    }

    /// A value that breaks a bound, such as `agents must be greater than 0`.
    static func mustBe(_ subject: String, _ condition: String) -> Message {
        Message(.outOfBounds, "\(subject) must be \(condition)")
    }

    /// An unknown word among a closed set of choices.
    static func unknown(_ what: String, _ word: String) -> Message {
        Message(.unknownWord, "unknown \(what) \(quote(word))")
    }

    /// Weights that read as percentages (they sum to 100).
    static let weightsAsPercentages = Message(.outOfBounds, "utility weights are shares between 0 and 1 that sum to 1, not percentages")

    /// The hint for a money regime without M stock: the lines that give it.
    static let moneyStockHint = "give 'money MIN..MAX', or 'inventory M V, ...' for every agent"

    /// The hint for weights that are all equal but do not sum to 1 (three weights of 0.33).
    static func equalSharesHint(_ types: [String]) -> String {
        "for equal shares, leave the weights out: utilities " + types.joined(separator: ", ")
    }

    /// Weights given for some utilities but not for others.
    static let mixedWeights = Message(.mixedWeights, CoreMessages.mixedWeights)

    /// A file that gives its mix both as a `utilities` list and as `utility` lines.
    static let utilitiesAndUtility = Message(.utilitiesAndUtility, "give the mix either as one 'utilities' line or as 'utility' lines, not both")

    /// A `set` path that is not names joined by dots.
    static func invalidPath(_ text: String) -> Message {
        Message(.invalidPath, "invalid parameter path \(quote(text)); write names joined by '.', such as lambda_bounds.lambda_max")
    }

    /// An empty scenario or parent name.
    static func emptyName(_ keyword: Keyword) -> Message {
        Message(.emptyName, "'\(keyword.rawValue)' needs a name that is not empty")
    }

    /// An output path that could leave the output folder or is not a YAML file.
    static func badOutput(_ problem: OutputProblem) -> Message {
        switch problem {
        case .empty: return Message(.badOutput, "output path must not be empty")
        case .absolute: return Message(.badOutput, "output path must be relative to the output folder")
        case .parent: return Message(.badOutput, "output path must not contain a '..' segment")
        case .emptySegment: return Message(.badOutput, "output path must not contain an empty segment ('//' or a trailing '/')")
        case .backslash: return Message(.badOutput, "output path must use '/' to separate folders, not '\\'")
        case .extension: return Message(.badOutput, "output path must end in .yaml or .yml")
        }
    }

    /// The ways an output path can be refused.
    enum OutputProblem {
        case empty, absolute, parent, emptySegment, backslash, `extension`
    }

    // MARK: Rules: sweeps and exact values

    /// The same `pin` key, `vary` field or `inventory` good given a second time in one file.
    static func duplicateEntry(_ keyword: Keyword, _ key: String) -> Message {
        Message(.duplicateEntry, "duplicate '\(keyword.rawValue) \(key)'")
    }

    /// A value given twice in one `vary` list.
    static func listedTwice(_ text: String, first: String) -> Message {
        Message(.listedTwice, "\(quote(text)) is listed twice" + (first == text ? "" : " (as \(quote(first)))"))
    }

    /// The note at the first of two equal `vary` values.
    static let firstListedHere = "first listed here"

    /// The hint for a value listed twice in one `vary`.
    static func listedTwiceHint(_ field: String) -> String {
        "each value of 'vary \(field)' gives its own variants; remove the repeat"
    }

    /// A `vary` range whose MIN is greater than its MAX.
    static func emptyRange(_ text: String) -> Message {
        Message(.emptyRange, "empty range \(quote(text)); MIN must not be greater than MAX")
    }

    /// A field that one file both sets plainly and varies.
    static func setAndVaried(_ field: String) -> Message {
        Message(.setAndVaried, "\(field) is both set and varied")
    }

    /// The note at the plain line of a field that is also varied.
    static let setHere = "set here"

    /// The note at the `vary` line of a field that is also set plainly.
    static let variedHere = "varied here"

    /// The hint for a good written in lower case, such as `write A`.
    static func writeUpperCase(_ good: String) -> String {
        "write \(good)"
    }

    /// A `{` or `}` in a word outside `scenario` and `output`.
    static func braceOutsidePlaceholder(_ brace: Character) -> Message {
        Message(.braceOutsidePlaceholder, "unexpected '\(brace)': {FIELD} placeholders are only allowed in 'scenario' and 'output'")
    }

    /// A `{` without a closing `}`.
    static func unclosedPlaceholder(_ text: String) -> Message {
        Message(.unclosedPlaceholder, "placeholder \(quote(text)) is not closed; write {FIELD}")
    }

    /// A `{` inside a placeholder.
    static let nestedPlaceholder = Message(.nestedPlaceholder, "'{' inside a placeholder; placeholders do not nest")

    /// A `}` without a `{` before it.
    static let strayBrace = Message(.strayBrace, "'}' without a '{' before it")

    /// `{}`.
    static let emptyPlaceholder = Message(.emptyPlaceholder, "empty placeholder '{}'; write the field it stands for, such as {seed}")

    /// A placeholder naming no field `vary` accepts.
    static func unknownPlaceholder(_ name: String) -> Message {
        Message(.unknownPlaceholder, "unknown placeholder field \(quote(name))")
    }

    // MARK: Hints

    /// The hint for a near miss.
    static func didYouMean(_ word: String) -> String {
        "did you mean '\(word)'?"
    }

    /// The hint listing a closed set of choices.
    static func oneOf(_ choices: [String]) -> String {
        "expected one of " + choices.joined(separator: ", ")
    }

    /// A "did you mean" hint when `word` is close to a choice, else the list of choices
    /// (recipes and `import` share it).
    public static func suggestion(for word: String, in choices: [String]) -> String {
        if let near = nearest(word, in: choices) { return didYouMean(near) }
        return oneOf(choices)
    }

    // MARK: Formatting helpers

    /// A token for a message: its kind and (shortened) text.
    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .word: return "word \(quote(token.text))"
        case .integer: return "integer \(quote(token.text))"
        case .decimal: return "number \(quote(token.text))"
        case .range: return "range \(quote(token.text))"
        case .string: return "string \(shorten(token.text))"
        case .comma: return "','"
        case .colon: return "':'"
        case .comment: return "a comment"
        case .newline, .eof: return "the end of the line"
        case .error: return "invalid text"
        }
    }

    /// Text in single quotes, shortened to 40 characters so a huge token cannot flood the output.
    static func quote(_ text: String) -> String {
        "'" + shorten(text) + "'"
    }

    private static func shorten(_ text: String) -> String {
        let limit = 40
        guard text.unicodeScalars.count > limit else { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.prefix(limit - 1))
        return String(view) + "…"
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// Closeness is the optimal-string-alignment edit distance (insertions,
/// deletions, substitutions and swaps of neighbours each cost 1), ignoring
/// case. A candidate qualifies when its distance is at most a third of the
/// longer word's length (at least 1), or when one word is a prefix of the
/// other and the shorter has at least 3 characters (`barter` → `barter_only`).
/// Among qualifying candidates the closest wins; ties go to the earlier one.
public func nearest(_ word: String, in candidates: [String]) -> String? {
    let maximumLength = 64
    let typed = Array(word.lowercased().unicodeScalars)
    guard !typed.isEmpty, typed.count <= maximumLength else { return nil }
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let target = Array(candidate.lowercased().unicodeScalars)
        guard !target.isEmpty, target.count <= maximumLength else { continue }
        let distance = editDistance(typed, target)
        let limit = max(1, max(typed.count, target.count) / 3)
        let shorter = min(typed.count, target.count)
        let isPrefix = shorter >= 3
            && (typed.starts(with: target) || target.starts(with: typed))
        guard distance <= limit || isPrefix else { continue }
        if best == nil || distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// The optimal-string-alignment distance between two scalar arrays.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    var previousPrevious = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previousPrevious[j - 2] + 1)
            }
            current[j] = value
        }
        previousPrevious = previous
        previous = current
    }
    return previous[b.count]
}

// MARK: Resolver

extension Messages {
    /// A recipe whose scenario name is a built-in preset's.
    static func nameTakenByPreset(_ name: String) -> Message {
        Message(.nameTakenByPreset, "the scenario name '\(name)' is taken by a built-in preset")
    }

    /// The hint for a recipe whose file stem clashes with a preset.
    static let renameHint = "rename the file or give it a 'scenario' name"

    /// Two recipes with one scenario name.
    static func duplicateScenario(_ name: String) -> Message {
        Message(.duplicateScenario, "two recipes are named '\(name)'")
    }

    /// The note at the first of two recipes with one name.
    static let firstDefinedHere = "first defined here"

    /// The note at the second of two recipes with one name (both fail).
    static let alsoDefinedHere = "also defined here"

    /// An `extends` naming neither a preset nor a recipe.
    static func unknownParent(_ name: String) -> Message {
        Message(.unknownParent, "unknown parent '\(name)': no preset or recipe has this name")
    }

    /// A parent that exists but cannot be used.
    static func brokenParent(_ name: String, _ path: String) -> Message {
        Message(.brokenParent, "cannot extend '\(name)': \(path) has errors")
    }

    /// A cycle of `extends`.
    static func extendsCycle(_ chain: [String]) -> Message {
        Message(.extendsCycle, "extends cycle: " + chain.joined(separator: " -> "))
    }

    /// A scenario without some required fields anywhere in its chain.
    static func missingFields(_ names: [String]) -> Message {
        Message(.missingFields, "missing " + names.map { "'\($0)'" }.joined(separator: ", ")
            + ": a scenario needs agents, grid, inventory, utilities and resources (density, max, regen),"
            + " set here or inherited through 'extends'")
    }

    /// A rule of the simulator's loader that the resolved scenario breaks, in the core's words,
    /// with the code of the field it is about.
    static func validation(_ issue: ValidationIssue) -> Message {
        Message(.validation(issue.field), issue.message)
    }

    /// A `set` path that is not in the schema.
    static func unknownParameter(_ path: String) -> Message {
        Message(.unknownParameter, CoreMessages.unknownParameter(path))
    }

    /// A `set` of a whole nested map.
    static func parameterGroup(_ path: String, _ fields: [String]) -> Message {
        Message(.parameterGroup, "'\(path)' is a group of parameters; set one of its fields: " + fields.joined(separator: ", "))
    }

    /// The directive that sets a scenario field which a `params` entry mirrors (the recipe
    /// layer's side of `ParamDefinition.mirrors`).
    public static func directive(setting field: SpecField) -> String {
        switch field {
        case .regime: return "regime"
        case .resourceRegen: return "resources regen"
        case .resourceMax: return "resources max"
        case .resourceDensity: return "resources density"
        case .resourceAmount: return "resources amount"
        case .agents: return "agents"
        case .grid: return "grid"
        case .inventory, .stock: return "inventory"
        case .money: return "money"
        case .utilities, .utility: return "utilities"
        case .schedule: return "schedule"
        case .pin: return "pin"
        case .name: return "scenario"
        case .param: return "set"
        case .target: return "vmt"
        case .protocolChoice(let kind): return kind.rawValue
        }
    }

    /// A `set` of an entry that a directive owns.
    static func parameterOwnedByDirective(_ path: String, _ directive: String) -> Message {
        Message(.parameterOwnedByDirective, "'\(path)' is set by the '\(directive)' directive, not by 'set'")
    }

    /// A `set` value of the wrong type or out of range.
    static func badParameterValue(_ path: String, rule: String, got: String) -> Message {
        Message(.badParameterValue, CoreMessages.badParameterValue(path, rule: rule, got: got))
    }

    /// A seed longer than the core accepts.
    static func seedTooLong(_ limit: Int) -> Message {
        Message(.seedTooLong, "seed has too many digits (at most \(limit))")
    }

    /// Two variants of one recipe that would write one file, each described by its number and values.
    static func variantsWriteOneFile(_ path: String, _ first: String, _ second: String) -> Message {
        Message(.variantsWriteOneFile, "variants \(first) and \(second) of this recipe would both write '\(path)'")
    }

    /// Two variants of one recipe with one scenario name (their output files differ).
    static func variantsShareName(_ name: String, _ first: String, _ second: String) -> Message {
        Message(.variantsShareName, "variants \(first) and \(second) of this recipe are both named '\(name)'")
    }

    /// A sweep whose variants each take their seed from their name (VMT415).
    static let sweepWithoutSeed = Message(.sweepWithoutSeed,
        "the variants of this sweep draw different populations (each variant's seed comes from its name); add 'seed N' to compare them on one population")

    /// The hint of VMT415.
    static let sweepWithoutSeedHint = "or 'vary seed ...' to sweep the population too; '# vmt-dsl: allow VMT415' keeps the derived seeds"

    /// A scenario of this recipe named as one of another recipe (VMT414 across recipes).
    static func recipesShareName(_ name: String, _ otherPath: String) -> Message {
        Message(.variantsShareName, "this recipe and \(otherPath) both give a scenario named '\(name)'")
    }

    /// The note at the other recipe of two giving one scenario name.
    static let alsoNamedHere = "a scenario of this recipe has the name too"

    /// The hint for two recipes giving one scenario name.
    static let renameScenarioHint = "change one 'scenario' name, so each scenario of the project has its own"

    /// The hint for variants writing one file: the placeholders the output path lacks.
    static func addPlaceholdersHint(_ fields: [String]) -> String {
        addPlaceholders(fields, to: "the 'output' path", each: "file")
    }

    /// The hint for variants with one name: the placeholders the scenario name lacks.
    static func addPlaceholdersToNameHint(_ fields: [String]) -> String {
        addPlaceholders(fields, to: "the 'scenario' name", each: "name")
    }

    /// `put {a} and {b} in WHERE, so each variant gets its own EACH`.
    private static func addPlaceholders(_ fields: [String], to place: String, each: String) -> String {
        "put " + fields.map { "{\($0)}" }.joined(separator: " and ") + " in \(place), so each variant gets its own \(each)"
    }


    /// The note on a value inherited from a preset.
    static func inheritedFromPreset(_ name: String) -> String {
        "inherited from preset \(name)"
    }

    /// The note on an error in a parent's line, found while building a child.
    static func whileBuilding(_ path: String) -> String {
        "while building \(path)"
    }


    /// A directive that sets what its recipe already inherits.
    static func redundant(_ keyword: String, _ origin: String) -> Message {
        Message(.redundantLine, "this '\(keyword)' line repeats the value it inherits (\(origin))")
    }

    /// The hint for a redundant line.
    static let removeLineHint = "remove the line, or change the value"

    /// A money setting under `barter_only`.
    static func noEffectWithoutMoney(_ what: String) -> Message {
        Message(.noEffectWithoutMoney, "'\(what)' has no effect under barter_only: agents hold no money")
    }

    /// The hint for a money setting under `barter_only`.
    static let moneyRegimeHint = "remove it, or choose a money regime (money_only, mixed, mixed_liquidity_gated)"

    /// A `{field}` in `scenario` or `output` that no `vary` in the chain varies.
    static func placeholderWithoutVary(_ field: String) -> Message {
        Message(.placeholderWithoutVary, "placeholder '{\(field)}' names no varied field: add 'vary \(field) ...' or remove it")
    }

    /// More variants than the limit.
    /// `total` is the exact product of every `vary` line's count, as decimal text of any size.
    static func tooManyVariants(total: String, limit: Int) -> Message {
        Message(.tooManyVariants, "this recipe gives \(total) variants, more than the limit of \(limit)")
    }

    /// The hint for too many variants.
    static let maxVariantsHint = "vary fewer values, or raise the limit with --max-variants N"

    /// A `vary` value of the wrong kind for its field.
    static func varyValue(_ field: String, expected: String, got: String) -> Message {
        Message(.badVaryValue, "vary \(field) takes \(expected) (got \(quote(got)))")
    }

    /// An `extends` chain past the limit.
    static func chainTooDeep(_ limit: Int) -> Message {
        Message(.chainTooDeep, "extends chain is deeper than \(limit) recipes")
    }

    /// An allow comment naming the code of an error, which cannot be allowed.
    static func allowOfAnError(_ code: String) -> Message {
        Message(.badAllow, "'\(code)' is an error's code; only warnings can be allowed")
    }

    /// An allow comment naming no code that exists.
    static func allowOfUnknownCode(_ code: String) -> Message {
        Message(.badAllow, "unknown diagnostic code '\(quote(code).dropFirst().dropLast())' in an allow comment")
    }

    /// An allow comment without any code.
    static let allowWithoutCodes = Message(.badAllow, "allow comment names no code; write '# vmt-dsl: allow VMT250'")

    /// A `pin` of a utility type the resolved mix does not contain.
    static func pinNotInMix(_ key: String, _ type: String) -> Message {
        Message(.pinNotInMix, "pin \(key) has no effect: the utility mix has no \(type) entry")
    }

    /// The hint for a `pin` of a utility type the mix does not contain.
    static func pinNotInMixHint(_ types: [String]) -> String {
        "the mix has " + types.joined(separator: ", ") + "; add the type to 'utilities', or remove the pin"
    }

    /// The note on the last diagnostic shown for a line with more.
    static func moreOnThisLine(_ count: Int) -> String {
        "\(count) more error\(count == 1 ? "" : "s") on this line not shown"
    }

    // MARK: 7xx targets and protocols

    static func unknownTarget(_ text: String) -> Message {
        Message(.unknownTarget, "unknown VMT target '\(text)'; expected one of \(VMTTarget.names.joined(separator: ", "))")
    }

    /// The "did you mean" of an unknown VMT version: the target nearest in time for a `YYYY-MM`
    /// text (`2025-12` → `2025-11`, the latest), else the nearest spelling; nil when neither
    /// (the message lists the versions).
    public static func targetSuggestion(for text: String) -> String? {
        suggestedTarget(for: text).map(didYouMean)
    }

    /// The version an unknown VMT version most likely means: the target nearest in time for a
    /// `YYYY-MM` text (a tie to the later), else the nearest spelling; nil when neither. The one
    /// rule for a `vmt` line and for `--vmt` on the command line.
    public static func suggestedTarget(for text: String) -> String? {
        VMTTarget.nearest(toMonth: text)?.rawValue ?? nearest(text, in: VMTTarget.names)
    }

    static func moneyDropped(_ what: String, _ target: VMTTarget) -> Message {
        Message(.moneyDropped, "'\(what)' is not available under \(target.title): it has no money")
    }

    static func moneyDroppedNote(_ target: VMTTarget) -> String {
        "\(target.title) dropped money: it reads no exchange_regime, money_*, lambda_*, liquidity_gate, earn_money_enabled or M stock"
    }

    static let moneyDroppedHint = "remove the line, or build for the version with money: 'vmt 2025-10'"

    /// VMT702's hint when the money came from one value of a `vary` list (the caret is on the value).
    static func moneyDroppedFromVaryHint(_ value: String) -> String {
        "remove the value '\(value)' from this vary line, or build for the version with money: 'vmt 2025-10'"
    }

    /// The hint for a money regime this recipe inherits (from a preset through `extends`, or a
    /// parent's line): removing the `extends` line is not the fix; overriding the regime is.
    static func inheritedMoneyRegimeHint(preset: String?) -> String {
        let barter = Preset.all.filter { $0.regime == .barterOnly }.map(\.name)
        return "write 'regime barter_only' in this recipe"
            + (preset != nil ? ", or extend a barter preset (" + barter.joined(separator: ", ") + ")" : "")
            + ", or build for the version with money: 'vmt 2025-10'"
    }

    /// A protocol name `kind` does not have (VMT703), for a recipe line and for `import`.
    public static func unknownProtocol(_ kind: ProtocolKind, _ name: String) -> Message {
        Message(.unknownProtocol, "unknown \(kind.rawValue) protocol '\(name)'; expected one of \(kind.names.joined(separator: ", "))")
    }

    /// A protocol given a parameter (VMT704), for a recipe line and for `import`.
    public static func protocolParameter(_ kind: ProtocolKind) -> Message {
        Message(.protocolParameter, "\(kind.rawValue) protocols take no parameter at VMT 2025-11 (6f7b3c7): "
            + "its loader reads 'params', but the simulation then fails when it builds the protocol")
    }

    static func protocolsUnavailable(_ kind: ProtocolKind, _ target: VMTTarget) -> Message {
        Message(.protocolsUnavailable, "'\(kind.rawValue)' names a trade protocol, which \(target.title) does not read")
    }

    static let protocolsHint = "add 'vmt 2025-11' to this recipe (or build with --vmt 2025-11)"

    static func parameterNotRead(_ path: String, _ target: VMTTarget) -> Message {
        Message(.parameterNotRead, "parameter '\(path)' is not read by \(target.title)")
    }

    /// The hint for a parameter the target does not read (VMT706).
    static func parameterNotReadHint(_ targets: [VMTTarget]) -> String {
        "remove the line, or build for the version that reads it: "
            + targets.sorted().map { "'vmt \($0.rawValue)'" }.joined(separator: " or ")
    }

    static func parameterReadBy(_ targets: [VMTTarget]) -> String {
        "it is read by " + targets.sorted().map(\.title).joined(separator: ", ")
    }
}
