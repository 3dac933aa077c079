import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl plan [PATH...] [--base REV | --against DIR] [--format text|markdown|json]
/// [--detailed-exitcode]`: what the recipes as they are now do to every scenario, compared with
/// the recipes at a git revision or in another folder.
enum PlanCommand {
    /// `vmt-dsl plan`.
    static let spec = CommandSpec(
        name: "plan", summary: "what the recipes now do to every scenario, against git HEAD or a folder",
        description: """
        Resolves the project as it is now and as it was at git revision REV (default HEAD, read
        with git) or in folder DIR, and reports per scenario and sweep variant, matched by output
        path: added (+), removed (-), renamed and changed (~) scenarios; for each change every
        resolved field old → new with the directive responsible on each side, what is redrawn, and
        how many bytes and lines of its file change; then each changed recipe line with the
        scenarios it reaches. Unchanged scenarios are counted. A recipe that fails on either side
        is reported with its diagnostics and does not stop the plan.

        The project is the nearest folder named scenarios.d (or holding a .vmt-project file) around
        PATH (default: scenarios.d); extends sees every recipe of it; PATH selects the recipes whose
        scenarios are reported. --vmt sets the target of recipes without a 'vmt' line on both
        sides, as build --vmt does.
        """,
        positionals: [PositionalSpec(name: "PATH", count: .many, help: "the recipes whose scenarios are reported (default: scenarios.d)",
                                     completion: .recipes)],
        flags: [
            FlagSpec(long: "--base", valueName: "REV", value: .text, help: "compare with git revision REV (default HEAD)"),
            FlagSpec(long: "--against", valueName: "DIR", value: .text, help: "compare with the project in folder DIR instead (no git needed)",
                     completion: .folders),
            FlagSpec(long: "--format", value: .choice(["text", "markdown", "json"]),
                     help: "text (default), markdown (a pull-request comment) or json (see README)",
                     completion: .words(["text", "markdown", "json"])),
            FlagSpec(long: "--detailed-exitcode", help: "exit 3 when there are changes (0 none, 1 an error)"),
            CommonFlags.maxVariants,
            CommonFlags.maxBuildVariants,
            CommonFlags.vmt,
        ],
        notes: """
        exit status: 0 the plan was made, with or without changes (with --detailed-exitcode: 0 no
        changes, 3 changes present), 1 an error (a recipe that fails now, no git, a bad revision),
        2 a command line that cannot be understood.
        """,
        examples: [
            "plan                                   # working tree against HEAD",
            "plan --base origin/main --format markdown",
            "plan scenarios.d/lab --against ../old-checkout",
        ],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let format: PlanOutput.Format
        switch parsed.value("--format") {
        case "markdown": format = .markdown
        case "json": format = .json
        default: format = .text
        }
        if parsed.value("--base") != nil && parsed.value("--against") != nil {
            throw .usage(CommandMessages.baseWithAgainst)
        }
        let maxVariants = try CommonFlags.maxVariants(parsed, default: Resolver.defaultMaxVariants)
        let maxOutputs = try CommonFlags.maxBuildVariants(parsed)
        let target = try CommonFlags.target(parsed)

        let plan: Plan
        do throws(ProjectError) {
            let project = try PlanProject.locate(parsed.paths, currentDirectory: context.currentDirectory)
            let old: PlanSide, new: PlanSide
            if let against = parsed.value("--against") {
                let folder = try project.againstRoot(against, currentDirectory: context.currentDirectory,
                                                     environment: context.environment)
                old = PlanSide.folder(folder, displayRoot: project.displayRoot, label: against, maxVariants: maxVariants,
                                      target: target)
                new = PlanSide.folder(project.root, displayRoot: project.displayRoot, label: project.displayRoot,
                                      maxVariants: maxVariants, target: target)
            } else {
                new = PlanSide.folder(project.root, displayRoot: project.displayRoot, label: "working tree", maxVariants: maxVariants,
                                      target: target)
                old = try PlanSide.revision(parsed.value("--base") ?? "HEAD", project: project, environment: context.environment,
                                            current: new, maxVariants: maxVariants, target: target)
            }
            plan = try Planner.plan(project, old: old, new: new, maxOutputs: maxOutputs)
            let output = PlanOutput(plan: plan, oldSources: old.sources, newSources: new.sources,
                                    useColor: format == .text && context.standardOutputIsTerminal
                                        && context.environment["NO_COLOR"] == nil)
            context.standardOutput(output.render(format))
        } catch {
            throw CommandError(error)
        }
        if plan.hasErrors { return .failure }
        if plan.hasChanges && parsed.has("--detailed-exitcode") { return .changesPresent }
        return .success
    }
}
