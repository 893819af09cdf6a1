import Foundation

/// Every derivative rule of SegTensor's differentiable ops, in one place.
///
/// Each function returns the backward closure an op passes to `Tensor.record`: output gradient
/// in, one gradient per input out (nil where none is needed). Rules run with recording off and
/// are written with tensor ops; broadcast inputs get their gradient summed back to their shape.
enum DerivativeRules {
    static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ out: Tensor) -> (Tensor) throws -> [Tensor?] {
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
                        wantB ? try BinaryKernels.zipFloats(g, out) { $0 * $1 }.divide(b).neg().sumToShape(shapeB) : nil]
            case .power:
                // d/da a^b = b a^(b-1); d/db a^b = a^b ln a (0 where a == 0, as PyTorch).
                let da = wantA ? try g.multiply(b.multiply(a.pow(b.subtract(Tensor.scalar(1.0))))).sumToShape(shapeA) : nil
                let db = wantB ? try g.multiply(BinaryKernels.zipFloats(out, a) { $1 == 0 ? 0 : $0 * Foundation.log($1) }).sumToShape(shapeB) : nil
                return [da, db]
            case .maximum, .minimum:
                // The gradient goes to the chosen operand; ties split it evenly.
                let isMax = op == .maximum
                let pick: (Float, Float) -> Float = { (x: Float, y: Float) -> Float in
                    if x == y { return 0.5 }
                    return (isMax ? x > y : x < y) ? 1 : 0
                }
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
            case .sqrt: return [try BinaryKernels.zipFloats(g, y) { $0 * 0.5 / $1 }]
            case .abs: return [try BinaryKernels.zipFloats(g, x) { $1 > 0 ? $0 : ($1 < 0 ? -$0 : 0) }]
            case .relu: return [try BinaryKernels.zipFloats(g, x) { $1 > 0 ? $0 : 0 }]
            case .sigmoid: return [try BinaryKernels.zipFloats(g, y) { $0 * $1 * (1 - $1) }]
            case .tanh: return [try BinaryKernels.zipFloats(g, y) { $0 * (1 - $1 * $1) }]
            case .neg: return [try g.neg()]
            }
        }
    }

    /// Gradient passes where the input lies inside [lower, upper] (bounds inclusive, as PyTorch).
    static func clamp(_ x: Tensor, _ lower: Double?, _ upper: Double?) -> (Tensor) throws -> [Tensor?] {
        let lo = lower.map { Float($0) } ?? -Float.infinity, hi = upper.map { Float($0) } ?? Float.infinity
        return { g in [try BinaryKernels.zipFloats(g, x) { $1 >= lo && $1 <= hi ? $0 : 0 }] }
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
