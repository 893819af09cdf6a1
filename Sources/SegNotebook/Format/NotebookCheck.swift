import Foundation
import SegScript

extension Notebook {
    /// Every syntax error of the code cells (and malformed params lines), located on notebook-file lines,
    /// without running anything: `segnb check NOTEBOOK`. `evaluator` is used only for static analysis.
    public func syntaxDiagnostics(using evaluator: CellEvaluator) -> [LocatedDiagnostic] {
        var diagnostics: [LocatedDiagnostic] = []
        do { _ = try parameters() } catch let error as NotebookLoadError { diagnostics += error.diagnostics } catch {}
        let file = path ?? "<notebook>"
        for cell in cells where cell.kind == .code {
            do {
                _ = try evaluator.analyze(cell.source)
            } catch let failure as CellFailure {
                diagnostics += failure.located(source: file, text: cell.source, firstLine: cell.firstSourceLine).map { item in
                    var item = item
                    item.message += " (in \(cell.label))"
                    return item
                }
            } catch {
                diagnostics.append(LocatedDiagnostic(message: "\(ErrorText.describe(error)) (in \(cell.label))", source: file,
                                                     line: cell.firstSourceLine, column: 1, sourceLine: cell.sourceLine(1)))
            }
        }
        return diagnostics.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }
}
