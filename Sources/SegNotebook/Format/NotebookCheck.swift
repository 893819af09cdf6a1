import Foundation

extension Notebook {
    /// Every syntax error of the code cells (and malformed params lines), located on notebook-file lines,
    /// without running anything: `segnb check NOTEBOOK`. `evaluator` is used only for static analysis.
    public func syntaxDiagnostics(using evaluator: CellEvaluator) -> [NotebookDiagnostic] {
        var diagnostics: [NotebookDiagnostic] = []
        do { _ = try parameters() } catch let error as NotebookLoadError { diagnostics += error.diagnostics } catch {}
        let file = path ?? "<notebook>"
        for cell in cells where cell.kind == .code {
            do {
                _ = try evaluator.analyze(cell.source)
            } catch let failure as CellFailure {
                for item in [failure] + failure.more {
                    let line = item.line ?? 1
                    diagnostics.append(NotebookDiagnostic(file: file, line: cell.notebookLine(forSourceLine: line), column: item.column ?? 1,
                                                          message: "\(item.message) (in \(cell.label))", sourceLine: cell.sourceLine(line) ?? ""))
                }
            } catch {
                diagnostics.append(NotebookDiagnostic(file: file, line: cell.firstSourceLine, column: 1,
                                                      message: "\(ErrorText.describe(error)) (in \(cell.label))", sourceLine: cell.sourceLine(1) ?? ""))
            }
        }
        return diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}
