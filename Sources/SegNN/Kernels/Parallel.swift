import Foundation

/// Splits independent work across the machine's two cores.
enum Parallel {
    /// Work below this many elements runs on the calling thread: thread hand-off costs more.
    static let minimumParallelWork = 32_768

    /// Calls `body` on disjoint ranges covering `0..<count`, two at a time when `work` is large.
    @inline(__always)
    static func forEachChunk(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        if count < 2 || work < minimumParallelWork {
            body(0..<count)
            return
        }
        let half = count / 2
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            body(part == 0 ? 0..<half : half..<count)
        }
    }
}
