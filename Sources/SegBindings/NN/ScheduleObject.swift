import Foundation
import SegNN
import SegScript

/// A learning-rate schedule (`nn.cosine`, `nn.onecycle`) as a Seg value (`type(x) == "Schedule"`).
/// Stored as its kind, settings and step count, referring to the optimizer it drives, so the
/// restored schedule steps the restored (or still live) optimizer.
public final class ScheduleObject: ScriptObject {
    /// The SegNN schedule behind the value.
    enum Driver {
        case cosine(CosineSchedule)
        case oneCycle(OneCycleSchedule)
    }

    private let driver: Driver
    /// The optimizer whose lr the schedule sets.
    let optimizerObject: OptimizerObject
    private var revision = 0

    init(_ optimizer: OptimizerObject, driver: Driver) {
        optimizerObject = optimizer
        self.driver = driver
    }

    /// "Schedule".
    public var typeName: String { "Schedule" }
    /// Changes on every step.
    public var version: Int { revision }

    /// The learning rate at the current step.
    var currentLR: Double {
        switch driver {
        case .cosine(let s): return s.currentLR
        case .oneCycle(let s): return s.currentLR
        }
    }

    /// Steps taken so far.
    var stepCount: Int {
        switch driver {
        case .cosine(let s): return s.stepCount
        case .oneCycle(let s): return s.stepCount
        }
    }

    /// Advances one step and sets the optimizer's lr.
    func step() throws {
        switch driver {
        case .cosine(let s): s.step()
        case .oneCycle(let s): try s.step()
        }
        revision &+= 1
        optimizerObject.touch()
    }

    /// `.lr` (the current learning rate), `.steps` (steps taken).
    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "lr": return .float(currentLR)
        case "steps": return .int(stepCount)
        default: return nil
        }
    }

    /// `<Schedule lr 0.001>`.
    public func display(full: Bool) -> String { "<Schedule lr \(currentLR)>" }

    /// The schedule's settings and step count under tag "schedule", referring to its optimizer.
    public func encode() throws -> EncodedObject? {
        let record: ScheduleRecord
        switch driver {
        case .cosine(let s):
            record = ScheduleRecord(kind: "cosine", stepCount: s.stepCount, steps: s.steps, warmup: s.warmup, baseLR: s.baseLR, maxLR: 0)
        case .oneCycle(let s):
            record = ScheduleRecord(kind: "onecycle", stepCount: s.stepCount, steps: s.totalSteps, warmup: 0, baseLR: 0, maxLR: s.maxLR)
        }
        return EncodedObject(tag: ScheduleRecord.tag, bytes: Array(try JSONEncoder.stored.encode(record)), references: [.object(optimizerObject)])
    }

    /// Restores a schedule stored by `encode()` onto `references[0]`, the restored optimizer.
    /// The schedule is rebuilt and replayed to its step (each step is a formula, so this is
    /// cheap); the optimizer keeps the lr and momentum it was stored with, which replaying would
    /// otherwise overwrite (they may have been set by hand after the last step).
    static func decode(_ bytes: [UInt8], _ references: [Value]) throws -> ScheduleObject {
        guard references.count == 1, let o = references[0].asObject as? OptimizerObject else {
            throw ScriptError("stored schedule does not refer to an optimizer")
        }
        let record: ScheduleRecord
        do { record = try JSONDecoder().decode(ScheduleRecord.self, from: Data(bytes)) } catch {
            throw ScriptError("stored schedule is corrupt")
        }
        guard (0...100_000_000).contains(record.stepCount) else {
            throw ScriptError("stored schedule is corrupt (step \(record.stepCount))")
        }
        let optimizer = o.optimizer
        let (lr, momentum) = (optimizer.lr, optimizer.cycledMomentum)
        defer {
            optimizer.lr = lr
            if let momentum { optimizer.cycledMomentum = momentum }
        }
        switch record.kind {
        case "cosine":
            optimizer.lr = Float(record.baseLR)
            let s = try CosineSchedule(optimizer: optimizer, steps: record.steps, warmup: record.warmup)
            for _ in 0..<record.stepCount { s.step() }
            return ScheduleObject(o, driver: .cosine(s))
        case "onecycle":
            let s = try OneCycleSchedule(optimizer: optimizer, maxLR: record.maxLR, totalSteps: record.steps)
            guard record.stepCount <= record.steps else { throw ScriptError("stored schedule is corrupt (step \(record.stepCount) of \(record.steps))") }
            for _ in 0..<record.stepCount { try s.step() }
            return ScheduleObject(o, driver: .oneCycle(s))
        default:
            throw ScriptError("stored schedule has unknown kind '\(record.kind)'")
        }
    }
}

/// What a stored schedule records besides its optimizer.
struct ScheduleRecord: Codable {
    static let tag = "schedule"
    var kind: String
    /// Steps taken; total steps (cosine: decay steps with warmup; onecycle: the cycle's steps);
    /// warmup steps.
    var stepCount, steps, warmup: Int
    var baseLR, maxLR: Double
}
