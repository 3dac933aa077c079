// The build manifest: `OUT/.vmt-dsl-manifest.jsonl`, one JSON object a line for every output the
// builds wrote, sorted by output path. It is what tells an orphan (an output no recipe produces
// any more) from a file the tool never wrote, and what a batch runner reads to run a sweep.
import VMTCore

/// One output a build writes (or, for `list`, would write).
public struct ManifestEntry: Sendable, Equatable {
    /// The output path relative to the output folder (`lab/money_lab_rich.yaml`).
    public var output: String
    /// The recipe that produces it, relative to the project root (`lab/money_lab_rich.vmt`).
    public var recipe: String
    /// The scenario name written into the YAML.
    public var scenario: String
    /// The variant of a sweep, or nil for a recipe without `vary`.
    public var variant: Variant?
    /// The random seed, in decimal (a string: a seed may be larger than any JSON reader's integers).
    public var seed: String
    /// SHA-256 of the file's bytes, 64 lowercase hex digits; nil where not computed (`list` without `--hash`).
    public var sha256: String?
    /// The project that wrote it: its root folder relative to the output folder (`../scenarios.d`),
    /// see `ManifestFile.projectKey`; nil for entries of old manifests (they count as the current
    /// project's) and for `list`.
    public var project: String? = nil

    /// One variant of a sweep: its place and the values its `vary` lines gave it.
    public struct Variant: Sendable, Equatable {
        /// 1-based position among the recipe's variants, first `vary` line slowest.
        public var index: Int
        /// Each varied field (as written in `vary`: `seed`, `set.vision_radius`) and its value's
        /// text as written in the recipe, in `vary` order.
        public var values: [Value]

        /// One varied field and its value.
        public struct Value: Sendable, Equatable {
            /// The field, as `vary` names it. Text, not a `VaryField`: it is read back from a
            /// manifest on disk, which a newer or older build may have written, and is only ever
            /// compared and printed, never interpreted.
            public var field: String
            /// The value, as written (`0.3`, `10..50`, `money_only`).
            public var value: String

            /// A varied value.
            public init(field: String, value: String) {
                self.field = field
                self.value = value
            }
        }

        /// A variant.
        public init(index: Int, values: [Value]) {
            self.index = index
            self.values = values
        }
    }

    /// An entry with every field given.
    public init(output: String, recipe: String, scenario: String, variant: Variant?, seed: String, sha256: String?) {
        self.output = output
        self.recipe = recipe
        self.scenario = scenario
        self.variant = variant
        self.seed = seed
        self.sha256 = sha256
    }

    /// The entry as one JSON object, keys in the documented order; `sha256` only when known.
    public var json: JSON {
        var pairs: [(String, JSON)] = [
            ("output", .string(output)), ("recipe", .string(recipe)), ("scenario", .string(scenario)),
            ("variant", variant.map { variant in
                .object([("index", .int(variant.index)),
                         ("values", .object(variant.values.map { ($0.field, .string($0.value)) }))])
            } ?? .null),
            ("seed", .string(seed)),
        ]
        if let sha256 { pairs.append(("sha256", .string(sha256))) }
        if let project { pairs.append(("project", .string(project))) }
        return .object(pairs)
    }

    /// Reads an entry from the object on manifest line `line` (1-based, for the error).
    ///
    /// - Throws: `ProjectError.manifestLine` naming the field that is missing or of the wrong kind.
    public init(json: JSON, line: Int) throws(ProjectError) {
        func failure(_ problem: ManifestProblem) -> ProjectError { .manifestLine(line: line, problem) }
        func text(_ key: String) throws(ProjectError) -> String {
            guard let value = json[key]?.stringValue else { throw failure(.badField(key)) }
            return value
        }
        guard case .object = json else { throw failure(.notAnObject) }
        output = try text("output")
        recipe = try text("recipe")
        scenario = try text("scenario")
        seed = try text("seed")
        sha256 = try text("sha256")
        if let value = json["project"] {
            guard let key = value.stringValue else { throw failure(.badField("project")) }
            project = key
        }
        guard let digest = sha256, digest.utf8.count == 64, digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { throw failure(.badField("sha256")) }
        switch json["variant"] {
        case .null?:
            variant = nil
        case let object? where object["index"]?.intValue != nil:
            guard let index = object["index"]?.intValue, case .object(let pairs)? = object["values"] else {
                throw failure(.badField("variant"))
            }
            var values: [Variant.Value] = []
            for (field, value) in pairs {
                guard let text = value.stringValue else { throw failure(.badField("variant")) }
                values.append(Variant.Value(field: field, value: text))
            }
            variant = Variant(index: index, values: values)
        default:
            throw failure(.badField("variant"))
        }
    }
}

/// Every output the builds into one output folder wrote, sorted by output path.
public struct Manifest: Sendable, Equatable {
    /// The manifest's file name inside the output folder (hidden, so globs like `*.yaml` skip it).
    public static let fileName = ".vmt-dsl-manifest.jsonl"

    /// The entries, sorted by output path (byte order of UTF-8, as `LC_ALL=C sort`), one per output.
    public private(set) var entries: [ManifestEntry]

    /// A manifest of `entries`, sorted; when two name the same output, the last one is kept.
    public init(_ entries: [ManifestEntry]) {
        // Positions sorted by output, then position; the last of each run of one output is kept.
        // (No dictionary of entries: a build's manifest has one entry per scenario.)
        let order = entries.indices.sorted { a, b in
            let (x, y) = (entries[a].output, entries[b].output)
            return Self.precedes(x, y) || (x == y && a < b)
        }
        var kept: [ManifestEntry] = []
        kept.reserveCapacity(order.count)
        for (rank, position) in order.enumerated() {
            if rank + 1 < order.count, entries[order[rank + 1]].output == entries[position].output { continue }
            kept.append(entries[position])
        }
        self.entries = kept
    }

    /// Whether `a` sorts before `b`: UTF-8 byte order, independent of locale and normalization.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The entry for `output`, if listed.
    public func entry(for output: String) -> ManifestEntry? {
        entries.first { $0.output == output }
    }

    /// The entry for `output`, if listed, found by binary search (the entries are sorted and
    /// their outputs unique).
    func sortedEntry(for output: String) -> ManifestEntry? {
        var low = 0, high = entries.count
        while low < high {
            let middle = low + (high - low) / 2
            if Self.precedes(entries[middle].output, output) { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].output == output ? entries[low] : nil
    }

    /// The manifest file's bytes: each entry's JSON object on a line of its own, `\n`-terminated.
    /// An empty manifest is an empty file.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            out += Array(entry.json.text.utf8)
            out.append(0x0A)
        }
        return out
    }

    /// Reads a manifest file's bytes. Blank lines are skipped.
    ///
    /// - Throws: `ProjectError.manifestLine` for the first line that is not a valid entry, or
    ///   that repeats an output.
    public static func read(_ bytes: [UInt8]) throws(ProjectError) -> Manifest {
        var entries: [ManifestEntry] = []
        var seen: Set<String> = []
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let json: JSON
            do throws(CoreError) {
                json = try JSON.parse(Array(line))
            } catch {
                throw .manifestLine(line: number + 1, .syntax(error.description))
            }
            let entry = try ManifestEntry(json: json, line: number + 1)
            guard seen.insert(entry.output).inserted else {
                throw .manifestLine(line: number + 1, .duplicate(entry.output))
            }
            entries.append(entry)
        }
        return Manifest(entries)
    }

    /// The manifest after a build: the entries of every output the build produced (`produced`,
    /// hashes filled in), plus the old entries the build did not speak for: those of recipes
    /// outside the selection or of other projects (`isSelected` is false for them), and orphans
    /// still on disk that were not pruned (`kept`), so later runs still report them.
    ///
    /// An old entry whose output the build produced is replaced, whichever recipe it came from.
    public func updated(producing produced: [ManifestEntry], isSelected: (ManifestEntry) -> Bool,
                        keeping kept: [ManifestEntry]) -> Manifest {
        updated(producing: produced, outputs: Set(produced.map(\.output)), isSelected: isSelected, keeping: kept)
    }

    /// `updated(producing:isSelected:keeping:)` with the set of `produced`'s outputs already made.
    func updated(producing produced: [ManifestEntry], outputs producedOutputs: Set<String>,
                 isSelected: (ManifestEntry) -> Bool, keeping kept: [ManifestEntry]) -> Manifest {
        let keptOutputs = Set(kept.map(\.output))
        let carried = entries.filter { entry in
            !producedOutputs.contains(entry.output) && (!isSelected(entry) || keptOutputs.contains(entry.output))
        }
        return Manifest(carried + produced)
    }

    /// Orphans: listed outputs of selected recipes of the current project (`isSelected` true for
    /// their entries, including recipes that no longer exist) that the build no longer produces.
    /// Whether the file is still there is the caller's question.
    public func orphans(producing produced: Set<String>, isSelected: (ManifestEntry) -> Bool) -> [ManifestEntry] {
        entries.filter { isSelected($0) && !produced.contains($0.output) }
    }
}
