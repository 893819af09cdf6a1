/// How dtypes combine in binary operations (NumPy's rules restricted to our three types).
extension DType {
    /// Rank in the promotion order bool < int32 < float32.
    var promotionRank: Int {
        switch self {
        case .bool: return 0
        case .int32: return 1
        case .float32: return 2
        }
    }

    /// The common dtype of two operands: the wider of the two.
    public static func common(_ a: DType, _ b: DType) -> DType {
        a.promotionRank >= b.promotionRank ? a : b
    }

    /// The result dtype of `+ - * **`: bool operands count as int32.
    public static func arithmetic(_ a: DType, _ b: DType) -> DType {
        let common = common(a, b)
        return common == .bool ? .int32 : common
    }

    /// True for float32.
    public var isFloatingPoint: Bool { self == .float32 }
}

/// Conversions between element values that never trap (NaN and out-of-range floats saturate).
enum ElementConversion {
    @inline(__always)
    static func int32(_ value: Float) -> Int32 {
        if value.isNaN { return 0 }
        if value >= 2147483647 { return Int32.max }
        if value <= -2147483648 { return Int32.min }
        return Int32(value)
    }

    @inline(__always)
    static func int32(_ value: Double) -> Int32 {
        if value.isNaN { return 0 }
        if value >= 2147483647 { return Int32.max }
        if value <= -2147483648 { return Int32.min }
        return Int32(value)
    }
}
