/// Broadcasting arithmetic: methods, operators with tensors or Swift numbers on either side.
extension Tensor {
    /// A 0-d operand for a Swift float: float32.
    public static func scalar(_ value: Double) throws -> Tensor {
        try Tensor([Float(value)], shape: [])
    }

    /// A 0-d operand for a Swift integer: int32, or float32 when it does not fit in 32 bits.
    public static func scalar(_ value: Int) throws -> Tensor {
        guard let small = Int32(exactly: value) else { return try scalar(Double(value)) }
        return try Tensor(int32: [small], shape: [])
    }

    /// Applies a broadcasting binary op, recording its derivative for float32 results.
    public func binary(_ op: ArithmeticOp, _ other: Tensor) throws -> Tensor {
        let out = try BinaryKernels.arithmetic(op, self, other)
        guard out.dtype == .float32 else { return out }
        return Tensor.record(out, name: op.rawValue, inputs: [self, other],
                             backward: DerivativeRules.binary(op, self, other, out))
    }

    /// Elementwise sum with broadcasting.
    public func add(_ other: Tensor) throws -> Tensor { try binary(.add, other) }
    /// Elementwise difference with broadcasting.
    public func subtract(_ other: Tensor) throws -> Tensor { try binary(.subtract, other) }
    /// Elementwise product with broadcasting.
    public func multiply(_ other: Tensor) throws -> Tensor { try binary(.multiply, other) }
    /// Elementwise true division (always float32) with broadcasting.
    public func divide(_ other: Tensor) throws -> Tensor { try binary(.divide, other) }
    /// Elementwise power with broadcasting (`**`).
    public func pow(_ other: Tensor) throws -> Tensor { try binary(.power, other) }
    /// Elementwise power by a Swift number.
    public func pow(_ exponent: Double) throws -> Tensor { try binary(.power, Tensor.scalar(exponent)) }
    /// Elementwise maximum with broadcasting.
    public func maximum(_ other: Tensor) throws -> Tensor { try binary(.maximum, other) }
    /// Elementwise minimum with broadcasting.
    public func minimum(_ other: Tensor) throws -> Tensor { try binary(.minimum, other) }

    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.add, rhs) }
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.subtract, rhs) }
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.multiply, rhs) }
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.divide, rhs) }

    public static func + (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(.add, scalar(rhs)) }
    public static func - (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(.subtract, scalar(rhs)) }
    public static func * (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(.multiply, scalar(rhs)) }
    public static func / (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(.divide, scalar(rhs)) }
    public static func + (lhs: Double, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.add, rhs) }
    public static func - (lhs: Double, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.subtract, rhs) }
    public static func * (lhs: Double, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.multiply, rhs) }
    public static func / (lhs: Double, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.divide, rhs) }

    public static func + (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.binary(.add, scalar(rhs)) }
    public static func - (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.binary(.subtract, scalar(rhs)) }
    public static func * (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.binary(.multiply, scalar(rhs)) }
    public static func / (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.binary(.divide, scalar(rhs)) }
    public static func + (lhs: Int, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.add, rhs) }
    public static func - (lhs: Int, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.subtract, rhs) }
    public static func * (lhs: Int, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.multiply, rhs) }
    public static func / (lhs: Int, rhs: Tensor) throws -> Tensor { try scalar(lhs).binary(.divide, rhs) }

    /// Elementwise negation (`-t`); bool tensors are an error.
    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.neg() }
}

/// Comparisons (bool results) and logical operations on bool tensors.
extension Tensor {
    /// Elementwise comparison with broadcasting, giving a bool tensor.
    public func compare(_ op: ComparisonOp, _ other: Tensor) throws -> Tensor {
        try BinaryKernels.comparison(op, self, other)
    }
    /// Elementwise comparison with a Swift float.
    public func compare(_ op: ComparisonOp, _ value: Double) throws -> Tensor {
        try BinaryKernels.comparison(op, self, Tensor.scalar(value))
    }
    /// Elementwise comparison with a Swift integer.
    public func compare(_ op: ComparisonOp, _ value: Int) throws -> Tensor {
        try BinaryKernels.comparison(op, self, Tensor.scalar(value))
    }

    /// Elementwise logical and/or/xor of bool tensors with broadcasting.
    public func logical(_ op: LogicalOp, _ other: Tensor) throws -> Tensor {
        try BinaryKernels.logical(op, self, other)
    }

    /// `~t`: logical not of a bool tensor, bitwise not of an int32 one; float32 is an error.
    public func invert() throws -> Tensor {
        switch dtype {
        case .bool: return try logicalNot()
        case .int32:
            let out = try Tensor(shape: shape, dtype: .int32, zeroed: false)
            MapLoop.run(self, out.pointer(as: Int32.self), IntOps.BitNot())
            return out
        case .float32: throw TensorError("'~' (invert) needs a bool or int32 tensor, not float32")
        }
    }

    /// Elementwise logical not of a bool tensor.
    public func logicalNot() throws -> Tensor {
        guard dtype == .bool else { throw TensorError("logical not needs a bool tensor, got \(dtype)") }
        let out = try Tensor(shape: shape, dtype: .bool, zeroed: false)
        MapLoop.run(self, out.pointer(as: UInt8.self), BoolOps.Not())
        return out
    }
}
