import Foundation

/// An output sink that keeps outputs and file reads in order, for one cell.
///
/// Consecutive prints are appended in place to one growing text (linear in the output's size), and a
/// cell keeps at most `textLimit` bytes of printed text and displayed values: the rest is counted
/// and replaced by a note, so a runaway `print` loop cannot fill the report or the cache.
final class CellOutputCollector: CellOutputSink {
    /// Bytes of printed text and displayed values one cell keeps (1 MiB, a few thousand pages).
    static let textLimit = 1 << 20

    private let lock = NSLock()
    private let limit: Int
    private var finished: [CellOutput] = []
    /// The text of the prints since the last other output; becomes one `.text` output.
    private var pendingText = ""
    private var keptBytes = 0
    private var droppedBytes = 0
    private var droppedLines = 0
    private var droppedEndsLine = true
    /// Where in `finished` the note about dropped text goes (after the last text that was kept).
    private var noteIndex: Int?
    private var readFiles: [String] = []
    private var readFileSet: Set<String> = []

    init(textLimit: Int = CellOutputCollector.textLimit) { limit = max(0, textLimit) }

    func emit(_ output: CellOutput) {
        lock.lock(); defer { lock.unlock() }
        switch output {
        case .text(let text):
            let (kept, startsDropping) = clip(text)
            pendingText += kept
            if startsDropping { flushText(); noteIndex = finished.count }
        case .value(let text):
            flushText()
            let (kept, startsDropping) = clip(text)
            if !kept.isEmpty { finished.append(.value(kept)) }
            if startsDropping { noteIndex = finished.count }
        default:
            flushText()
            finished.append(output)
        }
    }

    func recordFileRead(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        if readFileSet.insert(path).inserted { readFiles.append(path) }
    }

    /// The outputs in order, with the note about dropped text where the dropping began.
    var outputs: [CellOutput] {
        lock.lock(); defer { lock.unlock() }
        var result = finished
        if !pendingText.isEmpty { result.append(.text(pendingText)) }
        if let noteIndex, droppedBytes > 0 {
            let lineCount = droppedLines + (droppedEndsLine ? 0 : 1)
            let lines = lineCount == 1 ? "1 line" : "\(lineCount) lines"
            let note = "[output truncated: \(lines) (\(droppedBytes) bytes) not kept; a cell keeps the first \(limit / 1024) KB of its text]\n"
            result.insert(.text(note), at: min(noteIndex, result.count))
        }
        return result
    }

    /// The data files the cell read, in first-read order.
    var filesRead: [String] {
        lock.lock(); defer { lock.unlock() }
        return readFiles
    }

    /// The part of `text` that fits in what is left of the limit (the rest is counted as dropped), and
    /// whether this is the first text that did not fit.
    private func clip(_ text: String) -> (kept: String, startsDropping: Bool) {
        let size = text.utf8.count
        if droppedBytes == 0, keptBytes + size <= limit {
            keptBytes += size
            return (text, false)
        }
        let kept = Self.prefix(text, bytes: max(0, limit - keptBytes))
        let keptSize = kept.utf8.count
        keptBytes += keptSize
        let rest = text.utf8.dropFirst(keptSize)
        let startsDropping = droppedBytes == 0 && !rest.isEmpty
        droppedBytes += rest.count
        droppedLines += rest.lazy.filter { $0 == 0x0A }.count
        if let last = rest.last { droppedEndsLine = last == 0x0A }
        return (kept, startsDropping)
    }

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        finished.append(.text(pendingText))
        pendingText = ""
    }

    /// The longest prefix of `text` of at most `bytes` UTF-8 bytes that ends on a scalar boundary.
    static func prefix(_ text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard bytes < utf8.count else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: bytes)
        while end > utf8.startIndex, end.samePosition(in: text.unicodeScalars) == nil { end = utf8.index(before: end) }
        return String(text.unicodeScalars[..<end])
    }
}
