import Foundation

/// Elementwise math functions.
public enum UnaryOp: String, Sendable {
    case exp, log, sqrt, abs, relu, sigmoid, tanh, neg
}

/// The typed loops behind the unary ops (closure literals so each loop is specialised).
enum UnaryKernels {
    static func apply(_ op: UnaryOp, _ x: Tensor) throws -> Tensor {
        switch op {
        case .abs, .relu, .neg:
            if x.dtype == .bool {
                guard op != .neg else {
                    throw TensorError("neg: cannot negate a bool tensor; use logicalNot()")
                }
                return try apply(op, x.astype(.int32))
            }
            if x.dtype == .int32 {
                let out = try Tensor(shape: x.shape, dtype: .int32, zeroed: false)
                let o = out.pointer(as: Int32.self)
                switch op {
                case .abs: MapLoop.run(x, o, IntOps.Abs())
                case .relu: MapLoop.run(x, o, IntOps.Relu())
                default: MapLoop.run(x, o, IntOps.Negate())
                }
                return out
            }
        default: break
        }
        let input = try x.converted(to: .float32)
        let out = try Tensor(shape: x.shape, dtype: .float32, zeroed: false)
        let o = out.pointer(as: Float.self)
        switch op {
        case .exp: MapLoop.run(input, o, FloatOps.Exp())
        case .log: MapLoop.run(input, o, FloatOps.Log())
        case .sqrt: MapLoop.run(input, o, FloatOps.Sqrt())
        case .abs: MapLoop.run(input, o, FloatOps.Abs())
        case .relu: MapLoop.run(input, o, FloatOps.Relu())
        case .sigmoid: MapLoop.run(input, o, FloatOps.Sigmoid())
        case .tanh: MapLoop.run(input, o, FloatOps.Tanh())
        case .neg: MapLoop.run(input, o, FloatOps.Negate())
        }
        return out
    }

    /// Clamps to `[lower, upper]` (either bound optional); int32 stays int32 for integral bounds.
    static func clamp(_ x: Tensor, _ lower: Double?, _ upper: Double?) throws -> Tensor {
        if let lower, let upper, lower > upper {
            throw TensorError("clamp: lower bound \(lower) is above upper bound \(upper)")
        }
        let integral = [lower, upper].allSatisfy { $0.map { $0.rounded() == $0 && Swift.abs($0) < 2e9 } ?? true }
        if x.dtype != .float32 && integral {
            let input = try x.converted(to: .int32)
            let out = try Tensor(shape: x.shape, dtype: .int32, zeroed: false)
            let lo = lower.map { Int32($0) } ?? Int32.min, hi = upper.map { Int32($0) } ?? Int32.max
            MapLoop.run(input, out.pointer(as: Int32.self), GenericOps.Clamp(lower: lo, upper: hi))
            return out
        }
        let input = try x.converted(to: .float32)
        let out = try Tensor(shape: x.shape, dtype: .float32, zeroed: false)
        let lo = lower.map { Float($0) } ?? -Float.infinity, hi = upper.map { Float($0) } ?? Float.infinity
        MapLoop.run(input, out.pointer(as: Float.self), GenericOps.Clamp(lower: lo, upper: hi))
        return out
    }
}

extension Tensor {
    /// Applies an elementwise math function, recording its derivative for float32 results.
    public func unary(_ op: UnaryOp) throws -> Tensor {
        let out = try UnaryKernels.apply(op, self)
        guard out.dtype == .float32, dtype == .float32 else { return out }
        return Tensor.record(out, name: op.rawValue, inputs: [self], backward: DerivativeRules.unary(op, self, out))
    }

    /// e^x elementwise.
    public func exp() throws -> Tensor { try unary(.exp) }
    /// Natural logarithm elementwise.
    public func log() throws -> Tensor { try unary(.log) }
    /// Square root elementwise.
    public func sqrt() throws -> Tensor { try unary(.sqrt) }
    /// Absolute value elementwise.
    public func abs() throws -> Tensor { try unary(.abs) }
    /// max(x, 0) elementwise.
    public func relu() throws -> Tensor { try unary(.relu) }
    /// 1 / (1 + e^-x) elementwise.
    public func sigmoid() throws -> Tensor { try unary(.sigmoid) }
    /// Hyperbolic tangent elementwise.
    public func tanh() throws -> Tensor { try unary(.tanh) }
    /// -x elementwise.
    public func neg() throws -> Tensor { try unary(.neg) }

    /// Limits every element to `[min, max]`; either bound may be nil.
    public func clamp(min lower: Double? = nil, max upper: Double? = nil) throws -> Tensor {
        let out = try UnaryKernels.clamp(self, lower, upper)
        guard out.dtype == .float32, dtype == .float32 else { return out }
        return Tensor.record(out, name: "clamp", inputs: [self],
                             backward: DerivativeRules.clamp(self, lower, upper))
    }
}
