import Foundation

/// A user's request to stop (Ctrl-C) that is never lost: it interrupts the evaluator and asks
/// again every 50 ms until `finish()`, because an evaluation that is just starting clears earlier
/// requests (so that an old Ctrl-C does not hit the next REPL line). The one repeater behind
/// `NotebookRunner.stop()` and `segnb script`'s Ctrl-C.
public final class StopRequest: @unchecked Sendable {
    private let evaluator: CellEvaluator
    private let lock = NSLock()
    private var requested = false
    private var repeater: DispatchSourceTimer?

    /// A request, not made yet, to stop `evaluator`.
    public init(evaluator: CellEvaluator) { self.evaluator = evaluator }

    /// Interrupts the evaluator now and keeps doing so until `finish()`; safe from any thread.
    public func request() {
        lock.lock(); defer { lock.unlock() }
        requested = true
        evaluator.interrupt()
        guard repeater == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(50), repeating: .milliseconds(50))
        timer.setEventHandler { [evaluator] in evaluator.interrupt() }
        timer.resume()
        repeater = timer
    }

    /// Whether `request()` was called.
    public var isRequested: Bool {
        lock.lock(); defer { lock.unlock() }
        return requested
    }

    /// Before an evaluation: clears a leftover interruption (a watchdog's), or renews the request.
    func clearEvaluatorUnlessRequested() {
        lock.lock(); defer { lock.unlock() }
        if requested { evaluator.interrupt() } else { evaluator.clearInterrupt() }
    }

    /// Stops repeating (the run is over); the request itself stays made.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        repeater?.cancel()
        repeater = nil
    }
}
