import Foundation

/// A flag another thread (a Ctrl-C handler, a timeout) sets to stop running code. The running
/// code polls it in loops and calls and stops with an `interrupted` error, leaving globals intact.
public final class InterruptFlag: @unchecked Sendable {
    private let storage = UnsafeMutablePointer<Int>.allocate(capacity: 1)

    init() { storage.initialize(to: 0) }
    deinit { storage.deallocate() }

    /// Whether an interruption is pending.
    @inline(__always) public var isSet: Bool {
        // A plain aligned word read; the writer's store becomes visible within a few iterations.
        storage.pointee != 0
    }

    /// Requests an interruption (safe from any thread or a signal handler).
    public func set() { storage.pointee = 1 }

    /// Clears the request (done at the start of each evaluation).
    public func clear() { storage.pointee = 0 }
}
