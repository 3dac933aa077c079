// `textDocument/formatting` through the formatter `fmt` uses, and inlay hints that show what a
// recipe inherits without setting it.
import VMTRecipe

/// The edits that give `text` its canonical form: none when it already has it, else one edit
/// replacing the whole text. A text with syntax errors is refused, as `vmt-dsl fmt` refuses it.
func formattingEdits(path: String, text: String, encoding: PositionEncoding) -> Result<[[String: Any]], ServerError> {
    let bytes = Array(text.utf8)
    let (recipe, diagnostics) = parseRecipe(path: path, bytes: bytes)
    guard let recipe else {
        let count = diagnostics.filter { $0.severity == .error }.count
        return .failure(.syntaxErrors(count))
    }
    let formatted = formatRecipe(recipe.syntax)
    if formatted == text { return .success([]) }
    // The same safety net as `fmt`: a formatter bug must never cost the user a readable recipe.
    guard parseRecipe(path: path, text: formatted).recipe?.directives.count == recipe.directives.count else {
        return .failure(.formatterWouldChangeMeaning)
    }
    return .success([["range": TextLines(bytes).wholeRange(encoding), "newText": formatted]])
}

extension DocumentContext {
    /// The fields shown by the inlay hint: the ones a recipe usually inherits.
    static let hintedFields = ["agents", "grid", "inventory", "money", "utilities", "resources.density",
                               "resources.max", "resources.regen", "regime", "seed", "schedule"]

    /// One inlay hint at the end of the `extends` line listing the fields this recipe inherits
    /// (value and origin); none when the recipe does not resolve or sets them all.
    func inlayHints() -> [[String: Any]] {
        guard let scenario, let extends = entry?.recipe.extends else { return [] }
        var parts: [String] = []
        for field in scenario.explanation() where Self.hintedFields.contains(field.name) {
            if isSetHere(field.origin) { continue }
            if case .unset = field.value { continue }
            parts.append("\(field.name) \(field.value.text)")
        }
        guard !parts.isEmpty else { return [] }
        let end = lines.position(ofOffset: lines.lineBytes(lines.line(ofOffset: extends.range.start.offset)).upperBound, encoding)
        return [[
            "position": end.json,
            "label": ServerMessages.inheritsLabel(parts),
            "paddingLeft": true,
            "tooltip": ServerMessages.inheritsTooltip,
        ]]
    }
}
