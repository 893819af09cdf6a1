import XCTest
import SegTestSupport
@testable import SegTensor

/// Masks and gathers, reading and writing, against values worked out by hand (NumPy agrees).
final class AdvancedIndexingTests: XCTestCase {
    private func ints(_ values: [Int32], _ shape: [Int]) throws -> Tensor { try Tensor(int32: values, shape: shape) }

    func testFullShapeMaskSelectsInRowMajorOrder() throws {
        let y = try ints([0, 11, 3, 11, 11, 2], [2, 3])
        let picked = try y.maskedSelect(y.compare(.equal, 11))
        XCTAssertEqual(picked.shape, [3])
        XCTAssertEqual(picked.doubles(), [11, 11, 11])
        let none = try y.maskedSelect(y.compare(.greater, 100))
        XCTAssertEqual(none.shape, [0])
    }

    func testLeadingAxisMaskKeepsTrailingAxes() throws {
        let x = try Tensor.arange(0, 12).reshape([3, 4])
        let rows = try x.maskedSelect(Tensor(bools: [true, false, true], shape: [3]))
        XCTAssertEqual(rows.shape, [2, 4])
        XCTAssertEqual(rows.doubles(), [0, 1, 2, 3, 8, 9, 10, 11])
        // A strided view reads through its strides.
        let columns = try x.transposed().maskedSelect(Tensor(bools: [false, true, false, true], shape: [4]))
        XCTAssertEqual(columns.doubles(), [1, 5, 9, 3, 7, 11])
    }

    func testLargeMaskSplitAcrossCoresMatchesSerialCount() throws {
        let x = try Tensor.rand([8, 192, 256], stream: RandomStream(seed: 3))
        let mask = try x.compare(.greater, 0.7)
        let picked = try x.maskedSelect(mask)
        let expected = x.doubles().filter { $0 > 0.7 }
        XCTAssertEqual(picked.doubles(), expected)
        var y = try x.copy()
        try y.maskedAssign(mask, Tensor.scalar(-1.0))
        XCTAssertEqual(y.doubles(), x.doubles().map { $0 > 0.7 ? -1 : $0 })
        y = try x.copy()
        try y.maskedAssign(mask, picked.multiply(Tensor.scalar(2.0)))
        XCTAssertEqual(y.doubles(), x.doubles().map { $0 > 0.7 ? Double(Float($0) * 2) : $0 })
    }

    func testMaskErrorsNameShapesAndDtypes() throws {
        let x = try Tensor.arange(0, 6).reshape([2, 3])
        assertThrowsMessage(try x.maskedSelect(Tensor(bools: [true, false, true], shape: [3])),
                            "boolean index did not match", "axis 0", "size of axis is 2", "boolean axis is 3")
        assertThrowsMessage(try x.maskedSelect(x), "bool mask or int32 indices, not float32")
        assertThrowsMessage(try x.maskedAssign(x.compare(.greater, 2), Tensor.arange(0, 2)),
                            "cannot assign a value of shape [2] to a selection of shape [3]")
    }

    func testGatherPaletteAndNegativeIndices() throws {
        let palette = try ints([0, 0, 0, 10, 20, 30, 1, 2, 3], [3, 3])
        let labels = try ints([0, 1, 2, -1], [2, 2])
        let colored = try palette.gather(labels)
        XCTAssertEqual(colored.shape, [2, 2, 3])
        XCTAssertEqual(colored.doubles(), [0, 0, 0, 10, 20, 30, 1, 2, 3, 1, 2, 3])
        assertThrowsMessage(try palette.gather(ints([0, 3], [2])), "index 3 is out of bounds for axis 0 with size 3")
        assertThrowsMessage(try palette.gather(ints([-4], [1])), "index -4 is out of bounds for axis 0 with size 3")
        assertThrowsMessage(try Tensor.scalar(1.0).gather(ints([0], [1])), "0-d")
    }

    func testGatherAssignWritesRowsLastWriteWins() throws {
        let t = try Tensor.zeros([3, 2])
        try t.gatherAssign(ints([2, 0, 2], [3]), Tensor.f([1, 1, 2, 2, 3, 3], [3, 2]))
        XCTAssertEqual(t.doubles(), [2, 2, 0, 0, 3, 3])
        try t.gatherAssign(ints([1], [1]), Tensor.scalar(9.0))
        XCTAssertEqual(t.doubles(), [2, 2, 9, 9, 3, 3])
    }

    func testAssignmentIntoRequiresGradIsAnError() throws {
        let w = try Tensor.zeros([3])
        w.requiresGrad = true
        assertThrowsMessage(try w.maskedAssign(Tensor(bools: [true, false, true], shape: [3]), Tensor.scalar(1.0)), "requires grad")
    }

    func testGradientsOfGatherAndMaskedSelect() throws {
        let x = try GradientCheck.random([4, 3], seed: 40, low: -1, high: 1)
        let rows = try ints([0, 2, 2, -1], [2, 2])
        try GradientCheck.check([x]) { try $0[0].gather(rows) }
        let mask = try Tensor(bools: [true, false, true, true, false, true, false, false, true, true, true, false], shape: [4, 3])
        try GradientCheck.check([x]) { try $0[0].maskedSelect(mask) }
        try GradientCheck.check([x]) { try $0[0].maskedSelect(Tensor(bools: [false, true, true, false], shape: [4])) }
    }
}

/// Gradients of the rearranging ops, by finite differences.
final class RearrangingGradientTests: XCTestCase {
    func testFlipRollRepeatExpandMaximum() throws {
        let x = try GradientCheck.random([2, 3], seed: 50, low: -1, high: 1)
        try GradientCheck.check([x]) { try $0[0].flip([0, 1]) }
        try GradientCheck.check([x]) { try $0[0].roll(1, axis: 1) }
        try GradientCheck.check([x]) { try $0[0].roll(-4, axis: nil) }
        try GradientCheck.check([x]) { try $0[0].repeated([2, 1, 2]) }
        let column = try GradientCheck.random([2, 1], seed: 51, low: -1, high: 1)
        try GradientCheck.check([column]) { try $0[0].expand([-1, 4]) }
        let y = try GradientCheck.random([3], seed: 52, low: -1, high: 1)
        try GradientCheck.check([x, y]) { try $0[0].maximum($0[1]) }
        try GradientCheck.check([x]) { try $0[0].sorted(axis: 1).values }
        try GradientCheck.check([x]) { try $0[0].topk(2, axis: 0).values }
        try GradientCheck.check([x]) { try $0[0].cumsum(axis: 1) }
        try GradientCheck.check([x]) { try $0[0].padded([1, 2, 0, 1], value: 3) }
        try GradientCheck.check([x]) { try $0[0].sin().multiply($0[0].cos()) }
    }
}
