// Diagnostics of a project as LSP `textDocument/publishDiagnostics` payloads: one list per file,
// every note with a place as `relatedInformation`, and an inherited error (a parent's line found
// while building a child) repeated on the child's `extends` line, so every child shows it.
import VMTRecipe

/// Converts a project's diagnostics into LSP diagnostic objects, grouped by file.
struct DiagnosticsConversion {
    /// The analysis whose diagnostics are converted.
    let analysis: WorkspaceAnalysis
    /// How the client counts characters.
    let encoding: PositionEncoding
    /// Turns a path into the URI the client knows it by.
    let uri: (String) -> String
    /// Reads the current bytes of a file of the project.
    let bytes: (String) -> [UInt8]?

    /// LSP `DiagnosticSeverity`: 1 error, 2 warning, 3 information.
    static func severity(_ severity: Diagnostic.Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }

    /// Every file's LSP diagnostics, keyed by absolute path; files without any are absent.
    func perFile() -> [String: [[String: Any]]] {
        var lines: [String: TextLines] = [:]
        func text(_ path: String) -> TextLines {
            if let known = lines[path] { return known }
            let made = TextLines(bytes(path) ?? [])
            lines[path] = made
            return made
        }
        func location(_ range: SourceRange) -> [String: Any] {
            ["uri": uri(range.file), "range": text(range.file).range(of: range, encoding)]
        }
        var out: [String: [[String: Any]]] = [:]
        for diagnostic in analysis.diagnostics {
            var message = diagnostic.message
            var related: [[String: Any]] = []
            var children: [String] = []
            for note in diagnostic.notes {
                if let child = EditorVocabulary.builtRecipe(of: note), child != diagnostic.range.file {
                    children.append(child)
                }
                if let range = note.range {
                    related.append(["location": location(range), "message": note.message])
                } else {
                    message += ServerMessages.note(note.message)
                }
            }
            if let hint = diagnostic.hint { message += ServerMessages.hint(hint) }
            var object: [String: Any] = [
                "range": text(diagnostic.range.file).range(of: diagnostic.range, encoding),
                "severity": Self.severity(diagnostic.severity),
                "code": diagnostic.code.rawValue,
                "source": "vmt-dsl",
                "message": message,
            ]
            if !related.isEmpty { object["relatedInformation"] = related }
            out[diagnostic.range.file, default: []].append(object)
            for child in children {
                guard let entry = analysis.entry(child) else { continue }
                let at = entry.recipe.extends?.range ?? entry.recipe.summaryRange
                let origin = "\(analysis.shown(diagnostic.range.file)):\(diagnostic.range.start.line)"
                out[child, default: []].append([
                    "range": text(child).range(of: at, encoding),
                    "severity": Self.severity(diagnostic.severity),
                    "code": diagnostic.code.rawValue,
                    "source": "vmt-dsl",
                    "message": ServerMessages.inherited(from: origin, diagnostic.message),
                    "relatedInformation": [["location": location(diagnostic.range), "message": diagnostic.message]],
                ])
            }
        }
        return out
    }
}
