// The libFuzzer harness of the whole recipe pipeline: bytes → parse → fmt → parse again →
// resolve (with a few fixed sibling recipes) → render every small variant's YAML in memory.
// It traps (a finding) when a stage breaks a promise, not only when a stage itself traps.
// Built and run by scripts/fuzz.sh; see fuzz/README.md.
import VMTCore
import VMTRecipe

/// The fuzzed recipes' paths, as diagnostics name them: the input is split into at most this
/// many files at each `fileSeparator`, so one input is a small multi-file project whose recipes
/// extend, clash with and sweep over each other (and the fixed siblings).
let inputPaths = ["fuzz/input.vmt", "fuzz/input2.vmt", "fuzz/input3.vmt", "fuzz/input4.vmt"]

/// The line that starts the next file of a multi-file input (also in fuzz/recipe.dict).
let fileSeparator = Array("\n#%file\n".utf8)

/// Splits an input into its files: at each separator, at most `inputPaths.count` parts (the last
/// part keeps any further separators, which are then plain comment lines).
func splitFiles(_ bytes: [UInt8]) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + fileSeparator.count <= bytes.count, parts.count < inputPaths.count - 1 {
        if bytes[index..<(index + fileSeparator.count)].elementsEqual(fileSeparator) {
            parts.append(Array(bytes[start..<index]) + [0x0A])
            index += fileSeparator.count
            start = index
        } else {
            index += 1
        }
    }
    parts.append(Array(bytes[start...]))
    return parts
}

/// The variants with more agents than this are resolved but not rendered: the YAML grows with
/// the agents, and the fuzzer's time is better spent on new inputs.
let maxRenderedAgents = 2_000

/// The fixed recipes the input is resolved with: a template that extends a preset, a child of
/// it, and a sweep over the template, so the input can extend, clash with, or be extended by them.
/// The input goes before the first, between two of them, or after the last (see `fuzzOne`).
let siblings: [RecipeSource] = [
    RecipeSource(path: "fuzz/base.vmt", relativePath: "fuzz/base.vmt", bytes: Array("""
        # A template over a preset.
        scenario fuzz_base
        template
        extends minimal
        agents 12
        regime mixed
        set money_mode kkt_lambda
        schedule forage 4 trade 2
        """.utf8)),
    RecipeSource(path: "fuzz/child.vmt", relativePath: "fuzz/child.vmt", bytes: Array("""
        extends fuzz_base
        grid 12
        money 0..30
        seed 7 # a trailing comment
        """.utf8)),
    RecipeSource(path: "fuzz/sweep.vmt", relativePath: "fuzz/sweep.vmt", bytes: Array("""
        scenario fuzz_sweep_{seed}
        extends fuzz_base
        pin ces.rho 0.5
        vary seed 1..3
        output sweep/{seed}.yaml
        """.utf8)),
]

/// Stops the process with a message libFuzzer shows next to the reproducer.
func finding(_ message: String, _ bytes: [UInt8]) -> Never {
    let text = String(decoding: bytes, as: UTF8.self)
    fatalError("FUZZ FINDING: \(message)\ninput (\(bytes.count) bytes): \(text.debugDescription)")
}

/// Where each line of a file starts, split at LF, CRLF and lone CR as the lexer splits.
struct Extent {
    /// The byte offset where each line starts, indexed from line 1 (index 0 is unused).
    var starts: [Int]
    /// The length in bytes of each line, without its line break, indexed from line 1.
    var widths: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0, 0]
        var widths = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                widths.append(index - starts[starts.count - 1])
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        widths.append(bytes.count - starts[starts.count - 1])
        self.starts = starts
        self.widths = widths
    }

    /// The number of lines (an empty file, or a last line without a line break, counts).
    var lines: Int { starts.count - 1 }

    /// Why `position` is not a place inside the file (a character of it, its line break, or
    /// its end), or nil when it is one. Columns count characters, so never more than bytes.
    func problem(_ position: SourcePosition) -> String? {
        guard position.line >= 1, position.column >= 1 else { return "line or column below 1" }
        guard position.line <= lines else { return "line beyond the last line \(lines)" }
        let inLine = position.offset - starts[position.line]
        guard inLine >= 0, inLine <= widths[position.line] else { return "offset \(position.offset) not on line \(position.line)" }
        guard position.column <= inLine + 1 else { return "column beyond the offset \(position.offset) on its line" }
        return nil
    }
}

/// Requires every range of `diagnostics` (and of their notes) to lie inside the file it names.
func checkRanges(_ diagnostics: [Diagnostic], _ files: [String: [UInt8]], _ input: [UInt8], stage: String) {
    var extents: [String: Extent] = [:]
    for diagnostic in diagnostics {
        if diagnostic.message.isEmpty { finding("\(stage): a diagnostic without a message at \(diagnostic.range)", input) }
        for range in [diagnostic.range] + diagnostic.notes.compactMap(\.range) {
            guard let bytes = files[range.file] else {
                finding("\(stage): diagnostic '\(diagnostic.message)' names an unknown file \(range.file.debugDescription)", input)
            }
            let extent = extents[range.file] ?? Extent(bytes)
            extents[range.file] = extent
            let problem = extent.problem(range.start)
                ?? (range.end.offset < range.start.offset || range.end.offset > bytes.count ? "end offset out of order" : nil)
            if let problem {
                finding("\(stage): diagnostic '\(diagnostic.message)' at \(range.file) "
                        + "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column) "
                        + "(offsets \(range.start.offset)..<\(range.end.offset)) is outside the file "
                        + "(\(extent.lines) lines, \(bytes.count) bytes): \(problem)", input)
            }
        }
    }
}

/// The directive keywords of a recipe as a sorted multiset (fmt reorders, never adds or drops).
func keywords(_ recipe: Recipe) -> [String] {
    recipe.directives.map(\.keyword.rawValue).sorted()
}

/// One input through every stage; traps on a broken promise.
func fuzzOne(_ bytes: [UInt8]) {
    // The input's files, each checked alone (parse, fmt) and all together with the siblings
    // (resolve, render). Their place among the siblings follows from the input's length, so
    // both orders of a name clash, or of a parent and its child, get explored.
    let inputs = zip(inputPaths, splitFiles(bytes)).map { RecipeSource(path: $0, relativePath: $0, bytes: $1) }
    let position = bytes.count % (siblings.count + 1)
    func sources(with files: [RecipeSource]) -> [RecipeSource] {
        var sources = siblings
        sources.insert(contentsOf: files, at: position)
        return sources
    }
    let all = sources(with: inputs)
    let files = Dictionary(uniqueKeysWithValues: all.map { ($0.path, $0.bytes) })
    let inputSet = Set(inputs.map(\.path))

    var canonicalInputs: [RecipeSource] = []
    var unparsed: [String] = []
    for input in inputs {
        // Parse: nil exactly when there is an error, and every diagnostic inside the file.
        let (recipe, diagnostics) = parseRecipe(path: input.path, bytes: input.bytes)
        checkRanges(diagnostics, files, bytes, stage: "parse")
        let parseFailed = diagnostics.contains { $0.severity == .error }
        if recipe == nil && !parseFailed { finding("parse: \(input.path) rejected without an error diagnostic", bytes) }
        if recipe != nil && parseFailed { finding("parse: \(input.path) accepted with an error diagnostic", bytes) }
        guard let recipe else {
            unparsed.append(input.path)
            canonicalInputs.append(input)
            continue
        }
        // Format, parse again: no errors, the same directives; formatting again changes nothing.
        let formatted = formatRecipe(recipe.syntax)
        let (again, againDiagnostics) = parseRecipe(path: input.path, text: formatted)
        guard let again, !againDiagnostics.contains(where: { $0.severity == .error }) else {
            let first = againDiagnostics.first { $0.severity == .error }.map { "\($0.range): \($0.message)" } ?? "no recipe"
            finding("fmt: the formatted \(input.path) does not parse (\(first))\nformatted: \(formatted.debugDescription)", bytes)
        }
        if keywords(again) != keywords(recipe) {
            finding("fmt: the directives of \(input.path) changed: \(keywords(recipe)) became \(keywords(again))\n"
                    + "formatted: \(formatted.debugDescription)", bytes)
        }
        let twice = formatRecipe(again.syntax)
        if twice != formatted {
            finding("fmt: not stable: \(formatted.debugDescription) formats to \(twice.debugDescription)", bytes)
        }
        canonicalInputs.append(RecipeSource(path: input.path, relativePath: input.path, bytes: Array(formatted.utf8)))
    }

    // Resolve with the siblings: every failed file has an error, every diagnostic is inside its file.
    let resolution = Resolver.resolve(all, maxVariants: 64)
    checkRanges(resolution.diagnostics, files, bytes, stage: "resolve")
    // A failed file has an error of its own, or is named by one (a cycle is reported once).
    let errors = resolution.diagnostics.filter { $0.severity == .error }
    for entry in RecipeSet(all).entries where resolution.failedPaths.contains(entry.source.path) {
        let path = entry.source.path
        if !errors.contains(where: { $0.range.file == path || $0.message.contains(entry.name) }) {
            finding("resolve: \(path) failed without an error diagnostic", bytes)
        }
    }
    for path in unparsed where !resolution.failedPaths.contains(path) {
        finding("resolve: \(path) does not parse but is not among the failed paths", bytes)
    }
    for scenario in resolution.scenarios where resolution.failedPaths.contains(scenario.source.path) {
        finding("resolve: \(scenario.source.path) is both resolved and failed", bytes)
    }

    // The formatted files mean the same: the same files fail, every scenario gets the same specs.
    if canonicalInputs.map(\.bytes) != inputs.map(\.bytes) {
        let again = Resolver.resolve(sources(with: canonicalInputs), maxVariants: 64)
        if again.failedPaths != resolution.failedPaths {
            finding("fmt: the formatted recipes change which files fail: \(resolution.failedPaths.sorted()) became "
                    + "\(again.failedPaths.sorted())", bytes)
        }
        let paths = { (r: Resolution) in r.scenarios.map(\.source.path) }
        let specs = { (r: Resolution) in r.scenarios.map { $0.variants.map(\.spec) } }
        if paths(again) != paths(resolution) || specs(again) != specs(resolution) {
            finding("fmt: the formatted recipes resolve to other specs", bytes)
        }
    }

    // Render each small variant the input has a hand in (a sibling alone renders the same bytes
    // every time): valid YAML bytes, or issues that become diagnostics.
    for scenario in resolution.scenarios {
        if scenario.variants.count > 64 { finding("resolve: \(scenario.variants.count) variants beyond the limit of 64", bytes) }
        guard scenario.chain.contains(where: inputSet.contains) else { continue }
        for variant in scenario.variants where variant.spec.agents <= maxRenderedAgents {
            switch ScenarioFile.render(variant.spec) {
            case .success(let yaml):
                if yaml.isEmpty { finding("render: empty YAML for \(variant.spec.name.debugDescription)", bytes) }
            case .failure(.invalid(let issues)):
                let rendered = variant.diagnostics(for: issues, recipe: scenario.recipe)
                if !rendered.contains(where: { $0.severity == .error }) {
                    finding("render: \(variant.spec.name.debugDescription) rejected without an error diagnostic", bytes)
                }
                checkRanges(rendered, files, bytes, stage: "render")
            case .failure(.write(let error)):
                finding("render: a write error in memory: \(error)", bytes)
            }
        }
    }
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
