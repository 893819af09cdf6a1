/// dtype conversion and explicit copies.
extension Tensor {
    /// A new contiguous tensor of `dtype` (always a copy, as NumPy's `astype`). Float to int
    /// truncates toward zero; NaN becomes 0 and out-of-range values saturate; nonzero is true.
    public func astype(_ dtype: DType) throws -> Tensor {
        let result = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        switch (self.dtype, dtype) {
        case (.float32, .float32): MapLoop.run(self, result.pointer(as: Float.self)) { (x: Float) in x }
        case (.float32, .int32): MapLoop.run(self, result.pointer(as: Int32.self)) { (x: Float) in ElementConversion.int32(x) }
        case (.float32, .bool): MapLoop.run(self, result.pointer(as: UInt8.self)) { (x: Float) -> UInt8 in x != 0 ? 1 : 0 }
        case (.int32, .float32): MapLoop.run(self, result.pointer(as: Float.self)) { (x: Int32) in Float(x) }
        case (.int32, .int32): MapLoop.run(self, result.pointer(as: Int32.self)) { (x: Int32) in x }
        case (.int32, .bool): MapLoop.run(self, result.pointer(as: UInt8.self)) { (x: Int32) -> UInt8 in x != 0 ? 1 : 0 }
        case (.bool, .float32): MapLoop.run(self, result.pointer(as: Float.self)) { (x: UInt8) in Float(x) }
        case (.bool, .int32): MapLoop.run(self, result.pointer(as: Int32.self)) { (x: UInt8) in Int32(x) }
        case (.bool, .bool): MapLoop.run(self, result.pointer(as: UInt8.self)) { (x: UInt8) in x }
        }
        if self.dtype == .float32 && dtype == .float32 {
            return Tensor.record(result, name: "astype", inputs: [self]) { g in [g] }
        }
        return result
    }

    /// `self` when it already has `dtype`, else a converted copy (for kernels, not user-visible).
    func converted(to dtype: DType) throws -> Tensor {
        self.dtype == dtype ? self : try astype(dtype)
    }

    /// A new contiguous tensor with the same values (never shares memory with `self`).
    public func copy() throws -> Tensor {
        let result = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        StridedCopy.copy(from: self, into: result)
        return Tensor.record(result, name: "copy", inputs: [self]) { g in [g] }
    }
}
