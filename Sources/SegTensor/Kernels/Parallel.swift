import Foundation

/// Splits large loops across the process's threads (`ComputeThreads.count`, run by
/// `WorkerPool`); the one place the tensor and nn kernels hand work to other threads.
///
/// The large rows of `segnb-bench tensor` (16M-element add/mul, bias add, axis sums) run on every
/// thread. The thresholds are estimates: below them the work takes tens of microseconds, about
/// what waking a sleeping thread costs.
public enum Parallel {
    /// Elementwise work below this many elements runs on the calling thread.
    public static let threshold = 1 << 17
    /// Per-row kernels (convolution rows, batch-norm channels, pooling planes) do more per
    /// element, so they split from this much work on.
    public static let rowKernelThreshold = 1 << 15
    /// Chunks used for large work: one per thread.
    public static let chunks = ComputeThreads.count
    /// The threads the chunks run on.
    static let pool = WorkerPool(threads: chunks)

    /// Lets the compute threads sleep now instead of spinning (before OpenBLAS runs its own).
    public static func rest() { pool.rest() }

    /// Calls `body(part)` for `part` in `0..<parts` on up to `chunks` threads.
    @inline(__always)
    public static func perform(parts: Int, _ body: (Int) -> Void) {
        pool.run(parts: parts, body)
    }

    /// Calls `body(start, end)` over `0..<count`, in up to `chunks` contiguous ranges.
    @inline(__always)
    public static func forRanges(_ count: Int, work: Int, threshold: Int = Parallel.threshold, _ body: (Int, Int) -> Void) {
        if count <= 0 { return }
        if work < threshold || chunks == 1 || count < 2 {
            body(0, count)
            return
        }
        let parts = min(chunks, count)
        pool.run(parts: parts) { part in
            let start = count * part / parts
            let end = count * (part + 1) / parts
            body(start, end)
        }
    }

    /// Calls `body` on disjoint ranges covering `0..<count` (also when `count` is 0), `chunks` at
    /// a time when `work` reaches `rowKernelThreshold`.
    @inline(__always)
    public static func forEachChunk(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        if count < 2 || work < rowKernelThreshold || chunks == 1 {
            body(0..<max(count, 0))
            return
        }
        forRanges(count, work: work, threshold: 0) { body($0..<$1) }
    }
}
