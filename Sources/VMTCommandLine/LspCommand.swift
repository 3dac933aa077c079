import Foundation
import VMTLanguageServer
import VMTRecipe

/// `vmt-dsl lsp`: the language server on standard input and output, for editors.
enum LspCommand {
    /// `vmt-dsl lsp`.
    static let spec = CommandSpec(
        name: "lsp", summary: "a language server for editors, on standard input and output",
        description: """
        Runs a Language Server Protocol (3.17) server on standard input and output, for editors:
        diagnostics as you type (for the file and every recipe that extends it), hover with each
        value's origin, go to the parent recipe or the overridden line, references, completion,
        formatting (as 'fmt'), document symbols and inlay hints. Problems with the input are
        logged on standard error. The project is the nearest folder named scenarios.d (or holding
        a .vmt-project file) above each opened recipe. --allow, --max-variants and --vmt resolve
        the recipes as check does with them (a project built with 'build --vmt 2025-11' is served
        with 'lsp --vmt 2025-11'). See README, "Editors".
        """,
        flags: [CommonFlags.allow, CommonFlags.maxVariants, CommonFlags.vmt],
        examples: [
            "lsp                  # started by an editor; see README for VS Code, Neovim, Helix, Emacs",
            "lsp 2> lsp.log       # keep the server's log",
        ],
        run: { arguments, context throws(CommandError) in try run(arguments, context) })

    static func run(_ parsed: ParsedArguments, _ context: CommandContext) throws(CommandError) -> ExitCode {
        let allowed = try CommonFlags.allowedCodes(parsed)
        let maxVariants = try CommonFlags.maxVariants(parsed, default: Resolver.defaultMaxVariants)
        let target = try CommonFlags.target(parsed)
        // A client that goes away must end the server with an error status, not a signal.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(input: 0, output: 1, version: CommandLineTool.version, allowing: allowed,
                                    maxVariants: maxVariants, target: target) { line in
            context.standardError(CommandMessages.lspLog(line))
        }
        return server.run() == 0 ? .success : .failure
    }
}
