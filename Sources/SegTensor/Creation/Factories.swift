/// Tensors made from a shape and a rule: zeros, ones, full, arange, linspace, eye, rand, randn.
extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try Tensor(shape: shape, dtype: dtype)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, 1, dtype: dtype)
    }

    /// A tensor filled with `value` (converted to `dtype`: truncated for int32, where a value out of
    /// its range is an error; nonzero for bool).
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) throws -> Tensor {
        let out = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        let n = out.count
        switch dtype {
        case .float32: out.pointer(as: Float.self).initialize(repeating: Float(value), count: n)
        case .int32: out.pointer(as: Int32.self).initialize(repeating: try ElementConversion.checkedInt32(value), count: n)
        case .bool: out.pointer(as: UInt8.self).initialize(repeating: value != 0 ? 1 : 0, count: n)
        }
        return out
    }

    /// A tensor shaped like `other` filled with `value`.
    public static func full(like other: Tensor, _ value: Double) throws -> Tensor {
        try full(other.shape, value, dtype: other.dtype)
    }

    /// Values from `start` up to (not including) `stop` by `step`, as NumPy's arange.
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1, dtype: DType = .float32) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw TensorError("arange(\(start), \(stop), \(step)): step must be nonzero and bounds finite")
        }
        let steps = ((stop - start) / step).rounded(.up)
        guard steps < 0x1p40 else { throw TensorError("arange(\(start), \(stop), \(step)) has too many elements") }
        let n = Swift.max(0, Int(steps))
        return try fromIndex([n], dtype: dtype) { start + Double($0) * step }
    }

    /// `count` evenly spaced values from `start` to `stop` inclusive.
    public static func linspace(_ start: Double, _ stop: Double, count: Int, dtype: DType = .float32) throws -> Tensor {
        guard count >= 0 else { throw TensorError("linspace: count must be >= 0, got \(count)") }
        let step = count > 1 ? (stop - start) / Double(count - 1) : 0
        return try fromIndex([count], dtype: dtype) { $0 == count - 1 && count > 1 ? stop : start + Double($0) * step }
    }

    /// The `n` x `m` identity-like matrix (ones on the diagonal).
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float32) throws -> Tensor {
        let cols = m ?? n
        return try fromIndex([n, cols], dtype: dtype) { $0 / Swift.max(cols, 1) == $0 % Swift.max(cols, 1) ? 1 : 0 }
    }

    /// Uniform samples in [0, 1) from `stream` (the global default stream when nil).
    public static func rand(_ shape: [Int], stream: RandomStream? = nil) throws -> Tensor {
        let out = try Tensor(shape: shape, dtype: .float32, zeroed: false)
        (stream ?? RandomStream.global).fillUniform(out.pointer(as: Float.self), count: out.count)
        return out
    }

    /// Standard normal samples from `stream` (the global default stream when nil).
    public static func randn(_ shape: [Int], stream: RandomStream? = nil) throws -> Tensor {
        let out = try Tensor(shape: shape, dtype: .float32, zeroed: false)
        (stream ?? RandomStream.global).fillNormal(out.pointer(as: Float.self), count: out.count)
        return out
    }

    /// A contiguous tensor whose element at flat index i is `value(i)`.
    static func fromIndex(_ shape: [Int], dtype: DType, _ value: (Int) -> Double) throws -> Tensor {
        let out = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        switch dtype {
        case .float32:
            let p = out.pointer(as: Float.self)
            for i in 0..<out.count { p[i] = Float(value(i)) }
        case .int32:
            let p = out.pointer(as: Int32.self)
            for i in 0..<out.count { p[i] = try ElementConversion.checkedInt32(value(i)) }
        case .bool:
            let p = out.pointer(as: UInt8.self)
            for i in 0..<out.count { p[i] = value(i) != 0 ? 1 : 0 }
        }
        return out
    }
}
