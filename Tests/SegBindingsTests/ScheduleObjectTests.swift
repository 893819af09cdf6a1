import Foundation
import XCTest
@testable import SegScript
@testable import SegBindings
import SegTestSupport

final class ScheduleObjectTests: XCTestCase {
    /// One training step of the model with its optimizer and schedule, then the state to compare.
    private let step = """
    opt.zero_grad()
    (m(ones([1, 1, 2, 2]) * 0.5).sum()).backward()
    opt.step()
    sched.step()
    [sched.lr, opt.lr, sched.steps, opt.steps, m.parameters()[0].tolist(), m.parameters()[1].tolist()]
    """

    /// Trains `setup`'s model 3 steps, stores it (model in one set, optimizer and schedule in a
    /// second that refers to it, as two notebook cells would), and checks that 3 more steps give
    /// the same learning rates and weights on the restored objects as on the originals.
    private func checkRestoredTrainingMatches(_ setup: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (original, _) = Seg.interpreter()
        _ = try original.evaluate(setup)
        for _ in 0..<3 { _ = try original.evaluate(step) }
        let (restored, _) = Seg.interpreter()
        try Seg.transfer(["m"], from: original, to: restored)
        try Seg.transfer(["opt", "sched"], from: original, to: restored)
        XCTAssertEqual(reprString(try restored.evaluate("[sched.lr, opt.lr, sched.steps]")),
                       reprString(try original.evaluate("[sched.lr, opt.lr, sched.steps]")), file: file, line: line)
        for _ in 0..<3 {
            XCTAssertEqual(reprString(try restored.evaluate(step)), reprString(try original.evaluate(step)), file: file, line: line)
        }
        // The restored optimizer trains the restored model, not a copy of it.
        let model = try XCTUnwrap(restored.global("m")?.asObject as? LayerObject)
        let opt = try XCTUnwrap(restored.global("opt")?.asObject as? OptimizerObject)
        let sched = try XCTUnwrap(restored.global("sched")?.asObject as? ScheduleObject)
        XCTAssertTrue(opt.optimizer.parameters.elementsEqual(model.module.parameters(), by: ===), file: file, line: line)
        XCTAssertTrue(sched.optimizerObject === opt, file: file, line: line)
    }

    func testOneCycleWithMomentumRestoresAndKeepsStepping() throws {
        try checkRestoredTrainingMatches("""
        let m = nn.conv2d(1, 2, kernel: 1, padding: 0)
        let opt = nn.sgd(m, lr: 0.1, momentum: 0.9)
        let sched = nn.onecycle(opt, max_lr: 0.5, steps: 10)
        """)
    }

    /// A training cell steps its one-cycle schedule exactly `steps` times (one per optimizer
    /// step, as PyTorch allows); that finished schedule must restore, and refuse one more step.
    func testFinishedOneCycleRestores() throws {
        let (interp, _) = Seg.interpreter()
        let v = try interp.evaluate("""
        let opt = nn.adam(nn.conv2d(1, 1), lr: 0.1)
        let sched = nn.onecycle(opt, max_lr: 0.1, steps: 4)
        for _ in 0..<4 { sched.step() }
        [sched, opt]
        """)
        let back = try ValueCodec.decode(try ValueCodec.encode(v), registry: Seg.registry)
        let s = try XCTUnwrap(back.asList?[0].asObject as? ScheduleObject)
        XCTAssertEqual(s.stepCount, 4)
        XCTAssertThrowsError(try s.step())
    }

    func testCosineWithWarmupOverAdamRestoresAndKeepsStepping() throws {
        try checkRestoredTrainingMatches("""
        let m = nn.conv2d(1, 2, kernel: 1, padding: 0)
        let opt = nn.adam(m.parameters(), lr: 0.05)
        let sched = nn.cosine(opt, steps: 8, warmup: 2)
        """)
    }

    func testScheduleStoredAloneBringsItsOptimizerAlong() throws {
        let (interp, _) = Seg.interpreter()
        let v = try interp.evaluate("""
        let m = nn.conv2d(1, 1, kernel: 1, padding: 0)
        let opt = nn.sgd(m, lr: 1.0)
        let sched = nn.cosine(opt, steps: 4)
        sched.step()
        opt.lr = 0.3
        [sched, opt]
        """)
        let back = try ValueCodec.decode(try ValueCodec.encode(v), registry: Seg.registry)
        guard let items = back.asList, let s = items[0].asObject as? ScheduleObject, let o = items[1].asObject as? OptimizerObject else {
            return XCTFail("not a schedule and an optimizer")
        }
        XCTAssertTrue(s.optimizerObject === o)
        XCTAssertEqual(s.stepCount, 1)
        // The lr set by hand after the last step survives; the next step follows the schedule.
        XCTAssertEqual(o.optimizer.lr, 0.3)
        try s.step()
        XCTAssertEqual(Double(o.optimizer.lr), 0.5 * (1 + cos(Double.pi * 2 / 4)), accuracy: 1e-7)
    }

    func testDamagedSchedulesAreErrors() throws {
        let v = try Seg.eval("let opt = nn.sgd(nn.conv2d(1, 1), lr: 0.1)\nnn.onecycle(opt, max_lr: 1, steps: 5)")
        let good = try XCTUnwrap(try XCTUnwrap(v.asObject).encode())
        let opt = try XCTUnwrap(good.references.first)
        XCTAssertThrowsError(try ScheduleObject.decode(good.bytes, []))
        XCTAssertThrowsError(try ScheduleObject.decode(Array(good.bytes.prefix(10)), [opt]))
        let tooFar = String(decoding: good.bytes, as: UTF8.self).replacingOccurrences(of: "\"stepCount\":0", with: "\"stepCount\":9")
        assertThrowsMessage(try ScheduleObject.decode(Array(tooFar.utf8), [opt]), "step 9")
        XCTAssertNoThrow(try ScheduleObject.decode(good.bytes, [opt]))
    }

    func testDamagedStoredTrainingStateIsAnErrorNotACrash() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("""
        let m = nn.conv2d(1, 2, kernel: 1, padding: 0)
        let opt = nn.adam(m, lr: 0.01)
        let sched = nn.onecycle(opt, max_lr: 0.1, steps: 4)
        let c = metrics.confusion(classes: 2)
        """)
        let encoder = ValueEncoder()
        for name in ["m", "opt", "sched", "c"] { try encoder.add(name, try XCTUnwrap(interp.global(name))) }
        let good = try encoder.finish()
        XCTAssertEqual(try ValueCodec.decodeBindings(good, registry: Seg.registry, environment: { _ in nil }).count, 4)
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<400 {
            var bad = good
            bad[next() % bad.count] = UInt8(truncatingIfNeeded: next())
            _ = try? ValueCodec.decodeBindings(bad, registry: Seg.registry, environment: { _ in nil })
        }
        for cut in stride(from: 0, to: good.count, by: 13) {
            XCTAssertThrowsError(try ValueCodec.decodeBindings(Array(good.prefix(cut)), registry: Seg.registry, environment: { _ in nil }))
        }
    }
}
