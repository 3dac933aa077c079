// `textDocument/completion`: what may come next on a recipe line, read from the text before the
// cursor (the line may not parse yet): directive names, parents after `extends`, regimes,
// utility types, `set` paths and values, `vary` fields, `pin` keys, and `{…}` placeholders.
import VMTCore
import VMTRecipe

/// One completion candidate.
struct Candidate {
    /// The text inserted.
    let label: String
    /// LSP `CompletionItemKind`.
    let kind: Int
    /// A short description.
    let detail: String?
}

/// LSP completion item kinds used here.
enum CompletionKind {
    static let keyword = 14
    static let value = 12
    static let field = 5
    static let reference = 18
    static let enumMember = 20
    static let module = 9
}

extension DocumentContext {
    /// The completion items at byte `offset`, each replacing the word being typed.
    func completion(atOffset offset: Int) -> [[String: Any]] {
        let prefix = lines.linePrefix(upTo: offset)
        let (candidates, typed) = candidates(forLinePrefix: prefix)
        let start = offset - typed.utf8.count
        let range: [String: Any] = ["start": lines.position(ofOffset: start, encoding).json,
                                    "end": lines.position(ofOffset: offset, encoding).json]
        var seen: Set<String> = []
        return candidates.filter { $0.label.hasPrefix(typed) && seen.insert($0.label).inserted }.enumerated().map { index, candidate in
            var item: [String: Any] = [
                "label": candidate.label, "kind": candidate.kind,
                "textEdit": ["range": range, "newText": candidate.label],
                "sortText": String(repeating: "0", count: max(0, 4 - String(index).count)) + String(index),
            ]
            if let detail = candidate.detail { item["detail"] = detail }
            return item
        }
    }

    /// The candidates for a line whose text before the cursor is `prefix`, and the part of the
    /// word being typed that they must start with.
    func candidates(forLinePrefix prefix: String) -> ([Candidate], typed: String) {
        // Inside `{…}` of a scenario or output text: the fields this recipe varies, then all.
        if let brace = prefix.lastIndex(of: "{"), !prefix[brace...].contains("}") {
            let typed = String(prefix[prefix.index(after: brace)...])
            let varied = scenario?.fields.variations.map(\.field.name) ?? entry?.recipe.variations.map(\.field.value.name) ?? []
            let all = varied + EditorVocabulary.varyFields
            return (all.map { Candidate(label: $0, kind: CompletionKind.field, detail: varied.contains($0) ? "varied here" : "a vary field") }, typed)
        }
        if prefix.contains("#") { return ([], "") }
        let words = prefix.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let endsInSpace = prefix.last.map { $0 == " " || $0 == "\t" } ?? true
        let typed = endsInSpace ? "" : (words.last ?? "")
        let position = endsInSpace ? words.count : words.count - 1  // index of the word being typed
        guard position > 0, let keyword = words.first else {
            return (Keyword.allCases.map { Candidate(label: $0.rawValue, kind: CompletionKind.keyword, detail: Messages.usageSyntax($0)) }, typed)
        }
        let previous = position >= 2 ? words[position - 1] : nil
        switch keyword {
        case "extends" where position == 1:
            let own = entry?.name
            let recipes = analysis.set.entries.map(\.name).filter { $0 != own }
            return (Preset.names.map { Candidate(label: $0, kind: CompletionKind.module, detail: "preset") }
                + Array(Set(recipes)).sorted().map { Candidate(label: $0, kind: CompletionKind.reference, detail: "recipe") }, typed)
        case "regime" where position == 1:
            return (regimes, typed)
        case "vmt" where position == 1:
            return (VMTTarget.allCases.map { Candidate(label: $0.rawValue, kind: CompletionKind.enumMember, detail: $0.title) }, typed)
        case "search" where position == 1, "matching" where position == 1, "bargaining" where position == 1:
            guard let kind = ProtocolKind(rawValue: keyword) else { return ([], typed) }
            return (kind.names.map { Candidate(label: $0, kind: CompletionKind.enumMember, detail: "\(kind.rawValue) protocol (vmt 2025-11)") }, typed)
        case "utilities":
            // After `ces,` or `ces, ` a new item starts; `ces:` is a weight.
            let item = typed.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? typed
            guard !item.contains(":") else { return ([], "") }
            return (UtilityType.names.map { Candidate(label: $0, kind: CompletionKind.enumMember, detail: "utility type") }, item)
        case "resources":
            return (EditorVocabulary.resourceKeys.map { Candidate(label: $0, kind: CompletionKind.field, detail: "resources key") }, typed)
        case "utility" where position == 1:
            return (UtilityType.names.map { Candidate(label: $0, kind: CompletionKind.enumMember, detail: "utility type") }, typed)
        case "utility" where position >= 2 && position % 2 == 0:
            // `utility TYPE KEY VALUE ...`: a key at every even position, the keys not given yet.
            guard let type = UtilityType(rawValue: words[1]) else { return ([], typed) }
            let given = Set(words.dropFirst(2).enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
            return (EditorVocabulary.utilityKeys(type).filter { !given.contains($0) || $0 == typed }.map {
                Candidate(label: $0, kind: CompletionKind.field, detail: $0 == "weight" ? "weight in the mix" : "\(type.rawValue) parameter")
            }, typed)
        case "inventory" where position == 3 && Good(rawValue: words[1]) != nil:
            return ([Candidate(label: "each", kind: CompletionKind.keyword, detail: "the same stock for every agent")], typed)
        case "schedule":
            if position == 1 { return (["forage", "off"].map { Candidate(label: $0, kind: CompletionKind.keyword, detail: nil) }, typed) }
            if previous == "start" { return (["forage", "trade"].map { Candidate(label: $0, kind: CompletionKind.enumMember, detail: "start mode") }, typed) }
            return (["trade", "start"].map { Candidate(label: $0, kind: CompletionKind.keyword, detail: nil) }, typed)
        case "inventory" where position == 1:
            return (Good.allCases.map { Candidate(label: $0.rawValue, kind: CompletionKind.enumMember, detail: "explicit stock of one good") }, typed)
        case "set" where position == 1:
            return (settableParameters(prefix: ""), typed)
        case "set" where position == 2:
            return (parameterValues(words[1]), typed)
        case "pin" where position == 1:
            return (UtilityType.allCases.flatMap { type in
                type.parameterNames.map { Candidate(label: "\(type.rawValue).\($0)", kind: CompletionKind.field, detail: "utility parameter") }
            }, typed)
        case "vary" where position == 1:
            return (EditorVocabulary.varyFields.map { Candidate(label: $0, kind: CompletionKind.field, detail: "vary field") }
                + settableParameters(prefix: "set."), typed)
        case "vary" where position >= 2:
            let field = words[1]
            if field == "regime" { return (regimes, typed.split(separator: ",").last.map(String.init) ?? typed) }
            if let kind = ProtocolKind(rawValue: field) {
                return (kind.names.map { Candidate(label: $0, kind: CompletionKind.enumMember, detail: "\(kind.rawValue) protocol (vmt 2025-11)") },
                        typed.split(separator: ",").last.map(String.init) ?? typed)
            }
            if field.hasPrefix("set.") { return (parameterValues(String(field.dropFirst(4))), typed) }
            return ([], typed)
        default:
            return ([], typed)
        }
    }

    private var regimes: [Candidate] {
        ExchangeRegime.names.map { Candidate(label: $0, kind: CompletionKind.enumMember, detail: "exchange regime") }
    }

    /// Every parameter `set` may change (nested ones as dotted paths), each after `prefix`.
    private func settableParameters(prefix: String) -> [Candidate] {
        ParamSchema.settablePaths.compactMap { path in
            ParamSchema.definition(path).map { Candidate(label: prefix + path, kind: CompletionKind.field, detail: $0.kind.rule) }
        }
    }

    /// The values a parameter takes when they are words (a choice, or true/false).
    private func parameterValues(_ path: String) -> [Candidate] {
        guard let definition = ParamSchema.definition(path) else { return [] }
        switch definition.kind {
        case .choice(let words): return words.map { Candidate(label: $0, kind: CompletionKind.value, detail: nil) }
        case .bool: return ["true", "false"].map { Candidate(label: $0, kind: CompletionKind.value, detail: nil) }
        default: return []
        }
    }
}
