/// dtype conversion and explicit copies.
extension Tensor {
    /// A new contiguous tensor of `dtype` (always a copy, as NumPy's `astype`). Float to int
    /// truncates toward zero; NaN becomes 0 and out-of-range values saturate; nonzero is true.
    public func astype(_ dtype: DType) throws -> Tensor {
        let result = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        switch (self.dtype, dtype) {
        case (.float32, .float32): MapLoop.run(self, result.pointer(as: Float.self), GenericOps.Identity<Float>())
        case (.float32, .int32): MapLoop.run(self, result.pointer(as: Int32.self), ConvertOps.FloatToInt())
        case (.float32, .bool): MapLoop.run(self, result.pointer(as: UInt8.self), ConvertOps.FloatToBool())
        case (.int32, .float32): MapLoop.run(self, result.pointer(as: Float.self), ConvertOps.IntToFloat())
        case (.int32, .int32): MapLoop.run(self, result.pointer(as: Int32.self), GenericOps.Identity<Int32>())
        case (.int32, .bool): MapLoop.run(self, result.pointer(as: UInt8.self), ConvertOps.IntToBool())
        case (.bool, .float32): MapLoop.run(self, result.pointer(as: Float.self), ConvertOps.BoolToFloat())
        case (.bool, .int32): MapLoop.run(self, result.pointer(as: Int32.self), ConvertOps.BoolToInt())
        case (.bool, .bool): MapLoop.run(self, result.pointer(as: UInt8.self), GenericOps.Identity<UInt8>())
        }
        if self.dtype == .float32 && dtype == .float32 {
            return Tensor.record(result, name: "astype", inputs: [self], backward: DerivativeRules.identity)
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
        return Tensor.record(result, name: "copy", inputs: [self], backward: DerivativeRules.identity)
    }
}
