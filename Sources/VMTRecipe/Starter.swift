// The starter recipe `vmt-dsl new` writes: a name, a parent, a seed, and every other directive as
// a comment holding the value the parent actually gives (resolved through its chain), so
// uncommenting a line changes nothing until its value is edited.
import VMTCore

/// Why a starter recipe cannot be written: the one error type of `VMTRecipe`.
///
/// Every other problem the language layer finds is a `Diagnostic` (with a code), reported, not
/// thrown. The command line converts a `StarterProblem` in one place
/// (`CommandError.init(_: StarterProblem)`, exit 1).
public enum StarterProblem: Error, Equatable, CustomStringConvertible {
    /// The parent is neither a preset nor a recipe of the project; `suggestion` is the nearest name.
    case unknownParent(String, suggestion: String?)
    /// The parent is a recipe of the project, but it (or its chain) has errors.
    case brokenParent(String, path: String)
    /// A recipe of the project already has this scenario name.
    case nameTaken(String, path: String)
    /// The file's stem is no valid scenario name; `reason` is the checker's message (VMT103's,
    /// or why braces are refused: a starter is no template, so it may not name placeholders).
    case invalidName(String, reason: String)

    /// The problem in one sentence (with the suggestion, if any).
    public var description: String {
        switch self {
        case .unknownParent(let name, let suggestion):
            return "unknown parent '\(name)': it is neither a built-in preset nor a recipe of the project"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .brokenParent(let name, let path):
            return "the parent '\(name)' (\(path)) has errors; fix it first (see 'vmt-dsl check')"
        case .nameTaken(let name, let path):
            return "a scenario named '\(name)' already exists (\(path)); choose another file name"
        case .invalidName(let name, let reason):
            return "'\(name)' (the file's stem) is not a valid scenario name: \(reason); choose another file name"
        }
    }
}

/// Writing starter recipes.
public enum StarterRecipe {
    /// The text of a starter recipe for scenario `name` that extends `parent` and sets `seed`.
    ///
    /// `parent` is a built-in preset or the scenario name of one of `project` (the recipes of the
    /// project the new file will belong to; extends resolves against all of them). The commented
    /// lines carry the parent's resolved values; a field the parent leaves unset (a template)
    /// gets an example value and says so. Touches no files.
    public static func text(name: String, parent: String, seed: Int, project: [RecipeSource]) -> Result<String, StarterProblem> {
        if name.contains("{") || name.contains("}") {
            return .failure(.invalidName(name, reason: "braces name placeholders, which only a template may use"))
        }
        let set = RecipeSet(project)
        if let taken = set.entries.first(where: { $0.name == name }) {
            return .failure(.nameTaken(name, path: taken.source.path))
        }
        let parentEntry = set.entries.first { $0.name == parent }
        guard Preset.named(parent) != nil || parentEntry != nil else {
            let names = Preset.names + set.entries.map(\.name).filter { !$0.contains("{") }
            return .failure(.unknownParent(parent, suggestion: nearest(parent, in: names)))
        }
        // Resolve a template child of the parent: a template may leave fields unset, so a
        // template parent resolves too.
        let probePath = "<new \(name)>"
        let probe = RecipeSource(path: probePath, relativePath: "__vmt_dsl_new__.vmt",
                                 bytes: Array("template\nscenario \(quoted(name))\nextends \(parent)\n".utf8))
        let resolution = Resolver.resolve(project + [probe])
        if let own = resolution.diagnostics.first(where: { $0.range.file == probePath && $0.severity == .error }) {
            // The probe's own line is wrong (the stem is no valid name): say so, not "the parent has errors".
            return .failure(.invalidName(name, reason: own.message))
        }
        guard let resolved = resolution.scenarios.first(where: { $0.source.path == probePath }) else {
            return .failure(.brokenParent(parent, path: parentEntry?.source.path ?? parent))
        }
        return .success(text(name: name, parent: parent, seed: seed, fields: resolved.fields))
    }

    /// `name` as a recipe word, or quoted when it is not one.
    static func quoted(_ name: String) -> String {
        let isWord = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
        return isWord ? name : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The starter text from the parent's resolved fields.
    static func text(name: String, parent: String, seed: Int, fields f: ResolvedFields) -> String {
        let unset = "(unset in '\(parent)': required)"
        var lines: [(String, String)] = []
        func add(_ directive: String, _ comment: String = "") { lines.append((directive, comment)) }
        add(f.agents.map { "agents \($0.value)" } ?? "agents 20", f.agents == nil ? unset : "")
        add(f.grid.map { "grid \($0.value)" } ?? "grid 30", f.grid == nil ? unset : "")
        add("inventory " + (f.inventory.map { range($0.value) } ?? "10..50"),
            f.inventory == nil ? unset : "goods A and B per agent: MIN..MAX")
        let money = f.money ?? f.inventory
        add("money " + (money.map { range($0.value) } ?? "0..100"),
            "money M per agent (money regimes only; default: the inventory range)")
        add("utilities " + (f.utilities.map { utilities($0.value) } ?? "ces, linear"),
            f.utilities == nil ? unset : "TYPE[:WEIGHT], ...; weights all given or none")
        var resources: [String] = []
        if let density = f.density { resources.append("density \(PythonFloat.repr(density.value))") }
        if let maxAmount = f.maxAmount { resources.append("max \(maxAmount.value)") }
        if let regen = f.regen { resources.append("regen \(regen.value)") }
        add("resources " + (resources.isEmpty ? "density 0.3 max 5 regen 1" : resources.joined(separator: " ")),
            resources.count == 3 ? "any subset of the three keys" : unset)
        add("regime " + (f.regime?.value.rawValue ?? ExchangeRegime.barterOnly.rawValue),
            ExchangeRegime.names.joined(separator: " | "))
        let vision = f.params["vision_radius"]?.value ?? ParamSchema.definition("vision_radius")?.defaultValue
        add("set vision_radius " + (vision.map(\.description) ?? "10"), "any params entry, by its schema name")
        switch f.schedule?.value {
        case let schedule?:
            add("schedule forage \(schedule.forageTicks) trade \(schedule.tradeTicks) start \(schedule.startMode.rawValue)",
                "or: schedule off")
        default:
            add("schedule off", "or: schedule forage F trade T [start forage|trade]")
        }
        add("output somewhere/\(quoted(name) == name ? name : "scenario").yaml", "relative to the output folder")
        let width = (lines.map { $0.0.count }.max() ?? 0) + 2
        let commented = lines.map { directive, comment in
            comment.isEmpty ? "# " + directive
                : "# " + directive.padding(toLength: width, withPad: " ", startingAt: 0) + "# " + comment
        }
        var varied = ""
        if !f.variations.isEmpty {
            varied = "# '\(parent)' is a sweep: this recipe also gives one scenario per combination of "
                + f.variations.map(\.field.name).joined(separator: ", ") + ".\n"
        }
        return """
        # \(name): a VMT scenario recipe; the directives: vmt-dsl's README.md, "The recipe language in brief".

        scenario \(quoted(name))
        extends \(parent)
        seed \(seed)
        \(varied)# Uncomment and change what this scenario needs; each value shown is what '\(parent)' gives.
        \(commented.joined(separator: "\n"))

        """
    }

    /// `MIN..MAX`.
    static func range(_ range: InventoryRange) -> String {
        "\(range.min)..\(range.max)"
    }

    /// A utility mix as a recipe writes it: `ces, linear`, or with weights `ces:0.6, linear:0.4`.
    static func utilities(_ entries: [UtilityEntry]) -> String {
        entries.map { entry in
            entry.weight.map { "\(entry.type.rawValue):\(PythonFloat.repr($0))" } ?? entry.type.rawValue
        }.joined(separator: ", ")
    }
}
