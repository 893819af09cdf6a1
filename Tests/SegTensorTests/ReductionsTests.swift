import XCTest
import SegTestSupport
@testable import SegTensor

final class ReductionsTests: XCTestCase {
    private func sample() throws -> Tensor { try Tensor.f([1, 2, 3, 4, 5, 6], [2, 3]) }

    func testSumAxes() throws {
        let x = try sample()
        assertValues(try x.sum(), [21], shape: [])
        assertValues(try x.sum(axis: 0), [5, 7, 9], shape: [3])
        assertValues(try x.sum(axis: 1), [6, 15], shape: [2])
        assertValues(try x.sum(axis: -1, keepdims: true), [6, 15], shape: [2, 1])
        assertValues(try x.sum(axes: [0, 1], keepdims: true), [21], shape: [1, 1])
        assertValues(try x.transposed().sum(axis: 0), [6, 15], shape: [2])
        assertThrowsMessage(try x.sum(axis: 2), "axis 2", "2 dimensions")
    }

    func testSumOfMiddleAxisAndMergedAxes() throws {
        let t = try Tensor.arange(0, 24).reshape([2, 3, 4])
        assertValues(try t.sum(axis: 1), [12, 15, 18, 21, 48, 51, 54, 57], shape: [2, 4])
        assertValues(try t.sum(axes: [1, 2]), [66, 210], shape: [2])
        assertValues(try t.sum(axes: [0, 2]), [60, 92, 124], shape: [3])
    }

    func testSumDtypes() throws {
        let flags = try Tensor(bools: [true, false, true, true], shape: [4])
        let count = try flags.sum()
        XCTAssertEqual(count.dtype, .int32)
        XCTAssertEqual(try count.item(), .int(3))
        XCTAssertEqual(try Tensor(ints: [1, 2], shape: [2]).sum().dtype, .int32)
        XCTAssertEqual(try Tensor.zeros([0]).sum().item(), .float(0))
    }

    func testLongSumIsAccurate() throws {
        let n = 1 << 20
        let t = try Tensor.full([n], 0.1)
        XCTAssertEqual(try t.sum().item().doubleValue, Double(Float(0.1)) * Double(n), accuracy: 0.1)
    }

    /// Large enough to take the two-core paths: split over outer rows, over inner columns, and
    /// a single long row split in halves.
    func testParallelPathsMatchNaiveSums() throws {
        for shape in [[2, 5, 14_000], [1, 8, 17_000], [140_000]] {
            let x = try GradientCheck.random(shape, seed: 21)
            let values = x.doubles()
            for axis in 0..<shape.count {
                let outer = shape[..<axis].reduce(1, *), n = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
                var expected = [Double](repeating: 0, count: outer * inner)
                var largest = [Double](repeating: -.infinity, count: outer * inner)
                for a in 0..<outer { for k in 0..<n { for j in 0..<inner {
                    let v = values[(a * n + k) * inner + j]
                    expected[a * inner + j] += v
                    largest[a * inner + j] = Swift.max(largest[a * inner + j], v)
                } } }
                let sums = try x.sum(axis: axis).doubles(), maxima = try x.max(axis: axis).doubles()
                let sumError = zip(sums, expected).map { Swift.abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(sumError, 1e-2, "sum over axis \(axis) of \(shape)")
                XCTAssertEqual(maxima, largest, "max over axis \(axis) of \(shape)")
            }
        }
    }

    func testMeanMaxMinArg() throws {
        let x = try sample()
        assertValues(try x.mean(), [3.5])
        assertValues(try x.mean(axis: 0), [2.5, 3.5, 4.5])
        assertValues(try x.max(), [6])
        assertValues(try x.min(axis: 1), [1, 4])
        assertValues(try x.max(axis: 0, keepdims: true), [4, 5, 6], shape: [1, 3])
        let y = try Tensor.f([3, 9, 9, 1, 0, 7], [2, 3])
        XCTAssertEqual(try y.argmax().item(), .int(1))
        XCTAssertEqual(try y.argmax().dtype, .int32)
        assertValues(try y.argmax(axis: 1), [1, 2], shape: [2])
        assertValues(try y.argmin(axis: 0), [1, 1, 1], shape: [3])
        assertValues(try y.argmin(axis: 0, keepdims: true), [1, 1, 1], shape: [1, 3])
        assertThrowsMessage(try Tensor.zeros([0]).max(), "empty")
        XCTAssertEqual(try Tensor(ints: [16_777_217, 16_777_216], shape: [2]).argmax().item(), .int(0), "exact for large int32")
        XCTAssertEqual(try Tensor.f([1, .nan, 5], [3]).argmax().item(), .int(1), "NaN wins, as NumPy")
        XCTAssertTrue(try Tensor.zeros([0]).mean().item().doubleValue.isNaN)
    }

    func testVarianceAndStdUseDdofZeroByDefault() throws {
        let x = try sample()
        let t = try Tensor.f([1, 2, 3, 4], [4])
        assertValues(try t.variance(), [1.25])
        assertValues(try t.std(), [(1.25).squareRoot()])
        assertValues(try t.variance(ddof: 1), [5.0 / 3])
        assertValues(try x.variance(axis: 1), [2.0 / 3, 2.0 / 3])
    }

    func testAnyAll() throws {
        let flags = try Tensor(bools: [true, false, false, false], shape: [2, 2])
        XCTAssertEqual(try flags.any().item(), .bool(true))
        XCTAssertEqual(try flags.all().item(), .bool(false))
        assertValues(try flags.any(axes: [1]), [1, 0])
        assertValues(try Tensor.f([1, 2, 0, 3], [2, 2]).all(axes: [0]), [0, 1])
        XCTAssertEqual(try Tensor.zeros([0], dtype: .bool).all().item(), .bool(true))
    }
}

extension Tensor {
    func variance(axis: Int) throws -> Tensor { try variance(axes: [axis]) }
}
