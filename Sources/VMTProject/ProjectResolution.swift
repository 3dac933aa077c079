// The resolution stage of a project: every recipe resolved against all the others, then narrowed
// to what the selection is about (its recipes, their diagnostics and their parents' diagnostics).
import VMTCore
import VMTRecipe

/// A project resolved: the resolver's result for every recipe, and the part of it the selected
/// recipes are about. This is what `explain`, `plan`, `list` and the language server read: each
/// `ResolvedScenario` carries every field with its origin (provenance).
public struct ProjectResolution: Sendable {
    /// The project that was resolved.
    public let project: Project
    /// Every recipe of the project, parsed and indexed by name.
    public let recipes: RecipeSet
    /// The resolver's result for the whole project.
    public let resolution: Resolution
    /// The selected recipes that resolved without errors (templates included), in project order.
    public let scenarios: [ResolvedScenario]
    /// Every recipe of the project that a full build would build (templates included): the
    /// resolved ones, less those that warned under `warningsAsErrors`. (Clashes are checked
    /// among every recipe whose outputs are known, failed ones too: `outputClashes`.)
    public let buildable: [ResolvedScenario]
    /// The diagnostics about the selection: those in selected files or in the files of their
    /// `extends` ancestors, as found building a selected recipe: one found building another
    /// recipe (a note "while building PATH" naming an unselected one) is left out, and so is an
    /// unselected ancestor's own warning (found resolving the ancestor itself), so a child's
    /// build shows its parent's warning once, as its own; an ancestor's own errors stay (they
    /// are why the child cannot extend it).
    /// With `warningsAsErrors`, warnings are errors here.
    public let diagnostics: [Diagnostic]
    /// Display paths of the selected recipes that failed (including, with `warningsAsErrors`,
    /// those that warned).
    public let failedPaths: Set<String>

    /// Resolves every recipe of `project`; a recipe may give at most `maxVariants` variants.
    /// With `warningsAsErrors`, a selected recipe whose resolution warned fails.
    /// Warnings of the codes in `allowing` are silenced (as `--allow` does). A chain without a
    /// `vmt` line targets `target` (`--vmt`).
    public static func resolve(_ project: Project, maxVariants: Int = Resolver.defaultMaxVariants,
                               warningsAsErrors: Bool = false, allowing: Set<DiagnosticCode> = [],
                               target: VMTTarget = .standard) -> ProjectResolution {
        resolve(project, recipes: RecipeSet(project.sources), maxVariants: maxVariants,
                warningsAsErrors: warningsAsErrors, allowing: allowing, target: target)
    }

    /// Resolves `project` as `resolve(_:maxVariants:warningsAsErrors:allowing:target:)` does,
    /// parsing only the recipes whose path or bytes changed since `cache` saw them (an editor
    /// re-analysing after one edit); `cache` is left holding this project's parses.
    public static func resolve(_ project: Project, reusing cache: inout ParseCache, maxVariants: Int = Resolver.defaultMaxVariants,
                               warningsAsErrors: Bool = false, allowing: Set<DiagnosticCode> = [],
                               target: VMTTarget = .standard) -> ProjectResolution {
        resolve(project, recipes: RecipeSet(parsed: cache.parse(project.sources)), maxVariants: maxVariants,
                warningsAsErrors: warningsAsErrors, allowing: allowing, target: target)
    }

    /// Resolves the parsed recipes of `project`.
    private static func resolve(_ project: Project, recipes: RecipeSet, maxVariants: Int, warningsAsErrors: Bool,
                                allowing: Set<DiagnosticCode>, target: VMTTarget) -> ProjectResolution {
        let resolution = Resolver.resolve(recipes, maxVariants: maxVariants, allowing: allowing, defaultTarget: target)
        return ProjectResolution(project: project, recipes: recipes, resolution: resolution, warningsAsErrors: warningsAsErrors)
    }

    private init(project: Project, recipes: RecipeSet, resolution: Resolution, warningsAsErrors: Bool) {
        self.project = project
        self.recipes = recipes
        self.resolution = resolution
        let selected = project.selectedPaths
        var failed = resolution.failedPaths.intersection(selected)
        if warningsAsErrors { failed.formUnion(resolution.warnedPaths.intersection(selected)) }
        failedPaths = failed
        scenarios = resolution.scenarios.filter { selected.contains($0.source.path) && !failed.contains($0.source.path) }
        let warned = warningsAsErrors ? resolution.warnedPaths : []
        buildable = resolution.scenarios.filter { !warned.contains($0.source.path) }
        let relevant = Self.filesAbout(selected, in: recipes)
        diagnostics = resolution.diagnostics.compactMap { diagnostic in
            guard relevant.contains(diagnostic.range.file) else { return nil }
            // The recipe it was found building: the note's, else its own file's.
            let built = diagnostic.notes.lazy.compactMap(EditorVocabulary.builtRecipe(of:)).first
            if let built, !selected.contains(built) { return nil }
            if built == nil, diagnostic.severity == .warning, !selected.contains(diagnostic.range.file) { return nil }
            guard warningsAsErrors, diagnostic.severity == .warning else { return diagnostic }
            var promoted = diagnostic
            promoted.severity = .error
            return promoted
        }
    }

    /// Recipes that would write one file (VMT501), the one check `build`, `check`, `list`, `plan`
    /// and the language server share: every recipe of the project whose outputs are known claims
    /// them (`Resolution.outputClaims`: a recipe failing for another reason too), so both recipes
    /// of a clash are named and fail. Errors are given for clashes touching a selected recipe.
    /// Locations are the output paths without `.` segments (no output folder is looked at).
    public func outputClashes() -> ClashFinder {
        outputClashes(locate: ClashFinder.lexicalLocation)
    }

    /// `outputClashes()` with `locate` giving each output path's location (a build: in its
    /// output folder, through symbolic links).
    public func outputClashes(locate: (String) -> String) -> ClashFinder {
        ClashFinder(resolution.outputClaims, reported: project.selectedPaths, locate: locate)
    }

    /// The selected files and the files of every recipe they extend, directly or not.
    private static func filesAbout(_ selected: Set<String>, in recipes: RecipeSet) -> Set<String> {
        guard selected.count < recipes.entries.count else { return Set(recipes.entries.map(\.source.path)) }
        var byName: [String: [String]] = [:]
        for entry in recipes.entries { byName[entry.name, default: []].append(entry.source.path) }
        var parentOf: [String: String] = [:]
        for entry in recipes.entries { if let parent = entry.recipe.extends?.value { parentOf[entry.source.path] = parent } }
        var files = selected
        var pending = Array(selected)
        while let path = pending.popLast() {
            guard let parent = parentOf[path] else { continue }
            for file in byName[parent] ?? [] where files.insert(file).inserted { pending.append(file) }
        }
        return files
    }

    /// The resolved scenario (any recipe of the project) with this scenario name, if it resolved.
    public func scenario(named name: String) -> ResolvedScenario? {
        resolution.scenarios.first { $0.name.value == name }
    }

    /// The resolved scenario of the recipe file at `absolutePath`, if it resolved.
    public func scenario(atAbsolutePath absolutePath: String) -> ResolvedScenario? {
        resolution.scenarios.first { project.absolutePaths[$0.source.path] == absolutePath }
    }

    /// The parsed recipe file at `absolutePath` (resolved or not), if the project has it.
    public func entry(atAbsolutePath absolutePath: String) -> RecipeSet.Entry? {
        recipes.entries.first { project.absolutePaths[$0.source.path] == absolutePath }
    }

    /// The parsed recipe with this scenario name (resolved or not), if the project has one.
    public func entry(named name: String) -> RecipeSet.Entry? {
        recipes.entries.first { $0.name == name }
    }

    /// Every diagnostic of the whole project located in `path` (a display path).
    public func diagnostics(inFile path: String) -> [Diagnostic] {
        resolution.diagnostics.filter { $0.range.file == path }
    }
}

/// The last parse of each recipe file, with the bytes it parsed, so that resolving a project
/// again parses only the files that changed. Holds the files of the last project parsed only.
public struct ParseCache {
    private var parses: [String: (source: RecipeSource, parsed: RecipeSet.Parsed)] = [:]

    /// An empty cache.
    public init() {}

    /// The parse of every source (reused when the same display path, relative path and bytes
    /// were parsed last time), in order; forgets the files `sources` no longer has.
    mutating func parse(_ sources: [RecipeSource]) -> [RecipeSet.Parsed] {
        var kept: [String: (source: RecipeSource, parsed: RecipeSet.Parsed)] = [:]
        let parsed: [RecipeSet.Parsed] = sources.map { source in
            if let known = parses[source.path], known.source.bytes == source.bytes, known.source.relativePath == source.relativePath {
                kept[source.path] = known
                return known.parsed
            }
            let (recipe, diagnostics) = parseRecipePartially(path: source.path, bytes: source.bytes)
            kept[source.path] = (source, (source, recipe, diagnostics))
            return (source, recipe, diagnostics)
        }
        parses = kept
        return parsed
    }
}

// MARK: Finding what a TARGET names (explain)

extension ProjectResolution {
    /// The resolved scenario a command-line TARGET names, and the 0-based position of the variant
    /// it names (nil: the whole recipe). Tried in order: a scenario name; a recipe's path
    /// relative to the project root (with or without `.vmt`); a recipe's file stem; a variant's
    /// name. Variant names are checked only in recipes whose name pattern could give `target`
    /// (its literal parts in order), so a sweep of millions is not walked for an unrelated name.
    public func scenario(matching target: String) -> (scenario: ResolvedScenario, variant: Int?)? {
        if let named = scenario(named: target) { return (named, nil) }
        let scenarios = resolution.scenarios
        if let byPath = scenarios.first(where: { $0.source.relativePath == target || $0.source.relativePath == target + ".vmt" }) {
            return (byPath, nil)
        }
        if let byStem = scenarios.first(where: { Self.stem($0.source.relativePath) == target }) { return (byStem, nil) }
        for scenario in scenarios where !scenario.fields.variations.isEmpty && Self.pattern(scenario.name.value, couldGive: target) {
            for position in 0..<scenario.variants.count where scenario.variants.nameAndOutput(at: position).name == target {
                return (scenario, position)
            }
        }
        return nil
    }

    /// Names close to `target` may be among: scenario names, recipe file stems, and the variant
    /// names of sweeps whose pattern starts like `target` (at most `perSweep` from each).
    public func targetCandidates(near target: String, perSweep: Int = 10_000) -> [String] {
        var names: [String] = []
        for scenario in resolution.scenarios {
            names.append(scenario.name.value)
            names.append(Self.stem(scenario.source.relativePath))
            guard !scenario.fields.variations.isEmpty else { continue }
            let prefix = scenario.name.value.prefix { $0 != "{" }
            guard !prefix.isEmpty, target.hasPrefix(prefix) || prefix.hasPrefix(target) else { continue }
            for position in 0..<min(scenario.variants.count, perSweep) {
                names.append(scenario.variants.nameAndOutput(at: position).name)
            }
        }
        return names
    }

    /// A recipe path's file name without `.vmt`.
    static func stem(_ relativePath: String) -> String {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return name.hasSuffix(".vmt") ? String(name.dropLast(4)) : name
    }

    /// Whether a name pattern (`sweep_{regime}_{seed}`) could give `name`: its literal parts
    /// appear in `name` in order, the first at the start and the last at the end.
    static func pattern(_ pattern: String, couldGive name: String) -> Bool {
        var literals: [Substring] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            literals.append(rest[..<open])
            guard let close = rest[open...].firstIndex(of: "}") else { return true }
            rest = rest[rest.index(after: close)...]
        }
        literals.append(rest)
        guard literals.count > 1 else { return pattern == name }
        var remaining = Substring(name)
        guard let first = literals.first, remaining.hasPrefix(first) else { return false }
        remaining = remaining.dropFirst(first.count)
        guard let last = literals.last, remaining.hasSuffix(last) else { return false }
        remaining = remaining.dropLast(last.count)
        for literal in literals.dropFirst().dropLast() where !literal.isEmpty {
            while !remaining.hasPrefix(literal) {
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
            remaining = remaining.dropFirst(literal.count)
        }
        return true
    }
}
