import SegTensor

/// Checks and raw access that every SegNN kernel needs before touching memory.
extension Tensor {
    /// A contiguous float32 version of this tensor, or an error naming `role` and the dtype.
    func contiguousFloats(_ role: String) throws -> Tensor {
        guard dtype == .float32 else { throw TensorError("\(role) must be float32, got \(dtype)") }
        return try contiguous()
    }

    /// The shape as NCHW sizes, or an error naming `role` and the shape.
    func nchw(_ role: String) throws -> (n: Int, c: Int, h: Int, w: Int) {
        guard rank == 4 else { throw TensorError("\(role) must be 4-D [N, C, H, W], got shape \(shape)") }
        return (shape[0], shape[1], shape[2], shape[3])
    }

    /// Read-only float pointer (the tensor must be contiguous float32).
    @inline(__always)
    var floats: UnsafeMutablePointer<Float> { pointer(as: Float.self) }
}

/// Fresh float32 tensors for kernel outputs.
enum Fresh {
    /// Uninitialised: the kernel writes every element.
    static func uninitialized(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, dtype: .float32, zeroed: false)
    }

    /// Zero-filled: the kernel accumulates.
    static func zeros(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, dtype: .float32, zeroed: true)
    }
}
