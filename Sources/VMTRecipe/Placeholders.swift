import VMTCore
// The sweep vocabulary shared by the rules and the resolver: the fields
// `vary` accepts, and the `{field}` placeholders of `scenario` and `output`
// that name them.

/// A field `vary` can vary, as `vary` and `{placeholders}` name it.
public enum VaryField: Hashable, Sendable, CustomStringConvertible {
    /// `agents`.
    case agents
    /// `grid`.
    case grid
    /// `regime`.
    case regime
    /// `seed`.
    case seed
    /// `inventory` (a MIN..MAX range).
    case inventory
    /// `money` (a MIN..MAX range).
    case money
    /// `resources.density`.
    case resourcesDensity
    /// `resources.max`.
    case resourcesMax
    /// `resources.regen`.
    case resourcesRegen
    /// `search`, `matching`, `bargaining`: a trade protocol by name (`vmt 2025-11`); each value is
    /// checked as the directive's name is (VMT703), and the target as for the directive (VMT705).
    case protocolChoice(ProtocolKind)
    /// `set.PATH`: a `params` entry by its dotted path (names joined by dots; the schema check
    /// is the resolver's).
    case parameter(String)

    /// Every field but `set.PATH`, in the order of the language reference.
    public static let fixed: [VaryField] = [
        .agents, .grid, .regime, .seed, .inventory, .money, .resourcesDensity, .resourcesMax, .resourcesRegen,
    ] + ProtocolKind.allCases.map(VaryField.protocolChoice)

    /// The field a name stands for: one of `fixed`, or `set.` and a path; nil for any other text.
    public init?(_ name: String) {
        if let known = VaryField.fixed.first(where: { $0.name == name }) {
            self = known
        } else if let path = Placeholders.setPath(name), Placeholders.isPath(path) {
            self = .parameter(path)
        } else {
            return nil
        }
    }

    /// The name as written: `resources.density`, `set.beta`.
    public var name: String {
        switch self {
        case .agents: return "agents"
        case .grid: return "grid"
        case .regime: return "regime"
        case .seed: return "seed"
        case .inventory: return "inventory"
        case .money: return "money"
        case .resourcesDensity: return "resources.density"
        case .resourcesMax: return "resources.max"
        case .resourcesRegen: return "resources.regen"
        case .protocolChoice(let kind): return kind.rawValue
        case .parameter(let path): return "set." + path
        }
    }

    /// The name.
    public var description: String { name }
}

/// The fields of `vary` and the `{field}` placeholder syntax.
enum Placeholders {
    /// The names of the fields `vary` accepts besides `set.PATH`, in the order of the language reference.
    static let fields = VaryField.fixed.map(\.name)

    /// The choices a hint lists for an unknown field: `fields`, then `set.PATH`.
    static let fieldChoices = fields + ["set.PATH"]

    /// Whether `text` is a field `vary` accepts: one of `fields`, or `set.`
    /// followed by names joined by dots (the schema check of PATH is the resolver's).
    static func isField(_ text: String) -> Bool {
        VaryField(text) != nil
    }

    /// The hint for an unknown field: the nearest field; else the `resources`
    /// field the word is the key of (`density` → `resources.density`); else,
    /// for a parameter path that is no keyword, `set.` before it
    /// (`vision_radius` → `set.vision_radius`); else the list of fields.
    static func hint(for word: String) -> String {
        if let near = nearest(word, in: fields) { return Messages.didYouMean(near) }
        if let resource = fields.first(where: { $0.hasPrefix("resources.") && $0.hasSuffix("." + word) }) {
            return Messages.didYouMean(resource)
        }
        if !word.isEmpty, Keyword(rawValue: word) == nil, isPath(word) { return Messages.didYouMean("set." + word) }
        return Messages.oneOf(fieldChoices)
    }

    /// The PATH of a `set.PATH` field, or nil when `text` does not start with `set.`.
    static func setPath(_ text: String) -> String? {
        guard text.hasPrefix("set.") else { return nil }
        return String(text.dropFirst(4))
    }

    /// Whether `text` is names (`[A-Za-z_][A-Za-z0-9_]*`) joined by dots, as a `set` path.
    static func isPath(_ text: String) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { RecipeRules.isName(String($0)) }
    }

    /// One `{name}` in a text.
    struct Field: Equatable {
        /// The text between the braces.
        var name: String
        /// The UTF-8 offset of `{` in the text.
        var offset: Int
        /// The UTF-8 length from `{` to `}`, both included.
        var length: Int
    }

    /// What can be wrong with the braces of a text.
    enum Problem: Equatable {
        /// A `{` without a `}` after it.
        case unclosed
        /// A `{` inside a placeholder.
        case nested
        /// A `}` without a `{` before it.
        case stray
        /// `{}`.
        case empty
        /// A name that is not a field `vary` accepts.
        case unknownField(String)
    }

    /// A problem and the stretch of text it is about.
    struct Issue: Equatable {
        /// What is wrong.
        var problem: Problem
        /// The UTF-8 offset in the text of what is wrong.
        var offset: Int
        /// Its UTF-8 length.
        var length: Int
    }

    /// The placeholders of a text and the problems of its braces, each in text order.
    struct Parsed: Equatable {
        /// Every `{name}` with a non-empty name and no brace inside, in order (unknown names too).
        var fields: [Field] = []
        /// Every problem, in text order.
        var issues: [Issue] = []
    }

    /// Reads the braces of `text`: a placeholder is `{`, a field name, `}`.
    static func parse(_ text: String) -> Parsed {
        let bytes = Array(text.utf8)
        var parsed = Parsed()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.closeBrace {
                parsed.issues.append(Issue(problem: .stray, offset: index, length: 1))
                index += 1
                continue
            }
            guard byte == Byte.openBrace else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != Byte.openBrace, bytes[end] != Byte.closeBrace { end += 1 }
            guard end < bytes.count else {
                parsed.issues.append(Issue(problem: .unclosed, offset: index, length: bytes.count - index))
                break
            }
            if bytes[end] == Byte.openBrace {
                parsed.issues.append(Issue(problem: .nested, offset: end, length: 1))
                index = end
                continue
            }
            let length = end + 1 - index
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if name.isEmpty {
                parsed.issues.append(Issue(problem: .empty, offset: index, length: length))
            } else {
                parsed.fields.append(Field(name: name, offset: index, length: length))
                if !isField(name) {
                    parsed.issues.append(Issue(problem: .unknownField(name), offset: index, length: length))
                }
            }
            index = end + 1
        }
        return parsed
    }
}
