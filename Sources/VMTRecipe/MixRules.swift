import VMTCore
// The rules of `utility TYPE [weight W] [PARAM V]...`: one entry of the utility mix per line,
// with its own explicit parameters (the part of the rules stage RecipeRules.swift hands these
// lines to), and the checks across the `utility` lines of one file.

extension RecipeRules {
    /// `utility TYPE [weight W] [PARAM V]...`: a known type; `weight` between 0 and 1; each PARAM
    /// one of the type's parameters, at most once, with a finite number (its range is the
    /// resolver's check, against VMT's loader rules).
    mutating func utilityLine(_ arguments: inout Arguments) -> UtilityLine? {
        let errorsBefore = diagnostics.count
        guard let typeToken = take(&arguments, "a utility type") else { return nil }
        guard typeToken.kind == .word else { return wrongKind(typeToken, "a utility type", arguments) }
        guard let type = UtilityType(rawValue: typeToken.text) else {
            error(Messages.unknown("utility type", typeToken.text), at: typeToken.range,
                  hint: Messages.suggestion(for: typeToken.text, in: UtilityType.names))
            return nil
        }
        var weight: Located<DecimalLiteral>?
        var parameters: [UtilityLine.Parameter] = []
        var seen: [String: SourceRange] = [:]
        let keys = ["weight"] + type.parameterNames
        while let key = arguments.next() {
            guard key.kind == .word else {
                reportWrongKind(key, "weight or a \(type.rawValue) parameter", arguments)
                arguments.skipAll()
                break
            }
            guard keys.contains(key.text) else {
                error(Messages.unknown("\(type.rawValue) parameter", key.text), at: key.range,
                      hint: Messages.suggestion(for: key.text, in: keys))
                if let next = arguments.peek, next.kind != .word { arguments.advance() }
                continue
            }
            if let first = seen[key.text] {
                error(Messages.duplicateKey(key.text, keyword: .utility), at: key.range,
                      notes: [Diagnostic.Note(Messages.firstSetHere, at: first)])
            }
            seen[key.text] = seen[key.text] ?? key.range
            guard let valueToken = take(&arguments, "a number"), let value = decimal(valueToken, arguments) else {
                arguments.skipAll()
                break
            }
            if key.text == "weight" {
                guard value.value.value >= 0, value.value.value <= 1 else {
                    error(Messages.mustBe("a weight", "between 0 and 1"), at: valueToken.range)
                    continue
                }
                weight = value
            } else {
                parameters.append(UtilityLine.Parameter(name: Located(key.text, at: key.range), value: value))
            }
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return UtilityLine(type: Located(type, at: typeToken.range), weight: weight, parameters: parameters)
    }

    /// Across the lines of one file: the mix is given by `utilities` or by `utility` lines, not
    /// both; and the `utility` lines give a weight on every line or on none.
    mutating func checkUtilityLines(_ directives: [Directive]) {
        let listLine = directives.first { $0.keyword == .utilities }
        let lines = directives.filter { $0.keyword == .utility }
        guard let first = lines.first else { return }
        if let listLine {
            let later = listLine.range.start.offset > first.range.start.offset ? listLine : first
            let other = later.range == listLine.range ? first : listLine
            error(Messages.utilitiesAndUtility, at: later.range, notes: [Diagnostic.Note(Messages.firstSetHere, at: other.range)])
            return
        }
        let weighted = { (directive: Directive) -> Bool in
            if case .utility(let line) = directive.value { return line.weight != nil }
            return false
        }
        if let odd = lines.first(where: { weighted($0) != weighted(first) }) {
            error(Messages.mixedWeights, at: odd.range)
        }
    }
}
