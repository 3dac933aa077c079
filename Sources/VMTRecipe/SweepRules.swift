import VMTCore
// The rules of the sweep directives (`vary`, `pin`), the per-good `inventory`
// form and the `{field}` placeholders: the part of the rules stage that
// RecipeRules.swift hands these lines to. Types and ranges of the values are
// the resolver's; here only their shape is checked.

extension RecipeRules {
    // MARK: vary

    /// `vary FIELD VALUE, VALUE, ...` or `vary FIELD MIN..MAX`.
    mutating func variation(_ arguments: inout Arguments, line: SyntaxLine) -> Variation? {
        let errorsBefore = diagnostics.count
        guard let fieldToken = take(&arguments, "a field") else { return nil }
        guard fieldToken.kind == .word else { return wrongKind(fieldToken, "a field", arguments) }
        let field = fieldToken.text
        guard let varyField = VaryField(field) else {
            if let path = Placeholders.setPath(field) {
                error(Messages.invalidPath(path), at: fieldToken.range)
            } else {
                error(Messages.unknown("vary field", field), at: fieldToken.range, hint: Placeholders.hint(for: field))
            }
            return nil
        }
        if let first = firstVariation[varyField] {
            duplicate(Messages.duplicateEntry(.vary, field), line: line, first: first)
        } else {
            firstVariation[varyField] = line.range
        }
        guard let values = commaList(&arguments, what: "a value", items: "values") else { return nil }
        var seen: [ValueKey: Token] = [:]
        for token in values {
            guard let key = valueKey(token, arguments) else { continue }
            if let first = seen[key] {
                error(Messages.listedTwice(token.text, first: first.text), at: token.range,
                      notes: [Diagnostic.Note(Messages.firstListedHere, at: first.range)],
                      hint: Messages.listedTwiceHint(field))
            } else {
                seen[key] = token
            }
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return Variation(field: Located(varyField, at: fieldToken.range), values: values)
    }

    /// What makes two `vary` values the same.
    enum ValueKey: Hashable {
        /// An integer, as normalised text (any size).
        case integer(String)
        /// A decimal's value (finite; `0.5` and `.5` are the same).
        case decimal(Double)
        /// The text of a word or string (`mixed` and `"mixed"` are the same).
        case text(String)
        /// A range's bounds, as normalised text.
        case range(String, String)
    }

    /// The key of one `vary` value, or nil (and an error) when it is not an integer,
    /// finite decimal, word, string or range with MIN ≤ MAX.
    private mutating func valueKey(_ token: Token, _ arguments: Arguments) -> ValueKey? {
        switch token.kind {
        case .integer:
            return .integer(RecipeRules.normalizedInteger(token.text))
        case .decimal:
            return decimal(token, arguments).map { .decimal($0.value.value) }
        case .word, .string:
            return .text(token.value)
        case .range:
            guard let bounds = token.bounds else { return wrongKind(token, "a value", arguments) }
            let lower = RecipeRules.normalizedInteger(bounds.lower.value)
            let upper = RecipeRules.normalizedInteger(bounds.upper.value)
            guard RecipeRules.compareIntegers(lower, upper) <= 0 else {
                error(Messages.emptyRange(token.text), at: token.range)
                return nil
            }
            return .range(lower, upper)
        default:
            return wrongKind(token, "a value", arguments)
        }
    }

    // MARK: pin

    /// `pin TYPE.PARAM VALUE`: TYPE a utility type, PARAM one of its parameters, VALUE a finite number.
    mutating func pin(_ arguments: inout Arguments, line: SyntaxLine) -> Pin? {
        let what = "TYPE.PARAM (such as ces.rho)"
        guard let token = take(&arguments, what) else { return nil }
        let text = token.text
        guard token.kind == .word, let dot = text.utf8.firstIndex(of: Byte.dot),
              dot != text.utf8.startIndex, text.utf8.index(after: dot) != text.utf8.endIndex
        else { return wrongKind(token, what, arguments) }
        let typeText = String(text[..<dot])
        let parameterText = String(text[text.index(after: dot)...])
        let typeLength = typeText.utf8.count
        let typeRange = RecipeRules.range(in: token, from: 0, to: typeLength)
        let parameterRange = RecipeRules.range(in: token, from: typeLength + 1, to: text.utf8.count)
        guard let type = UtilityType(rawValue: typeText) else {
            error(Messages.unknown("utility type", typeText), at: typeRange,
                  hint: Messages.suggestion(for: typeText, in: UtilityType.names))
            return nil
        }
        guard type.parameterNames.contains(parameterText) else {
            error(Messages.unknown("\(type.rawValue) parameter", parameterText), at: parameterRange,
                  hint: Messages.suggestion(for: parameterText, in: type.parameterNames))
            return nil
        }
        let key = "\(type.rawValue).\(parameterText)"
        if let first = firstPin[key] {
            duplicate(Messages.duplicateEntry(.pin, key), line: line, first: first)
        } else {
            firstPin[key] = line.range
        }
        guard let valueToken = take(&arguments, "a number"), let value = decimal(valueToken, arguments) else { return nil }
        return Pin(type: Located(type, at: typeRange), parameter: Located(parameterText, at: parameterRange), value: value)
    }

    // MARK: inventory GOOD V, V, ...

    /// `inventory GOOD V, V, ...` or `inventory GOOD V each`: GOOD is `A`, `B` or `M`; each V an
    /// integer ≥ 0 that fits `Int`.
    mutating func stock(_ arguments: inout Arguments, line: SyntaxLine) -> ExplicitStock? {
        let errorsBefore = diagnostics.count
        guard let goodToken = take(&arguments, "a good") else { return nil }
        guard goodToken.kind == .word, let good = Good(rawValue: goodToken.text) else {
            if let range = RecipeRules.dashedRange(goodToken) {
                error(Messages.dashedRange(goodToken.text), at: goodToken.range, hint: Messages.didYouMean(range))
                return nil
            }
            let names = Good.allCases.map(\.rawValue)
            let upper = Good(rawValue: goodToken.text.uppercased())
            error(Messages.unknown("good", goodToken.text), at: goodToken.range,
                  hint: upper.map { Messages.writeUpperCase($0.rawValue) } ?? Messages.oneOf(names))
            return nil
        }
        if let first = firstStock[good] {
            duplicate(Messages.duplicateEntry(.inventory, good.rawValue), line: line, first: first)
        } else {
            firstStock[good] = line.range
        }
        // `inventory A 5 each`: one value for every agent.
        if let first = arguments.peek, first.kind == .integer || first.kind == .decimal, arguments.peek(at: 1)?.kind == .word,
           arguments.peek(at: 1)?.text == "each" {
            arguments.advance()
            arguments.advance()
            guard let value = integer(first, arguments) else { return nil }
            guard value.value >= 0 else {
                error(Messages.mustBe("a stock", "at least 0"), at: first.range)
                return nil
            }
            return ExplicitStock(good: Located(good, at: goodToken.range), values: [value], each: true)
        }
        guard let tokens = commaList(&arguments, what: "an integer", items: "stocks") else { return nil }
        var values = LocatedIntegers()
        for token in tokens {
            guard let value = integer(token, arguments) else { continue }
            guard value.value >= 0 else {
                error(Messages.mustBe("a stock", "at least 0"), at: token.range)
                continue
            }
            values.append(value)
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return ExplicitStock(good: Located(good, at: goodToken.range), values: values)
    }

    // MARK: Set and varied

    /// Reports each field that the file both sets plainly and varies, once, at
    /// the later of the two lines, with a note at the other.
    mutating func checkSetAndVaried(_ directives: [Directive]) {
        var plain: [VaryField: SourceRange] = [:]
        var varied: [VaryField: SourceRange] = [:]
        var reported = Set<VaryField>()
        for directive in directives {
            if case .vary(let variation) = directive.value {
                let field = variation.field.value
                if let other = plain[field], reported.insert(field).inserted {
                    error(Messages.setAndVaried(field.name), at: directive.range,
                          notes: [Diagnostic.Note(Messages.setHere, at: other)])
                }
                varied[field] = varied[field] ?? directive.range
                continue
            }
            for field in RecipeRules.plainFields(directive.value) {
                if let other = varied[field], reported.insert(field).inserted {
                    error(Messages.setAndVaried(field.name), at: directive.range,
                          notes: [Diagnostic.Note(Messages.variedHere, at: other)])
                }
                plain[field] = plain[field] ?? directive.range
            }
        }
    }

    /// The `vary` fields a plain directive sets (`resources amount` sets none: it cannot be varied).
    static func plainFields(_ value: Directive.Value) -> [VaryField] {
        switch value {
        case .agents: return [.agents]
        case .grid: return [.grid]
        case .regime: return [.regime]
        case .seed: return [.seed]
        case .inventory: return [.inventory]
        case .money: return [.money]
        case .resources(let settings):
            return [
                settings.density.map { _ in VaryField.resourcesDensity },
                settings.max.map { _ in VaryField.resourcesMax },
                settings.regen.map { _ in VaryField.resourcesRegen },
            ].compactMap { $0 }
        case .set(let setting): return [.parameter(setting.path.value)]
        case .protocolChoice(let kind, _): return [.protocolChoice(kind)]
        case .scenario, .template, .extends, .utilities, .utility, .schedule, .pin, .vary, .stock, .output, .target:
            return []
        }
    }

    // MARK: Placeholders

    /// Reports the first problem with the braces of a `scenario` or `output` argument:
    /// at the exact characters in a word, at the whole token in a string.
    mutating func checkPlaceholders(_ token: Token) {
        guard let issue = Placeholders.parse(token.value).issues.first else { return }
        let range = token.kind == .word
            ? RecipeRules.range(in: token, from: issue.offset, to: issue.offset + issue.length)
            : token.range
        let bytes = Array(token.value.utf8)
        let end = min(bytes.count, issue.offset + issue.length)
        let text = issue.offset < end ? String(decoding: bytes[issue.offset..<end], as: UTF8.self) : ""
        switch issue.problem {
        case .unclosed:
            error(Messages.unclosedPlaceholder(text), at: range)
        case .nested:
            error(Messages.nestedPlaceholder, at: range)
        case .stray:
            error(Messages.strayBrace, at: range)
        case .empty:
            error(Messages.emptyPlaceholder, at: range)
        case .unknownField(let name):
            error(Messages.unknownPlaceholder(name), at: range, hint: Placeholders.hint(for: name))
        }
    }

    /// The first `{` or `}` in the word arguments, with its one-character range.
    static func firstBrace(in tokens: some Sequence<Token>) -> (character: Character, range: SourceRange)? {
        for token in tokens where token.kind == .word {
            guard let offset = token.text.utf8.firstIndex(where: { $0 == Byte.openBrace || $0 == Byte.closeBrace })
            else { continue }
            let start = token.text.utf8.distance(from: token.text.utf8.startIndex, to: offset)
            let brace: Character = token.text.utf8[offset] == Byte.openBrace ? "{" : "}"
            return (brace, range(in: token, from: start, to: start + 1))
        }
        return nil
    }

    // MARK: Helpers

    /// `MIN..MAX` for a word written `MIN-MAX` (`10-60` → `10..60`), else nil.
    static func dashedRange(_ token: Token) -> String? {
        guard token.kind == .word else { return nil }
        let text = token.text
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard let dash = body.firstIndex(of: "-") else { return nil }
        let lower = text[..<dash], upper = body[body.index(after: dash)...]
        let isInteger = { (part: Substring) -> Bool in
            let digits = part.hasPrefix("-") || part.hasPrefix("+") ? part.dropFirst() : part
            return !digits.isEmpty && digits.utf8.allSatisfy(Byte.isDigit)
        }
        guard isInteger(lower), isInteger(upper) else { return nil }
        return "\(lower)..\(upper)"
    }

    /// `MIN..MAX` for two integers written where one range goes, separated by a comma or a space
    /// (`inventory 10,60` or `inventory 10 60`, as `generate` spells a range): `token` is the
    /// first integer and `arguments` is right after it. Nil for anything else.
    static func separatedRange(_ token: Token, _ arguments: Arguments) -> String? {
        guard token.kind == .integer, let next = arguments.peek else { return nil }
        if next.kind == .integer { return "\(token.text)..\(next.text)" }
        if next.kind == .comma, let upper = arguments.peek(at: 1), upper.kind == .integer, arguments.peek(at: 2) == nil {
            return "\(token.text)..\(upper.text)"
        }
        return nil
    }

    /// Items separated by commas: at least one; an item is any token but `,` and `:`.
    /// Reports a missing item, a misplaced `,` or `:`, and two items without a comma.
    mutating func commaList(_ arguments: inout Arguments, what: String, items: String) -> TokenList? {
        var list = TokenList()
        while true {
            guard let token = take(&arguments, what) else { return nil }
            guard token.kind != .comma, token.kind != .colon else { return wrongKind(token, what, arguments) }
            list.append(token)
            guard let next = arguments.peek else { return list }
            guard next.kind == .comma else {
                usageError(Messages.expected("',' between \(items)", found: next), at: next.range, arguments,
                           hint: RecipeRules.commaHint(list, arguments))
                return nil
            }
            arguments.advance()
        }
    }

    /// "did you mean 'a, b, c'?" for items written without their commas (`vary bargaining
    /// split_difference take_it_or_leave_it`): `list` the items read so far, `arguments` at the
    /// item that lacks its comma. Nil when a later token is no item (a `:`), so no list is sure.
    static func commaHint(_ list: TokenList, _ arguments: Arguments) -> String? {
        var texts = list.map(\.text)
        var offset = 0
        while let token = arguments.peek(at: offset) {
            offset += 1
            if token.kind == .comma { continue }
            guard token.kind != .colon else { return nil }
            texts.append(token.text)
        }
        return Messages.didYouMean(texts.joined(separator: ", "))
    }

    /// The range of the UTF-8 offsets `from..<to` of an ASCII token (a word), on its line.
    static func range(in token: Token, from: Int, to: Int) -> SourceRange {
        let length = token.range.end.offset - token.range.start.offset
        let lower = max(0, min(from, length))
        let upper = max(lower, min(to, length))
        let start = token.range.start
        return SourceRange(
            file: token.range.file,
            start: SourcePosition(line: start.line, column: start.column + lower, offset: start.offset + lower),
            end: SourcePosition(line: start.line, column: start.column + upper, offset: start.offset + upper)
        )
    }

    /// Compares two normalised integer texts (see `normalizedInteger`) of any size:
    /// negative when `a < b`, zero when equal, positive when `a > b`.
    static func compareIntegers(_ a: String, _ b: String) -> Int {
        let negativeA = a.hasPrefix("-")
        let negativeB = b.hasPrefix("-")
        if negativeA != negativeB { return negativeA ? -1 : 1 }
        let digitsA = a.utf8.count
        let digitsB = b.utf8.count
        var order: Int
        if digitsA != digitsB {
            order = digitsA < digitsB ? -1 : 1
        } else if a == b {
            order = 0
        } else {
            order = a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        }
        return negativeA ? -order : order
    }
}
