/// Derivative rules of the ops that move, copy, select or convert elements without arithmetic:
/// views, casts, padding, masked and gathered selections, sorting and running sums.
extension DerivativeRules {
    /// Copies and float-to-float casts pass the gradient through.
    static let identity: (Tensor) throws -> [Tensor?] = { g in [g] }

    /// Reshapes and other views over the same elements in order: back to the input's shape.
    static func reshape(from inputShape: [Int]) -> (Tensor) throws -> [Tensor?] {
        { g in [try g.reshape(inputShape)] }
    }

    /// A permutation's gradient is permuted back by the inverse permutation.
    static func permute(inverse: [Int]) -> (Tensor) throws -> [Tensor?] {
        { g in [try g.permute(inverse)] }
    }

    /// Broadcasting repeats elements, so their gradients add up.
    static func expand(from inputShape: [Int]) -> (Tensor) throws -> [Tensor?] {
        { g in [try g.sumToShape(inputShape)] }
    }

    /// Padding: the gradient of the original elements, `inner` being where they sit in the result.
    static func pad(inner: [TensorIndex]) -> (Tensor) throws -> [Tensor?] {
        { g in [try g.slice(inner).contiguous()] }
    }

    /// An elementwise float map: `derivative(x, g)` is the input's gradient, nil for zero.
    static func map(_ x: Tensor, _ derivative: @escaping (Tensor, Tensor) throws -> Tensor?) -> (Tensor) throws -> [Tensor?] {
        let inputShape = x.shape
        return { g in [try derivative(x, g) ?? Tensor(shape: inputShape, dtype: .float32)] }
    }

    /// d sin x = cos x.
    static func sin(_ x: Tensor, _ g: Tensor) throws -> Tensor? { try g.multiply(x.cos()) }

    /// d cos x = -sin x.
    static func cos(_ x: Tensor, _ g: Tensor) throws -> Tensor? { try g.multiply(x.sin().neg()) }

    /// `nan_to_num` passes the gradient of finite elements only.
    static func nanToNum(_ x: Tensor, _ g: Tensor) throws -> Tensor? { try Tensor.where(x.isfinite(), g, Tensor.scalar(0.0)) }

    /// Sign, floor, ceil and round are flat almost everywhere.
    static func flat(_ x: Tensor, _ g: Tensor) throws -> Tensor? { nil }

    /// `t[mask]`: the gradient goes back to the selected elements, zero elsewhere.
    static func maskSelect(_ flags: Tensor, inputShape: [Int]) -> (Tensor) throws -> [Tensor?] {
        { g in
            let gradient = try Tensor(shape: inputShape, dtype: .float32)
            try gradient.maskedAssign(flags, g)
            return [gradient]
        }
    }

    /// `t[indices]` over rows of `inner` elements: rows picked more than once collect every
    /// gradient sent to them.
    /// `rows` is the contiguous int32 tensor of checked, non-negative rows the gather read.
    static func gather(rows: Tensor, inner: Int, inputShape: [Int]) -> (Tensor) throws -> [Tensor?] {
        { g in
            let gradient = try Tensor(shape: inputShape, dtype: .float32)
            let pieces = try g.contiguous()
            let to = gradient.pointer(as: Float.self), from = pieces.pointer(as: Float.self)
            let picks = rows.pointer(as: Int32.self)
            for j in 0..<rows.count {
                let d = to + Int(picks[j]) * inner, s = from + j * inner
                for i in 0..<inner { d[i] += s[i] }
            }
            return [gradient]
        }
    }

    /// Sorting along `axis` (moved last, `axis` and `last` swapped, rows of `n`): each gradient
    /// goes back to the position its value came from (`order`).
    static func sort(order: [Int32], movedShape: [Int], axis: Int, last: Int, n: Int) -> (Tensor) throws -> [Tensor?] {
        { g in
            let gm = try StridedCopy.contiguousCopy(g.transpose(axis, last))
            let out = try Tensor(shape: movedShape, dtype: .float32)
            let src = gm.pointer(as: Float.self), dst = out.pointer(as: Float.self)
            for i in 0..<order.count { dst[(i / n) * n + Int(order[i])] = src[i] }
            return [try out.transpose(axis, last).contiguous()]
        }
    }

    /// A running sum's gradient is the running sum of the gradient taken from the other end.
    static func cumsum(axis: Int) -> (Tensor) throws -> [Tensor?] {
        { g in [try g.flip([axis]).cumsum(axis: axis).flip([axis])] }
    }
}
