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
    /// judges none (that recipe would look deleted) and leaves the manifest alone.
    static func reconcile(_ project: Project, produced: [ManifestEntry], failed: Set<String>, options: BuildOptions,
                          summary: inout BuildSummary, report: (BuildEvent) -> Void) {
        guard project.unreadable.isEmpty else { return }
        let failedRelative = Set(project.sources.filter { failed.contains($0.path) }.map(\.relativePath))
        do {
            let reconciled = try ManifestFile.reconcile(
                in: options.outputFolder, produced: produced,
                isSelected: { project.selects(relativePath: $0) && !failedRelative.contains($0) },
                write: options.mode == .write, prune: options.prune)
            for orphan in reconciled.pruned { report(.pruned(orphan)) }
            for orphan in reconciled.orphans { report(.orphan(orphan)) }
            for kept in reconciled.kept { report(.keptOrphan(kept.orphan, reason: kept.reason)) }
            summary.orphaned = reconciled.orphans.count
            summary.pruned = reconciled.pruned.count
            summary.manifestProblems = reconciled.kept.count
        } catch {
            summary.manifestProblems = 1
            report(.manifestProblem("\(error)"))
        }
    }
}
