import Foundation
import SegTensor

/// A confusion matrix accumulated over a dataset: rows are the true class, columns the
/// prediction; target pixels equal to `ignore` (void) are left out.
public final class ConfusionMatrix {
    /// The number of classes.
    public let classes: Int
    /// The target value that is not counted (void), if any.
    public let ignore: Int?
    /// Class names for `table()`; "class i" when not given.
    public let names: [String]
    /// Row-major counts, classes x classes.
    public private(set) var counts: [Int]

    public init(classes: Int, ignore: Int? = nil, names: [String]? = nil) throws {
        guard classes > 0 else { throw VisionError("metrics.confusion: classes must be positive, got \(classes)") }
        if let names, names.count != classes {
            throw VisionError("metrics.confusion: \(names.count) names for \(classes) classes")
        }
        let cells = try Shape.checkedProduct([classes, classes], "metrics.confusion with \(classes) classes")
        // `add` counts into a second matrix of the same size.
        try TensorStorage.checkAllocatable(cells * 2, elementSize: MemoryLayout<Int>.stride, for: "a confusion matrix of \(classes) classes")
        self.classes = classes
        self.ignore = ignore
        self.names = names ?? (0..<classes).map { "class \($0)" }
        counts = [Int](repeating: 0, count: cells)
    }

    /// A matrix holding `counts` (row-major: truth x prediction), e.g. one restored from storage.
    public convenience init(classes: Int, ignore: Int? = nil, names: [String]? = nil, counts: [Int]) throws {
        try self.init(classes: classes, ignore: ignore, names: names)
        guard counts.count == classes * classes, counts.allSatisfy({ $0 >= 0 }) else {
            throw VisionError("metrics.confusion: \(counts.count) counts for \(classes) classes (need \(classes * classes), none negative)")
        }
        if let ignore, (0..<classes).contains(ignore), counts[(ignore * classes)..<((ignore + 1) * classes)].contains(where: { $0 > 0 }) {
            throw VisionError("metrics.confusion: counts for the ignored class \(ignore), which is never counted")
        }
        self.counts = counts
    }

    /// Clears the counts.
    public func reset() { counts = [Int](repeating: 0, count: classes * classes) }

    /// Replaces the counts by their sum over the ranks of a data-parallel run (nothing alone).
    public func sumOverRanks() throws {
        counts = try Distributed.sum(counts)
    }

    /// `add`, with the batch's counts summed over the ranks first: every rank passes its share
    /// of the batch and every rank ends up with the counts of the whole batch.
    public func addFromEveryRank(_ prediction: Tensor, _ target: Tensor) throws {
        guard Distributed.size > 1 else { return try add(prediction, target) }
        let batch = try ConfusionMatrix(classes: classes, ignore: ignore, names: names)
        try batch.add(prediction, target)
        let summed = try Distributed.sum(batch.counts)
        for i in counts.indices { counts[i] += summed[i] }
    }

    /// Accumulates `prediction` (int32 labels shaped like `target`, or float32 logits with the
    /// class axis before the last two: `[N, C, H, W]` for target `[N, H, W]`, `[C, H, W]` for
    /// `[H, W]`) against int32 `target`.
    public func add(_ prediction: Tensor, _ target: Tensor) throws {
        guard target.dtype == .int32, target.rank >= 1 else {
            throw VisionError("metrics.add: target must be int32 [N, H, W] or [H, W], got \(target.dtype) \(target.shape)")
        }
        let t = try target.contiguous()
        let labels: Tensor
        switch prediction.dtype {
        case .int32:
            guard prediction.shape == target.shape else {
                throw VisionError("metrics.add: prediction shape \(prediction.shape) does not match target shape \(target.shape)")
            }
            labels = try prediction.contiguous()
        case .float32:
            guard target.rank >= 2, prediction.rank == target.rank + 1,
                  Array(prediction.shape.prefix(target.rank - 2)) == Array(target.shape.prefix(target.rank - 2)),
                  Array(prediction.shape.suffix(2)) == Array(target.shape.suffix(2)),
                  prediction.shape[target.rank - 2] == classes else {
                throw VisionError("metrics.add: logits of shape \(prediction.shape) do not match target \(target.shape) with \(classes) classes (expected [N, \(classes), H, W] for [N, H, W])")
            }
            labels = try argmaxClasses(prediction.contiguous())
        case .bool:
            throw VisionError("metrics.add: prediction must be int32 labels or float32 logits, got bool")
        }
        let p = labels.pointer(as: Int32.self), y = t.pointer(as: Int32.self)
        let skip = Int32(ignore ?? Int(Int32.min))
        var local = [Int](repeating: 0, count: classes * classes)
        for i in 0..<t.count {
            let truth = y[i]
            if truth == skip { continue }
            let guess = p[i]
            guard truth >= 0 && Int(truth) < classes else {
                throw VisionError("metrics.add: target value \(truth) at flat index \(i) is outside 0..<\(classes)\(ignore.map { " and is not the ignored \($0)" } ?? "")")
            }
            guard guess >= 0 && Int(guess) < classes else {
                throw VisionError("metrics.add: predicted class \(guess) at flat index \(i) is outside 0..<\(classes)")
            }
            local[Int(truth) * classes + Int(guess)] += 1
        }
        for k in 0..<local.count { counts[k] += local[k] }
    }

    /// Per pixel, the class with the largest logit (the first one on ties, as torch.argmax).
    private func argmaxClasses(_ logits: Tensor) throws -> Tensor {
        let c = logits.shape[logits.rank - 3]
        let plane = logits.shape[logits.rank - 2] * logits.shape[logits.rank - 1]
        let n = logits.count / max(c * plane, 1)
        let result = try Tensor(shape: Array(logits.shape.prefix(logits.rank - 3)) + Array(logits.shape.suffix(2)), dtype: .int32, zeroed: false)
        let src = logits.pointer(as: Float.self), dst = result.pointer(as: Int32.self)
        var best = [Float](repeating: 0, count: plane)
        for b in 0..<n {
            let base = src + b * c * plane, out = dst + b * plane
            best.withUnsafeMutableBufferPointer { best in
                for i in 0..<plane { best[i] = base[i]; out[i] = 0 }
                for k in 1..<max(c, 1) {
                    let row = base + k * plane
                    for i in 0..<plane where row[i] > best[i] || (best[i].isNaN && !row[i].isNaN) {
                        best[i] = row[i]; out[i] = Int32(k)
                    }
                }
            }
        }
        return result
    }

    /// The counts as an int32 `[classes, classes]` tensor.
    public func matrix() throws -> Tensor {
        guard let big = counts.first(where: { $0 > Int(Int32.max) }) else {
            return try Tensor(int32: counts.map { Int32($0) }, shape: [classes, classes])
        }
        throw VisionError("metrics.matrix: a count of \(big) does not fit in int32")
    }

    private func row(_ c: Int) -> Int { (0..<classes).reduce(0) { $0 + counts[c * classes + $1] } }
    private func column(_ c: Int) -> Int { (0..<classes).reduce(0) { $0 + counts[$1 * classes + c] } }
    private var total: Int { counts.reduce(0, +) }

    /// Correct pixels over all counted pixels (0 when nothing was counted).
    public var pixelAccuracy: Double {
        let t = total
        return t > 0 ? Double((0..<classes).reduce(0) { $0 + counts[$1 * classes + $1] }) / Double(t) : 0
    }

    /// Per class, correct over true pixels; nil for a class absent from the target.
    public var classAccuracy: [Double?] {
        (0..<classes).map { c in
            let r = row(c)
            return r > 0 ? Double(counts[c * classes + c]) / Double(r) : nil
        }
    }

    /// Mean of the class accuracies that exist.
    public var meanClassAccuracy: Double { Self.mean(classAccuracy) }

    /// Per class, intersection over union; nil for a class absent from target and prediction.
    public var iou: [Double?] {
        (0..<classes).map { c in
            let union = row(c) + column(c) - counts[c * classes + c]
            return union > 0 ? Double(counts[c * classes + c]) / Double(union) : nil
        }
    }

    /// Mean IoU over the classes that have one.
    public var miou: Double { Self.mean(iou) }

    /// IoU weighted by each class's share of target pixels.
    public var fwIoU: Double {
        let t = total
        guard t > 0 else { return 0 }
        return zip(0..<classes, iou).reduce(0) { sum, pair in sum + Double(row(pair.0)) / Double(t) * (pair.1 ?? 0) }
    }

    /// One row per class: name, IoU, accuracy (nil where undefined) and true pixel count.
    public func table() -> [ClassMetrics] {
        let ious = iou, accuracies = classAccuracy
        return (0..<classes).map { ClassMetrics(name: names[$0], iou: ious[$0], accuracy: accuracies[$0], pixels: row($0)) }
    }

    /// All the figures at once.
    public func report() throws -> MetricsReport {
        MetricsReport(classes: names, matrix: try matrix(), pixelAccuracy: pixelAccuracy, classAccuracy: classAccuracy,
                      meanClassAccuracy: meanClassAccuracy, iou: iou, miou: miou, fwIoU: fwIoU, table: table())
    }

    private static func mean(_ values: [Double?]) -> Double {
        let present = values.compactMap { $0 }
        return present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
    }
}

/// One class's line of the metrics table.
public struct ClassMetrics: Equatable, Sendable {
    public var name: String
    public var iou: Double?
    public var accuracy: Double?
    /// Target pixels of this class.
    public var pixels: Int
}

/// Every metric of a confusion matrix.
public struct MetricsReport {
    public var classes: [String]
    /// int32 `[classes, classes]`, rows truth, columns prediction.
    public var matrix: Tensor
    public var pixelAccuracy: Double
    public var classAccuracy: [Double?]
    public var meanClassAccuracy: Double
    public var iou: [Double?]
    public var miou: Double
    public var fwIoU: Double
    public var table: [ClassMetrics]
}
