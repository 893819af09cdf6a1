import Foundation

/// The derivative rules of SegTensor's differentiable ops: arithmetic, reductions, softmax,
/// matmul, joining and indexing here; views, casts, selections, sorting and running sums in
/// `DerivativeRules+Layout.swift`. Every SegTensor op takes its rule from these two files.
/// (A layer's or loss's backward pass is not a tensor-op rule: it sits beside its forward kernel
/// in SegNN, whose buffers and saved indices it reuses.)
///
/// Each function returns the backward closure an op passes to `Tensor.record`: output gradient
/// in, one gradient per input out (nil where none is needed). Rules run with recording off and
/// are written with tensor ops; broadcast inputs get their gradient summed back to their shape.
enum DerivativeRules {
    static func binary(_ op: ArithmeticOp, _ a: Tensor, _ b: Tensor, _ out: Tensor) -> (Tensor) throws -> [Tensor?] {
        let shapeA = a.shape, shapeB = b.shape
        let wantA = a.requiresGrad, wantB = b.requiresGrad
        return { g in
            switch op {
            case .add:
                return [wantA ? try g.sumToShape(shapeA) : nil, wantB ? try g.sumToShape(shapeB) : nil]
            case .subtract:
                return [wantA ? try g.sumToShape(shapeA) : nil, wantB ? try g.neg().sumToShape(shapeB) : nil]
            case .multiply:
                return [wantA ? try g.multiply(b).sumToShape(shapeA) : nil,
                        wantB ? try g.multiply(a).sumToShape(shapeB) : nil]
            case .divide:
                return [wantA ? try g.divide(b).sumToShape(shapeA) : nil,
                        wantB ? try BinaryKernels.zipFloats(g, out, FloatOps.Multiply()).divide(b).neg().sumToShape(shapeB) : nil]
            case .power:
                // d/da a^b = b a^(b-1); d/db a^b = a^b ln a (0 where a == 0, as PyTorch).
                let da = wantA ? try g.multiply(b.multiply(a.pow(b.subtract(Tensor.scalar(1.0))))).sumToShape(shapeA) : nil
                let db = wantB ? try g.multiply(BinaryKernels.zipFloats(out, a, GradientFunctions.PowerExponent())).sumToShape(shapeB) : nil
                return [da, db]
            case .maximum, .minimum:
                // The gradient goes to the chosen operand; ties split it evenly.
                let pick = GradientFunctions.Pick(isMax: op == .maximum)
                let maskA = try BinaryKernels.zipFloats(a, b, pick)
                let maskB = try BinaryKernels.zipFloats(b, a, pick)
                return [wantA ? try g.multiply(maskA).sumToShape(shapeA) : nil,
                        wantB ? try g.multiply(maskB).sumToShape(shapeB) : nil]
            }
        }
    }

    static func unary(_ op: UnaryOp, _ x: Tensor, _ y: Tensor) -> (Tensor) throws -> [Tensor?] {
        return { g in
            switch op {
            case .exp: return [try g.multiply(y)]
            case .log: return [try g.divide(x)]
            case .sqrt: return [try BinaryKernels.zipFloats(g, y, GradientFunctions.Sqrt())]
            case .abs: return [try BinaryKernels.zipFloats(g, x, GradientFunctions.Abs())]
            case .relu: return [try BinaryKernels.zipFloats(g, x, GradientFunctions.Relu())]
            case .sigmoid: return [try BinaryKernels.zipFloats(g, y, GradientFunctions.Sigmoid())]
            case .tanh: return [try BinaryKernels.zipFloats(g, y, GradientFunctions.Tanh())]
            case .neg: return [try g.neg()]
            }
        }
    }

    /// Gradient passes where the input lies inside [lower, upper] (bounds inclusive, as PyTorch).
    static func clamp(_ x: Tensor, _ lower: Double?, _ upper: Double?) -> (Tensor) throws -> [Tensor?] {
        let lo = lower.map { Float($0) } ?? -Float.infinity, hi = upper.map { Float($0) } ?? Float.infinity
        return { g in [try BinaryKernels.zipFloats(g, x, GradientFunctions.Clamp(lower: lo, upper: hi))] }
    }

    /// Sum: the gradient is broadcast back over the reduced axes.
    static func sum(_ x: Tensor, _ axes: [Int]) -> (Tensor) throws -> [Tensor?] {
        let shape = x.shape
        let kept = x.reducedShape(axes, keepdims: true)
        return { g in [try g.reshape(kept).expand(to: shape)] }
    }

    /// Max/min: the gradient goes to the elements equal to the result, split among ties.
    static func extremum(_ x: Tensor, _ out: Tensor, _ axes: [Int]) -> (Tensor) throws -> [Tensor?] {
        let kept = x.reducedShape(axes, keepdims: true)
        return { g in
            let chosen = try x.compare(.equal, out.reshape(kept)).astype(.float32)
            let ties = try chosen.sum(axes: axes, keepdims: true)
            return [try chosen.multiply(g.reshape(kept)).divide(ties)]
        }
    }

    /// Softmax: dx = y * (g - sum(g * y)).
    static func softmax(_ y: Tensor, axis: Int) -> (Tensor) throws -> [Tensor?] {
        return { g in
            let gy = try g.multiply(y)
            return [try gy.subtract(y.multiply(gy.sum(axes: [axis], keepdims: true)))]
        }
    }

    /// Log-softmax: dx = g - softmax * sum(g).
    static func logSoftmax(_ y: Tensor, axis: Int) -> (Tensor) throws -> [Tensor?] {
        return { g in [try g.subtract(y.exp().multiply(g.sum(axes: [axis], keepdims: true)))] }
    }

    /// Matrix product of rank >= 2 operands: dA = g Bᵀ, dB = Aᵀ g, summed over broadcast batches.
    static func matmul(_ a: Tensor, _ b: Tensor) -> (Tensor) throws -> [Tensor?] {
        let wantA = a.requiresGrad, wantB = b.requiresGrad
        return { g in
            [wantA ? try Tensor.matmulCore(g, b.transpose(-1, -2)).sumToShape(a.shape) : nil,
             wantB ? try Tensor.matmulCore(a.transpose(-1, -2), g).sumToShape(b.shape) : nil]
        }
    }

    /// where(cond, a, b): the gradient goes to a where cond holds, else to b.
    static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> (Tensor) throws -> [Tensor?] {
        let wantA = a.requiresGrad, wantB = b.requiresGrad
        return { g in
            let zero = try Tensor.scalar(0.0)
            return [nil,
                    wantA ? try Tensor.where(condition, g, zero).sumToShape(a.shape) : nil,
                    wantB ? try Tensor.where(condition, zero, g).sumToShape(b.shape) : nil]
        }
    }

    /// Concatenation: each input gets its slice of the gradient.
    static func cat(_ inputs: [Tensor], axis: Int) -> (Tensor) throws -> [Tensor?] {
        let sizes = inputs.map { $0.shape[axis] }
        let wants = inputs.map { $0.requiresGrad }
        return { g in
            var start = 0
            var result: [Tensor?] = []
            for (size, want) in zip(sizes, wants) {
                result.append(want ? try g.narrow(axis: axis, start: start, length: size) : nil)
                start += size
            }
            return result
        }
    }

    /// Indexing: the gradient is scattered into zeros of the input's shape.
    static func index(_ x: Tensor, _ plan: IndexPlan) -> (Tensor) throws -> [Tensor?] {
        let shape = x.shape
        return { g in
            let result = try Tensor(shape: shape, dtype: .float32)
            let view = result.view(plan)
            try view.assign(g)
            return [result]
        }
    }
}

/// Elementwise pieces of the rules above, as types so their loops run at memory speed.
enum GradientFunctions {
    /// (a^b, a) -> a^b ln a, 0 where a == 0.
    struct PowerExponent: BinaryFunction {
        @inline(__always) func callAsFunction(_ out: Float, _ a: Float) -> Float { a == 0 ? 0 : out * Foundation.log(a) }
    }
    /// 1 where this operand was chosen by max/min, 0.5 on ties, else 0.
    struct Pick: BinaryFunction {
        let isMax: Bool
        @inline(__always) func callAsFunction(_ x: Float, _ y: Float) -> Float {
            if x == y { return 0.5 }
            return (isMax ? x > y : x < y) ? 1 : 0
        }
    }
    /// (g, sqrt(x)) -> g / (2 sqrt(x)).
    struct Sqrt: BinaryFunction { @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * 0.5 / y } }
    /// (g, x) -> g sign(x).
    struct Abs: BinaryFunction { @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : (x < 0 ? -g : 0) } }
    /// (g, x) -> g where x > 0.
    struct Relu: BinaryFunction { @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : 0 } }
    /// (g, y) -> g y (1 - y).
    struct Sigmoid: BinaryFunction { @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) } }
    /// (g, y) -> g (1 - y^2).
    struct Tanh: BinaryFunction { @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) } }
    /// (g, x) -> g where lower <= x <= upper.
    struct Clamp: BinaryFunction {
        let lower: Float, upper: Float
        @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x >= lower && x <= upper ? g : 0 }
    }
}
