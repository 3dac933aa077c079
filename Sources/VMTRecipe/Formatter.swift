import VMTCore
// The printer: syntax lines in, canonical text out (like Go's modfile
// print.go). It prints what the reader kept (tokens and comments), never the
// typed directives, so every comment survives and every number keeps its text.
// `vmt-dsl fmt` is this function plus file handling; the rules it follows are
// written down in grammar/directives.md, "Formatting".

/// Prints a recipe file in canonical form.
///
/// The canonical form: one directive per line, no indentation, one space
/// between tokens, `, ` between list items, `:` tight around a weight,
/// numbers as written, strings re-quoted (`\"` and `\\` escapes); directives
/// in the order of `CanonicalOrder.table`; the `resources` and `schedule`
/// keys in their canonical order, without commas. Every comment stays: the
/// head comment block at the top followed by one blank line, a comment block
/// above a directive moves with it, a trailing comment stays on its line
/// after one space, comments after the last directive stay at the end. A
/// blank line (never more than one) is kept before a directive or comment
/// that had one, except at the top of the file. Line breaks are LF; a file
/// with any content ends with exactly one; a file without any is empty.
///
/// Format only a file that parsed without errors: the reader leaves out the
/// lines it could not read, so they would be missing from the output. The
/// result is stable: formatting it again gives the same text, and it parses
/// to the same typed directives (in canonical order).
public func formatRecipe(_ file: SyntaxFile) -> String {
    var printer = RecipePrinter()
    printer.print(file)
    return printer.text
}

/// How the lines of one keyword are ordered among themselves.
enum LineOrder: Sendable {
    /// At most one line per file (a second is an error); a duplicate keeps its place after the first.
    case single
    /// Sorted by the text of the first argument (the `set` path, the `pin`
    /// TYPE.PARAM), in byte order.
    case byFirstArgument
    /// In file order, because the order carries meaning (`vary` lines name
    /// their variants, and order their combinations, in the order written).
    case asWritten
    /// The `inventory` lines: the `MIN..MAX` form first, then the per-good
    /// lines in the order A, B, M (anything else after them, in file order).
    case rangeThenGoods
}

/// One row of the canonical order: a keyword and how its lines are ordered.
struct DirectivePlacement: Sendable {
    /// The directive.
    let keyword: Keyword
    /// How several lines of this directive are ordered.
    let order: LineOrder
}

/// The one table that fixes the canonical order of directives.
enum CanonicalOrder {
    /// Every keyword once, in the order `fmt` prints them, which is the order
    /// of the `Keyword` enum: the recipe's identity first (`scenario`,
    /// `template`, `extends`), then the fields in the order of the language
    /// reference, then `pin` (fixed values) and `vary` (the sweep), `output`
    /// last. A test checks that every `Keyword` has a row.
    static let table: [DirectivePlacement] = [
        DirectivePlacement(keyword: .scenario, order: .single),
        DirectivePlacement(keyword: .template, order: .single),
        DirectivePlacement(keyword: .extends, order: .single),
        DirectivePlacement(keyword: .vmt, order: .single),
        DirectivePlacement(keyword: .agents, order: .single),
        DirectivePlacement(keyword: .grid, order: .single),
        DirectivePlacement(keyword: .inventory, order: .rangeThenGoods),
        DirectivePlacement(keyword: .money, order: .single),
        DirectivePlacement(keyword: .utilities, order: .single),
        DirectivePlacement(keyword: .utility, order: .asWritten),
        DirectivePlacement(keyword: .resources, order: .single),
        DirectivePlacement(keyword: .regime, order: .single),
        DirectivePlacement(keyword: .seed, order: .single),
        DirectivePlacement(keyword: .set, order: .byFirstArgument),
        DirectivePlacement(keyword: .schedule, order: .single),
        DirectivePlacement(keyword: .search, order: .single),
        DirectivePlacement(keyword: .matching, order: .single),
        DirectivePlacement(keyword: .bargaining, order: .single),
        DirectivePlacement(keyword: .pin, order: .byFirstArgument),
        DirectivePlacement(keyword: .vary, order: .asWritten),
        DirectivePlacement(keyword: .output, order: .single),
    ]

    /// The keys of `resources`, in the order `fmt` prints them.
    static let resourceKeys = ["density", "max", "amount", "regen"]
    /// The keys of a `utility` line after its type, in the order `fmt` prints them: `weight`,
    /// then the type's parameters in the order VMT's files write them.
    static func utilityKeys(_ type: UtilityType) -> [String] { ["weight"] + type.parameterNames }
    /// The keys of `schedule`, in the order `fmt` prints them.
    static let scheduleKeys = ["forage", "trade", "start"]

    /// The row of a keyword's text and its position in the table; nil for
    /// a word that is no keyword (such lines go last, in file order).
    static func placement(of keyword: String) -> (rank: Int, order: LineOrder)? {
        for (rank, row) in table.enumerated() where row.keyword.rawValue == keyword {
            return (rank, row.order)
        }
        return nil
    }
}

/// Builds the canonical text of one file, line by line.
struct RecipePrinter {
    /// The output lines so far; an empty string is a blank line.
    private var lines: [String] = []

    /// The text printed so far: the lines joined by LF, with a final LF when there is any.
    var text: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Prints a whole file: head comments, directives in canonical order, end comments.
    mutating func print(_ file: SyntaxFile) {
        for (index, comment) in file.headComments.enumerated() {
            emit(Self.commentText(comment), blankBefore: index > 0 && comment.blankLinesBefore > 0)
        }
        var blankAfterHead = !file.headComments.isEmpty
        for unit in Self.canonicalUnits(file.lines) {
            print(unit, blankBefore: blankAfterHead || unit.blankBefore)
            blankAfterHead = false
        }
        for comment in file.trailingComments {
            emit(Self.commentText(comment), blankBefore: blankAfterHead || comment.blankLinesBefore > 0)
            blankAfterHead = false
        }
    }

    /// A directive line with the comments above it: what moves as one piece.
    struct Unit {
        /// The line and its comments.
        var line: SyntaxLine
        /// Whether a blank line came before the piece (its first comment, or
        /// the line itself); false for the first directive of the file, whose
        /// blank line, if any, separated it from the head comments.
        var blankBefore: Bool
    }

    /// The lines as units, sorted into canonical order (stable).
    static func canonicalUnits(_ lines: [SyntaxLine]) -> [Unit] {
        let units = lines.enumerated().map { index, line in
            let blank = (line.leadingComments.first?.blankLinesBefore ?? line.blankLinesBefore) > 0
            return (index: index, unit: Unit(line: line, blankBefore: index > 0 && blank))
        }
        let unknownRank = CanonicalOrder.table.count
        return units.sorted { a, b in
            let placeA = CanonicalOrder.placement(of: a.unit.line.keyword.text)
            let placeB = CanonicalOrder.placement(of: b.unit.line.keyword.text)
            let rankA = placeA?.rank ?? unknownRank
            let rankB = placeB?.rank ?? unknownRank
            if rankA != rankB { return rankA < rankB }
            switch placeA?.order {
            case .byFirstArgument?:
                let keyA = a.unit.line.arguments.first?.text ?? ""
                let keyB = b.unit.line.arguments.first?.text ?? ""
                if keyA != keyB { return keyA.utf8.lexicographicallyPrecedes(keyB.utf8) }
            case .rangeThenGoods?:
                let keyA = goodRank(a.unit.line), keyB = goodRank(b.unit.line)
                if keyA != keyB { return keyA < keyB }
            case .single?, .asWritten?, nil:
                break
            }
            return a.index < b.index
        }.map(\.unit)
    }

    /// The place of an `inventory` line: 0 for the range form (any first
    /// argument that is not a word), 1, 2, 3 for the goods A, B, M, 4 for another word.
    static func goodRank(_ line: SyntaxLine) -> Int {
        guard let first = line.arguments.first, first.kind == .word else { return 0 }
        guard let index = Good.allCases.firstIndex(where: { $0.rawValue == first.text }) else {
            return Good.allCases.count + 1
        }
        return index + 1
    }

    /// Prints one unit: its comments (with their blank lines), then the line and its trailing comment.
    private mutating func print(_ unit: Unit, blankBefore: Bool) {
        var blank = blankBefore
        for (index, comment) in unit.line.leadingComments.enumerated() {
            emit(Self.commentText(comment), blankBefore: index == 0 ? blank : comment.blankLinesBefore > 0)
            blank = false
        }
        if !unit.line.leadingComments.isEmpty { blank = unit.line.blankLinesBefore > 0 }
        var text = Self.lineText(unit.line)
        if let comment = unit.line.trailingComment {
            text += " " + Self.commentText(comment)
        }
        emit(text, blankBefore: blank)
    }

    /// Appends a line, after one blank line when asked and when something precedes it.
    private mutating func emit(_ text: String, blankBefore: Bool) {
        if blankBefore, let last = lines.last, !last.isEmpty {
            lines.append("")
        }
        lines.append(text)
    }

    // MARK: Text of lines and tokens

    /// A comment as printed: its text without blanks at the end.
    static func commentText(_ comment: Comment) -> String {
        var text = Substring(comment.text)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }

    /// A directive line as printed, without its trailing comment.
    static func lineText(_ line: SyntaxLine) -> String {
        let arguments: TokenList
        switch line.keyword.text {
        case Keyword.resources.rawValue:
            arguments = sortedPairs(Array(line.arguments), keys: CanonicalOrder.resourceKeys).map(TokenList.init) ?? line.arguments
        case Keyword.schedule.rawValue:
            arguments = sortedPairs(Array(line.arguments), keys: CanonicalOrder.scheduleKeys).map(TokenList.init) ?? line.arguments
        case Keyword.utility.rawValue:
            guard let typeToken = line.arguments.first, let type = UtilityType(rawValue: typeToken.text) else {
                arguments = line.arguments
                break
            }
            let rest = Array(line.arguments.dropFirst())
            arguments = TokenList([typeToken] + (rest.isEmpty ? [] : sortedPairs(rest, keys: CanonicalOrder.utilityKeys(type)) ?? rest))
        default:
            arguments = line.arguments
        }
        var text = joined(CollectionOfOne(line.keyword))
        if !arguments.isEmpty {
            text.reserveCapacity(line.range.end.offset - line.range.start.offset + arguments.count)
            text += joined(arguments, afterToken: true)
        }
        return text
    }

    /// Tokens joined by the spacing rules: one space between tokens, none
    /// before `,` or around `:`.
    /// `afterToken`: the text follows a token already printed (and not a `:`).
    static func joined<Tokens: Sequence<Token>>(_ tokens: Tokens, afterToken: Bool = false) -> String {
        var text = ""
        var previous: TokenKind? = afterToken ? .word : nil
        for token in tokens {
            switch token.kind {
            case .comma, .colon:
                text += token.text
            default:
                if previous != nil, previous != .colon { text += " " }
                text += tokenText(token)
            }
            previous = token.kind
        }
        return text
    }

    /// A token as printed: a string re-quoted from its value, anything else as written.
    static func tokenText(_ token: Token) -> String {
        guard token.kind == .string else { return token.text }
        var text = "\""
        for character in token.value.unicodeScalars {
            if character == "\"" || character == "\\" { text += "\\" }
            text.unicodeScalars.append(character)
        }
        return text + "\""
    }

    /// `KEY VALUE` pairs (optionally separated by commas) in the order of
    /// `keys`, without the commas; nil when the tokens are not such pairs of
    /// distinct known keys, so that the line is printed as written.
    static func sortedPairs(_ tokens: [Token], keys: [String]) -> [Token]? {
        var pairs: [(rank: Int, key: Token, value: Token)] = []
        var index = 0
        while index < tokens.count {
            if !pairs.isEmpty, tokens[index].kind == .comma {
                index += 1
            }
            guard index + 1 < tokens.count else { return nil }
            let key = tokens[index]
            let value = tokens[index + 1]
            guard key.kind == .word, let rank = keys.firstIndex(of: key.text),
                  !pairs.contains(where: { $0.rank == rank }),
                  value.kind != .comma, value.kind != .colon
            else { return nil }
            pairs.append((rank, key, value))
            index += 2
        }
        guard !pairs.isEmpty else { return nil }
        return pairs.sorted { $0.rank < $1.rank }.flatMap { [$0.key, $0.value] }
    }
}
