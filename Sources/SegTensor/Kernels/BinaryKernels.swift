import Foundation

/// Elementwise binary operations with NumPy broadcasting.
public enum ArithmeticOp: String, Sendable {
    case add, subtract, multiply, divide, power, maximum, minimum
}

/// Elementwise comparisons; results are bool.
public enum ComparisonOp: String, Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}

/// Elementwise logical operations on bool tensors.
public enum LogicalOp: String, Sendable {
    case and, or, xor

    /// The operator that writes it: `&`, `|` or `^`.
    public var symbol: String {
        switch self {
        case .and: return "&"
        case .or: return "|"
        case .xor: return "^"
        }
    }
}

/// The typed loops behind the binary ops. Each case passes a closure literal so the loop is
/// specialised and inlined (measured by the elementwise rows of `segnb-bench tensor`).
enum BinaryKernels {
    /// The broadcast output shape, or an error naming the op and both shapes.
    static func outputShape(_ a: Tensor, _ b: Tensor, _ name: String) throws -> [Int] {
        do { return try Shape.broadcast(a.shape, b.shape) } catch {
            throw TensorError("\(name): shapes \(a.shape) and \(b.shape) cannot be broadcast together")
        }
    }

    static func arithmetic(_ op: ArithmeticOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try outputShape(a, b, op.rawValue)
        let dtype: DType = op == .divide ? .float32 : DType.arithmetic(a.dtype, b.dtype)
        let x = try a.converted(to: dtype), y = try b.converted(to: dtype)
        if op == .power && dtype == .int32 { try refuseNegativeExponents(y) }
        let out = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        let loop = BroadcastLoop(outShape: shape, a: x, b: y)
        if dtype == .float32 {
            let p = UnsafePointer(x.pointer(as: Float.self)), q = UnsafePointer(y.pointer(as: Float.self))
            let o = out.pointer(as: Float.self)
            switch op {
            case .add: loop.run(p, q, o, FloatOps.Add())
            case .subtract: loop.run(p, q, o, FloatOps.Subtract())
            case .multiply: loop.run(p, q, o, FloatOps.Multiply())
            case .divide: loop.run(p, q, o, FloatOps.Divide())
            case .power: loop.run(p, q, o, FloatOps.Power())
            case .maximum: loop.run(p, q, o, FloatOps.Maximum())
            case .minimum: loop.run(p, q, o, FloatOps.Minimum())
            }
        } else {
            let p = UnsafePointer(x.pointer(as: Int32.self)), q = UnsafePointer(y.pointer(as: Int32.self))
            let o = out.pointer(as: Int32.self)
            switch op {
            case .add: loop.run(p, q, o, IntOps.Add())
            case .subtract: loop.run(p, q, o, IntOps.Subtract())
            case .multiply: loop.run(p, q, o, IntOps.Multiply())
            case .divide: break   // promoted to float32 above
            case .power: loop.run(p, q, o, IntOps.Power())
            case .maximum: loop.run(p, q, o, GenericOps.Maximum<Int32>())
            case .minimum: loop.run(p, q, o, GenericOps.Minimum<Int32>())
            }
        }
        return out
    }

    /// NumPy's rule: an integer result cannot hold 1/x^n, so negative exponents are an error
    /// (use a float tensor) rather than a silent 0.
    private static func refuseNegativeExponents(_ exponents: Tensor) throws {
        let e = try exponents.contiguous()
        let p = e.pointer(as: Int32.self)
        for i in 0..<e.count where p[i] < 0 {
            throw TensorError("power: Integers to negative integer powers are not allowed (exponent \(p[i]); use a float32 tensor)")
        }
    }

    /// Integer power with wrapping overflow; negative exponents are refused before the loop runs.
    @inline(__always)
    static func integerPower(_ base: Int32, _ exponent: Int32) -> Int32 {
        if exponent < 0 {
            if base == 1 { return 1 }
            if base == -1 { return exponent % 2 == 0 ? 1 : -1 }
            return 0
        }
        var result: Int32 = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result &* b }
            b = b &* b
            e >>= 1
        }
        return result
    }

    static func comparison(_ op: ComparisonOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try outputShape(a, b, op.rawValue)
        let dtype = DType.common(a.dtype, b.dtype)
        let x = try a.converted(to: dtype), y = try b.converted(to: dtype)
        let out = try Tensor(shape: shape, dtype: .bool, zeroed: false)
        let loop = BroadcastLoop(outShape: shape, a: x, b: y)
        let o = out.pointer(as: UInt8.self)
        switch dtype {
        case .float32: compare(op, loop, UnsafePointer(x.pointer(as: Float.self)), UnsafePointer(y.pointer(as: Float.self)), o)
        case .int32: compare(op, loop, UnsafePointer(x.pointer(as: Int32.self)), UnsafePointer(y.pointer(as: Int32.self)), o)
        case .bool: compare(op, loop, UnsafePointer(x.pointer(as: UInt8.self)), UnsafePointer(y.pointer(as: UInt8.self)), o)
        }
        return out
    }

    @inline(__always)
    static func compare<T: Comparable>(_ op: ComparisonOp, _ loop: BroadcastLoop, _ p: UnsafePointer<T>,
                                       _ q: UnsafePointer<T>, _ o: UnsafeMutablePointer<UInt8>) {
        loop.run(p, q, o, GenericOps.Compare<T>(op: op))
    }

    /// Logic on two bool tensors; bitwise on int32 (a bool operand beside an int32 one counts as
    /// 0/1, as NumPy promotes it); float32 is an error, as in NumPy.
    static func logical(_ op: LogicalOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.dtype != .float32, b.dtype != .float32 else {
            throw TensorError("'\(op.symbol)' (\(op.rawValue)) needs bool or int32 tensors, not \(a.dtype) and \(b.dtype)")
        }
        let shape = try outputShape(a, b, op.rawValue)
        if a.dtype == .int32 || b.dtype == .int32 {
            let x = try a.converted(to: .int32), y = try b.converted(to: .int32)
            let out = try Tensor(shape: shape, dtype: .int32, zeroed: false)
            let loop = BroadcastLoop(outShape: shape, a: x, b: y)
            let p = UnsafePointer(x.pointer(as: Int32.self)), q = UnsafePointer(y.pointer(as: Int32.self))
            let o = out.pointer(as: Int32.self)
            switch op {
            case .and: loop.run(p, q, o, IntOps.BitAnd())
            case .or: loop.run(p, q, o, IntOps.BitOr())
            case .xor: loop.run(p, q, o, IntOps.BitXor())
            }
            return out
        }
        let out = try Tensor(shape: shape, dtype: .bool, zeroed: false)
        let loop = BroadcastLoop(outShape: shape, a: a, b: b)
        let p = UnsafePointer(a.pointer(as: UInt8.self)), q = UnsafePointer(b.pointer(as: UInt8.self))
        let o = out.pointer(as: UInt8.self)
        switch op {
        case .and: loop.run(p, q, o, BoolOps.And())
        case .or: loop.run(p, q, o, BoolOps.Or())
        case .xor: loop.run(p, q, o, BoolOps.Xor())
        }
        return out
    }

    /// A float32 broadcast loop with any element function (derivative rules use it).
    static func zipFloats<F: BinaryFunction>(_ a: Tensor, _ b: Tensor, _ op: F) throws -> Tensor
    where F.Left == Float, F.Right == Float, F.Output == Float {
        let shape = try outputShape(a, b, "zip")
        let x = try a.converted(to: .float32), y = try b.converted(to: .float32)
        let out = try Tensor(shape: shape, dtype: .float32, zeroed: false)
        BroadcastLoop(outShape: shape, a: x, b: y).run(UnsafePointer(x.pointer(as: Float.self)),
                                                       UnsafePointer(y.pointer(as: Float.self)),
                                                       out.pointer(as: Float.self), op)
        return out
    }
}
