import XCTest
@testable import SegTensor
import SegTestSupport

/// The engine on its own, with a hand-written op: y = a * 3 used twice (gradients accumulate).
final class AutogradEngineTests: XCTestCase {
    private func triple(_ x: Tensor) throws -> Tensor {
        let out = try Tensor(x.withFloats { $0.map { $0 * 3 } }, shape: x.shape)
        return Tensor.record(out, name: "triple", inputs: [x]) { g in
            [try Tensor(g.contiguous().withFloats { $0.map { $0 * 3 } }, shape: g.shape)]
        }
    }

    private func sumPair(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let total = try a.withFloats { $0.reduce(0, +) } + b.withFloats { $0.reduce(0, +) }
        let out = try Tensor(scalar: total)
        let shapeA = a.shape, shapeB = b.shape
        return Tensor.record(out, name: "sumPair", inputs: [a, b]) { g in
            let value = try g.withFloats { $0[0] }
            return [try Tensor([Float](repeating: value, count: Shape.count(shapeA)), shape: shapeA),
                    try Tensor([Float](repeating: value, count: Shape.count(shapeB)), shape: shapeB)]
        }
    }

    func testGradientsAccumulateOverTwoPaths() throws {
        let x = try Tensor([1, 2], shape: [2])
        x.requiresGrad = true
        let y = try triple(x)
        let loss = try sumPair(y, x)   // d/dx (3x + x) = 4
        try loss.backward()
        XCTAssertEqual(try x.grad?.withFloats { Array($0) }, [4, 4])
        XCTAssertNil(y.gradNode?.backward, "the graph is released after backward")
        XCTAssertEqual(y.gradNode?.inputs.count, 0, "released nodes keep no inputs")
    }

    func testSecondBackwardThroughTheSameGraphIsAnError() throws {
        let x = try Tensor([1, 2], shape: [2])
        x.requiresGrad = true
        let loss = try triple(x).sum()
        try loss.backward()
        assertThrowsMessage(try loss.backward(), "Trying to backward through the graph a second time")
        // Gradients of the first pass are untouched, and a new op on the old output fails too.
        XCTAssertEqual(try x.grad?.withFloats { Array($0) }, [3, 3])
        XCTAssertThrowsError(try (loss * loss).backward())
        // A fresh forward pass works again.
        try triple(x).sum().backward()
        XCTAssertEqual(try x.grad?.withFloats { Array($0) }, [6, 6])
    }

    func testNoGradScopeRecordsNothing() throws {
        let x = try Tensor([1], shape: [1])
        x.requiresGrad = true
        let y = try GradMode.withoutGrad { try triple(x) }
        XCTAssertFalse(y.requiresGrad)
        XCTAssertThrowsError(try y.backward())
    }

    func testBackwardNeedsScalarWithoutGradient() throws {
        let x = try Tensor([1, 2], shape: [2])
        x.requiresGrad = true
        let y = try triple(x)
        XCTAssertThrowsError(try y.backward()) { error in
            XCTAssertTrue("\(error)".contains("[2]"))
        }
        try y.backward(gradient: Tensor([1, 0], shape: [2]))
        XCTAssertEqual(try x.grad?.withFloats { Array($0) }, [3, 0])
    }
}
