import SegTensor

/// A grow-only scratch buffer for im2col columns, reused across layers and steps so that a
/// training step does not allocate (and page-fault) hundreds of megabytes of columns each time.
///
/// Training runs on one thread; kernels that split work across cores hand disjoint slices of the
/// buffer to each part.
final class Workspace {
    private var base: UnsafeMutablePointer<Float>?
    private var capacity = 0

    /// The shared workspace of the training thread.
    nonisolated(unsafe) static let shared = Workspace()
    /// A second buffer for kernels that need two column matrices at once (the convolution
    /// backward pass keeps im2col(x) for dW while it builds im2col(dY) for dX).
    nonisolated(unsafe) static let adjoint = Workspace()

    /// At least `count` floats; the contents are unspecified.
    func floats(_ count: Int) throws -> UnsafeMutablePointer<Float> {
        if let base, count <= capacity { return base }
        base?.deallocate()
        base = nil
        capacity = 0
        guard count <= (1 << 36) else { throw TensorError("cannot allocate a workspace of \(count) floats") }
        let fresh = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 16))
        base = fresh
        capacity = max(count, 16)
        return fresh
    }

    /// Frees the buffer (for callers that finished training and want the memory back).
    func release() {
        base?.deallocate()
        base = nil
        capacity = 0
    }
}
