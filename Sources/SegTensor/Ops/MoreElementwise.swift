import Foundation

/// Rounding, sign, trigonometry and NaN handling, elementwise as NumPy's ufuncs.
extension Tensor {
    /// Rounds down (int32 and bool tensors are already whole: a copy comes back).
    public func floor() throws -> Tensor { try wholeNumbers(MoreElementFunctions.Floor(), "floor") }
    /// Rounds up.
    public func ceil() throws -> Tensor { try wholeNumbers(MoreElementFunctions.Ceil(), "ceil") }
    /// Rounds half to even, as `np.round`.
    public func round() throws -> Tensor { try wholeNumbers(MoreElementFunctions.Round(), "round") }

    /// -1, 0 or 1 by sign (NaN stays NaN); int32 stays int32.
    public func sign() throws -> Tensor {
        if dtype != .float32 {
            let input = try converted(to: .int32)
            let out = try Tensor(shape: shape, dtype: .int32, zeroed: false)
            MapLoop.run(input, out.pointer(as: Int32.self), MoreElementFunctions.IntSign())
            return out
        }
        return try floatMap(MoreElementFunctions.Sign(), "sign", DerivativeRules.flat)
    }

    /// Sine, elementwise (float32).
    public func sin() throws -> Tensor {
        try floatMap(MoreElementFunctions.Sin(), "sin", DerivativeRules.sin)
    }

    /// Cosine, elementwise (float32).
    public func cos() throws -> Tensor {
        try floatMap(MoreElementFunctions.Cos(), "cos", DerivativeRules.cos)
    }

    /// Whether each element is NaN (a bool tensor; never for int32 or bool).
    public func isnan() throws -> Tensor {
        let out = try Tensor(shape: shape, dtype: .bool)
        if dtype == .float32 { MapLoop.run(self, out.pointer(as: UInt8.self), MoreElementFunctions.IsNaN()) }
        return out
    }

    /// Whether each element is neither infinite nor NaN (always true for int32 and bool).
    public func isfinite() throws -> Tensor {
        if dtype != .float32 { return try Tensor.ones(shape, dtype: .bool) }
        let out = try Tensor(shape: shape, dtype: .bool, zeroed: false)
        MapLoop.run(self, out.pointer(as: UInt8.self), MoreElementFunctions.IsFinite())
        return out
    }

    /// NaN replaced by `nan`, +inf and -inf by the largest and smallest float32, as `np.nan_to_num`.
    public func nanToNum(_ nan: Double = 0) throws -> Tensor {
        guard dtype == .float32 else { return try copy() }
        return try floatMap(MoreElementFunctions.NanToNum(nan: Float(nan)), "nan_to_num", DerivativeRules.nanToNum)
    }

    private func wholeNumbers<F: UnaryFunction>(_ op: F, _ name: String) throws -> Tensor where F.Input == Float, F.Output == Float {
        if dtype != .float32 { return try copy() }
        return try floatMap(op, name, DerivativeRules.flat)
    }

    /// A float32 map with its derivative: `derivative(x, g)` is the input's gradient, nil for zero.
    private func floatMap<F: UnaryFunction>(_ op: F, _ name: String, _ derivative: @escaping (Tensor, Tensor) throws -> Tensor?) throws -> Tensor
    where F.Input == Float, F.Output == Float {
        let input = try converted(to: .float32)
        let out = try Tensor(shape: shape, dtype: .float32, zeroed: false)
        MapLoop.run(input, out.pointer(as: Float.self), op)
        guard dtype == .float32 else { return out }
        return Tensor.record(out, name: name, inputs: [self], backward: DerivativeRules.map(self, derivative))
    }
}

enum MoreElementFunctions {
    struct Floor: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x.rounded(.down) } }
    struct Ceil: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x.rounded(.up) } }
    struct Round: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x.rounded(.toNearestOrEven) } }
    struct Sign: UnaryFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)) }
    }
    struct IntSign: UnaryFunction { @inline(__always) func callAsFunction(_ x: Int32) -> Int32 { x > 0 ? 1 : (x < 0 ? -1 : 0) } }
    struct Sin: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.sin(x) } }
    struct Cos: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.cos(x) } }
    struct IsNaN: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> UInt8 { x.isNaN ? 1 : 0 } }
    struct IsFinite: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> UInt8 { x.isFinite ? 1 : 0 } }
    struct NanToNum: UnaryFunction {
        let nan: Float
        @inline(__always) func callAsFunction(_ x: Float) -> Float {
            if x.isNaN { return nan }
            if x == .infinity { return .greatestFiniteMagnitude }
            return x == -.infinity ? -.greatestFiniteMagnitude : x
        }
    }
}
