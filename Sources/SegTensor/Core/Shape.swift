/// Shape arithmetic shared by every op: element counts, row-major strides, broadcasting.
public enum Shape {
    /// The number of elements of a shape (1 for a scalar `[]`).
    public static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major (C order) strides, in elements.
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// Validates a user-supplied shape: non-negative sizes and a total that fits in memory.
    public static func validate(_ shape: [Int]) throws {
        var total = 1
        for size in shape {
            guard size >= 0 else { throw TensorError("invalid shape \(shape): sizes must be >= 0") }
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow, product <= (1 << 40) else {
                throw TensorError("shape \(shape) has too many elements")
            }
            total = product
        }
    }

    /// The product of non-negative sizes computed by shape arithmetic (`h * scale`,
    /// `classes * classes`), or an error naming `what` when it overflows or exceeds what
    /// `validate` allows: overflow must never wrap into a wrong, small size.
    public static func checkedProduct(_ factors: [Int], _ what: @autoclosure () -> String) throws -> Int {
        var total = 1
        for factor in factors {
            let (product, overflow) = total.multipliedReportingOverflow(by: factor)
            guard factor >= 0, !overflow, product <= (1 << 40) else { throw TensorError("\(what()) is too large: \(factors.map(String.init).joined(separator: " x ")) elements") }
            total = product
        }
        return total
    }

    /// The sum of sizes (`height + 2 * padding`), or an error naming `what` when it overflows.
    public static func checkedSum(_ terms: [Int], _ what: @autoclosure () -> String) throws -> Int {
        var total = 0
        for term in terms {
            let (sum, overflow) = total.addingReportingOverflow(term)
            guard !overflow, sum <= (1 << 40), sum >= -(1 << 40) else { throw TensorError("\(what()) is too large: \(terms.map(String.init).joined(separator: " + "))") }
            total = sum
        }
        return total
    }

    /// NumPy broadcasting of two shapes, or an error naming both.
    public static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                throw TensorError("shapes \(a) and \(b) cannot be broadcast together")
            }
        }
        return result
    }

    /// Normalises a possibly negative axis for a tensor of `rank` dimensions.
    public static func normalizeAxis(_ axis: Int, rank: Int) throws -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard normalized >= 0, normalized < rank else {
            throw TensorError("axis \(axis) is out of range for a tensor with \(rank) dimensions")
        }
        return normalized
    }
}
