import Foundation
import VMTLanguageServer
import VMTRecipe

/// `vmt-dsl lsp`: the language server on standard input and output, for editors.
enum LspCommand {
    static let help = """
    usage: vmt-dsl lsp [--allow CODE]...

    Runs a Language Server Protocol (3.17) server on standard input and output, for editors:
    diagnostics as you type (for the file and every recipe that extends it), hover with each
    value's origin, go to the parent recipe or the overridden line, references, completion,
    formatting (as 'fmt'), document symbols and inlay hints. Problems with the input are
    logged on standard error. The project is the nearest folder named scenarios.d (or holding
    a .vmt-project file) above each opened recipe. See README, "Editors".

    flags:
      --allow CODE  silence the warning CODE (such as VMT250) in this session; repeatable
      -h, --help    show this help

    examples:
      vmt-dsl lsp                  # started by an editor; see README for VS Code, Neovim, Helix, Emacs
      vmt-dsl lsp 2> lsp.log       # keep the server's log
    """

    static func run(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        let parsed: Arguments
        switch Arguments.read(arguments, command: "lsp", help: help, valueFlags: ["--allow"], context) {
        case .success(let read): parsed = read
        case .failure(let status): return status
        }
        guard parsed.positionals.isEmpty else {
            context.error("lsp takes no arguments (it talks to an editor on standard input and output)")
            return .usage
        }
        let allowed: Set<DiagnosticCode>
        do {
            allowed = try FlagParsing.allowedCodes(parsed.allValues["--allow"] ?? [])
        } catch let error as UsageError {
            context.error(error.message)
            return .usage
        } catch {
            return .usage
        }
        // A client that goes away must end the server with an error status, not a signal.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(input: 0, output: 1, version: CommandLineTool.version, allowing: allowed) { line in
            context.standardError("vmt-dsl lsp: " + line + "\n")
        }
        return server.run() == 0 ? .success : .failure
    }
}
