import Foundation

/// Passes a running cell's outputs to the collecting sink and, as they come, to an observer
/// (the command line streams printed text to stdout while the cell is still running).
final class ForwardingSink: CellOutputSink {
    private let target: CellOutputSink
    private let observe: (CellOutput) -> Void

    init(_ target: CellOutputSink, observe: @escaping (CellOutput) -> Void) {
        self.target = target
        self.observe = observe
    }

    func emit(_ output: CellOutput) {
        target.emit(output)
        observe(output)
    }

    func recordFileRead(_ path: String) { target.recordFileRead(path) }
}
