import XCTest
import SegTensor
@testable import SegNN

/// Learning-rate sequences against torch.optim.lr_scheduler (Fixtures/schedules.safetensors).
final class ScheduleTests: XCTestCase {
    private func optimizer() throws -> Adam {
        let p = try Tensor([0], shape: [1]); p.requiresGrad = true
        return try Adam(parameters: [p], lr: 1e-3)
    }

    func testOneCycleMatchesTorch() throws {
        let f = try Fixture.load("schedules.safetensors")
        let lrs = try floats(XCTUnwrap(f["onecycle_lr"])), betas = try floats(XCTUnwrap(f["onecycle_beta1"]))
        let adam = try optimizer()
        let schedule = try OneCycleSchedule(optimizer: adam, maxLR: 1e-2, totalSteps: 20)
        for k in 0..<20 {
            XCTAssertEqual(adam.lr, lrs[k], accuracy: 1e-9 + 1e-6 * lrs[k], "lr at step \(k)")
            XCTAssertEqual(adam.beta1, betas[k], accuracy: 1e-6, "beta1 at step \(k)")
            if k < 19 { try schedule.step() }
        }
        // PyTorch allows total_steps calls after construction (one per optimizer step); the last
        // one continues the cosine just past its end: pct = (20 - 5) / (19 - 5).
        try schedule.step()
        XCTAssertEqual(Double(adam.lr), 1.2539994e-4, accuracy: 1e-9)
        XCTAssertThrowsError(try schedule.step(), "stepping past total_steps is an error, as in PyTorch")
    }

    func testCosineMatchesTorchAnnealing() throws {
        let f = try Fixture.load("schedules.safetensors")
        let lrs = try floats(XCTUnwrap(f["cosine_lr"]))
        let p = try Tensor([0], shape: [1])
        let sgd = try SGD(parameters: [p], lr: 0.1, momentum: 0.9)
        let schedule = try CosineSchedule(optimizer: sgd, steps: 10)
        for k in 0...10 {
            XCTAssertEqual(sgd.lr, lrs[k], accuracy: 1e-7, "lr at step \(k)")
            schedule.step()
        }
        XCTAssertEqual(sgd.lr, 0, "stays at zero after the decay")
    }

    func testCosineWarmupRisesLinearly() throws {
        let adam = try optimizer()
        let schedule = try CosineSchedule(optimizer: adam, steps: 6, warmup: 2)
        var seen: [Float] = []
        for _ in 0..<5 { seen.append(adam.lr); schedule.step() }
        XCTAssertEqual(seen[0], 0.5e-3, accuracy: 1e-9)
        XCTAssertEqual(seen[1], 1e-3, accuracy: 1e-9)
        XCTAssertEqual(seen[2], 1e-3, accuracy: 1e-9)       // cosine starts at the base rate
        XCTAssertEqual(seen[4], 0.5e-3, accuracy: 1e-9)     // halfway through the 4 decay steps
        XCTAssertThrowsError(try CosineSchedule(optimizer: adam, steps: 3, warmup: 3))
    }
}
