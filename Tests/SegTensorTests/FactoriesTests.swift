import XCTest
@testable import SegTensor
import SegTestSupport

final class FactoriesTests: XCTestCase {
    func testFilledTensors() throws {
        assertValues(try Tensor.zeros([2, 2]), [0, 0, 0, 0], shape: [2, 2])
        assertValues(try Tensor.ones([3], dtype: .int32), [1, 1, 1])
        XCTAssertEqual(try Tensor.ones([3], dtype: .int32).dtype, .int32)
        assertValues(try Tensor.full([2], 2.5), [2.5, 2.5])
        assertValues(try Tensor.eye(2, 3), [1, 0, 0, 0, 1, 0], shape: [2, 3])
        assertThrowsMessage(try Tensor.zeros([2, -1]), "[2, -1]")
    }

    func testRanges() throws {
        assertValues(try Tensor.arange(0, 5), [0, 1, 2, 3, 4])
        XCTAssertEqual(try Tensor.arange(0, 5).dtype, .float32)
        assertValues(try Tensor.arange(1, 2, step: 0.25), [1, 1.25, 1.5, 1.75])
        assertValues(try Tensor.arange(5, 0, step: -2), [5, 3, 1])
        assertValues(try Tensor.arange(3, 1), [], shape: [0])
        assertThrowsMessage(try Tensor.arange(0, 1, step: 0), "step")
        assertValues(try Tensor.linspace(0, 1, count: 5), [0, 0.25, 0.5, 0.75, 1])
        assertValues(try Tensor.linspace(2, 3, count: 1), [2])
    }

    func testNestedLists() throws {
        let t = try Tensor(list: .list([.list([.int(1), .int(2)]), .list([.int(3), .float(4.5)])]))
        XCTAssertEqual(t.dtype, .float32)
        assertValues(t, [1, 2, 3, 4.5], shape: [2, 2])
        let i = try Tensor(list: .list([.int(1), .int(2)]), dtype: .int32)
        XCTAssertEqual(i.dtype, .int32)
        XCTAssertEqual(try Tensor(list: .list([.bool(true), .bool(false)])).dtype, .bool)
        XCTAssertEqual(try Tensor(list: .float(3)).shape, [])
        assertThrowsMessage(try Tensor(list: .list([.list([.int(1), .int(2)]), .list([.int(3)])])), "ragged", "[1]")
        assertThrowsMessage(try Tensor(list: .list([.list([.int(1)]), .int(3)])), "ragged", "[1]")
    }

    func testNestedSwiftArrays() throws {
        assertValues(try Tensor(nested: [[1.5, 2], [3, 4]]), [1.5, 2, 3, 4], shape: [2, 2])
        let ints = try Tensor(nested: [[1, 2, 3]], dtype: .int32)
        XCTAssertEqual(ints.dtype, .int32)
        XCTAssertEqual(ints.shape, [1, 3])
        XCTAssertEqual(try Tensor(nested: [1, 2]).dtype, .float32, "numbers default to float32")
        XCTAssertEqual(try Tensor(nested: [[true], [false]]).dtype, .bool)
        assertThrowsMessage(try Tensor(nested: [[1.0, 2.0], [3.0]]), "ragged")
    }

    func testItemAndTolist() throws {
        XCTAssertEqual(try Tensor(ints: [7], shape: [1, 1]).item(), .int(7))
        XCTAssertEqual(try Tensor.scalar(0.5).item(), .float(0.5))
        XCTAssertEqual(try Tensor(bools: [true], shape: []).item(), .bool(true))
        assertThrowsMessage(try Tensor.zeros([2]).item(), "[2]")
        XCTAssertEqual(try Tensor(ints: [1, 2, 3, 4], shape: [2, 2]).tolist(),
                       .list([.list([.int(1), .int(2)]), .list([.int(3), .int(4)])]))
        XCTAssertEqual(try Tensor.scalar(2.0).tolist(), .float(2))
        XCTAssertEqual(try Tensor.zeros([2, 0]).tolist(), .list([.list([]), .list([])]))
        XCTAssertEqual(try Tensor.arange(0, 4).reshape([2, 2]).transposed().tolist(),
                       .list([.list([.float(0), .float(2)]), .list([.float(1), .float(3)])]))
    }
}
