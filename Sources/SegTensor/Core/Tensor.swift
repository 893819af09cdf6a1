/// A dense, row-major CPU tensor of float32, int32 or bool.
///
/// A tensor is a view: `shape`, `strides` and `offset` (in elements) over a shared
/// `TensorStorage`. Reshapes, permutes and slices make views without copying; kernels that need
/// contiguous memory call `contiguous()`. Tensors are reference types so that autograd can hang
/// gradients and graph nodes off them and so that the language shares them like lists.
public final class Tensor {
    /// The memory this tensor views.
    public private(set) var storage: TensorStorage
    /// Sizes of each dimension.
    public let shape: [Int]
    /// Element strides of each dimension.
    public let strides: [Int]
    /// Offset of the first element in storage, in elements.
    public let offset: Int
    /// Element type.
    public let dtype: DType

    /// Whether gradients flow to this tensor. Set on leaves (parameters, inputs) by the user.
    public var requiresGrad: Bool = false
    /// The accumulated gradient of a leaf after `backward()`.
    public var grad: Tensor?
    /// The node that produced this tensor in the autograd graph, if it was recorded.
    public var gradNode: GradNode?

    /// Makes a view over existing storage.
    public init(storage: TensorStorage, shape: [Int], strides: [Int], offset: Int, dtype: DType) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.dtype = dtype
    }

    /// Allocates a contiguous tensor, zero-filled unless `zeroed` is false.
    public convenience init(shape: [Int], dtype: DType = .float32, zeroed: Bool = true) throws {
        try Shape.validate(shape)
        let storage = try TensorStorage(byteCount: Shape.count(shape) * dtype.byteSize, zeroed: zeroed)
        self.init(storage: storage, shape: shape, strides: Shape.contiguousStrides(shape), offset: 0, dtype: dtype)
    }

    /// A float32 tensor holding `values` with the given shape.
    public convenience init(_ values: [Float], shape: [Int]) throws {
        try self.init(copying: values, shape: shape, dtype: .float32)
    }

    /// An int32 tensor holding `values` with the given shape.
    public convenience init(int32 values: [Int32], shape: [Int]) throws {
        try self.init(copying: values, shape: shape, dtype: .int32)
    }

    /// A tensor of `dtype` (whose elements are `T`s) holding `values` with the given shape.
    private convenience init<T>(copying values: [T], shape: [Int], dtype: DType) throws {
        guard Shape.count(shape) == values.count else {
            throw TensorError("cannot make a tensor of shape \(shape) from \(values.count) values")
        }
        try self.init(shape: shape, dtype: dtype, zeroed: false)
        values.withUnsafeBufferPointer { source in
            guard let start = source.baseAddress else { return }   // no elements
            storage.base.assumingMemoryBound(to: T.self).update(from: start, count: source.count)
        }
    }

    /// A float32 scalar (shape `[]`).
    public convenience init(scalar value: Float) throws {
        try self.init([value], shape: [])
    }

    /// Whether no other tensor (a view) shares this tensor's memory, so writing it in place
    /// changes nothing anyone else sees.
    public func hasUniqueStorage() -> Bool { isKnownUniquelyReferenced(&storage) }

    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { Shape.count(shape) }
    /// The storage version: changes whenever this tensor's memory is written in place.
    public var version: Int { storage.version }

    /// True when the elements are laid out row-major without gaps (offset may be non-zero).
    public var isContiguous: Bool {
        var expected = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
            if strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    /// Pointer to the first element, typed. The caller must respect `dtype`.
    @inline(__always)
    public func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        storage.base.assumingMemoryBound(to: T.self).advanced(by: offset)
    }

    /// Runs `body` over the elements of a contiguous float32 tensor.
    @inline(__always)
    public func withFloats<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) throws -> R {
        guard dtype == .float32 else { throw TensorError("expected a float32 tensor, got \(dtype)") }
        guard isContiguous else { throw TensorError("internal: withFloats needs a contiguous tensor") }
        return try body(UnsafeMutableBufferPointer(start: pointer(as: Float.self), count: count))
    }

    /// A contiguous tensor with the same values: `self` when already contiguous, else a copy.
    public func contiguous() throws -> Tensor {
        if isContiguous { return self }
        let result = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        StridedCopy.copy(from: self, into: result)
        return Tensor.record(result, name: "contiguous", inputs: [self], backward: DerivativeRules.identity)
    }
}
