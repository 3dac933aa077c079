// The project layer's one error type and the details its cases carry; their words are written in
// ProjectMessages.swift, with every other text of the layer.
import VMTCore
import VMTRecipe

/// Why the project layer could not do what it was asked: the one error type of `VMTProject`.
///
/// Project APIs that fail throw it typed (`throws(ProjectError)`: plans and git, the YAML and
/// scenario readers, the manifest, the output store) or return it (`Result<_, ProjectError>`:
/// `YAMLReader.read`, `ScenarioLoader.load`). A failure of the generator core below is carried
/// as `.core`, unchanged. Problems *in recipes* are not errors but diagnostics (`Diagnostic`,
/// with codes); `import`'s reasons for refusing one file are diagnostics too (`ScenarioImporter`
/// keeps its own `ImportProblem` internal). This layer chooses no exit status: the command line
/// converts a `ProjectError` in one place (`CommandError.init(_: ProjectError)`).
public enum ProjectError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A plan cannot be made: git is missing, a folder is in no repository, a revision or a path
    /// is unknown.
    case plan(PlanSetupFailure)
    /// A text is not YAML the reader reads.
    case yaml(YAMLFailure)
    /// A scenario file does not load under the simulator's loader rules.
    case scenarioLoad(ScenarioLoadFailure)
    /// A line of a manifest (1-based `line`) is not a valid entry.
    case manifestLine(line: Int, ManifestProblem)
    /// The manifest file at `path` cannot be read.
    case manifestFile(path: String, reason: String)
    /// A write the output folder's confinement refuses; the text says why.
    case refused(String)
    /// The generator core failed (a file read or write, JSON).
    case core(CoreError)

    /// Runs `body`, its core error carried as `.core`.
    static func wrapping<T>(_ body: () throws(CoreError) -> T) throws(ProjectError) -> T {
        do throws(CoreError) {
            return try body()
        } catch {
            throw .core(error)
        }
    }
}

/// Why a plan cannot be made.
public enum PlanSetupFailure: Equatable, Sendable, CustomStringConvertible {
    /// No `git` on `PATH`.
    case gitNotInstalled
    /// The folder is in no git repository (`forBase`: said for `--base`).
    case notInRepository(String, forBase: Bool)
    /// The `--base` value cannot be a revision (empty, or starts with `-`).
    case notARevision(String)
    /// The `--base` revision names no commit; git's own words follow.
    case noCommit(String, git: String)
    /// `git cat-file` failed; its words follow.
    case gitFailed(String)
    /// The executable could not be started, for this reason.
    case cannotRun(String, String)
    /// A PATH given on the command line does not exist.
    case noSuchPath(String)
    /// A PATH lies in another project (`root`) than the first one given (`first`, in `firstRoot`).
    case twoProjects(String, root: String, first: String, firstRoot: String)
    /// The `--against` folder does not exist.
    case noAgainstFolder(String)
    /// A side gives more scenarios (nil: more than `Int.max`) than the
    /// per-run limit `limit` (`--max-build-variants`, as `build` counts them).
    case tooManyScenarios(Int?, limit: Int)
}

/// A YAML text that could not be read: what is wrong and where.
public struct YAMLFailure: Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// Where.
    public var position: YAMLPosition
}

/// A scenario file that does not load: the key (a dotted path) and where it is.
public struct ScenarioLoadFailure: Equatable, Sendable, CustomStringConvertible {
    /// The dotted path of the offending key, such as `utilities.mix[1].params.rho`.
    public var key: String
    /// What is wrong.
    public var message: String
    /// Where (the key's line and column), when known.
    public var position: YAMLPosition?
    /// The diagnostic code when the problem has its own (an unknown protocol name is VMT703);
    /// nil for a plain load error (VMT601).
    public var code: DiagnosticCode? = nil
    /// A suggestion, such as `did you mean 'random_walk'?`.
    public var hint: String? = nil
}

/// Why a manifest line cannot be read.
public enum ManifestProblem: Equatable, Sendable, CustomStringConvertible {
    /// The line is not JSON.
    case syntax(String)
    /// The line is JSON but not an object.
    case notAnObject
    /// A field is missing or has the wrong kind of value.
    case badField(String)
    /// Two lines name the same output.
    case duplicate(String)
}
