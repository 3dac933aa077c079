// The starter recipe `vmt-dsl new` writes: a name, a parent, a seed, and every other directive the
// target accepts as a comment holding the value the parent actually gives (resolved through its
// chain), so uncommenting a line changes nothing until its value is edited (a protocol the parent
// names none of shows its kind's first name: uncommenting it chooses that protocol). A required
// field the parent leaves unset is written uncommented with an example value, so the file builds;
// so is `regime barter_only` when the parent's regime uses money and the target has none.
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

/// A starter recipe: its text, the VMT target it is written for, and the required fields its
/// parent leaves unset, which the text sets to example values (uncommented, so the file builds;
/// the user should check them).
public struct Starter: Equatable, Sendable {
    /// The recipe text.
    public var text: String
    /// The target the starter suggests directives for: the parent chain's `vmt`, else the one
    /// asked for (`new --vmt`, then written as a `vmt` line), else the standard target.
    public var target: VMTTarget
    /// The required directives written with example values because the parent sets none
    /// (`inventory`, `resources max`, …), in the order of the text; empty for a complete parent.
    public var examples: [String]
}

/// Writing starter recipes.
public enum StarterRecipe {
    /// The text of a starter recipe for scenario `name` that extends `parent` and sets `seed`;
    /// see `starter(name:parent:seed:project:target:)`.
    public static func text(name: String, parent: String, seed: Int, project: [RecipeSource]) -> Result<String, StarterProblem> {
        starter(name: name, parent: parent, seed: seed, project: project).map(\.text)
    }

    /// A starter recipe for scenario `name` that extends `parent` and sets `seed`.
    ///
    /// `parent` is a built-in preset or the scenario name of one of `project` (the recipes of the
    /// project the new file will belong to; extends resolves against all of them). The commented
    /// lines carry the parent's resolved values and only the directives the target accepts
    /// (no `money` or `regime` under a target without money; `search`, `matching`, `bargaining`
    /// under one with protocols). The target is the parent chain's `vmt`, else `target` (then the
    /// starter says `vmt` itself, so it builds the same without `--vmt`), else the standard one.
    /// A required field the parent leaves unset (a template) is written uncommented with an
    /// example value, so the file builds as written, and listed in `examples`; when the target
    /// has no money and the chain's regime uses money, `regime barter_only` is written
    /// uncommented (with a comment saying why) for the same reason. Touches no files.
    public static func starter(name: String, parent: String, seed: Int, project: [RecipeSource],
                               target: VMTTarget? = nil) -> Result<Starter, StarterProblem> {
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
        // The chain's own `vmt` line wins, as it does in a build; else the one asked for.
        let chainTarget: VMTTarget? = resolved.fields.target.flatMap { $0.origin.range == nil ? nil : $0.value }
        let written = chainTarget == nil ? target.flatMap { $0 == .standard ? nil : $0 } : nil
        return .success(starter(name: name, parent: parent, seed: seed, fields: resolved.fields,
                                target: chainTarget ?? target ?? .standard, writesTarget: written != nil))
    }

    /// `name` as a recipe word, or quoted when it is not one.
    static func quoted(_ name: String) -> String {
        let isWord = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
        return isWord ? name : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The starter text from the parent's resolved fields under `target`; `writesTarget` adds a
    /// `vmt` line (the target came from `--vmt`, not from the chain).
    static func text(name: String, parent: String, seed: Int, fields f: ResolvedFields) -> String {
        starter(name: name, parent: parent, seed: seed, fields: f, target: f.target?.value ?? .standard, writesTarget: false).text
    }

    /// The starter from the parent's resolved fields under `target`; `writesTarget` adds a `vmt`
    /// line (the target came from `--vmt`, not from the chain).
    static func starter(name: String, parent: String, seed: Int, fields f: ResolvedFields, target: VMTTarget,
                        writesTarget: Bool) -> Starter {
        let example = "required, and '\(parent)' sets none: an example value; check it"
        var lines: [(String, String)] = []
        var required: [(String, String)] = []
        var examples: [String] = []
        func add(_ directive: String, _ comment: String = "") { lines.append((directive, comment)) }
        func need(_ directive: String, _ names: [String]) {
            required.append((directive, example))
            examples += names
        }
        if let agents = f.agents { add("agents \(agents.value)") } else { need("agents 20", ["agents"]) }
        if let grid = f.grid { add("grid \(grid.value)") } else { need("grid 30", ["grid"]) }
        // Explicit A and B stock needs no range (nothing is drawn for them).
        if let inventory = f.inventory {
            add("inventory " + range(inventory.value), "goods A and B per agent: MIN..MAX")
        } else if f.stock[.a] == nil || f.stock[.b] == nil {
            need("inventory 10..50", ["inventory"])
        }
        if target.hasMoney {
            let money = f.money ?? f.inventory
            add("money " + (money.map { range($0.value) } ?? "0..100"),
                "money M per agent (money regimes only; default: the inventory range)")
        }
        if let mix = f.utilities { add("utilities " + utilities(mix.value), "TYPE[:WEIGHT], ...; weights all given or none") } else {
            need("utilities ces, linear", ["utilities"])
        }
        var resources: [String] = []
        var missing: [String] = []
        var missingNames: [String] = []
        if let density = f.density { resources.append("density \(PythonFloat.repr(density.value))") } else {
            missing.append("density 0.3")
            missingNames.append("resources density")
        }
        if let maxAmount = f.maxAmount { resources.append("max \(maxAmount.value)") } else {
            missing.append("max 5")
            missingNames.append("resources max")
        }
        if let regen = f.regen { resources.append("regen \(regen.value)") } else {
            missing.append("regen 1")
            missingNames.append("resources regen")
        }
        if missing.isEmpty {
            add("resources " + resources.joined(separator: " "), "any subset of the three keys")
        } else {
            need("resources " + missing.joined(separator: " "), missingNames)
        }
        if target.hasMoney {
            add("regime " + (f.regime?.value.rawValue ?? ExchangeRegime.barterOnly.rawValue), ExchangeRegime.names.joined(separator: " | "))
        } else if let regime = f.regime?.value, regime.usesMoney {
            // The chain's money regime would be refused (VMT702) under a target without money:
            // the starter overrides it, so it builds as written.
            required.append(("regime barter_only",
                             "'\(parent)' uses 'regime \(regime.rawValue)'; VMT \(target.rawValue) has no money"))
        }
        if ParamSchema.definition("vision_radius")?.isRead(by: target) ?? false {
            let vision = f.params["vision_radius"]?.value ?? ParamSchema.definition("vision_radius")?.defaultValue
            add("set vision_radius " + (vision.map(\.description) ?? "10"), "any params entry, by its schema name")
        }
        switch f.schedule?.value {
        case let schedule?:
            add("schedule forage \(schedule.forageTicks) trade \(schedule.tradeTicks) start \(schedule.startMode.rawValue)",
                "or: schedule off")
        default:
            add("schedule off", "or: schedule forage F trade T [start forage|trade]")
        }
        if target.hasProtocols {
            for kind in ProtocolKind.allCases {
                let names = kind.names.joined(separator: " | ")
                if let choice = f.protocols[kind] {
                    add("\(kind.rawValue) \(choice.value)", names)
                } else {
                    // The loader spec (shared/spec/vmt-loader.md, 6f7b3c7) says the protocol keys
                    // are optional but not which protocol VMT uses without one, so none is named.
                    add("\(kind.rawValue) \(kind.names[0])",
                        names + " ('\(parent)' names none, so VMT uses its own default; uncommenting picks this one)")
                }
            }
        }
        add("output somewhere/\(quoted(name) == name ? name : "scenario").yaml", "relative to the output folder")
        let width = ((lines + required).map { $0.0.count }.max() ?? 0) + 2
        let pad = { (directive: String) in directive.padding(toLength: width, withPad: " ", startingAt: 0) }
        let commented = lines.map { directive, comment in
            comment.isEmpty ? "# " + directive : "# " + pad(directive) + "# " + comment
        }
        var varied = ""
        if !f.variations.isEmpty {
            varied = "# '\(parent)' is a sweep: this recipe also gives one scenario per combination of "
                + f.variations.map(\.field.name).joined(separator: ", ") + ".\n"
        }
        var requiredBlock = ""
        if !required.isEmpty {
            // Aligned with the commented lines below ("# " + directive).
            requiredBlock = required.map { directive, comment in
                directive.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "# " + comment
            }.joined(separator: "\n") + "\n"
        }
        let text = """
        # \(name): a VMT scenario recipe; the directives: vmt-dsl's README.md, "The recipe language in brief".

        scenario \(quoted(name))
        extends \(parent)
        \(writesTarget ? "vmt \(target.rawValue)\n" : "")seed \(seed)
        \(requiredBlock)\(varied)# Uncomment and change what this scenario needs; each value shown is what '\(parent)' gives.
        \(commented.joined(separator: "\n"))

        """
        return Starter(text: text, target: target, examples: examples)
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
