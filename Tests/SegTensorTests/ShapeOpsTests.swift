import XCTest
@testable import SegTensor
import SegTestSupport

final class ShapeOpsTests: XCTestCase {
    func testReshapeIsAViewOfContiguousTensors() throws {
        let t = try Tensor.arange(0, 6)
        let r = try t.reshape([2, -1])
        XCTAssertEqual(r.shape, [2, 3])
        XCTAssertTrue(r.storage === t.storage)
        try r.assign([.at(1), .at(0)], 42)
        XCTAssertEqual(t.doubles()[3], 42, "a write through the view is visible in the base")
    }

    func testReshapeOfNonContiguousCopies() throws {
        let t = try Tensor.arange(0, 6).reshape([2, 3]).transposed()
        let r = try t.reshape([6])
        XCTAssertFalse(r.storage === t.storage)
        assertValues(r, [0, 3, 1, 4, 2, 5])
    }

    func testReshapeErrors() {
        assertThrowsMessage(try Tensor.zeros([2, 3]).reshape([4, -1]), "[2, 3]", "6 elements", "[4, -1]")
        assertThrowsMessage(try Tensor.zeros([2, 3]).reshape([-1, -1]), "one -1")
        assertThrowsMessage(try Tensor.zeros([2, 3]).reshape([5]), "[5]")
    }

    func testPermuteTransposeAreViews() throws {
        let t = try Tensor.arange(0, 24).reshape([2, 3, 4])
        let p = try t.permute([2, 0, 1])
        XCTAssertEqual(p.shape, [4, 2, 3])
        XCTAssertTrue(p.storage === t.storage)
        XCTAssertEqual(try p.slice([.at(1), .at(1), .at(2)]).item(), .float(21))
        let tr = try t.transpose(0, 2)
        XCTAssertEqual(tr.shape, [4, 3, 2])
        XCTAssertFalse(tr.isContiguous)
        XCTAssertTrue(try tr.contiguous().isContiguous)
        assertThrowsMessage(try t.permute([0, 0, 1]), "repeat")
        assertThrowsMessage(try t.permute([0, 1]), "3")
    }

    func testSqueezeUnsqueezeFlatten() throws {
        let t = try Tensor.zeros([1, 3, 1, 2])
        XCTAssertEqual(try t.squeeze().shape, [3, 2])
        XCTAssertEqual(try t.squeeze(2).shape, [1, 3, 2])
        XCTAssertEqual(try t.squeeze(-4).shape, [3, 1, 2])
        assertThrowsMessage(try t.squeeze(1), "axis 1", "size 3")
        XCTAssertEqual(try t.unsqueeze(0).shape, [1, 1, 3, 1, 2])
        XCTAssertEqual(try t.unsqueeze(-1).shape, [1, 3, 1, 2, 1])
        XCTAssertEqual(try t.unsqueeze(4).shape, [1, 3, 1, 2, 1])
        assertThrowsMessage(try t.unsqueeze(6), "axis 6")
        XCTAssertEqual(try t.flatten().shape, [6])
        XCTAssertEqual(try Tensor.scalar(1.0).unsqueeze(0).shape, [1])
    }

    func testExpandAndCopy() throws {
        let t = try Tensor.f([1, 2], [2, 1])
        let e = try t.expand(to: [2, 3])
        assertValues(e, [1, 1, 1, 2, 2, 2])
        assertThrowsMessage(try t.expand(to: [3, 3]), "[2, 1]", "[3, 3]")
        let c = try t.copy()
        try c.assign([.at(0)], 9)
        XCTAssertEqual(t.doubles(), [1, 2], "copy does not share memory")
    }
}
