import VMTCore
// The rules: syntax lines in, typed directives out (like Go's modfile
// rule.go). One switch on the keyword; one small parser per directive;
// every argument error is reported and the next line is read regardless.
// The parsers of `vary`, `pin`, `inventory GOOD ...` and the placeholder
// checks live in SweepRules.swift.

/// Builds typed directives from syntax lines and collects their errors.
struct RecipeRules {
    /// The errors found so far, in the order found.
    private(set) var diagnostics: [Diagnostic] = []
    private let path: String
    private var firstDirective: [Keyword: SourceRange] = [:]
    private var firstSetting: [String: SourceRange] = [:]
    /// The first line of each `pin` TYPE.PARAM (checked in SweepRules.swift).
    var firstPin: [String: SourceRange] = [:]
    /// The first line of each `vary` FIELD, as written.
    var firstVariation: [VaryField: SourceRange] = [:]
    /// The first `inventory GOOD ...` line of each good.
    var firstStock: [Good: SourceRange] = [:]

    /// Creates the rules for the file at `path`.
    init(path: String) {
        self.path = path
    }

    /// The typed directives of every line that has no error, in file order.
    mutating func build(_ file: SyntaxFile) -> [Directive] {
        let directives = file.lines.compactMap { directive($0) }
        checkSetAndVaried(directives)
        checkUtilityLines(directives)
        return directives
    }

    /// The typed directive of one line, or nil (and diagnostics) when it has an error.
    mutating func directive(_ line: SyntaxLine) -> Directive? {
        guard let keyword = Keyword(rawValue: line.keyword.text) else {
            let word = line.keyword.text
            let hint = nearest(word, in: Keyword.allCases.map(\.rawValue)).map(Messages.didYouMean)
            error(Messages.unknownDirective(word), at: line.keyword.range, hint: hint)
            return nil
        }
        // `set`, `pin`, `vary` and the per-good `inventory` form are checked
        // for duplicates by their key, below.
        let isStock = keyword == .inventory && line.arguments.first?.kind == .word
        if keyword != .set, keyword != .pin, keyword != .vary, keyword != .utility, !isStock {
            if let first = firstDirective[keyword] {
                duplicate(Messages.duplicateDirective(keyword), line: line, first: first)
            } else {
                firstDirective[keyword] = line.range
            }
        }
        if let colon = line.arguments.first, colon.kind == .colon {
            // `agents: 12`, as in YAML: a directive takes its arguments after a space.
            let rest = line.arguments.dropFirst().map(\.text).joined(separator: " ")
            error(Messages.colonAfterKeyword(keyword), at: colon.range,
                  hint: Messages.didYouMean(rest.isEmpty ? keyword.rawValue : "\(keyword.rawValue) \(rest)"))
            return nil
        }
        var arguments = Arguments(line: line, keyword: keyword)
        let errorsBefore = diagnostics.count
        let takesPlaceholders = keyword == .scenario || keyword == .output
        if !takesPlaceholders, let brace = RecipeRules.firstBrace(in: line.arguments) {
            error(Messages.braceOutsidePlaceholder(brace.character), at: brace.range)
            return nil
        }
        let value: Directive.Value?
        switch keyword {
        case .scenario: value = name(&arguments, what: "a name").map(Directive.Value.scenario)
        case .template: value = .template
        case .extends: value = name(&arguments, what: "a parent name").map(Directive.Value.extends)
        case .agents: value = positive(&arguments, subject: "agents").map(Directive.Value.agents)
        case .grid: value = positive(&arguments, subject: "grid").map(Directive.Value.grid)
        case .inventory where isStock: value = stock(&arguments, line: line).map(Directive.Value.stock)
        case .inventory:
            value = bounds(&arguments, subject: "inventory", minimum: 1, what: "a range MIN..MAX or a good (A, B or M)")
                .map(Directive.Value.inventory)
        case .money: value = bounds(&arguments, subject: "money", minimum: 0).map(Directive.Value.money)
        case .utilities: value = utilities(&arguments).map(Directive.Value.utilities)
        case .utility: value = utilityLine(&arguments).map(Directive.Value.utility)
        case .resources: value = resources(&arguments).map(Directive.Value.resources)
        case .regime: value = regime(&arguments).map(Directive.Value.regime)
        case .seed: value = seed(&arguments).map(Directive.Value.seed)
        case .set: value = setting(&arguments, line: line).map(Directive.Value.set)
        case .schedule: value = schedule(&arguments).map(Directive.Value.schedule)
        case .pin: value = pin(&arguments, line: line).map(Directive.Value.pin)
        case .vary: value = variation(&arguments, line: line).map(Directive.Value.vary)
        case .output: value = output(&arguments).map(Directive.Value.output)
        case .vmt: value = target(&arguments).map(Directive.Value.target)
        case .search: value = protocolChoice(&arguments, .search).map { .protocolChoice(.search, $0) }
        case .matching: value = protocolChoice(&arguments, .matching).map { .protocolChoice(.matching, $0) }
        case .bargaining: value = protocolChoice(&arguments, .bargaining).map { .protocolChoice(.bargaining, $0) }
        }
        if diagnostics.count == errorsBefore { finish(&arguments) }
        if takesPlaceholders, value != nil, diagnostics.count == errorsBefore, let token = line.arguments.first {
            checkPlaceholders(token)
        }
        guard let value, diagnostics.count == errorsBefore else { return nil }
        return Directive(value: value, line: line)
    }

    // MARK: Directives

    /// `scenario NAME`, `extends PARENT`: a word or a non-empty string.
    private mutating func name(_ arguments: inout Arguments, what: String) -> Located<String>? {
        guard let token = take(&arguments, what) else { return nil }
        guard token.kind == .word || token.kind == .string else {
            return wrongKind(token, what, arguments)
        }
        guard !token.value.isEmpty else {
            error(Messages.emptyName(arguments.keyword), at: token.range)
            return nil
        }
        return Located(token.value, at: token.range)
    }

    /// `agents INT`, `grid INT`: an integer greater than 0.
    private mutating func positive(_ arguments: inout Arguments, subject: String) -> Located<Int>? {
        guard let token = take(&arguments, "an integer"),
              let number = integer(token, arguments)
        else { return nil }
        guard number.value > 0 else {
            error(Messages.mustBe(subject, "greater than 0"), at: token.range)
            return nil
        }
        return number
    }

    /// `inventory MIN..MAX`, `money MIN..MAX`: MIN ≥ `minimum`, MAX > MIN.
    private mutating func bounds(
        _ arguments: inout Arguments, subject: String, minimum: Int, what: String = "a range MIN..MAX"
    ) -> IntegerBounds? {
        guard let token = take(&arguments, what) else { return nil }
        guard token.kind == .range, let parts = token.bounds else {
            if let range = RecipeRules.dashedRange(token) {
                error(Messages.dashedRange(token.text), at: token.range, hint: Messages.didYouMean(range))
                return nil
            }
            if let range = RecipeRules.separatedRange(token, arguments) {
                usageError(Messages.expected(what, found: token), at: token.range, arguments, hint: Messages.didYouMean(range))
                return nil
            }
            return wrongKind(token, what, arguments)
        }
        let lower = boundedInteger(parts.lower)
        let upper = boundedInteger(parts.upper)
        guard let lower, let upper else { return nil }
        guard lower.value >= minimum else {
            error(Messages.mustBe("\(subject) minimum", "at least \(minimum)"), at: lower.range)
            return nil
        }
        guard upper.value > lower.value else {
            error(Messages.mustBe("\(subject) maximum", "greater than the minimum \(lower.value)"), at: upper.range)
            return nil
        }
        return IntegerBounds(lower: lower, upper: upper)
    }

    /// `utilities TYPE[:WEIGHT], ...`: known types; weights in 0...1 on every entry or none.
    private mutating func utilities(_ arguments: inout Arguments) -> [UtilityItem]? {
        let errorsBefore = diagnostics.count
        var entries: [UtilityItem] = []
        var outOfRange: [Token] = []
        var needsItem = true
        while needsItem {
            needsItem = false
            guard let token = take(&arguments, "a utility type") else { break }
            guard token.kind == .word else {
                reportWrongKind(token, "a utility type", arguments)
                arguments.skip { $0.kind != .comma }
                needsItem = arguments.skipComma()
                continue
            }
            let type = UtilityType(rawValue: token.text)
            if type == nil {
                let choices = UtilityType.allCases.map(\.rawValue)
                error(Messages.unknown("utility type", token.text), at: token.range,
                      hint: Messages.suggestion(for: token.text, in: choices))
            }
            var weight: Located<DecimalLiteral>?
            if arguments.peek?.kind == .colon {
                arguments.advance()
                if let weightToken = take(&arguments, "a weight") {
                    weight = decimal(weightToken, arguments)
                    if let value = weight?.value.value, !(value >= 0 && value <= 1) {
                        outOfRange.append(weightToken)
                    }
                }
            }
            if let type {
                entries.append(UtilityItem(type: Located(type, at: token.range), weight: weight))
            }
            guard let next = arguments.peek else { break }
            if next.kind == .comma {
                arguments.advance()
                needsItem = true
                continue
            }
            reportWrongKind(next, "',' between utilities", arguments)
            arguments.skipAll()
        }
        reportWeights(outOfRange, entries, complete: diagnostics.count == errorsBefore)
        guard diagnostics.count == errorsBefore, let first = entries.first else { return nil }
        if let odd = entries.first(where: { ($0.weight == nil) != (first.weight == nil) }) {
            error(Messages.mixedWeights, at: odd.type.range)
            return nil
        }
        return entries
    }

    /// Reports weights outside 0...1: one error when every entry has a weight and they sum to
    /// 100 (percentages, with the shares they mean as the hint), else one error per weight.
    private mutating func reportWeights(_ outOfRange: [Token], _ entries: [UtilityItem], complete: Bool) {
        guard let first = outOfRange.first else { return }
        let weights = entries.compactMap { $0.weight?.value.value }
        if complete, weights.count == entries.count, weights.allSatisfy({ $0 >= 0 && $0 <= 100 }),
           abs(weights.reduce(0, +) - 100) <= 1e-6 {
            let shares = entries.map { "\($0.type.value.rawValue):\(PythonFloat.repr(($0.weight?.value.value ?? 0) / 100))" }
            error(Messages.weightsAsPercentages, at: first.range, hint: Messages.didYouMean(shares.joined(separator: ", ")))
            return
        }
        for token in outOfRange {
            error(Messages.mustBe("a weight", "between 0 and 1"), at: token.range)
        }
    }

    /// `resources [density D] [max M] [amount N] [regen R]`: at least one key, each once.
    private mutating func resources(_ arguments: inout Arguments) -> ResourceSettings? {
        let errorsBefore = diagnostics.count
        let pairs = keyValues(&arguments, keys: CanonicalOrder.resourceKeys, what: "density, max, amount or regen")
        var settings = ResourceSettings()
        for (key, token) in pairs {
            switch key.text {
            case "density":
                guard let density = decimal(token, arguments) else { continue }
                guard density.value.value >= 0, density.value.value <= 1 else {
                    error(Messages.mustBe("density", "between 0 and 1"), at: token.range)
                    continue
                }
                settings.density = density
            case "max":
                guard let max = integer(token, arguments) else { continue }
                guard max.value > 0 else {
                    error(Messages.mustBe("max", "greater than 0"), at: token.range)
                    continue
                }
                settings.max = max
            case "amount":
                guard let amount = integer(token, arguments) else { continue }
                guard amount.value >= 0 else {
                    error(Messages.mustBe("amount", "at least 0"), at: token.range)
                    continue
                }
                settings.amount = amount
            default:
                // An integer is written as one; a decimal (VMT's files use 0.05) as a float.
                let regen: Located<ParamValue>
                if token.kind == .integer {
                    guard let value = integer(token, arguments) else { continue }
                    regen = Located(.int(value.value), at: value.range)
                } else {
                    guard let value = decimal(token, arguments) else { continue }
                    regen = Located(.float(value.value.value), at: value.range)
                }
                let negative: Bool
                switch regen.value {
                case .int(let v): negative = v < 0
                case .float(let v): negative = v < 0
                default: negative = false
                }
                guard !negative else {
                    error(Messages.mustBe("regen", "at least 0"), at: token.range)
                    continue
                }
                settings.regen = regen
            }
        }
        return diagnostics.count == errorsBefore ? settings : nil
    }

    /// `regime REGIME`.
    private mutating func regime(_ arguments: inout Arguments) -> Located<ExchangeRegime>? {
        guard let token = take(&arguments, "a regime") else { return nil }
        guard token.kind == .word else { return wrongKind(token, "a regime", arguments) }
        guard let regime = ExchangeRegime(rawValue: token.text) else {
            error(Messages.unknown("regime", token.text), at: token.range,
                  hint: Messages.suggestion(for: token.text, in: ExchangeRegime.allCases.map(\.rawValue)))
            return nil
        }
        return Located(regime, at: token.range)
    }

    /// `vmt VERSION`: one of `VMTTarget.names`.
    private mutating func target(_ arguments: inout Arguments) -> Located<VMTTarget>? {
        guard let token = take(&arguments, "a VMT version") else { return nil }
        guard let target = VMTTarget(rawValue: token.text) else {
            error(Messages.unknownTarget(token.text), at: token.range, hint: Messages.targetSuggestion(for: token.text))
            return nil
        }
        return Located(target, at: token.range)
    }

    /// `search NAME` (and `matching`, `bargaining`): a name of the kind's list. Anything after
    /// the name is a parameter, refused: no protocol takes one at VMT 2025-11 (6f7b3c7).
    private mutating func protocolChoice(_ arguments: inout Arguments, _ kind: ProtocolKind) -> Located<String>? {
        guard let token = take(&arguments, "a protocol name") else { return nil }
        guard token.kind == .word else { return wrongKind(token, "a protocol name", arguments) }
        guard kind.names.contains(token.text) else {
            error(Messages.unknownProtocol(kind, token.text), at: token.range,
                  hint: Messages.suggestion(for: token.text, in: kind.names))
            return nil
        }
        if let extra = arguments.next() {
            error(Messages.protocolParameter(kind), at: extra.range)
            arguments.skipAll()
            return nil
        }
        return Located(token.text, at: token.range)
    }

    /// `seed INT`: any size, kept as normalised text.
    private mutating func seed(_ arguments: inout Arguments) -> Located<String>? {
        guard let token = take(&arguments, "an integer") else { return nil }
        guard token.kind == .integer else { return wrongKind(token, "an integer", arguments) }
        return Located(RecipeRules.normalizedInteger(token.text), at: token.range)
    }

    /// `set PATH VALUE`: PATH is names joined by dots; VALUE is kept as a token.
    private mutating func setting(_ arguments: inout Arguments, line: SyntaxLine) -> Setting? {
        guard let pathToken = take(&arguments, "a parameter path") else { return nil }
        guard pathToken.kind == .word else { return wrongKind(pathToken, "a parameter path", arguments) }
        let components = pathToken.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard components.allSatisfy(RecipeRules.isName) else {
            error(Messages.invalidPath(pathToken.text), at: pathToken.range)
            return nil
        }
        if let first = firstSetting[pathToken.text] {
            duplicate(Messages.duplicateSetting(pathToken.text), line: line, first: first)
        } else {
            firstSetting[pathToken.text] = line.range
        }
        guard let value = take(&arguments, "a value") else { return nil }
        switch value.kind {
        case .word, .integer, .string:
            break
        case .decimal:
            guard decimal(value, arguments) != nil else { return nil }
        default:
            return wrongKind(value, "a value", arguments)
        }
        return Setting(path: Located(pathToken.text, at: pathToken.range), components: components, value: value)
    }

    /// `schedule forage F trade T [start forage|trade]` (keys in any order) or `schedule off`.
    private mutating func schedule(_ arguments: inout Arguments) -> Schedule? {
        if arguments.peek?.kind == .word, arguments.peek?.text == "off" {
            arguments.advance()
            return .off
        }
        let errorsBefore = diagnostics.count
        let pairs = keyValues(&arguments, keys: ["forage", "trade", "start"], what: "forage, trade, start or off")
        var forage: Located<Int>?
        var trade: Located<Int>?
        var start: Located<ModeSchedule.Mode>?
        for (key, token) in pairs {
            if key.text == "start" {
                guard token.kind == .word else {
                    reportWrongKind(token, "forage or trade", arguments)
                    continue
                }
                guard let mode = ModeSchedule.Mode(rawValue: token.text) else {
                    error(Messages.unknown("start mode", token.text), at: token.range,
                          hint: Messages.suggestion(for: token.text, in: ModeSchedule.Mode.allCases.map(\.rawValue)))
                    continue
                }
                start = Located(mode, at: token.range)
                continue
            }
            guard let ticks = integer(token, arguments) else { continue }
            guard ticks.value > 0 else {
                error(Messages.mustBe("\(key.text) ticks", "greater than 0"), at: token.range)
                continue
            }
            if key.text == "forage" { forage = ticks } else { trade = ticks }
        }
        guard diagnostics.count == errorsBefore else { return nil }
        guard let forage else {
            usageError(Messages.missingScheduleKey("forage"), at: arguments.keywordToken.range, arguments)
            return nil
        }
        guard let trade else {
            usageError(Messages.missingScheduleKey("trade"), at: arguments.keywordToken.range, arguments)
            return nil
        }
        return .cycle(forage: forage, trade: trade, start: start)
    }

    /// `output PATH`: relative, inside the output folder, a `.yaml` or `.yml` file.
    private mutating func output(_ arguments: inout Arguments) -> Located<String>? {
        guard let token = take(&arguments, "a path") else { return nil }
        guard token.kind == .word || token.kind == .string else { return wrongKind(token, "a path", arguments) }
        if let problem = RecipeRules.outputProblem(token.value) {
            error(Messages.badOutput(problem), at: token.range)
            return nil
        }
        return Located(token.value, at: token.range)
    }

    // MARK: Shared argument parsers

    /// `KEY VALUE` pairs, optionally separated by commas: at least one, each key once.
    mutating func keyValues(
        _ arguments: inout Arguments, keys: [String], what: String
    ) -> [(key: Token, value: Token)] {
        var pairs: [(key: Token, value: Token)] = []
        var seen: [String: SourceRange] = [:]
        var needsPair = true
        while needsPair {
            guard let key = take(&arguments, what) else { break }
            guard key.kind == .word else {
                reportWrongKind(key, what, arguments)
                arguments.skipAll()
                break
            }
            guard keys.contains(key.text) else {
                error(Messages.unknown("'\(arguments.keyword.rawValue)' key", key.text), at: key.range,
                      hint: Messages.suggestion(for: key.text, in: keys))
                if let next = arguments.peek, next.kind != .word, next.kind != .comma { arguments.advance() }
                needsPair = arguments.skipComma() || !arguments.isAtEnd
                continue
            }
            if let first = seen[key.text] {
                error(Messages.duplicateKey(key.text, keyword: arguments.keyword), at: key.range,
                      notes: [Diagnostic.Note(Messages.firstSetHere, at: first)])
            }
            seen[key.text] = seen[key.text] ?? key.range
            guard let value = take(&arguments, "a value") else { break }
            pairs.append((key, value))
            needsPair = arguments.skipComma() || !arguments.isAtEnd
        }
        return pairs
    }

    /// An integer token as an `Int`; errors for another kind or a value beyond `Int`.
    mutating func integer(_ token: Token, _ arguments: Arguments) -> Located<Int>? {
        guard token.kind == .integer else { return wrongKind(token, "an integer", arguments) }
        return boundedInteger(Located(token.text, at: token.range))
    }

    /// Integer text as an `Int`, or an error "is too large" / "is too small".
    private mutating func boundedInteger(_ text: Located<String>) -> Located<Int>? {
        if let value = Int(text.value) { return Located(value, at: text.range) }
        let message = Messages.integerOutOfRange(text.value, negative: text.value.hasPrefix("-"))
        error(message, at: text.range)
        return nil
    }

    /// An integer or decimal token as a finite `Double`, keeping its text.
    mutating func decimal(_ token: Token, _ arguments: Arguments) -> Located<DecimalLiteral>? {
        guard token.kind == .decimal || token.kind == .integer else {
            return wrongKind(token, "a number", arguments)
        }
        guard let value = Double(token.text), value.isFinite else {
            error(Messages.notFinite(token.text), at: token.range)
            return nil
        }
        return Located(DecimalLiteral(text: token.text, value: value), at: token.range)
    }

    /// The next argument, or an error "expected WHAT after PREVIOUS" with the usage line.
    mutating func take(_ arguments: inout Arguments, _ what: String) -> Token? {
        if let token = arguments.next() { return token }
        let previous = arguments.previous
        usageError(Messages.expected(what, after: previous), at: previous.range, arguments)
        return nil
    }

    /// Reports arguments left over once a directive has what it needs.
    /// For a directive that takes one name or path (`scenario`, `extends`, `output`), words after
    /// it are a name with spaces: the hint quotes them all (`scenario "my scenario"`).
    private mutating func finish(_ arguments: inout Arguments) {
        guard let extra = arguments.peek else { return }
        var hint: String?
        let plain: Set<TokenKind> = [.word, .integer, .decimal, .range]
        if [.scenario, .extends, .output].contains(arguments.keyword), arguments.all.allSatisfy({ plain.contains($0.kind) }) {
            let text = arguments.all.map(\.text).joined(separator: " ")
            // A name of a few words; a long run of words is no name, and the hint would flood.
            if text.unicodeScalars.count <= 40 { hint = Messages.didYouMean("\(arguments.keyword.rawValue) \"\(text)\"") }
        }
        usageError(Messages.extraArgument(extra, keyword: arguments.keyword), at: extra.range, arguments, hint: hint)
    }

    /// Reports an argument of the wrong kind, with the usage line; always nil.
    mutating func wrongKind<T>(_ token: Token, _ what: String, _ arguments: Arguments) -> T? {
        reportWrongKind(token, what, arguments)
        return nil
    }

    /// Reports an argument of the wrong kind, with the usage line.
    mutating func reportWrongKind(_ token: Token, _ what: String, _ arguments: Arguments) {
        usageError(Messages.expected(what, found: token), at: token.range, arguments)
    }

    // MARK: Reporting

    mutating func error(_ message: Message, at range: SourceRange,
                                notes: [Diagnostic.Note] = [], hint: String? = nil) {
        diagnostics.append(.error(message, at: range, notes: notes, hint: hint))
    }

    mutating func usageError(_ message: Message, at range: SourceRange, _ arguments: Arguments, hint: String? = nil) {
        error(message, at: range, notes: [Diagnostic.Note(Messages.usage(arguments.keyword))], hint: hint)
    }

    /// Reports `line` as a duplicate of the line at `first`.
    mutating func duplicate(_ message: Message, line: SyntaxLine, first: SourceRange) {
        error(message, at: line.range, notes: [Diagnostic.Note(Messages.firstSetHere, at: first)])
    }

    // MARK: Value checks

    /// Integer text without `+` and leading zeros; `-0` becomes `0`.
    static func normalizedInteger(_ text: String) -> String {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        let trimmed = digits.drop { $0 == "0" }
        if trimmed.isEmpty { return "0" }
        return (negative ? "-" : "") + trimmed
    }

    /// A name of a `set` path: a letter or `_`, then letters, digits and `_`.
    static func isName(_ text: String) -> Bool {
        guard let first = text.utf8.first, Byte.isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return text.utf8.allSatisfy { Byte.isLetter($0) || Byte.isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Why an output path is refused, or nil when it is fine.
    static func outputProblem(_ path: String) -> Messages.OutputProblem? {
        if path.isEmpty { return .empty }
        if path.hasPrefix("/") || path.hasPrefix("~") { return .absolute }
        if path.contains("\\") { return .backslash }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains("..") { return .parent }
        if segments.contains("") { return .emptySegment }
        let name = segments.last ?? Substring(path)
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return nil
        }
        return .extension
    }
}

/// A cursor over the arguments of one line.
struct Arguments {
    /// The directive being read.
    let keyword: Keyword
    /// The keyword token of the line.
    let keywordToken: Token
    private let tokens: TokenList
    private var index = 0

    /// Creates a cursor at the first argument of `line`.
    init(line: SyntaxLine, keyword: Keyword) {
        self.keyword = keyword
        self.keywordToken = line.keyword
        self.tokens = line.arguments
    }

    /// Every argument of the line, read or not.
    var all: TokenList { tokens }

    /// Whether every argument has been read.
    var isAtEnd: Bool { index >= tokens.count }

    /// The next argument, without reading it.
    var peek: Token? { isAtEnd ? nil : tokens[index] }

    /// The last token read (the keyword before the first argument).
    var previous: Token { index == 0 ? keywordToken : tokens[min(index, tokens.count) - 1] }

    /// Reads the next argument.
    mutating func next() -> Token? {
        guard let token = peek else { return nil }
        index += 1
        return token
    }

    /// The argument `offset` places after the next one, without reading it.
    func peek(at offset: Int) -> Token? {
        let position = index + offset
        return position < tokens.count ? tokens[position] : nil
    }

    /// Steps over the next argument.
    mutating func advance() {
        if !isAtEnd { index += 1 }
    }

    /// Steps over arguments while `predicate` holds.
    mutating func skip(while predicate: (Token) -> Bool) {
        while let token = peek, predicate(token) { index += 1 }
    }

    /// Steps over a comma if one is next; tells whether it did.
    mutating func skipComma() -> Bool {
        guard peek?.kind == .comma else { return false }
        index += 1
        return true
    }

    /// Steps over every remaining argument.
    mutating func skipAll() {
        index = tokens.count
    }
}
