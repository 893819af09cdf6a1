import Foundation

/// A bounded first-in first-out hand-over between the producer thread and the consumer,
/// carrying a terminal error and a cancellation flag.
final class BatchQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var finished = false
    private var failure: Error?
    private(set) var cancelled = false

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Blocks while full; returns false when the consumer has gone (the producer should stop).
    func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Marks the end of the stream, with the error that ended it if any.
    func finish(_ error: Error? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until an item or the end; after the last item, throws the producer's error if any.
    func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished && !cancelled { condition.wait() }
        if !items.isEmpty {
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }
        if let failure {
            self.failure = nil
            throw failure
        }
        return nil
    }

    /// Wakes and stops the producer; pending items are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
