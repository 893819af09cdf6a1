import Foundation
import SegNotebook

/// `segnb check` on a notebook: every code cell's syntax errors, at notebook-file lines.
enum NotebookCheck {
    /// Prints each error as `file:line:column: error: message` with the source line and a caret;
    /// returns 1 when there was any.
    static func report(_ notebook: Notebook, path: String, evaluator: CellEvaluator) -> Int32 {
        var count = 0
        for cell in notebook.cells where cell.kind != .markdown {
            do {
                _ = try evaluator.analyze(cell.source)
            } catch let failure as CellFailure {
                for error in [failure] + failure.more {
                    count += 1
                    fputs(describe(error, in: cell, path: path) + "\n", stderr)
                }
            } catch {
                count += 1
                fputs("\(path): \(cell.label): \(error)\n", stderr)
            }
        }
        if count > 0 { fputs("\(count) syntax error\(count == 1 ? "" : "s") in \(path)\n", stderr) }
        return count > 0 ? 1 : 0
    }

    static func describe(_ error: CellFailure, in cell: Cell, path: String) -> String {
        let line = cell.notebookLine(forSourceLine: error.line ?? 1)
        let column = error.column ?? 1
        var text = "\(path):\(line):\(column): error: \(error.message) (\(cell.label))"
        if let source = cell.sourceLine(error.line ?? 1) {
            text += "\n    \(source)\n    " + String(repeating: " ", count: max(column - 1, 0)) + "^"
        }
        return text
    }
}
