// `fmt --diff`'s unified diff: an edit script from a longest common subsequence of the lines,
// grouped into hunks with context, printed as GNU diff prints them.
//
// `plan` counts changed lines of scenario files with its own Myers O(ND) count
// (VMTProject's `OutputDelta`): it needs no edit script and must stay fast on files of millions
// of lines, where this table (bounded by `maximumCells`) would give up; this one needs the
// script, on recipe-sized texts.
import VMTCore
import VMTRecipe


/// A unified diff of two texts, line by line, from a longest common subsequence.
///
/// Lines are compared without their line breaks, so a CRLF file shows its real changes; what
/// lines cannot show (CR or CRLF breaks becoming LF, a byte order mark removed, a final line
/// break added) is said in `# ` note lines before the `---` header, where patch tools ignore them.
enum LineDiff {
    /// Lines of unchanged context around each change.
    static let contextLines = 3
    /// The largest table the exact algorithm fills (old × new lines left after the common start
    /// and end are set aside); beyond it the middle is shown as one replaced block.
    static let maximumCells = 4_000_000

    /// One line of an edit script, with where it stands on both sides.
    struct Edit: Equatable {
        /// What happens to the line.
        enum Kind: Equatable {
            /// In both texts.
            case same
            /// Only in the old text.
            case delete
            /// Only in the new text.
            case insert
        }

        /// What happens to the line.
        var kind: Kind
        /// The line's index in the old text; for an insertion, the number of old lines before it.
        var old: Int
        /// The line's index in the new text; for a deletion, the number of new lines before it.
        var new: Int
    }

    /// The diff of `old` into `new` for the file at `path`; empty when the texts are equal.
    static func unified(old: String, new: String, path: String) -> String {
        guard old != new else { return "" }
        var text = ""
        for note in notes(old: old, new: new) { text += "# " + note + "\n" }
        // The header names the file on one line whatever its name holds (DisplayText); the
        // recipe's own lines below are the file's, unchanged.
        let shown = DisplayText.visible(path)
        text += "--- \(shown)\n+++ \(shown) (formatted)\n"
        var oldText = Substring(old)
        if oldText.unicodeScalars.first == "\u{FEFF}" { oldText = Substring(oldText.unicodeScalars.dropFirst()) }
        let oldLines = lines(oldText)
        let newLines = lines(Substring(new))
        for hunk in hunks(edits(oldLines, newLines)) {
            text += header(hunk)
            for edit in hunk {
                switch edit.kind {
                case .same: text += " " + oldLines[edit.old] + "\n"
                case .delete: text += "-" + oldLines[edit.old] + "\n"
                case .insert: text += "+" + newLines[edit.new] + "\n"
                }
            }
        }
        return text
    }

    /// What changes that lines of text cannot show.
    static func notes(old: String, new: String) -> [String] {
        var notes: [String] = []
        if old.unicodeScalars.first == "\u{FEFF}" { notes.append(CommandMessages.fmtDiffByteOrderMark) }
        if old.unicodeScalars.contains("\r") { notes.append(CommandMessages.fmtDiffLineBreaks) }
        if let last = old.unicodeScalars.last, last != "\n", last != "\r", !new.isEmpty {
            notes.append(CommandMessages.fmtDiffFinalLineBreak)
        }
        return notes
    }

    /// The lines of a text, without their breaks (LF, CRLF or CR); no empty last line for a final break.
    static func lines(_ text: Substring) -> [Substring] {
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The edit script from `old` to `new`: deletions before insertions within each change.
    static func edits(_ old: [Substring], _ new: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let n = old.count - suffix - prefix
        let m = new.count - suffix - prefix
        let (cells, overflow) = (n + 1).multipliedReportingOverflow(by: m + 1)
        var script = (0..<prefix).map { Edit(kind: .same, old: $0, new: $0) }
        var i = 0
        var j = 0
        if overflow || cells > maximumCells {
            script += (0..<n).map { Edit(kind: .delete, old: prefix + $0, new: prefix) }
            script += (0..<m).map { Edit(kind: .insert, old: prefix + n, new: prefix + $0) }
            i = n
            j = m
        }
        // common[i * (m + 1) + j]: the length of the longest common subsequence of the middle
        // parts old[prefix + i ..< prefix + n] and new[prefix + j ..< prefix + m].
        var common = [Int32](repeating: 0, count: i == n && j == m ? 0 : cells)
        if !common.isEmpty {
            for row in stride(from: n - 1, through: 0, by: -1) {
                for column in stride(from: m - 1, through: 0, by: -1) {
                    common[row * (m + 1) + column] = old[prefix + row] == new[prefix + column]
                        ? common[(row + 1) * (m + 1) + column + 1] + 1
                        : max(common[(row + 1) * (m + 1) + column], common[row * (m + 1) + column + 1])
                }
            }
        }
        while i < n || j < m {
            if i < n, j < m, old[prefix + i] == new[prefix + j] {
                script.append(Edit(kind: .same, old: prefix + i, new: prefix + j))
                i += 1
                j += 1
            } else if j == m || (i < n && common[(i + 1) * (m + 1) + j] >= common[i * (m + 1) + j + 1]) {
                script.append(Edit(kind: .delete, old: prefix + i, new: prefix + j))
                i += 1
            } else {
                script.append(Edit(kind: .insert, old: prefix + i, new: prefix + j))
                j += 1
            }
        }
        script += (0..<suffix).map { Edit(kind: .same, old: prefix + n + $0, new: prefix + m + $0) }
        return script
    }

    /// The changes with up to `contextLines` unchanged lines around each; changes closer than
    /// twice that share one hunk.
    static func hunks(_ script: [Edit]) -> [[Edit]] {
        let changes = script.indices.filter { script[$0].kind != .same }
        guard let first = changes.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = first
        var end = first
        for index in changes.dropFirst() {
            if index - end > 2 * contextLines {
                ranges.append(start...end)
                start = index
            }
            end = index
        }
        ranges.append(start...end)
        return ranges.map { range in
            let lower = max(0, range.lowerBound - contextLines)
            let upper = min(script.count - 1, range.upperBound + contextLines)
            return Array(script[lower...upper])
        }
    }

    /// `@@ -START,COUNT +START,COUNT @@` as GNU diff writes it: 1-based START, `,COUNT` left out
    /// when COUNT is 1, and for a side without lines START is the number of lines before the hunk.
    static func header(_ hunk: [Edit]) -> String {
        guard let first = hunk.first else { return "" }
        let oldCount = hunk.filter { $0.kind != .insert }.count
        let newCount = hunk.filter { $0.kind != .delete }.count
        return "@@ -\(range(first.old, oldCount)) +\(range(first.new, newCount)) @@\n"
    }

    /// START,COUNT for a hunk side whose first line has index `index` (or follows `index` lines).
    private static func range(_ index: Int, _ count: Int) -> String {
        if count == 0 { return "\(index),0" }
        return count == 1 ? "\(index + 1)" : "\(index + 1),\(count)"
    }
}
