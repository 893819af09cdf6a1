import Foundation
import SegBindings
import SegNotebook

/// `segnb run`'s live output: what each cell prints goes to stdout as it is printed, under a line
/// naming the cell, flushed per write so a log file follows a long run as a terminal does.
final class CellOutputStream {
    private let writer: ConsoleWriter
    private let cellCount: Int
    private let lock = NSLock()
    private var currentCell: Int?
    private var atLineStart = true

    /// A stream for a notebook of `cellCount` cells.
    init(writer: ConsoleWriter = .standard, cellCount: Int) {
        self.writer = writer
        self.cellCount = cellCount
    }

    /// The line naming a cell, the same prefix as the runner's progress lines.
    func header(_ cell: Cell) -> String { "[\(cell.number)/\(cellCount)] \(cell.label)" }

    /// Shows an output of a running cell: printed text only (values, tables and pictures are the
    /// report's).
    func emit(cell: Cell, output: CellOutput) {
        guard case .text(let text) = output, !text.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        ProgressDisplay.clearBarBeforeOutput()
        if currentCell != cell.number {
            endLine()
            writer.out(header(cell) + "\n")
            currentCell = cell.number
        }
        writer.out(text)
        atLineStart = text.hasSuffix("\n")
    }

    /// Ends a cell's unfinished printed line, before other text (a progress line) follows it.
    func finishBlock() {
        lock.lock(); defer { lock.unlock() }
        endLine()
    }

    /// Forgets the current cell, so a re-run (`--watch`) names it again.
    func reset() {
        lock.lock(); defer { lock.unlock() }
        endLine()
        currentCell = nil
    }

    private func endLine() {
        if !atLineStart { writer.out("\n") }
        atLineStart = true
    }
}
