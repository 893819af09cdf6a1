import Foundation

/// Splits large element loops across the machine's two cores.
///
/// Measured in `segnb-bench tensor` (elementwise add/mul, bias add, axis sum): two chunks beat one
/// above roughly 100k elements; below that the dispatch overhead dominates.
enum Parallel {
    /// Work below this many elements runs on the calling thread.
    static let threshold = 1 << 17
    /// Chunks used for large work: one per core.
    static let chunks = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Calls `body(start, end)` over `0..<count`, in one or two contiguous ranges.
    @inline(__always)
    static func forRanges(_ count: Int, work: Int, _ body: (Int, Int) -> Void) {
        if count <= 0 { return }
        if work < threshold || chunks == 1 || count < 2 {
            body(0, count)
            return
        }
        let parts = min(chunks, count)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = count * part / parts
            let end = count * (part + 1) / parts
            body(start, end)
        }
    }
}
