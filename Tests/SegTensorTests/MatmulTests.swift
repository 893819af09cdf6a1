import XCTest
@testable import SegTensor
import SegTestSupport

final class MatmulTests: XCTestCase {
    func testTwoByTwoAndVectors() throws {
        let a = try Tensor.f([1, 2, 3, 4], [2, 2]), b = try Tensor.f([5, 6, 7, 8], [2, 2])
        assertValues(try a.matmul(b), [19, 22, 43, 50], shape: [2, 2])
        let v = try Tensor.f([1, 1], [2])
        assertValues(try a.matmul(v), [3, 7], shape: [2])
        assertValues(try v.matmul(a), [4, 6], shape: [2])
        assertValues(try v.matmul(v), [2], shape: [])
    }

    func testTransposedOperandsUseBlasLayouts() throws {
        let a = try Tensor.f([1, 2, 3, 4, 5, 6], [2, 3])
        assertValues(try a.matmul(a.transposed()), [14, 32, 32, 77], shape: [2, 2])
        assertValues(try a.transposed().matmul(a), [17, 22, 27, 22, 29, 36, 27, 36, 45], shape: [3, 3])
        let strided = try Tensor.arange(0, 12).reshape([3, 4])[.all, .range(start: nil, stop: nil, step: 2)]
        assertValues(try strided.transposed().matmul(strided), [80, 104, 104, 140], shape: [2, 2])
    }

    func testBatchedWithBroadcasting() throws {
        let a = try Tensor.arange(0, 12).reshape([2, 2, 3])
        let b = try Tensor.f([1, 0, 0, 1, 1, 1], [3, 2])
        let c = try a.matmul(b)
        XCTAssertEqual(c.shape, [2, 2, 2])
        assertValues(c, [2, 3, 8, 9, 14, 15, 20, 21])
        let d = try Tensor.ones([3, 1, 2, 3]).matmul(Tensor.ones([4, 3, 5]))
        XCTAssertEqual(d.shape, [3, 4, 2, 5])
        XCTAssertEqual(d.doubles()[0], 3)
    }

    func testShapeErrorsAndEmpty() throws {
        assertThrowsMessage(try Tensor.ones([2, 3]).matmul(Tensor.ones([2, 3])), "[2, 3]", "3 != 2")
        assertThrowsMessage(try Tensor.ones([2, 2, 3]).matmul(Tensor.ones([3, 3, 1])), "batch")
        assertThrowsMessage(try Tensor.scalar(1.0).matmul(Tensor.ones([1])), "1-D")
        assertValues(try Tensor.ones([2, 0]).matmul(Tensor.ones([0, 2])), [0, 0, 0, 0], shape: [2, 2])
    }

    func testIntegerMatmulIsExact() throws {
        let a = try Tensor(ints: [1, 2, 3, 4], shape: [2, 2])
        let c = try a.matmul(a)
        XCTAssertEqual(c.dtype, .int32)
        assertValues(c, [7, 10, 15, 22])
    }
}
