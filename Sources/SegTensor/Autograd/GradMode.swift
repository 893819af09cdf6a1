/// Whether operations record an autograd graph. Off inside `withoutGrad`.
public enum GradMode {
    /// Recording is enabled on the thread that trains; background loader threads never record
    /// because they only touch tensors that do not require gradients.
    public nonisolated(unsafe) static var isEnabled = true

    /// Runs `body` without recording, restoring the previous mode afterwards (even on error).
    public static func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
        let previous = isEnabled
        isEnabled = false
        defer { isEnabled = previous }
        return try body()
    }
}
