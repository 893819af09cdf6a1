/// A single element as a Swift value: Int for int32, Double for float32, Bool for bool.
public enum TensorScalar: Equatable, Sendable {
    case int(Int)
    case float(Double)
    case bool(Bool)

    /// The value as a Double (bools as 0/1).
    public var doubleValue: Double {
        switch self {
        case .int(let v): return Double(v)
        case .float(let v): return v
        case .bool(let v): return v ? 1 : 0
        }
    }
}

/// Reading elements back into Swift (slow paths: printing, tests, the language's `.tolist()`).
extension Tensor {
    /// The element at storage offset `relative` from this view's first element.
    @inline(__always)
    func element(at relative: Int) -> TensorScalar {
        switch dtype {
        case .float32: return .float(Double(pointer(as: Float.self)[relative]))
        case .int32: return .int(Int(pointer(as: Int32.self)[relative]))
        case .bool: return .bool(pointer(as: UInt8.self)[relative] != 0)
        }
    }

    /// Every element as a Double, in row-major order.
    public func doubles() -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(count)
        StridedIndex.forEachOffset(shape: shape, strides: strides) { result.append(element(at: $0).doubleValue) }
        return result
    }

    /// Every element as a Float, in row-major order.
    public func floats() -> [Float] { doubles().map { Float($0) } }

    /// Every element as a Swift value, in row-major order.
    public func scalars() -> [TensorScalar] {
        var result: [TensorScalar] = []
        result.reserveCapacity(count)
        StridedIndex.forEachOffset(shape: shape, strides: strides) { result.append(element(at: $0)) }
        return result
    }

    /// The only element of a one-element tensor (any shape), as the language's `.item()`.
    public func item() throws -> TensorScalar {
        guard count == 1 else {
            throw TensorError("item() needs a tensor with one element, got shape \(shape) (\(count) elements)")
        }
        return element(at: 0)
    }

    /// Nested lists of the elements (a 0-d tensor gives a bare number), as `.tolist()`.
    public func tolist() -> TensorElementList {
        let flat = scalars()
        func leaf(_ s: TensorScalar) -> TensorElementList {
            switch s {
            case .int(let v): return .int(v)
            case .float(let v): return .float(v)
            case .bool(let v): return .bool(v)
            }
        }
        func build(_ depth: Int, _ start: Int) -> TensorElementList {
            if depth == rank { return leaf(flat[start]) }
            let inner = Shape.count(Array(shape[(depth + 1)...]))
            return .list((0..<shape[depth]).map { build(depth + 1, start + $0 * inner) })
        }
        if count == 0 && rank > 0 {
            // Keep the nesting of leading axes, as NumPy does for shapes like [2, 0].
            func empty(_ depth: Int) -> TensorElementList {
                depth == rank || shape[depth] == 0 ? .list([]) : .list((0..<shape[depth]).map { _ in empty(depth + 1) })
            }
            return empty(0)
        }
        return build(0, 0)
    }
}
