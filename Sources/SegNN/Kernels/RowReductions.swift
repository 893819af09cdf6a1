/// Sums over one contiguous row with SIMD accumulators: Swift keeps floating-point reductions in
/// order, so a plain loop is latency-bound at one add per four cycles; sixteen lanes are not.
enum RowReductions {
    /// Σ x[i].
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 16 <= count {
            acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        var total = acc.sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }

    /// Σ (x[i] - mean)².
    @inline(__always)
    static func squaredDeviation(_ x: UnsafePointer<Float>, _ count: Int, mean: Float) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        let m = SIMD16<Float>(repeating: mean)
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 16 <= count {
            let d = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) - m
            acc += d * d
            i += 16
        }
        var total = acc.sum()
        while i < count { let d = x[i] - mean; total += d * d; i += 1 }
        return total
    }

    /// Σ x[i] * y[i].
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        while i + 16 <= count {
            acc += rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                * ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        var total = acc.sum()
        while i < count { total += x[i] * y[i]; i += 1 }
        return total
    }
}
