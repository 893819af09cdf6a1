import Foundation

/// An output sink that keeps outputs and file reads in order, for one cell.
final class CollectingSink: CellOutputSink {
    private let lock = NSLock()
    private(set) var outputs: [CellOutput] = []
    /// Files read, in order, each once; `byContent` when a built-in read it (fingerprinted by content).
    private(set) var fileReads: [(path: String, byContent: Bool)] = []
    private var seen: [String: Int] = [:]

    func emit(_ output: CellOutput) {
        lock.lock(); defer { lock.unlock() }
        // Consecutive prints read as one block of text.
        if case .text(let more) = output, case .text(let earlier)? = outputs.last {
            outputs[outputs.count - 1] = .text(earlier + more)
        } else {
            outputs.append(output)
        }
    }

    func recordFileRead(_ path: String) { record(path, byContent: false) }

    func recordContentRead(_ path: String) { record(path, byContent: true) }

    private func record(_ path: String, byContent: Bool) {
        lock.lock(); defer { lock.unlock() }
        if let index = seen[path] {
            // A file both listed by a dataset and read by a built-in is checked by content.
            if byContent { fileReads[index].byContent = true }
            return
        }
        seen[path] = fileReads.count
        fileReads.append((path, byContent))
    }

    /// The fingerprints of the files read, as they are now.
    var fileFingerprints: [FileFingerprint] {
        fileReads.map { $0.byContent ? FileFingerprint.content($0.path) : FileFingerprint.current($0.path) }
    }
}
