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
        if value >= 2147483648 { return Int32.max }   // 2^31: the first Float above Int32.max
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

    /// A value written into a new int32 tensor (`tensor([...], dtype: "int32")`, `full`): one
    /// that does not fit is an error naming it, as NumPy's OverflowError, never a silent clamp.
    static func checkedInt32(_ value: Double) throws -> Int32 {
        guard value.isFinite, value > -2147483649, value < 2147483648 else {
            let shown = value.isFinite && value == value.rounded() && abs(value) < 1e18 ? String(Int64(value)) : "\(value)"
            throw TensorError("value \(shown) is out of bounds for int32 (-2147483648...2147483647)")
        }
        return Int32(value)
    }
}
