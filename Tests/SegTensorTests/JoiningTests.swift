import XCTest
@testable import SegTensor
import SegTestSupport

final class JoiningTests: XCTestCase {
    func testCat() throws {
        let a = try Tensor.f([1, 2, 3, 4], [2, 2]), b = try Tensor.f([5, 6], [1, 2])
        assertValues(try Tensor.cat([a, b]), [1, 2, 3, 4, 5, 6], shape: [3, 2])
        assertValues(try Tensor.cat([a, a], axis: 1), [1, 2, 1, 2, 3, 4, 3, 4], shape: [2, 4])
        assertValues(try Tensor.cat([a, a.transposed()], axis: -1), [1, 2, 1, 3, 3, 4, 2, 4], shape: [2, 4])
        XCTAssertEqual(try Tensor.cat([a, Tensor(ints: [7, 8], shape: [1, 2])]).dtype, .float32)
        assertThrowsMessage(try Tensor.cat([a, b], axis: 1), "tensor 1", "[1, 2]", "[2, 2]")
        assertThrowsMessage(try Tensor.cat([]), "at least one")
    }

    func testStack() throws {
        let a = try Tensor.f([1, 2], [2]), b = try Tensor.f([3, 4], [2])
        assertValues(try Tensor.stack([a, b]), [1, 2, 3, 4], shape: [2, 2])
        assertValues(try Tensor.stack([a, b], axis: 1), [1, 3, 2, 4], shape: [2, 2])
        assertThrowsMessage(try Tensor.stack([a, Tensor.zeros([3])]), "tensor 1", "[3]", "[2]")
    }

    func testWhere() throws {
        let cond = try Tensor(bools: [true, false, true], shape: [3])
        assertValues(try Tensor.where(cond, Tensor.f([1, 2, 3], [3]), Tensor.scalar(0.0)), [1, 0, 3])
        let column = try Tensor(bools: [true, false], shape: [2, 1])
        assertValues(try Tensor.where(column, Tensor.ones([2, 2]), Tensor.zeros([2])), [1, 1, 0, 0], shape: [2, 2])
        XCTAssertEqual(try Tensor.where(cond, Tensor(ints: [1, 2, 3], shape: [3]), Tensor.scalar(0)).dtype, .int32)
        assertThrowsMessage(try Tensor.where(cond, Tensor.ones([2]), Tensor.ones([3])), "[3]", "[2]")
    }
}
