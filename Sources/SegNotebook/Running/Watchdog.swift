import Foundation

/// Interrupts a running cell when its own timeout or the run's time limit passes.
final class Watchdog: @unchecked Sendable {
    /// Which limit fired.
    enum Limit { case cell, run }

    private let lock = NSLock()
    private var fired: Limit?
    private var timer: DispatchSourceTimer?

    init(cellDeadline: ContinuousClock.Instant?, runDeadline: ContinuousClock.Instant?, interrupt: @escaping () -> Void) {
        let candidates: [(ContinuousClock.Instant, Limit)] = [cellDeadline.map { ($0, .cell) }, runDeadline.map { ($0, .run) }].compactMap { $0 }
        guard let (deadline, limit) = candidates.min(by: { $0.0 < $1.0 }) else { return }
        let delay = NotebookRunner.seconds(deadline - ContinuousClock.now)
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + max(delay, 0))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock(); self.fired = limit; self.lock.unlock()
            interrupt()
        }
        self.timer = timer
        timer.resume()
    }

    /// Stops the timer; returns the limit that fired, if any.
    func finish() -> Limit? {
        timer?.cancel()
        lock.lock(); defer { lock.unlock() }
        return fired
    }
}
