// What a plan says: per scenario (and sweep variant) added, removed, renamed or changed, each
// change with the directive responsible on both sides, the draws it redoes and how much of the
// file it rewrites; the recipes that fail on either side; and the impact of each source line.
import VMTRecipe

/// The outcome of comparing a project with an older version of itself.
public struct Plan: Sendable {
    /// The project root as printed.
    public var root: String
    /// The old side's name (`HEAD`, a revision, a folder).
    public var oldLabel: String
    /// The new side's name (`working tree`, a folder).
    public var newLabel: String
    /// Every added, removed, renamed or changed scenario, by output path.
    public var scenarios: [PlanScenario]
    /// Scenarios whose spec (hence file) is the same on both sides.
    public var unchanged: Int
    /// Recipes that fail to resolve on either side, with their diagnostics.
    public var failures: [PlanFailure]
    /// Each source line responsible for a change, and the scenarios it reaches.
    public var impact: [PlanImpact]
    /// Files that could not be read, with the side they are on.
    public var problems: [(side: PlanSideName, message: String)]

    /// How many scenarios of each kind of change the plan has.
    public func count(_ change: PlanScenario.Change) -> Int {
        scenarios.reduce(0) { $0 + ($1.change == change ? 1 : 0) }
    }

    /// Whether any scenario is added, removed, renamed or changed (including an output added or
    /// removed because its recipe fails on one side: what a build writes still changes).
    public var hasChanges: Bool { !scenarios.isEmpty }

    /// Whether the new side has a recipe that fails or a file that cannot be read (the plan is
    /// incomplete where it matters: exit status 1).
    public var hasErrors: Bool {
        failures.contains { $0.side == .new } || problems.contains { $0.side == .new }
    }
}

/// A side of a plan.
public enum PlanSideName: String, Sendable {
    /// As it was (the revision or the `--against` folder).
    case old
    /// As it is now.
    case new
}

/// One scenario (or sweep variant) that a plan adds, removes, renames or changes.
public struct PlanScenario: Sendable {
    /// The kind of change.
    public enum Change: String, Sendable {
        /// Only the new side writes this output.
        case add
        /// Only the old side writes it.
        case remove
        /// The same output with different contents.
        case change
        /// A removed output and an added one with the same scenario apart from its name (see
        /// README, "vmt-dsl plan"): shown as one move.
        case rename
    }

    /// The kind of change.
    public var change: Change
    /// The output path relative to the output folder (the old one for a removal).
    public var output: String
    /// The old output path of a rename.
    public var oldOutput: String?
    /// The scenario name (the old one for a removal).
    public var name: String
    /// The recipe file (display path) that writes it (the old one for a removal).
    public var recipe: String
    /// The old recipe file when it differs (a rename, or a scenario that moved between recipes).
    public var oldRecipe: String?
    /// The sweep values of this variant (empty for a recipe without `vary`).
    public var assignments: [ResolvedVariant.Assignment]
    /// Every resolved field that differs, old → new, with the directive responsible on each
    /// side. For an added or removed scenario: its main fields, on its one side.
    public var fields: [PlanFieldChange]
    /// What the change does to the drawn values; nil for additions and removals.
    public var redraw: Redraw?
    /// The drawn values that differ in the files (utility parameters, stock summaries); nil
    /// for additions and removals, or when a side could not be rendered.
    public var drawn: DocumentComparison?
    /// Bytes and lines of the file before and after; nil for additions and removals.
    public var delta: OutputDelta?
    /// Bytes of the one file of an addition or removal.
    public var bytes: Int?
    /// For an addition or removal that only happens because the other side's version of the
    /// recipe fails: that side (`old`: it failed before, so the output is new; `new`: it fails
    /// now, so the output is no longer written). Such a scenario counts as a change, but its
    /// fields are not compared. Nil otherwise.
    public var failedSide: PlanSideName?
}

/// One resolved field that differs, with the directive responsible on each side.
public struct PlanFieldChange: Sendable {
    /// The field, named as `explain` names it (`agents`, `resources.density`, `params.beta`).
    public var field: String
    /// The old value as recipe text; nil when the old side does not have the field.
    public var old: String?
    /// The new value; nil when the new side does not have it.
    public var new: String?
    /// Where the old value came from.
    public var oldOrigin: Origin?
    /// Where the new value came from.
    public var newOrigin: Origin?
}

/// What a change does to the values the generator draws, in a reviewer's words.
public struct Redraw: Sendable, Equatable {
    /// The changed fields that redo draws (`seed`, `agents`, `inventory`, `money`, `regime`,
    /// `utilities`), in that order; empty when the draws are the same.
    public var causes: [String]
    /// One sentence: what is redrawn and why, or that nothing is.
    public var summary: String
}

/// A recipe that fails to resolve on one side.
public struct PlanFailure: Sendable {
    /// The side it fails on.
    public var side: PlanSideName
    /// The recipe file (display path).
    public var recipe: String
    /// Its error diagnostics (on that side's text).
    public var diagnostics: [Diagnostic]
    /// Outputs of the other side's version of this recipe that are therefore not compared (each
    /// is listed among the plan's scenarios as added or removed, with `failedSide`).
    public var notCompared: Int
}

/// One source line responsible for changes, and how many scenarios it reaches.
public struct PlanImpact: Sendable {
    /// The recipe file (display path); empty for a value no line sets (a derived default).
    public var file: String
    /// The line; nil for scenarios a recipe adds or removes as a whole.
    public var line: Int?
    /// The side the line is on: `new`, or `old` for a line that is gone.
    public var side: PlanSideName
    /// The line's text (trimmed), or the origin's description when there is no line.
    public var text: String
    /// The distinct field changes it causes (`agents 20 → 40`).
    public var changes: [String]
    /// Distinct scenarios (outputs) it changes.
    public var scenarios: Int
    /// Scenarios of this recipe the new side adds (only when `line` is nil).
    public var added: Int
    /// Scenarios of this recipe the new side removes (only when `line` is nil).
    public var removed: Int
    /// Scenarios this recipe now writes under another output path (only when `line` is nil).
    public var renamed: Int
}
