import Foundation

/// Element functions as types, so the generic loops specialise and inline them even inside the
/// closures handed to `Parallel` (a closure value there costs an indirect
/// call per element: 1.5 GB/s instead of memory speed in `segnb-bench tensor`).
protocol BinaryFunction {
    associatedtype Left
    associatedtype Right
    associatedtype Output
    func callAsFunction(_ a: Left, _ b: Right) -> Output
}

/// A one-argument element function (see `BinaryFunction`).
protocol UnaryFunction {
    associatedtype Input
    associatedtype Output
    func callAsFunction(_ x: Input) -> Output
}

/// A fold along an axis: `first` seeds the result from the first element, `combine` adds the rest.
protocol ReduceFunction {
    associatedtype Input
    associatedtype Output
    func first(_ x: Input) -> Output
    func combine(_ r: Output, _ x: Input) -> Output
}

/// Float32 arithmetic.
enum FloatOps {
    struct Add: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b } }
    struct Subtract: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b } }
    struct Multiply: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b } }
    struct Divide: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b } }
    struct Power: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { powf(a, b) } }
    struct Maximum: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a >= b || a.isNaN ? a : b } }
    struct Minimum: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a <= b || a.isNaN ? a : b } }

    struct Exp: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.exp(x) } }
    struct Log: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.log(x) } }
    struct Sqrt: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() } }
    struct Abs: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.abs(x) } }
    struct Relu: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : 0 } }
    struct Tanh: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.tanh(x) } }
    struct Negate: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { -x } }
    /// The logistic function without overflow for large |x|.
    struct Sigmoid: UnaryFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float {
            if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
            let e = Foundation.exp(x)
            return e / (1 + e)
        }
    }
    struct Sum: ReduceFunction {
        @inline(__always) func first(_ x: Float) -> Float { x }
        @inline(__always) func combine(_ r: Float, _ x: Float) -> Float { r + x }
    }
    /// Max (or min) that propagates NaN, as NumPy.
    struct Extremum: ReduceFunction {
        let isMax: Bool
        @inline(__always) func first(_ x: Float) -> Float { x }
        @inline(__always) func combine(_ r: Float, _ x: Float) -> Float {
            (isMax ? x > r : x < r) || x.isNaN ? x : r
        }
    }
}

/// Int32 arithmetic with wrapping overflow (never a trap).
enum IntOps {
    struct Add: BinaryFunction { @inline(__always) func callAsFunction(_ a: Int32, _ b: Int32) -> Int32 { a &+ b } }
    struct Subtract: BinaryFunction { @inline(__always) func callAsFunction(_ a: Int32, _ b: Int32) -> Int32 { a &- b } }
    struct Multiply: BinaryFunction { @inline(__always) func callAsFunction(_ a: Int32, _ b: Int32) -> Int32 { a &* b } }
    struct Power: BinaryFunction { @inline(__always) func callAsFunction(_ a: Int32, _ b: Int32) -> Int32 { BinaryKernels.integerPower(a, b) } }
    struct Abs: UnaryFunction { @inline(__always) func callAsFunction(_ x: Int32) -> Int32 { x < 0 ? 0 &- x : x } }
    struct Relu: UnaryFunction { @inline(__always) func callAsFunction(_ x: Int32) -> Int32 { x > 0 ? x : 0 } }
    struct Negate: UnaryFunction { @inline(__always) func callAsFunction(_ x: Int32) -> Int32 { 0 &- x } }
    struct BitAnd: BinaryFunction { @inline(__always) func callAsFunction(_ a: Int32, _ b: Int32) -> Int32 { a & b } }
    struct BitOr: BinaryFunction { @inline(__always) func callAsFunction(_ a: Int32, _ b: Int32) -> Int32 { a | b } }
    struct BitXor: BinaryFunction { @inline(__always) func callAsFunction(_ a: Int32, _ b: Int32) -> Int32 { a ^ b } }
    struct BitNot: UnaryFunction { @inline(__always) func callAsFunction(_ x: Int32) -> Int32 { ~x } }
    struct Sum: ReduceFunction {
        @inline(__always) func first(_ x: Int32) -> Int32 { x }
        @inline(__always) func combine(_ r: Int32, _ x: Int32) -> Int32 { r &+ x }
    }
}

/// Functions generic over the element type.
enum GenericOps {
    struct Maximum<T: Comparable>: BinaryFunction { @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { Swift.max(a, b) } }
    struct Minimum<T: Comparable>: BinaryFunction { @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { Swift.min(a, b) } }
    struct Compare<T: Comparable>: BinaryFunction {
        let op: ComparisonOp
        @inline(__always) func callAsFunction(_ a: T, _ b: T) -> UInt8 {
            switch op {
            case .equal: return a == b ? 1 : 0
            case .notEqual: return a != b ? 1 : 0
            case .less: return a < b ? 1 : 0
            case .lessEqual: return a <= b ? 1 : 0
            case .greater: return a > b ? 1 : 0
            case .greaterEqual: return a >= b ? 1 : 0
            }
        }
    }
    struct Clamp<T: Comparable>: UnaryFunction {
        let lower: T, upper: T
        @inline(__always) func callAsFunction(_ x: T) -> T { x < lower ? lower : (x > upper ? upper : x) }
    }
    struct Extremum<T: Comparable>: ReduceFunction {
        let isMax: Bool
        @inline(__always) func first(_ x: T) -> T { x }
        @inline(__always) func combine(_ r: T, _ x: T) -> T { isMax ? Swift.max(r, x) : Swift.min(r, x) }
    }
    struct Identity<T>: UnaryFunction { @inline(__always) func callAsFunction(_ x: T) -> T { x } }
}

/// Bool (one byte, 0 or 1) logic.
enum BoolOps {
    struct And: BinaryFunction { @inline(__always) func callAsFunction(_ a: UInt8, _ b: UInt8) -> UInt8 { a & b } }
    struct Or: BinaryFunction { @inline(__always) func callAsFunction(_ a: UInt8, _ b: UInt8) -> UInt8 { a | b } }
    struct Xor: BinaryFunction { @inline(__always) func callAsFunction(_ a: UInt8, _ b: UInt8) -> UInt8 { a ^ b } }
    struct Not: UnaryFunction { @inline(__always) func callAsFunction(_ x: UInt8) -> UInt8 { x ^ 1 } }
    struct AnyOf: ReduceFunction {
        @inline(__always) func first(_ x: UInt8) -> UInt8 { x }
        @inline(__always) func combine(_ r: UInt8, _ x: UInt8) -> UInt8 { r | x }
    }
    struct AllOf: ReduceFunction {
        @inline(__always) func first(_ x: UInt8) -> UInt8 { x }
        @inline(__always) func combine(_ r: UInt8, _ x: UInt8) -> UInt8 { r & x }
    }
}

/// dtype conversions (never trapping: NaN and out-of-range floats saturate).
enum ConvertOps {
    struct FloatToInt: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Int32 { ElementConversion.int32(x) } }
    struct FloatToBool: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> UInt8 { x != 0 ? 1 : 0 } }
    struct IntToFloat: UnaryFunction { @inline(__always) func callAsFunction(_ x: Int32) -> Float { Float(x) } }
    struct IntToBool: UnaryFunction { @inline(__always) func callAsFunction(_ x: Int32) -> UInt8 { x != 0 ? 1 : 0 } }
    struct BoolToFloat: UnaryFunction { @inline(__always) func callAsFunction(_ x: UInt8) -> Float { Float(x) } }
    struct BoolToInt: UnaryFunction { @inline(__always) func callAsFunction(_ x: UInt8) -> Int32 { Int32(x) } }
}
