// The manifest on disk and the outputs it lists that no recipe produces any more: reading and
// writing `OUT/.vmt-dsl-manifest.jsonl`, telling an orphan the build wrote (still its bytes) from
// one edited by hand, and deleting only the former.
import Foundation
import VMTCore
import VMTRecipe
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ManifestEntry {
    /// The entry for one variant of a resolved recipe: output and scenario as the variant says,
    /// the recipe's path relative to the project root, the seed in decimal, and the varied
    /// values (nil for a recipe without `vary`). `sha256` is the digest of the rendered bytes,
    /// when computed.
    public init(variant: ResolvedVariant, of scenario: ResolvedScenario, sha256: String?) {
        self.init(output: variant.output.value, recipe: scenario.source.relativePath, scenario: variant.name.value,
                  variant: variant.assignments.isEmpty ? nil
                      : Variant(index: variant.index, values: variant.assignments.map { Variant.Value(field: $0.field.name, value: $0.text) }),
                  seed: variant.spec.seed.description, sha256: sha256)
    }
}

/// An output the manifest lists that the build no longer produces, and what is on disk there.
public struct Orphan: Sendable, Equatable {
    /// What is at the orphan's path.
    public enum State: Sendable, Equatable {
        /// A file with the bytes the manifest's hash names: the build's own output, safe to delete.
        case asBuilt
        /// A file whose bytes changed since it was built (or something that is not a regular
        /// file): never deleted.
        case edited
        /// Nothing: the entry is dropped from the manifest at the next write.
        case gone
    }

    /// The manifest's entry.
    public var entry: ManifestEntry
    /// What is on disk.
    public var state: State
}

/// The manifest file of an output folder.
public enum ManifestFile {
    /// The largest manifest read (far beyond 10,000 variants' lines).
    public static let maxBytes = 64 << 20

    /// The manifest's path in `outputFolder`.
    public static func path(in outputFolder: String) -> String {
        outputFolder + "/" + Manifest.fileName
    }

    /// Reads the manifest of `outputFolder`; a missing file (or folder) is an empty manifest.
    ///
    /// - Throws: `ProjectError.manifestFile` when the file cannot be read, is too large, or has
    ///   a bad line.
    public static func read(in outputFolder: String) throws(ProjectError) -> Manifest {
        let path = path(in: outputFolder)
        // Through the output folder's descriptor with O_NOFOLLOW, as every file of the folder:
        // a manifest that is a symbolic link is refused as one, never followed.
        let bytes: [UInt8]
        do throws(CoreError) {
            let folder = try OutputFolder(path: outputFolder, create: false)
            guard let read = try folder.read(Manifest.fileName, limit: maxBytes) else { return Manifest([]) }
            bytes = read
        } catch {
            // An output folder that is a file has no manifest (the build refuses it by itself).
            if case .write(let failure) = error, failure.reason == .notAFolder { return Manifest([]) }
            throw .manifestFile(path: path, reason: error.explanation)
        }
        do throws(ProjectError) {
            return try Manifest.read(bytes)
        } catch {
            throw .manifestFile(path: path, reason: error.description)
        }
    }

    /// Writes `manifest` into `outputFolder` atomically, unless the file already holds exactly
    /// these bytes. An empty manifest is not created where there is none. Returns whether it wrote.
    ///
    /// - Throws: `CoreError.write` when the file cannot be written (the old one is left as it was).
    @discardableResult
    public static func write(_ manifest: Manifest, in outputFolder: String) throws(CoreError) -> Bool {
        let bytes = manifest.bytes
        // Through the output folder's descriptor, as every output: a manifest that is a symbolic
        // link is refused, never followed out of the folder.
        let folder = try OutputFolder(path: outputFolder, create: !bytes.isEmpty)
        switch try folder.compare(Manifest.fileName, with: bytes) {
        case .identical: return false
        case .missing where bytes.isEmpty: return false
        case .missing, .different: break
        }
        try folder.write(bytes, to: Manifest.fileName)
        return true
    }

    /// Whether a manifest's `output` is a relative path of a file inside the output folder: not
    /// empty, not absolute, no empty, `.` or `..` segment (so no trailing `/`).
    public static func isInsideFolder(_ output: String) -> Bool {
        !output.hasPrefix("/") && output.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// The key recorded as an entry's `project`: the project root `root` relative to the output
    /// folder `outputFolder` (both absolute; `.`/`..` segments are removed, symbolic links are
    /// not followed), e.g. `../scenarios.d`, or `.` when they are the same folder. Relative, so a
    /// manifest stays the same when the whole tree moves.
    public static func projectKey(root: String, outputFolder: String) -> String {
        func segments(_ path: String) -> [Substring] {
            var out: [Substring] = []
            for part in path.split(separator: "/") where part != "." {
                if part == ".." { _ = out.popLast() } else { out.append(part) }
            }
            return out
        }
        let to = segments(root), from = segments(outputFolder)
        var common = 0
        while common < to.count, common < from.count, to[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The largest orphan hashed; a bigger file is not the build's output any more.
    static let maxOutputBytes = 1 << 30

    /// What is on disk at each of `entries`' outputs under `outputFolder`.
    public static func orphans(_ entries: [ManifestEntry], in outputFolder: String) -> [Orphan] {
        let folder = try? OutputFolder(path: outputFolder, create: false)
        return entries.map { entry in
            // A path that leaves the folder (or names no file in it) is never looked at.
            guard isInsideFolder(entry.output) else { return Orphan(entry: entry, state: .edited) }
            // Read through the folder's descriptors: a link on the way or at the file is
            // never followed (it counts as edited, so it is never pruned).
            guard let folder else { return Orphan(entry: entry, state: .gone) }
            let found: [UInt8]
            do throws(CoreError) {
                guard let bytes = try folder.read(entry.output, limit: maxOutputBytes) else {
                    return Orphan(entry: entry, state: .gone)
                }
                found = bytes
            } catch {
                return Orphan(entry: entry, state: .edited)
            }
            guard SHA256.hexDigest(found) == entry.sha256 else {
                return Orphan(entry: entry, state: .edited)
            }
            return Orphan(entry: entry, state: .asBuilt)
        }
    }

    /// Deletes an orphan that is still as built, through `OutputFolder` (confined: never
    /// through a symbolic link, only a regular file); checks the bytes again right before, and
    /// removes the folders the deletion left empty (up to the output folder). Returns nil when
    /// deleted, else why not.
    public static func prune(_ orphan: Orphan, in outputFolder: String) -> String? {
        guard orphan.state == .asBuilt else { return ProjectMessages.orphanChanged }
        // The bytes could have changed since they were hashed.
        guard Self.orphans([orphan.entry], in: outputFolder).first?.state == .asBuilt else {
            return ProjectMessages.orphanChanged
        }
        let folder: OutputFolder
        do throws(CoreError) {
            folder = try OutputFolder(path: outputFolder, create: false)
            try folder.remove(orphan.entry.output)
        } catch {
            return error.explanation
        }
        var folders = orphan.entry.output.split(separator: "/").map(String.init).dropLast()
        while !folders.isEmpty {
            // Only an empty folder is removed, never through a link: anything else stays.
            guard folder.removeEmptyFolder(folders.joined(separator: "/")) else { break }
            folders = folders.dropLast()
        }
        return nil
    }
}

/// What a build did with the manifest: the orphans it found, those it deleted and kept.
public struct ManifestReconciliation: Sendable {
    /// Orphans still on disk (as built or edited), sorted by output path; for a build with
    /// `prune`, those not deleted.
    public var orphans: [Orphan] = []
    /// Orphans deleted (`prune`).
    public var pruned: [Orphan] = []
    /// Orphans `prune` did not delete, and why (edited by hand, a path through a link, an error).
    public var kept: [(orphan: Orphan, reason: String)] = []
    /// Whether the manifest file was rewritten.
    public var wroteManifest = false
    /// Outputs this build wrote over that the old manifest listed as another project's: the old
    /// entries (their `project` differs from the new entry's).
    public var clashes: [ManifestEntry] = []
}

extension ManifestFile {
    /// What a build does with the manifest of `outputFolder` once its outputs are written (or,
    /// with `write` false, compared): finds the orphans — entries of selected recipes of this
    /// project (`isSelected`, false for recipes that failed in this build and for entries another
    /// project wrote, whose files are never touched) whose outputs were not
    /// produced — deletes those still as built when `prune` is set, and (when `write`) rewrites
    /// the manifest with `produced` (hashes filled in), the unselected entries, and the orphans
    /// left on disk. Files the manifest never listed are never looked at. A produced output the
    /// old manifest gave to another project is reported in `clashes`.
    ///
    /// - Throws: `ProjectError.manifestFile` when the old manifest cannot be read (then nothing
    ///   is deleted or written), `.core` when the new one cannot be written.
    public static func reconcile(in outputFolder: String, produced: [ManifestEntry], isSelected: (ManifestEntry) -> Bool,
                                 write: Bool, prune: Bool) throws(ProjectError) -> ManifestReconciliation {
        let old = try read(in: outputFolder)
        let producedOutputs = Set(produced.map(\.output))
        let found = orphans(old.orphans(producing: producedOutputs, isSelected: isSelected), in: outputFolder)
        var result = ManifestReconciliation()
        for entry in produced {
            if let before = old.sortedEntry(for: entry.output), let owner = before.project, let writer = entry.project, owner != writer {
                result.clashes.append(before)
            }
        }
        var remaining: [ManifestEntry] = []
        for orphan in found {
            // Such an entry is a problem of the manifest, reported every run and never touched.
            guard Self.isInsideFolder(orphan.entry.output) else {
                result.kept.append((orphan, WriteFailure(path: outputFolder, reason: .notRelative(orphan.entry.output)).explanation))
                result.orphans.append(orphan)
                remaining.append(orphan.entry)
                continue
            }
            guard orphan.state != .gone else { continue }
            guard prune && write else {
                result.orphans.append(orphan)
                remaining.append(orphan.entry)
                continue
            }
            if let reason = Self.prune(orphan, in: outputFolder) {
                result.kept.append((orphan, reason))
                result.orphans.append(orphan)
                remaining.append(orphan.entry)
            } else {
                result.pruned.append(orphan)
            }
        }
        if write {
            let updated = old.updated(producing: produced, outputs: producedOutputs, isSelected: isSelected, keeping: remaining)
            result.wroteManifest = try ProjectError.wrapping { () throws(CoreError) in try Self.write(updated, in: outputFolder) }
        }
        return result
    }
}
