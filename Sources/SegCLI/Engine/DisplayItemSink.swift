import SegNotebook

/// Shows a running chunk's outputs (a script's, a REPL input's) as display items as they happen;
/// an error shown in place becomes a warning with its caret excerpt.
final class DisplayItemSink: CellOutputSink {
    private let show: (DisplayItem) -> Void

    init(show: @escaping (DisplayItem) -> Void) { self.show = show }

    func emit(_ output: CellOutput) { CellOutputDisplay.items(output).forEach(show) }

    func recordFileRead(_ path: String) {}
}
