// The build engine: load → resolve → plan → render → compare → write → report. Commands
// (`build`, `check`, later `plan`, `lsp`) call `BuildEngine.run` and only print its events.
import Foundation
import VMTCore
import VMTRecipe

/// What a build does with each output.
public enum BuildMode: Sendable, Equatable {
    /// `check`: resolve, validate and render in memory; touch no output folder.
    case validate
    /// `build --check`: also compare with the files in the output folder; write nothing.
    case compare
    /// `build`: also write the outputs whose bytes changed (atomically, one file at a time).
    case write
}

/// The settings of one build.
public struct BuildOptions: Sendable {
    /// What to do with each output.
    public var mode: BuildMode
    /// The output folder, absolute (unused by `.validate`).
    public var outputFolder: String
    /// The most variants one recipe may give.
    public var maxVariants: Int
    /// The most outputs one build may plan (all recipes together).
    public var maxBuildVariants: Int
    /// Treat warnings as errors: a recipe with a warning fails and writes nothing.
    public var warningsAsErrors: Bool
    /// Warning codes silenced in this build (`--allow`).
    public var allowed: Set<DiagnosticCode>
    /// Whether each output's SHA-256 is computed (for the manifest and `list --hash`).
    public var hashes: Bool
    /// The VMT target of recipes without a `vmt` line (`--vmt`).
    public var target: VMTTarget
    /// Whether the build looks after the output folder as `vmt-dsl build` does (`.write` and
    /// `.compare` only): `.write` removes stale temporary files of killed runs before writing
    /// and then updates `OUT/.vmt-dsl-manifest.jsonl`; `.compare` reports those files
    /// (`leftover`) and reads the manifest without writing it; both report its orphans.
    public var manifest: Bool
    /// With `manifest` and `.write`: delete orphans still as built (`build --prune`).
    public var prune: Bool

    /// Options with the documented defaults.
    public init(mode: BuildMode, outputFolder: String = "", maxVariants: Int = Resolver.defaultMaxVariants,
                maxBuildVariants: Int = BuildEngine.defaultMaxBuildVariants, warningsAsErrors: Bool = false,
                allowed: Set<DiagnosticCode> = [], hashes: Bool = true, target: VMTTarget = .standard,
                manifest: Bool = false, prune: Bool = false) {
        self.mode = mode
        self.outputFolder = outputFolder
        self.maxVariants = maxVariants
        self.maxBuildVariants = maxBuildVariants
        self.warningsAsErrors = warningsAsErrors
        self.allowed = allowed
        self.hashes = hashes
        self.target = target
        self.manifest = manifest
        self.prune = prune
    }
}

/// What happened to one planned output.
public enum OutputStatus: Sendable, Equatable {
    /// `.validate`: rendered in memory, every rule holds.
    case valid
    /// Written (new or changed bytes).
    case written
    /// The file already holds these bytes.
    case unchanged
    /// `.compare`: there is no file yet.
    case missing
    /// `.compare`: the file holds other bytes.
    case stale
    /// The drawn scenario breaks a rule; nothing was written (diagnostics point at the lines).
    case invalid([Diagnostic])
    /// The file could not be written (or was refused by confinement); the old file is kept.
    case unwritable(String)
}

/// One report of a running build. Events come in this order: `leftover`s, `problem`s, one
/// `diagnostics` (resolution and clashes), one `output` per planned output in plan order, then
/// (with `BuildOptions.manifest`) `pruned`s, `orphan`s, `keptOrphan`s or one
/// `manifestProblem`, and `finished`.
public enum BuildEvent: Sendable {
    /// A path or file that could not be used, or a build-wide limit; one sentence.
    case problem(String)
    /// Diagnostics of resolution and of clashes between recipes (possibly empty).
    case diagnostics([Diagnostic])
    /// What happened to one output, and its manifest entry (with the SHA-256 of its bytes when
    /// `BuildOptions.hashes` and it rendered).
    case output(PlannedOutput, OutputStatus, ManifestEntry)
    /// `.compare` with `manifest`: a stale temporary file of a killed run, by its path relative
    /// to the output folder (`.write` removes them instead).
    case leftover(String)
    /// `.write` with `manifest` and `prune`: an orphan deleted.
    case pruned(Orphan)
    /// With `manifest`: an output the manifest lists that no selected recipe that built
    /// produces any more, still on disk (not pruned).
    case orphan(Orphan)
    /// `prune` did not delete this orphan (also reported as `orphan`), and why.
    case keptOrphan(Orphan, reason: String)
    /// With `manifest`: the manifest could not be read (nothing was pruned or written) or
    /// written; one sentence.
    case manifestProblem(String)
    /// `.write` with `manifest`: an output was written over a file the manifest listed as
    /// another project's (its old entry); the build goes on (a warning).
    case overwroteOtherProject(ManifestEntry)
    /// The counts, once everything is done.
    case finished(BuildSummary)
}

/// The counts of a build, for its last line.
public struct BuildSummary: Sendable, Equatable {
    /// Recipes selected (read or not).
    public var recipes = 0
    /// Selected templates that resolved (they write nothing).
    public var templates = 0
    /// Outputs planned (variants of the recipes that resolved and clash with nothing).
    public var scenarios = 0
    /// `.valid` outputs.
    public var valid = 0
    /// Outputs written.
    public var written = 0
    /// Outputs whose file already held their bytes.
    public var unchanged = 0
    /// `.compare`: outputs without a file.
    public var missing = 0
    /// `.compare`: outputs whose file holds other bytes.
    public var stale = 0
    /// Selected recipes that failed (resolution, clash, rendering, writing), plus `problems`.
    public var failed = 0
    /// Problems that are no recipe's (a PATH that names nothing or selects no recipe, too many
    /// outputs), reported as `.problem` events; counted in `failed` too. A selected recipe file
    /// that cannot be read is a `.problem` too, but counted in `failedPaths`, not here.
    public var problems = 0
    /// Display paths of the selected recipes that failed, unreadable ones included (their
    /// earlier outputs are kept).
    public var failedPaths: Set<String> = []
    /// With `manifest`: orphans left on disk (`orphan` events).
    public var orphaned = 0
    /// With `manifest`: orphans deleted (`pruned` events).
    public var pruned = 0
    /// `.compare` with `manifest`: stale temporary files found (`leftover` events).
    public var leftovers = 0
    /// With `manifest`: orphans `prune` kept, plus one for a manifest that could not be used.
    public var manifestProblems = 0

    /// All counts zero.
    public init() {}

    /// True when nothing failed and (for `.compare`) nothing is missing or stale. Orphans,
    /// leftovers and manifest problems are counted apart (`build` fails on each of them).
    public var succeeded: Bool { failed == 0 && missing == 0 && stale == 0 }
}

/// The build engine. Memory does not grow with the number of agents, and with the number of
/// variants only by a small record each: variants are made one at a time, rendered in batches of
/// `batchSize`, each held in memory only up to `inMemoryLimit` bytes (a larger one is streamed to
/// and compared with its file), and written before the next batch is rendered. What is kept per
/// output: a 64-bit hash for the clash check and, when writing or comparing with a manifest, the
/// output's `ManifestEntry` until the manifest is reconciled at the end (about 0.9 KB each at
/// peak; README, "Memory").
public enum BuildEngine {
    /// The default limit on outputs per build (`--max-build-variants`).
    public static let defaultMaxBuildVariants = 100_000
    /// Outputs rendered concurrently before they are written.
    static let batchSize = 32
    /// The largest rendering kept in memory; larger ones are streamed.
    static let inMemoryLimit = 1 << 20

    /// Loads the project of `paths`, resolves, plans, renders, compares and writes as
    /// `options.mode` says, reporting to `report` as it goes. Returns the summary (also the
    /// last event). `.write` creates the output folder and its subfolders as needed; no mode
    /// writes anywhere else.
    @discardableResult
    public static func run(_ paths: [String], currentDirectory: String, options: BuildOptions,
                           overlays: [String: [UInt8]] = [:], report: (BuildEvent) -> Void) -> BuildSummary {
        let project = Project.load(paths, currentDirectory: currentDirectory, overlays: overlays)
        let resolved = ProjectResolution.resolve(project, maxVariants: options.maxVariants,
                                                 warningsAsErrors: options.warningsAsErrors, allowing: options.allowed,
                                                 target: options.target)
        return run(resolved, options: options, report: report)
    }

    /// Builds an already resolved project (see `run(_:currentDirectory:options:overlays:report:)`).
    @discardableResult
    public static func run(_ resolved: ProjectResolution, options: BuildOptions, report: (BuildEvent) -> Void) -> BuildSummary {
        var summary = BuildSummary()
        if options.manifest {
            // Temporary files of killed runs: removed by a build, reported by a comparison.
            if options.mode == .write {
                TemporaryFiles.removeStaleTemporaryFiles(in: options.outputFolder)
            } else if options.mode == .compare {
                for path in TemporaryFiles.staleTemporaryFiles(in: options.outputFolder) {
                    summary.leftovers += 1
                    report(.leftover(String(path.dropFirst(options.outputFolder.count + 1))))
                }
            }
        }
        summary.recipes = resolved.project.selectedPaths.count + resolved.project.unreadable.count
        var problems = resolved.project.problems
        summary.templates = resolved.scenarios.filter(\.isTemplate).count
        let store = OutputStore(root: options.mode == .validate ? "" : options.outputFolder)
        // Clashes are looked for among every recipe a full build would build, so that a partial
        // build refuses what the full one refuses.
        var cache: [String: String] = [:]
        let clashes = resolved.outputClashes { output in
            options.mode == .validate ? ClashFinder.lexicalLocation(output) : store.location(of: output, cache: &cache)
        }
        cache = [:]
        var failed = resolved.failedPaths.union(clashes.failed.intersection(resolved.project.selectedPaths))
        var plan = OutputPlan(resolved.scenarios.filter { !clashes.failed.contains($0.source.path) })
        let count = plan.count
        if count.map({ $0 > options.maxBuildVariants }) ?? true {
            problems.append(ProjectMessages.tooManyOutputs(count,
                                                           limit: options.maxBuildVariants))
            plan = OutputPlan([])
        }
        for problem in problems { report(.problem(problem)) }
        report(.diagnostics(resolved.diagnostics + clashes.diagnostics))
        var batch: [PlannedOutput] = []
        var produced: [ManifestEntry] = []
        let projectKeys = ProjectKeys(resolved.project, outputFolder: options.outputFolder)
        func flush() {
            let results = Parallel.map(batch) { process($0, mode: options.mode, store: store, hashes: options.hashes) }
            for (planned, (result, entry)) in zip(batch, results) {
                var status: OutputStatus
                switch result {
                case .done(let done): status = done
                case .pending(let bytes):
                    do throws(CoreError) {
                        try store.write(bytes, to: planned.output)
                        status = .written
                    } catch {
                        status = .unwritable(error.description)
                    }
                }
                switch status {
                case .written, .unchanged, .missing, .stale:
                    var owned = entry
                    owned.project = projectKeys.key(of: planned.sourcePath)
                    produced.append(owned)
                case .valid, .invalid, .unwritable: break
                }
                switch status {
                case .valid: summary.valid += 1
                case .written: summary.written += 1
                case .unchanged: summary.unchanged += 1
                case .missing: summary.missing += 1
                case .stale: summary.stale += 1
                case .invalid, .unwritable: failed.insert(planned.sourcePath)
                }
                summary.scenarios += 1
                report(.output(planned, status, entry))
            }
            batch.removeAll(keepingCapacity: true)
        }
        for planned in plan {
            batch.append(planned)
            if batch.count == batchSize { flush() }
        }
        flush()
        summary.failed = failed.count + problems.count
        // A selected file that cannot be read is a recipe that failed (its problem says why).
        let unreadable = resolved.project.unreadable
        summary.problems = problems.count - unreadable.count
        summary.failedPaths = failed.union(unreadable)
        if options.manifest && options.mode != .validate {
            reconcile(resolved.project, projectKeys: projectKeys, produced: produced, failed: failed, options: options, summary: &summary, report: report)
        }
        report(.finished(summary))
        return summary
    }

    /// The work done for one output off the writing thread.
    private enum Processed: Sendable {
        /// Finished.
        case done(OutputStatus)
        /// New or changed bytes, to be written in plan order.
        case pending([UInt8])
    }

    /// A sink that keeps at most `limit` bytes, then throws `.tooLargeForMemory` (and says so
    /// in `overflowed`, so that the caller tells it from the sink's other errors).
    private final class CappedSink: ByteSink {
        let limit: Int
        var bytes: [UInt8] = []
        private(set) var overflowed = false
        init(limit: Int) { self.limit = limit }
        func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CoreError) {
            guard self.bytes.count + bytes.count <= limit else {
                overflowed = true
                throw .write(WriteFailure(path: "(memory)", reason: .tooLargeForMemory(limit)))
            }
            self.bytes.append(contentsOf: bytes)
        }
    }

    /// A sink that only counts.
    private final class DiscardSink: ByteSink {
        func write(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }

    /// Renders one spec into a sink, hashing on the way when asked to (the last digest is kept).
    private final class Renderer {
        let spec: ScenarioSpec
        let hashes: Bool
        private(set) var digest: String?
        init(spec: ScenarioSpec, hashes: Bool) {
            self.spec = spec
            self.hashes = hashes
        }
        func render(into sink: ByteSink) throws(CoreError) {
            guard hashes else {
                try ScenarioWriter.write(spec, to: sink)
                return
            }
            let hashing = HashingSink(sink)
            try ScenarioWriter.write(spec, to: hashing)
            digest = hashing.hex
        }
    }

    /// A sink that hashes what passes through it on the way to another sink.
    private final class HashingSink: ByteSink {
        let next: ByteSink?
        var hasher = SHA256()
        init(_ next: ByteSink?) { self.next = next }
        func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CoreError) {
            hasher.update(bytes)
            try next?.write(bytes)
        }
        var hex: String { SHA256.hex(hasher.finalize()) }
    }

    /// Renders one output and compares it (and, for a large one, writes it) as `mode` says;
    /// with its manifest entry.
    private static func process(_ planned: PlannedOutput, mode: BuildMode, store: OutputStore,
                                hashes: Bool) -> (Processed, ManifestEntry) {
        let variant = planned.resolvedVariant
        var digest: String?
        let processed = process(planned, variant, mode: mode, store: store, hashes: hashes, digest: &digest)
        return (processed, ManifestEntry(variant: variant, of: planned.scenario, sha256: digest))
    }

    private static func process(_ planned: PlannedOutput, _ variant: ResolvedVariant, mode: BuildMode, store: OutputStore,
                                hashes: Bool, digest: inout String?) -> Processed {
        let spec = variant.spec
        let issues = Validator.validate(spec)
        guard issues.isEmpty else { return .done(.invalid(variant.diagnostics(for: issues, recipe: planned.scenario.recipe))) }
        do throws(ProjectError) {
            let sink = CappedSink(limit: inMemoryLimit)
            let rendered = Result { () throws(CoreError) in try ScenarioWriter.write(spec, to: sink) }
            if sink.overflowed {
                return .done(try streamed(planned, spec, mode: mode, store: store, hashes: hashes, digest: &digest))
            }
            _ = try ProjectError.wrapping { () throws(CoreError) in try rendered.get() }
            if hashes { digest = SHA256.hexDigest(sink.bytes) }
            // What is in the output folder now.
            func existing() throws(ProjectError) -> OutputStore.Comparison {
                try ProjectError.wrapping { () throws(CoreError) in try store.compare(planned.output, with: sink.bytes) }
            }
            switch mode {
            case .validate: return .done(.valid)
            case .compare:
                switch try existing() {
                case .same: return .done(.unchanged)
                case .different: return .done(.stale)
                case .missing: return .done(.missing)
                }
            case .write:
                return try existing() == .same ? .done(.unchanged) : .pending(sink.bytes)
            }
        } catch .core(.invalid(let failure)) {
            return .done(.invalid(variant.diagnostics(for: failure.issues, recipe: planned.scenario.recipe)))
        } catch {
            return .done(.unwritable(error.description))
        }
    }

    /// The large-output path: validated by rendering into nothing (`.validate`), compared as it
    /// renders, and written by rendering again into the file when it differs.
    private static func streamed(_ planned: PlannedOutput, _ spec: ScenarioSpec, mode: BuildMode,
                                 store: OutputStore, hashes: Bool, digest: inout String?) throws(ProjectError) -> OutputStatus {
        let renderer = Renderer(spec: spec, hashes: hashes)
        defer { if let hex = renderer.digest { digest = hex } }
        // Renders into nothing: validates (and hashes).
        func validate() throws(ProjectError) {
            try ProjectError.wrapping { () throws(CoreError) in try renderer.render(into: DiscardSink()) }
        }
        switch mode {
        case .validate:
            try validate()
            return .valid
        case .compare:
            let comparison = try store.compare(planned.output, renderer.render)
            if comparison == .missing { try validate() }  // validated (and hashed) all the same
            switch comparison {
            case .same: return .unchanged
            case .different: return .stale
            case .missing: return .missing
            }
        case .write:
            if try store.compare(planned.output, renderer.render) == .same { return .unchanged }
            try ProjectError.wrapping { () throws(CoreError) in try store.write(planned.output, renderer.render) }
            return .written
        }
    }
}
