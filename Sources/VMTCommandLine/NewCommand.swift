import Foundation
import VMTCore
import VMTRecipe

/// `vmt-dsl new PATH [--extends NAME]`: a starter recipe.
enum NewCommand {
    static let help = """
    usage: vmt-dsl new PATH.vmt [--extends NAME]

    Writes a starter recipe at PATH: its scenario name is the file's stem, it extends NAME
    (default: minimal), has a seed, and lists the other directives as comments to fill in.
    Refuses to overwrite an existing file.

    examples:
      vmt-dsl new scenarios.d/my_first.vmt
      vmt-dsl new scenarios.d/money/rich.vmt --extends money_demo
    """

    static func run(_ arguments: [String], _ context: CommandContext) -> ExitCode {
        let parsed: Arguments
        switch Arguments.read(arguments, command: "new", help: help, valueFlags: ["--extends"], context) {
        case .success(let read): parsed = read
        case .failure(let status): return status
        }
        guard parsed.positionals.count <= 1 else {
            context.error("new takes one PATH (got \(parsed.positionals.count))")
            return .usage
        }
        let path = parsed.positionals.first
        let parent = parsed.values["--extends"] ?? "minimal"
        guard let path else {
            context.error("new needs a PATH ending in .vmt (see 'vmt-dsl new --help')")
            return .usage
        }
        guard path.hasSuffix(".vmt"), path.count > 4 else {
            context.error("'\(path)' must end in .vmt")
            return .failure
        }
        guard !parent.isEmpty, parent.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-./".contains($0)) }) else {
            context.error("argument --extends: '\(parent)' is not a preset or recipe name")
            return .failure
        }
        let stem = String((path.split(separator: "/").last ?? "").dropLast(4))
        if Preset.named(stem) != nil {
            context.error("'\(stem)' is a built-in preset's name; a recipe may not take it (choose another file name)")
            return .failure
        }
        let absolute = context.resolve(path)
        if FileManager.default.fileExists(atPath: absolute) {
            context.error("\(path) already exists; not overwriting it")
            return .failure
        }
        let text = starter(name: stem, parent: parent, seed: Int.random(in: 1...999_999))
        do {
            try AtomicFile.write(Array(text.utf8), to: absolute)
        } catch {
            context.error("\(error)")
            return .failure
        }
        context.print("created \(path) (extends \(parent)); build it with: vmt-dsl build")
        return .success
    }

    /// The starter recipe's text.
    static func starter(name: String, parent: String, seed: Int) -> String {
        let isWord = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
        let quoted = isWord ? name : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return """
        # \(name): a VMT scenario recipe. Build it with 'vmt-dsl build'; see grammar/directives.md.

        scenario \(quoted)
        extends \(parent)
        seed \(seed)
        # Uncomment and change what this scenario needs; the rest comes from '\(parent)'.
        # agents 20
        # grid 30
        # inventory 10..50                      # goods A and B per agent: MIN..MAX
        # money 0..100                          # money M per agent (money regimes only)
        # utilities ces:0.5, linear:0.5         # weights all given or none
        # resources density 0.3 max 5 regen 1   # any subset of the three keys
        # regime mixed                          # barter_only | money_only | mixed | mixed_liquidity_gated
        # set vision_radius 10                  # any params entry, by its schema name
        # schedule forage 10 trade 5            # alternate foraging and trading
        # output somewhere/\(isWord ? name : "scenario").yaml

        """
    }
}
