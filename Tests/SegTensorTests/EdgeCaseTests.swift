import XCTest
@testable import SegTensor
import SegTestSupport

/// Zero-dimensional and empty tensors through every op: results or thrown errors, never traps.
final class EdgeCaseTests: XCTestCase {
    func testZeroDimensionalTensors() throws {
        let s = try Tensor.scalar(3.0)
        assertThrowsMessage(try s.squeeze(0), "axis 0", "0 dimensions")
        assertThrowsMessage(try s.transpose(0, 0), "axis 0")
        assertThrowsMessage(try s.narrow(axis: 0, start: 0, length: 1), "axis 0")
        assertThrowsMessage(try s.sum(axis: 0), "axis 0")
        assertThrowsMessage(try s.argmax(axis: 0), "axis 0")
        assertThrowsMessage(try Tensor.cat([s, s]), "zero-dimensional")
        assertThrowsMessage(try s[0], "too many indices")
        XCTAssertEqual(try s.sum().item(), .float(3))
        XCTAssertEqual(try s.max().item(), .float(3))
        XCTAssertEqual(try s.argmax().item(), .int(0))
        XCTAssertEqual(try s.reshape([1, 1]).shape, [1, 1])
        XCTAssertEqual(try s.permute([]).shape, [])
        XCTAssertEqual(try s.squeeze().shape, [])
        XCTAssertEqual(try Tensor.stack([s, s]).shape, [2])
        XCTAssertEqual(try s.slice([.ellipsis]).item(), .float(3))
        XCTAssertEqual(try Tensor.where(Tensor(bools: [true], shape: []), s, s).shape, [])
        XCTAssertEqual(try s.mean().item(), .float(3))
        XCTAssertEqual(try s.variance().item(), .float(0))
        XCTAssertEqual(try s.any().item(), .bool(true))
        XCTAssertEqual(TensorFormatter.summary(s), "Tensor[] float32 min=3 max=3 mean=3")
    }

    func testEmptyTensors() throws {
        let e = try Tensor.zeros([0, 3])
        assertValues(try e.sum(axis: 0), [0, 0, 0], shape: [3])
        XCTAssertEqual(try e.sum(axis: 1).shape, [0])
        XCTAssertEqual(try e.max(axis: 1).shape, [0])
        assertThrowsMessage(try e.max(axis: 0), "empty")
        assertThrowsMessage(try e.argmax(axis: 0), "empty")
        XCTAssertEqual(try e.argmax(axis: 1).shape, [0])
        XCTAssertEqual(try e.softmax(axis: 1).shape, [0, 3])
        XCTAssertEqual(try e.logSoftmax(axis: 0).shape, [0, 3])
        XCTAssertEqual(try e.matmul(Tensor.ones([3, 2])).shape, [0, 2])
        XCTAssertEqual(try e.transposed().reshape([-1]).shape, [0])
        assertThrowsMessage(try e.reshape([0, -1]), "[0, -1]")
        XCTAssertEqual(try Tensor.cat([e, Tensor.ones([2, 3])]).shape, [2, 3])
        XCTAssertEqual(try e[.range(start: 1, stop: nil, step: -1)].shape, [0, 3])
        XCTAssertEqual(try e.exp().shape, [0, 3])
        XCTAssertEqual(try e.astype(.int32).shape, [0, 3])
        XCTAssertEqual(try e.copy().shape, [0, 3])
        XCTAssertEqual(try Tensor.where(e.compare(.greater, 0.0), e, e).shape, [0, 3])
        XCTAssertEqual(e.description, "tensor([], shape=[0, 3], dtype=float32)")
        XCTAssertTrue(try e.mean(axis: 0).doubles().allSatisfy { $0.isNaN })
        try e.assign([.all], 1)
        XCTAssertEqual(try Tensor.randn([0]).count, 0)
    }

    func testAbsurdSizesAndStepsAreErrors() throws {
        let v = try Tensor.arange(0, 5)
        assertThrowsMessage(try v.reshape([Int.max, -1]), "too many elements")
        assertThrowsMessage(try v.expand(to: [Int.max, 5]), "too many elements")
        assertThrowsMessage(try Tensor.arange(0, 1e300), "too many elements")
        assertThrowsMessage(try Tensor.zeros([Int.max, 4]), "too many elements")
        assertValues(try v[.range(start: nil, stop: nil, step: Int.max)], [0])
        assertValues(try v[.range(start: nil, stop: nil, step: -Int.max)], [4])
        assertValues(try v[.range(start: Int.min, stop: Int.max, step: 2)], [0, 2, 4])
        assertThrowsMessage(try v[.range(start: nil, stop: nil, step: Int.min)], "step")
        assertThrowsMessage(try v.narrow(axis: 0, start: 2, length: Int.max), "out of range")
        assertThrowsMessage(try v[.at(Int.min)], "out of range")
    }

    func testGradientsThroughEmptyAndScalarGraphs() throws {
        let s = try Tensor.scalar(2.0)
        s.requiresGrad = true
        try (s * s).backward()
        XCTAssertEqual(try XCTUnwrap(s.grad).doubles(), [4])
        let e = try Tensor.zeros([0, 2])
        e.requiresGrad = true
        try e.sum().backward()
        XCTAssertEqual(e.grad?.shape, [0, 2])
    }
}
