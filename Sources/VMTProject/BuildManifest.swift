// The output folder after a build: the manifest reconciled (orphans found, pruned or kept).
// `BuildEngine.run` calls it when `BuildOptions.manifest` is set, as `vmt-dsl build` does.
import Foundation
import VMTCore
import VMTRecipe

extension BuildEngine {
    /// Whether `outputFolder` (absolute) names something that is not a folder (following
    /// symbolic links): a build refuses to start then, before reading any recipe.
    public static func outputFolderIsAFile(_ outputFolder: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: outputFolder, isDirectory: &isFolder) && !isFolder.boolValue
    }

    /// Updates the manifest of the output folder (`.write`) or compares with it (`.compare`),
    /// reporting `pruned`, `orphan`, `keptOrphan` and `manifestProblem` events and counting
    /// them in `summary`. Orphans are judged only among recipes `project` selects and that
    /// built (not in `failed`, display paths); a run that could not read a selected recipe file
    /// judges none (that recipe would look deleted) and leaves the manifest alone. Entries of
    /// other projects (`project` not one of this build's roots) are never orphans; entries
    /// without `project` (old manifests) count as this build's.
    static func reconcile(_ project: Project, projectKeys: ProjectKeys, produced: [ManifestEntry], failed: Set<String>, options: BuildOptions,
                          summary: inout BuildSummary, report: (BuildEvent) -> Void) {
        guard project.unreadable.isEmpty else { return }
        let failedRelative = Set(project.sources.filter { failed.contains($0.path) }.map(\.relativePath))
        do {
            let reconciled = try ManifestFile.reconcile(
                in: options.outputFolder, produced: produced,
                isSelected: { entry in
                    (entry.project.map(projectKeys.keys.contains) ?? true)
                        && project.selects(relativePath: entry.recipe) && !failedRelative.contains(entry.recipe)
                },
                write: options.mode == .write, prune: options.prune)
            if options.mode == .write { for clash in reconciled.clashes { report(.overwroteOtherProject(clash)) } }
            for orphan in reconciled.pruned { report(.pruned(orphan)) }
            for orphan in reconciled.orphans { report(.orphan(orphan)) }
            for kept in reconciled.kept { report(.keptOrphan(kept.orphan, reason: kept.reason)) }
            summary.orphaned = reconciled.orphans.count
            summary.pruned = reconciled.pruned.count
            summary.manifestProblems = reconciled.kept.count
        } catch {
            summary.manifestProblems = 1
            report(.manifestProblem(error.description))
        }
    }
}

/// The `project` key of each root of a build (`ManifestFile.projectKey`), for its manifest entries.
struct ProjectKeys {
    /// Each root's absolute path and key.
    let roots: [(path: String, key: String)]
    /// Every root's key.
    let keys: Set<String>
    /// Each recipe's absolute path, by display path.
    let absolutePaths: [String: String]

    /// The keys of `project`'s roots relative to `outputFolder` (absolute).
    init(_ project: Project, outputFolder: String) {
        roots = project.roots.map { ($0.path, ManifestFile.projectKey(root: $0.path, outputFolder: outputFolder)) }
        keys = Set(roots.map(\.key))
        absolutePaths = project.absolutePaths
    }

    /// The key of the root holding the recipe at display path `sourcePath`.
    func key(of sourcePath: String) -> String? {
        guard let absolute = absolutePaths[sourcePath] else { return roots.count == 1 ? roots[0].key : nil }
        return roots.first { absolute.hasPrefix($0.path.hasSuffix("/") ? $0.path : $0.path + "/") }?.key
    }
}
