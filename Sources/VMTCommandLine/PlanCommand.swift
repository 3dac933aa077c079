import Foundation
import VMTCore
import VMTProject
import VMTRecipe

/// `vmt-dsl plan [PATH...] [--base REV | --against DIR] [--format text|markdown|json]
/// [--detailed-exitcode]`: what the recipes as they are now do to every scenario, compared with
/// the recipes at a git revision or in another folder.
enum PlanCommand {
    static let help = """
    usage: vmt-dsl plan [PATH...] [--base REV | --against DIR] [--format text|markdown|json]
                        [--detailed-exitcode] [--max-variants N]

    Resolves the project as it is now and as it was at git revision REV (default HEAD, read
    with git) or in folder DIR, and reports per scenario and sweep variant, matched by output
    path: added (+), removed (-), renamed and changed (~) scenarios; for each change every
    resolved field old → new with the directive responsible on each side, what is redrawn, and
    how many bytes and lines of its file change; then each changed recipe line with the
    scenarios it reaches. Unchanged scenarios are counted. A recipe that fails on either side
    is reported with its diagnostics and does not stop the plan.

    The project is the nearest folder named scenarios.d (or holding a .vmt-project file) around
    PATH (default: scenarios.d); extends sees every recipe of it; PATH selects the recipes whose
    scenarios are reported.

    flags:
      --base REV          compare with git revision REV (default HEAD)
      --against DIR       compare with the project in folder DIR instead (no git needed)
      --format FORMAT     text (default), markdown (a pull-request comment) or json (see README)
      --detailed-exitcode exit 3 when there are changes (0 none, 1 an error)
      --max-variants N    the most variants one recipe may give (default 10000)
      -h, --help          show this help

    exit status: 0 no changes, 1 an error (a recipe that fails now, no git, a bad revision),
    3 changes present (only with --detailed-exitcode), 2 a command line that cannot be understood.

    examples:
      vmt-dsl plan                                   # working tree against HEAD
      vmt-dsl plan --base origin/main --format markdown
      vmt-dsl plan scenarios.d/lab --against ../old-checkout
    """

    static func run(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        let parsed: Arguments
        switch Arguments.read(arguments, command: "plan", help: help, valueFlags: ["--base", "--against", "--format", "--max-variants"],
                              switchFlags: ["--detailed-exitcode"], context) {
        case .success(let read): parsed = read
        case .failure(let status): return status
        }
        let format: PlanOutput.Format
        var maxVariants = Resolver.defaultMaxVariants
        do {
            switch parsed.values["--format"] {
            case nil, "text": format = .text
            case "markdown": format = .markdown
            case "json": format = .json
            case let other?: throw UsageError(message: "argument --format: invalid choice: '\(other)' (choose from text, markdown, json)")
            }
            if parsed.values["--base"] != nil && parsed.values["--against"] != nil {
                throw UsageError(message: "--base and --against cannot be used together")
            }
            if let text = parsed.values["--max-variants"] {
                maxVariants = try FlagParsing.integer(text, flag: "--max-variants")
                guard maxVariants >= 1 else { throw UsageError(message: "argument --max-variants: must be at least 1") }
            }
        } catch let error as UsageError {
            context.error(error.message)
            return .usage
        } catch {
            return .usage
        }

        let plan: Plan
        do {
            let project = try PlanProject.locate(parsed.positionals, currentDirectory: context.currentDirectory)
            let old: PlanSide, new: PlanSide
            if let against = parsed.values["--against"] {
                let folder = try project.againstRoot(against, currentDirectory: context.currentDirectory,
                                                     environment: context.environment)
                old = PlanSide.folder(folder, displayRoot: project.displayRoot, label: against, maxVariants: maxVariants)
                new = PlanSide.folder(project.root, displayRoot: project.displayRoot, label: project.displayRoot,
                                      maxVariants: maxVariants)
            } else {
                old = try PlanSide.revision(parsed.values["--base"] ?? "HEAD", project: project, environment: context.environment,
                                            maxVariants: maxVariants)
                new = PlanSide.folder(project.root, displayRoot: project.displayRoot, label: "working tree", maxVariants: maxVariants)
            }
            plan = Planner.plan(project, old: old, new: new)
            let output = PlanOutput(plan: plan, oldSources: old.sources, newSources: new.sources,
                                    useColor: format == .text && context.standardOutputIsTerminal
                                        && context.environment["NO_COLOR"] == nil)
            context.standardOutput(output.render(format))
        } catch let error as PlanError {
            context.error(error.message)
            return .failure
        } catch {
            context.error("\(error)")
            return .failure
        }
        if plan.hasErrors { return .failure }
        if plan.hasChanges && parsed.switches.contains("--detailed-exitcode") { return .changesPresent }
        return .success
    }
}
