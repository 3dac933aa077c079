/// One argument of the command line: its text, and the bytes it came as.
///
/// The bytes matter where the reference kept them: a NAME or `--output` path that is not valid
/// UTF-8 (Python keeps such bytes as lone surrogates, and gives the file system the original
/// bytes back). Everywhere else the text is used; bytes that are not UTF-8 read as U+FFFD.
struct CommandArgument: Sendable, Equatable {
    /// The argument as text (bytes that are not UTF-8 replaced by U+FFFD).
    let text: String
    /// The argument's bytes, exactly as given.
    let bytes: [UInt8]

    /// An argument given as text.
    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// An argument given as bytes.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the bytes are valid UTF-8 (then `text` holds them exactly).
    var isUTF8: Bool { Self.utf8Text(bytes) != nil }

    /// `bytes` as text when they are valid UTF-8, else nil (a decoding round trip: the same
    /// answer as `String(validating:as:)`, which needs macOS 15).
    static func utf8Text(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    /// The argument as Python holds it (`os.fsdecode`, UTF-8 with `surrogateescape`): the code
    /// points of valid UTF-8, and each other byte B as the lone surrogate U+DC00 + B.
    var pythonCodePoints: [UInt32] {
        var points: [UInt32] = []
        var index = 0
        while index < bytes.count {
            var iterator = bytes[index...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            if case .valid(let encoded) = parser.parseScalar(from: &iterator) {
                points.append(Unicode.UTF8.decode(encoded).value)
                index += encoded.count
            } else {
                points.append(0xDC00 + UInt32(bytes[index]))
                index += 1
            }
        }
        return points
    }

    /// The part after the first `=` (`--out=DIR` → `DIR`), bytes kept.
    var afterFirstEquals: CommandArgument {
        guard let index = bytes.firstIndex(of: UInt8(ascii: "=")) else { return CommandArgument(bytes: []) }
        return CommandArgument(bytes: Array(bytes[(index + 1)...]))
    }
}

/// What a command line gave a command: positionals and flag values, by the flags' long names.
struct ParsedArguments: Sendable {
    /// The arguments that are not flags, in order.
    var positionals: [CommandArgument] = []
    /// Each value flag's values, in order (one for a flag that is not repeatable: the last given).
    var values: [String: [CommandArgument]] = [:]
    /// The switches given, by long name.
    var switches: Set<String> = []

    /// The text of the flag's value (the last one given), or nil.
    func value(_ long: String) -> String? { values[long]?.last?.text }
    /// The flag's value (the last one given) with its bytes, or nil.
    func argument(_ long: String) -> CommandArgument? { values[long]?.last }
    /// Every value given for a repeatable flag, in order.
    func all(_ long: String) -> [String] { (values[long] ?? []).map(\.text) }
    /// Whether the switch was given.
    func has(_ long: String) -> Bool { switches.contains(long) }
    /// The positionals' texts.
    var paths: [String] { positionals.map(\.text) }
}

/// Reads a command's arguments by Python argparse's rules (3.11), from the command's declaration.
///
/// - An argument is a flag when it starts with `-`, unless it is `-` alone, a negative number
///   (`-5`, `-.5`, digits as Python's `\d` reads them), or holds a space and names no flag.
/// - `--name=value` is looked for before spaces: `'--utilities=ces, linear'` is the flag.
/// - A long flag may be shortened to a unique prefix (`--inv`); `-W` may carry more short
///   switches (`-Wh`); an ambiguous prefix is an error.
/// - A value flag takes the next argument only when that argument is not a flag (give a value
///   that starts with `-` joined: `--inventory-range=-5,10`); `--name=--` gives no value.
/// - The first `--` ends the flags; a `--` after it is a positional. For `generate`, NAME is
///   matched as argparse matches it, so a stray trailing `--` is an error there as in the reference.
/// - `-h`/`--help` ends reading at once (later problems are not reported); problems found
///   before it are. Each value is checked where it stands, so the first bad one is reported.
struct ArgumentReader {
    /// How one argument was classified (argparse's `O`, `A`, `-`).
    private enum Kind {
        /// A flag (known or not), with the option string matched and a joined value.
        case flag(FlagSpec?, option: String, joined: CommandArgument?)
        /// A positional (`A`).
        case positional
        /// The first `--` (`-`).
        case marker
    }

    /// The result of reading: arguments for the command, or a request for its help.
    enum Outcome {
        /// The command's arguments.
        case arguments(ParsedArguments)
        /// `-h` or `--help` was given.
        case help
    }

    /// The help flag every command takes (the reader handles it).
    static let helpFlag = FlagSpec(long: "--help", short: ["-h"], help: "show this help")

    let spec: CommandSpec
    /// Every option string with its flag, in argparse's order (`-h`, `--help`, then declared).
    private let options: [(name: String, flag: FlagSpec)]

    init(_ spec: CommandSpec) {
        self.spec = spec
        var options: [(String, FlagSpec)] = [("-h", Self.helpFlag), ("--help", Self.helpFlag)]
        for flag in spec.flags {
            options.append((flag.long, flag))
            for short in flag.short { options.append((short, flag)) }
        }
        self.options = options
    }

    /// Reads `arguments` (after the command's name).
    func read(_ arguments: [CommandArgument]) throws(CommandError) -> Outcome {
        var kinds: [Kind] = []
        var markerSeen = false
        for argument in arguments {
            if markerSeen {
                kinds.append(.positional)
            } else if argument.text == "--" {
                markerSeen = true
                kinds.append(.marker)
            } else {
                kinds.append(try classify(argument))
            }
        }
        var state = State(arguments: arguments, kinds: kinds)
        if spec.argparsePositionals {
            if try readLikeArgparse(&state) { return .help }
        } else {
            for index in arguments.indices {
                switch kinds[index] {
                case .marker: continue
                case .positional where !state.consumed.contains(index): state.parsed.positionals.append(arguments[index])
                case .positional: continue
                case .flag:
                    if try consumeFlag(at: index, &state) { return .help }
                }
            }
            try checkPositionalCounts(state)
        }
        if let unknown = state.unknown.first {
            let names = spec.flags.map(\.long) + ["--help"]
            throw .usage(CommandMessages.unknownFlag(unknown, command: spec.name)
                + (unknown.hasPrefix("--") ? FlagParsing.suggestion(unknown, names) : ""))
        }
        if !state.extras.isEmpty {
            let name = state.parsed.positionals.first?.text ?? ""
            guard let extra = state.extras.first(where: { $0.text != "--" }) else {
                throw .usage(CommandMessages.trailingDoubleDash)
            }
            throw .usage(CommandMessages.unexpectedArgument(extra.text, name: name))
        }
        return .arguments(state.parsed)
    }

    /// What reading has found so far.
    private struct State {
        let arguments: [CommandArgument]
        let kinds: [Kind]
        var parsed = ParsedArguments()
        /// Indices taken as values of flags.
        var consumed: Set<Int> = []
        /// Flags that name no declared flag, in order.
        var unknown: [String] = []
        /// Positionals beyond what the command takes (argparse mode).
        var extras: [CommandArgument] = []
    }

    // MARK: Classification

    /// argparse's `_parse_optional`: is `argument` a flag, and which?
    private func classify(_ argument: CommandArgument) throws(CommandError) -> Kind {
        let text = argument.text
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, first == "-" else { return .positional }
        if let flag = option(named: text) { return .flag(flag, option: text, joined: nil) }
        if scalars.count == 1 { return .positional }
        if let equals = scalars.firstIndex(of: "=") {
            let name = String(String.UnicodeScalarView(scalars[..<equals]))
            if let flag = option(named: name) { return .flag(flag, option: name, joined: argument.afterFirstEquals) }
        }
        let matches = prefixMatches(argument, scalars)
        if matches.count > 1 {
            throw .usage(CommandMessages.ambiguousOption(text, matches.map(\.option)))
        }
        if let only = matches.first { return only.kind }
        if Self.isNegativeNumber(scalars) { return .positional }
        if scalars.contains(" ") { return .positional }
        return .flag(nil, option: text, joined: nil)
    }

    private func option(named name: String) -> FlagSpec? {
        options.first { Self.same($0.name, name) }?.flag
    }

    /// argparse's `_get_option_tuples`: the flags a prefix may name.
    private func prefixMatches(_ argument: CommandArgument, _ scalars: [Unicode.Scalar]) -> [(option: String, kind: Kind)] {
        var result: [(String, Kind)] = []
        if scalars.count > 1, scalars[1] == "-" {
            var prefix = scalars[...]
            var joined: CommandArgument?
            if let equals = scalars.firstIndex(of: "=") {
                prefix = scalars[..<equals]
                joined = argument.afterFirstEquals
            }
            for (name, flag) in options where name.unicodeScalars.starts(with: prefix) {
                result.append((name, .flag(flag, option: name, joined: joined)))
            }
        } else {
            let short = String(String.UnicodeScalarView(scalars.prefix(2)))
            let rest = CommandArgument(bytes: Array(argument.bytes.dropFirst(short.utf8.count)))
            for (name, flag) in options {
                if Self.same(name, short) {
                    result.append((name, .flag(flag, option: name, joined: rest)))
                } else if name.unicodeScalars.starts(with: scalars) {
                    result.append((name, .flag(flag, option: name, joined: nil)))
                }
            }
        }
        return result
    }

    /// Equal scalar for scalar (Swift's `==` on strings would compare canonical equivalents).
    private static func same(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    /// argparse's `^-\d+$|^-\d*\.\d+$`, with `\d` any Unicode decimal digit as Python's `re` reads it.
    static func isNegativeNumber(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.first == "-" else { return false }
        let rest = scalars.dropFirst()
        let isDigit: (Unicode.Scalar) -> Bool = { $0.properties.numericType == .decimal }
        if !rest.isEmpty, rest.allSatisfy(isDigit) { return true }
        guard let point = rest.firstIndex(of: ".") else { return false }
        let before = rest[..<point], after = rest[(point + 1)...]
        return before.allSatisfy(isDigit) && !after.isEmpty && after.allSatisfy(isDigit)
    }

    // MARK: Consuming flags

    /// argparse's `consume_optional` for the flag at `index`; true when it asked for help.
    private func consumeFlag(at index: Int, _ state: inout State) throws(CommandError) -> Bool {
        guard case .flag(let found, var option, var joined) = state.kinds[index] else { return false }
        guard var flag = found else {
            state.unknown.append(state.arguments[index].text)
            return false
        }
        var help = false
        while true {
            guard flag.takesValue else {
                guard let rest = joined else {
                    if flag.long == "--help" { help = true } else { state.parsed.switches.insert(flag.long) }
                    return help
                }
                // `-Wh` is `-W -h`, as argparse reads joined short switches; `--check=yes`,
                // `-W=` and `-Wx` (no flag `-x`) are errors.
                let scalars = Array(option.unicodeScalars)
                guard scalars.count == 2, scalars[1] != "-", let next = rest.text.unicodeScalars.first,
                      let nextFlag = self.option(named: "-" + String(next)) else { throw ignored(option, rest) }
                if flag.long == "--help" { help = true } else { state.parsed.switches.insert(flag.long) }
                let remaining = String(String.UnicodeScalarView(rest.text.unicodeScalars.dropFirst()))
                option = "-" + String(next)
                flag = nextFlag
                joined = remaining.isEmpty ? nil : CommandArgument(remaining)
                continue
            }
            if joined?.text == "--" {
                // argparse drops `--` from a flag's values: `--output=--` leaves the flag an empty
                // list, which the reference takes as not given.
                switch flag.value {
                case .text: state.parsed.values[flag.long] = flag.repeatable ? state.parsed.values[flag.long] : [CommandArgument("")]
                case .choice: if !flag.repeatable { state.parsed.values[flag.long] = nil }
                default: throw .usage(CommandMessages.invalidInt(flag.long, "--"))
                }
                return help
            }
            let value: CommandArgument
            if let joined {
                value = joined
            } else {
                let next = index + 1
                guard next < state.arguments.count, case .positional = state.kinds[next], !state.consumed.contains(next) else {
                    let dashed = state.arguments.indices.contains(next) && state.arguments[next].text.hasPrefix("-")
                        && state.arguments[next].text != "--" ? state.arguments[next].text : nil
                    throw .usage(CommandMessages.expectedOneValue(flag.long, next: dashed))
                }
                state.consumed.insert(next)
                value = state.arguments[next]
            }
            try check(value, of: flag)
            if flag.repeatable {
                state.parsed.values[flag.long, default: []].append(value)
            } else {
                state.parsed.values[flag.long] = [value]
            }
            return help
        }
    }

    private func ignored(_ option: String, _ rest: CommandArgument) -> CommandError {
        let flag = self.option(named: option)
        let name = flag.map { $0.long == "--help" ? "-h/--help" : ($0.short + [$0.long]).joined(separator: "/") } ?? option
        if flag?.long != "--help", rest.text.isEmpty || option.hasPrefix("--") {
            return .usage(CommandMessages.takesNoValue(flag?.long ?? option))
        }
        return .usage(CommandMessages.ignoredExplicitArgument(name, rest.text))
    }

    /// argparse's `_get_value` and `_check_value` for one value of `flag`.
    private func check(_ value: CommandArgument, of flag: FlagSpec) throws(CommandError) {
        switch flag.value {
        case .none, .text:
            return
        case .integer:
            _ = try PythonNumbers.int64(value.text, flag: flag.long)
        case .bigInteger(let maxDigits):
            _ = try PythonNumbers.bigInteger(value.text, flag: flag.long, maxDigits: maxDigits)
        case .choice(let words):
            guard words.contains(where: { Self.same($0, value.text) }) else {
                throw .usage(CommandMessages.invalidChoice(flag.long, value.text, words)
                    + FlagParsing.suggestion(value.text, words))
            }
        }
    }

    // MARK: Positionals

    /// The positional counts the declaration allows, checked after intermixed reading.
    private func checkPositionalCounts(_ state: State) throws(CommandError) {
        let given = state.parsed.positionals
        let required = spec.positionals.filter { $0.count == .one || $0.count == .oneOrMore }
        if given.count < required.count {
            let missing = required[given.count]
            throw .usage(CommandMessages.needsArgument(spec.name, missing.name, missing.help))
        }
        if !spec.positionals.contains(where: { $0.count == .many || $0.count == .oneOrMore }) {
            let most = spec.positionals.count
            if given.count > most {
                let names = spec.positionals.map(\.name).joined(separator: " ")
                throw .usage(CommandMessages.tooManyArguments(spec.name, most: most, names: names, got: given[most].text))
            }
        }
    }

    /// argparse's `_parse_known_args` with one positional taken once (`generate NAME`): NAME is
    /// matched by `-*A-*` where the reading stands, as argparse's `consume_positionals` does.
    /// True when help was asked for.
    private func readLikeArgparse(_ state: inout State) throws(CommandError) -> Bool {
        let count = state.arguments.count
        let flagIndices = state.kinds.indices.filter { if case .flag = state.kinds[$0] { return true } else { return false } }
        var named = false
        func consumePositionals(_ start: Int, _ state: inout State) -> Int {
            guard !named else { return start }
            var index = start
            while index < count, case .marker = state.kinds[index] { index += 1 }
            guard index < count, case .positional = state.kinds[index] else { return start }
            state.parsed.positionals.append(state.arguments[index])
            index += 1
            while index < count, case .marker = state.kinds[index] { index += 1 }
            named = true
            return index
        }
        var start = 0
        let last = flagIndices.last ?? -1
        while start <= last {
            guard let next = flagIndices.first(where: { $0 >= start }) else { break }
            if start != next {
                let end = consumePositionals(start, &state)
                if end > start {
                    start = end
                    continue
                }
            }
            if !flagIndices.contains(start) {
                state.extras += state.arguments[start..<next]
                start = next
            }
            if try consumeFlag(at: start, &state) { return true }
            start += state.consumed.contains(start + 1) ? 2 : 1
        }
        let stop = consumePositionals(start, &state)
        if stop < count { state.extras += state.arguments[stop...] }
        if !named, let name = spec.positionals.first {
            throw .usage(CommandMessages.needsScenario(spec.name, name.name))
        }
        return false
    }
}
