import Foundation
import SegNotebook
import SegRandom

/// A stand-in for the Seg runtime that does the CamVid notebook's heavy lifting in Swift: a UNet-sized
/// weight vector (~2M floats) with Adam state trained in place, a 10k-step loss history, metric tables
/// and a dozen 192x256 frames, so that the cache stores and restores what the real notebook would.
final class NotebookBenchEvaluator: CellEvaluator {
    enum Value { case floats([Float]), doubles([Double]), int(Int) }

    var globals: [String: Value] = [:]
    var versions: [String: UInt64] = [:]
    var counter: UInt64 = 0
    let frames: [OutputImage]
    let dataFiles: [String]
    let weightCount: Int
    let trainSteps: Int

    init(frames: [OutputImage], dataFiles: [String], weightCount: Int = 1_940_000, trainSteps: Int = 300) {
        self.frames = frames; self.dataFiles = dataFiles; self.weightCount = weightCount; self.trainSteps = trainSteps
    }

    static let analyses: [String: CellAnalysis] = [
        "load": CellAnalysis(reads: ["data"], writes: ["train"]),
        "model": CellAnalysis(reads: [], writes: ["model", "opt"]),
        "train": CellAnalysis(reads: ["model", "opt", "train", "epochs"], writes: ["history"]),
        "evaluate": CellAnalysis(reads: ["model", "train"], writes: ["m"]),
        "samples": CellAnalysis(reads: ["model", "train"], writes: []),
    ]

    func analyze(_ source: String) throws -> CellAnalysis {
        guard let analysis = Self.analyses[source.trimmingCharacters(in: .whitespacesAndNewlines)] else {
            throw CellFailure(message: "unknown bench cell", line: 1, column: 1)
        }
        return analysis
    }

    func bind(_ name: String, _ value: Value) {
        globals[name] = value
        counter += 1
        versions[name] = counter
    }

    func evaluate(_ source: String, context: CellContext, sink: CellOutputSink) throws {
        var generator = SplitMix64(seed: context.seed)
        switch source.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "load":
            for file in dataFiles { sink.recordFileRead(file) }
            bind("train", .int(367))
            sink.emit(.value("367"))
        case "model":
            bind("model", .floats((0..<weightCount).map { _ in Float(generator.uniform() - 0.5) * 0.05 }))
            bind("opt", .floats([Float](repeating: 0, count: weightCount * 2)))
            sink.emit(.value("UNet(in: 3, classes: 12, base: 16, depth: 4) with \(weightCount) parameters"))
        case "train":
            guard case .floats(var weights)? = globals["model"], case .floats(var state)? = globals["opt"] else {
                throw CellFailure(message: "model and opt must be defined", line: 1, column: 1)
            }
            var history: [Double] = []
            let n = weights.count
            weights.withUnsafeMutableBufferPointer { w in
                state.withUnsafeMutableBufferPointer { s in
                    for step in 1...trainSteps {
                        // One Adam step with a pseudo-gradient: the memory traffic of a real update.
                        let correction1 = 1 - powf(0.9, Float(step)), correction2 = 1 - powf(0.999, Float(step))
                        var loss: Float = 0
                        for i in 0..<n {
                            let g = w[i] * 0.01 + Float(i & 7) * 1e-4
                            let m = 0.9 * s[i] + 0.1 * g
                            let v = 0.999 * s[n + i] + 0.001 * g * g
                            s[i] = m; s[n + i] = v
                            w[i] -= 1e-3 * (m / correction1) / ((v / correction2).squareRoot() + 1e-8)
                            loss += g * g
                        }
                        history.append(Double(loss) / Double(n) * 1e4)
                    }
                }
            }
            bind("model", .floats(weights))
            bind("opt", .floats(state))
            // The real notebook logs every batch: a 10k-point curve.
            let curve = (0..<10_000).map { step in 2.4 * exp(-3 * Double(step) / 10_000) + 0.25 + (generator.uniform() - 0.5) * 0.1 }
            bind("history", .doubles(curve + history))
            sink.emit(.text("trained \(trainSteps) steps\n"))
            sink.emit(.chart(LineChart(title: "Training loss", xLabel: "step", yLabel: "loss", series: [ChartSeries(name: "train", y: curve)])))
        case "evaluate":
            let ious = (0..<11).map { _ in generator.uniform() }
            bind("m", .doubles(ious))
            sink.emit(.table(OutputTable(title: "IoU", columns: ["class", "IoU"], rows: ious.enumerated().map { [.text("class \($0.offset)"), .number($0.element, display: String(format: "%.3f", $0.element))] })))
        case "samples":
            sink.emit(.images(frames, title: "validation predictions"))
        default:
            throw CellFailure(message: "unknown bench cell", line: 1, column: 1)
        }
    }

    func bindParameter(_ name: String, value: ParamValue) throws { bind(name, .int(0)) }

    func mutationVersions() -> [String: UInt64] { versions }

    func storeBinding(_ name: String) throws -> Data {
        switch globals[name] {
        case .floats(let values)?: return Data([0]) + values.withUnsafeBytes { Data($0) }
        case .doubles(let values)?: return Data([1]) + values.withUnsafeBytes { Data($0) }
        case .int(let value)?: return Data([2]) + withUnsafeBytes(of: value) { Data($0) }
        case nil: throw ValueNotStorable(name: name, reason: "unbound")
        }
    }

    func restoreBinding(_ name: String, from data: Data) throws {
        guard let tag = data.first else { throw CellFailure(message: "empty stored value") }
        let payload = data.dropFirst()
        switch tag {
        case 0:
            var values = [Float](repeating: 0, count: payload.count / 4)
            values.withUnsafeMutableBytes { _ = payload.copyBytes(to: $0) }
            bind(name, .floats(values))
        case 1:
            var values = [Double](repeating: 0, count: payload.count / 8)
            values.withUnsafeMutableBytes { _ = payload.copyBytes(to: $0) }
            bind(name, .doubles(values))
        default:
            var value = 0
            withUnsafeMutableBytes(of: &value) { _ = payload.copyBytes(to: $0) }
            bind(name, .int(value))
        }
    }

    func interrupt() {}
    func clearInterrupt() {}
}
