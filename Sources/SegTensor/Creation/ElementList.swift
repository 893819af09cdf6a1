/// A nested list of numbers: the input of `Tensor(list:)` and the output of `tolist()`, without
/// `Any`. Integers are Int for int32, floats Double for float32, as the language reads them.
public indirect enum TensorElementList: Equatable, Sendable {
    case int(Int)
    case float(Double)
    case bool(Bool)
    case list([TensorElementList])
}

extension Tensor {
    /// A tensor from a nested list. Without `dtype`, all-bool lists give bool and anything else
    /// float32 (the language's default). Ragged lists are an error naming the position.
    public convenience init(list: TensorElementList, dtype: DType? = nil) throws {
        var shape: [Int] = []
        var probe = list
        while case .list(let items) = probe {
            shape.append(items.count)
            guard let first = items.first else { break }
            probe = first
        }
        var values: [Double] = []
        var allBool = true
        values.reserveCapacity(Shape.count(shape))
        func visit(_ node: TensorElementList, depth: Int, path: [Int]) throws {
            switch node {
            case .list(let items):
                guard depth < shape.count, items.count == shape[depth] else {
                    throw TensorError("ragged nested list at position \(path): expected \(depth < shape.count ? "\(shape[depth]) items" : "a number"), got a list of \(items.count)")
                }
                for (i, item) in items.enumerated() { try visit(item, depth: depth + 1, path: path + [i]) }
            case .int(let v):
                guard depth == shape.count else { throw TensorError("ragged nested list at position \(path): expected a list, got a number") }
                values.append(Double(v)); allBool = false
            case .float(let v):
                guard depth == shape.count else { throw TensorError("ragged nested list at position \(path): expected a list, got a number") }
                values.append(v); allBool = false
            case .bool(let v):
                guard depth == shape.count else { throw TensorError("ragged nested list at position \(path): expected a list, got a value") }
                values.append(v ? 1 : 0)
            }
        }
        try visit(list, depth: 0, path: [])
        let resolved = dtype ?? (allBool && !values.isEmpty ? .bool : .float32)
        let made = try Tensor.fromIndex(shape, dtype: resolved) { values[$0] }
        self.init(storage: made.storage, shape: made.shape, strides: made.strides, offset: 0, dtype: resolved)
    }

    /// A tensor of `dtype` from Swift doubles in row-major order.
    public convenience init(doubles values: [Double], shape: [Int], dtype: DType = .float32) throws {
        guard Shape.count(shape) == values.count, (try? Shape.validate(shape)) != nil else {
            throw TensorError("cannot make a tensor of shape \(shape) from \(values.count) values")
        }
        let made = try Tensor.fromIndex(shape, dtype: dtype) { values[$0] }
        self.init(storage: made.storage, shape: shape, strides: made.strides, offset: 0, dtype: dtype)
    }

    /// A tensor of `dtype` (int32 by default) from Swift integers in row-major order.
    public convenience init(ints values: [Int], shape: [Int], dtype: DType = .int32) throws {
        try self.init(doubles: values.map(Double.init), shape: shape, dtype: dtype)
    }

    /// A bool tensor from Swift booleans in row-major order.
    public convenience init(bools values: [Bool], shape: [Int]) throws {
        try self.init(doubles: values.map { $0 ? 1 : 0 }, shape: shape, dtype: .bool)
    }
}
