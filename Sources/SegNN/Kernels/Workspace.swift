import SegTensor

/// A grow-only scratch buffer for im2col columns, reused across layers and steps so that a
/// training step does not allocate (and page-fault) hundreds of megabytes of columns each time.
///
/// Training runs on one thread; kernels that split a batch across cores give each image lane
/// its own buffers.
final class Workspace {
    private var base: UnsafeMutablePointer<Float>?
    private var capacity = 0

    /// Column buffers of each image lane (one per compute thread).
    nonisolated(unsafe) static let laneColumns = (0..<ImageLanes.maximum).map { _ in Workspace() }
    /// Second column buffers of each lane, for kernels that need two column matrices at once (the
    /// convolution backward pass keeps im2col(x) for dW while it builds im2col(dY) for dX).
    nonisolated(unsafe) static let laneAdjointColumns = (0..<ImageLanes.maximum).map { _ in Workspace() }
    /// Private weight-gradient accumulators of lanes 1, 2, ..., added into lane 0's at the end.
    nonisolated(unsafe) static let laneWeightGradients = (1..<max(2, ImageLanes.maximum)).map { _ in Workspace() }
    /// The Winograd-transformed filters of the convolution being computed (shared by all lanes).
    nonisolated(unsafe) static let winogradFilters = Workspace()
    /// The direct convolution's packed weights (shared by all lanes).
    nonisolated(unsafe) static let directWeights = Workspace()

    /// One buffer of at least `count` floats per lane, from `pool`; allocated before the lanes
    /// start so that running them cannot fail.
    static func buffers(_ pool: [Workspace], for lanes: [ImageLane], count: Int) throws -> [UnsafeMutablePointer<Float>] {
        try lanes.map { try pool[$0.index].floats(count) }
    }

    /// At least `count` floats; the contents are unspecified.
    func floats(_ count: Int) throws -> UnsafeMutablePointer<Float> {
        if let base, count <= capacity { return base }
        base?.deallocate()
        base = nil
        capacity = 0
        try TensorStorage.checkAllocatable(max(count, 16), elementSize: MemoryLayout<Float>.stride, for: "convolution columns")
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
