import XCTest
@testable import SegTensor
import SegTestSupport

final class IndexingTests: XCTestCase {
    private func grid() throws -> Tensor { try Tensor.arange(0, 24).reshape([2, 3, 4]) }

    func testIntegerAndNegativeIndices() throws {
        let t = try grid()
        XCTAssertEqual(try t[1, 2, 3].item(), .float(23))
        XCTAssertEqual(try t[-1, -3, -4].item(), .float(12))
        assertValues(try t[0, 1], [4, 5, 6, 7], shape: [4])
        assertThrowsMessage(try t[2], "index 2", "axis 0", "size 2")
        assertThrowsMessage(try t[0, -4], "index -4", "axis 1", "size 3")
        assertThrowsMessage(try t[0, 0, 0, 0], "too many indices")
    }

    func testRangesStepsAndNegativeSteps() throws {
        let v = try Tensor.arange(0, 10)
        assertValues(try v[.range(start: 2, stop: 5, step: nil)], [2, 3, 4])
        assertValues(try v[.range(start: nil, stop: nil, step: 3)], [0, 3, 6, 9])
        assertValues(try v[.range(start: nil, stop: nil, step: -1)], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
        assertValues(try v[.range(start: 8, stop: 2, step: -2)], [8, 6, 4])
        assertValues(try v[.range(start: -3, stop: nil, step: nil)], [7, 8, 9])
        assertValues(try v[.range(start: nil, stop: -8, step: -3)], [9, 6, 3])
        assertValues(try v[.range(start: 20, stop: 30, step: nil)], [], shape: [0])
        assertValues(try v[.range(start: 5, stop: 2, step: nil)], [], shape: [0])
        assertThrowsMessage(try v[.range(start: nil, stop: nil, step: 0)], "step", "zero")
    }

    func testSeveralIndicesAndEllipsis() throws {
        let t = try grid()
        let s = try t[.at(0), .all, .range(start: 2, stop: 4, step: nil)]
        assertValues(s, [2, 3, 6, 7, 10, 11], shape: [3, 2])
        XCTAssertTrue(s.storage === t.storage, "slicing makes a view")
        assertValues(try t[.ellipsis, .at(0)], [0, 4, 8, 12, 16, 20], shape: [2, 3])
        assertValues(try t[.at(1), .ellipsis], Array(12..<24).map(Double.init), shape: [3, 4])
        XCTAssertEqual(try t[.newAxis, .ellipsis].shape, [1, 2, 3, 4])
        assertThrowsMessage(try t[.ellipsis, .ellipsis], "ellipsis")
    }

    func testAssignmentWritesInPlaceAndBumpsVersion() throws {
        let t = try grid()
        let before = t.version
        try t.assign([.at(0), .all, .range(start: 0, stop: 2, step: nil)], -1)
        XCTAssertGreaterThan(t.version, before)
        assertValues(try t[0, 0], [-1, -1, 2, 3])
        try t.assign([.at(1), .at(2)], Tensor.f([7, 8, 9, 10], [4]))
        assertValues(try t[1, 2], [7, 8, 9, 10])
        try t.assign([.ellipsis, .at(3)], Tensor.f([5, 6, 7], [3]))
        assertValues(try t[1, .all, .at(3)], [5, 6, 7])
        assertThrowsMessage(try t.assign([.at(0)], Tensor.ones([2, 2])), "[2, 2]", "[3, 4]")
        try t.assign([.at(0), .at(0)], Tensor.f([1, 2, 3, 4], [1, 1, 4]))
        assertValues(try t[0, 0], [1, 2, 3, 4])
        let view = try t[.at(0)]
        try view.assign([.at(0), .at(0)], 100)
        XCTAssertEqual(try t[0, 0, 0].item(), .float(100))
    }

    func testAssignConvertsDtypeAndHandlesOverlap() throws {
        let i = try Tensor(ints: [1, 2, 3, 4], shape: [4])
        try i.assign([.at(0)], 9.7)
        XCTAssertEqual(try i[0].item(), .int(9))
        try i.assign([.range(start: 1, stop: nil, step: nil)], i[.range(start: nil, stop: -1, step: nil)])
        assertValues(i, [9, 9, 2, 3])
    }

    func testAssignIntoTensorRequiringGradIsAnError() throws {
        let t = try Tensor.zeros([2])
        t.requiresGrad = true
        assertThrowsMessage(try t.assign([.at(0)], 1), "requires grad")
    }
}

extension Tensor {
    /// Test shorthand: integer indices and TensorIndex values mixed.
    subscript(_ indices: Int...) -> Tensor { get throws { try slice(indices.map { .at($0) }) } }
    subscript(_ first: Int, _ rest: TensorIndex...) -> Tensor { get throws { try slice([.at(first)] + rest) } }
}
