import Foundation

/// An output sink that keeps outputs and file reads in order, for one cell.
final class CollectingSink: CellOutputSink {
    private let lock = NSLock()
    private(set) var outputs: [CellOutput] = []
    /// Files read, in order, each once.
    private(set) var filesRead: [String] = []
    private var seen: Set<String> = []

    func emit(_ output: CellOutput) {
        lock.lock(); defer { lock.unlock() }
        // Consecutive prints read as one block of text.
        if case .text(let more) = output, case .text(let earlier)? = outputs.last {
            outputs[outputs.count - 1] = .text(earlier + more)
        } else {
            outputs.append(output)
        }
    }

    func recordFileRead(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        if seen.insert(path).inserted { filesRead.append(path) }
    }
}
