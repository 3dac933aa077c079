import VMTCore
// What editors (the language server) need to know of the language that the rules keep
// internal: the `vary` fields and the note that ties an inherited error to a child recipe.

/// The language's vocabulary for editor features (completion, hover, diagnostics).
public enum EditorVocabulary {
    /// The fields `vary` accepts besides `set.PATH`, in the order of the language reference;
    /// also the names `{…}` placeholders may use.
    public static var varyFields: [String] { Placeholders.fields }

    /// The keys of `resources`, in the order `fmt` prints them.
    public static var resourceKeys: [String] { CanonicalOrder.resourceKeys }

    /// The keys a `utility TYPE` line takes (`weight`, then the type's parameters).
    public static func utilityKeys(_ type: UtilityType) -> [String] { CanonicalOrder.utilityKeys(type) }

    /// The recipe path named by a note "while building PATH" (an error in a parent's line found
    /// while building a child), or nil for any other note.
    public static func builtRecipe(of note: Diagnostic.Note) -> String? {
        let prefix = Messages.whileBuilding("")
        guard note.message.hasPrefix(prefix), note.message.count > prefix.count else { return nil }
        return String(note.message.dropFirst(prefix.count))
    }
}
