import XCTest
import SegTensor
@testable import SegNN

/// Three steps from fixed weights and gradients against torch.optim (Fixtures/optim.safetensors).
final class OptimizerTests: XCTestCase {
    private func check(_ name: String, _ make: (Tensor) throws -> Optimizer) throws {
        let f = try Fixture.load("optim.safetensors")
        let w0 = try XCTUnwrap(f["w0"])
        let p = try Tensor(floats(w0), shape: w0.shape)
        p.requiresGrad = true
        let optimizer = try make(p)
        for k in 0..<3 {
            p.grad = try Tensor(floats(XCTUnwrap(f["g\(k)"])), shape: w0.shape)
            let before = p.version
            try optimizer.step()
            XCTAssertGreaterThan(p.version, before, "a step bumps the parameter's version")
            try assertClose(p, XCTUnwrap(f["\(name)_\(k)"]), tolerance: 1e-5, "\(name) step \(k)")
        }
    }

    func testAdamWithWeightDecayMatchesTorch() throws {
        try check("adam") { try Adam(parameters: [$0], lr: 0.01, weightDecay: 0.1) }
    }

    func testAdamWMatchesTorch() throws {
        try check("adamw") { try Adam.adamW(parameters: [$0], lr: 0.01, weightDecay: 0.05) }
    }

    func testSGDMomentumMatchesTorch() throws {
        try check("sgd") { try SGD(parameters: [$0], lr: 0.1, momentum: 0.9, weightDecay: 0.01) }
    }

    func testPlainSGDMatchesTorch() throws {
        try check("sgdplain") { try SGD(parameters: [$0], lr: 0.1) }
    }

    func testStateRoundTripContinuesIdentically() throws {
        let make = { (values: [Float]) -> Tensor in
            let t = try Tensor(values, shape: [3]); t.requiresGrad = true; return t
        }
        let a = try make([1, 2, 3]), b = try make([1, 2, 3])
        let first = try Adam(parameters: [a], lr: 0.1)
        a.grad = try Tensor([0.5, -1, 2], shape: [3])
        try first.step()
        let saved = try first.stateDict()
        XCTAssertEqual(Set(saved.map(\.name)), ["0.step", "0.exp_avg", "0.exp_avg_sq"])
        // b starts where a is, with a restored optimizer.
        b.grad = nil
        try b.withFloats { dst in try a.withFloats { src in dst.update(from: src) } }
        let second = try Adam(parameters: [b], lr: 0.1)
        try second.load(stateDict: Dictionary(uniqueKeysWithValues: saved.map { ($0.name, $0.tensor) }))
        XCTAssertEqual(second.steps, [1])
        a.grad = try Tensor([1, 1, -1], shape: [3]); b.grad = try Tensor([1, 1, -1], shape: [3])
        try first.step(); try second.step()
        XCTAssertEqual(try floats(a), try floats(b))
    }

    func testZeroGradAndBadState() throws {
        let p = try Tensor([1], shape: [1]); p.requiresGrad = true
        p.grad = try Tensor([1], shape: [1])
        let sgd = try SGD(parameters: [p], lr: 1)
        sgd.zeroGrad()
        XCTAssertNil(p.grad)
        try sgd.step()   // no gradient: skipped
        XCTAssertEqual(try floats(p), [1])
        XCTAssertThrowsError(try sgd.load(stateDict: ["3.momentum_buffer": p])) { error in
            XCTAssertTrue("\(error)".contains("3.momentum_buffer"))
        }
        XCTAssertThrowsError(try SGD(parameters: [p], lr: -1))
    }
}
