import Foundation
import SegScript
import SegTensor
import SegVision

/// A confusion matrix as a Seg value (`type` "Confusion").
public final class ConfusionObject: ScriptObject {
    /// The SegVision accumulator.
    public let confusion: ConfusionMatrix
    private var changes = 0
    /// Wraps an accumulator.
    public init(_ confusion: ConfusionMatrix) { self.confusion = confusion }
    public var typeName: String { "Confusion" }
    public var version: Int { changes }

    /// Counts one batch of predictions against targets; in a data-parallel run every rank passes
    /// its share of the batch and gets the counts of the whole batch.
    func add(_ prediction: Tensor, _ target: Tensor) throws {
        try confusion.addFromEveryRank(prediction, target)
        changes += 1
    }

    /// Forgets every count.
    func reset() {
        confusion.reset()
        changes += 1
    }

    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "matrix": return .tensor(try confusion.matrix())
        case "pixel_accuracy": return .float(confusion.pixelAccuracy)
        case "class_accuracy": return Self.optionals(confusion.classAccuracy)
        case "mean_class_accuracy": return .float(confusion.meanClassAccuracy)
        case "iou": return Self.optionals(confusion.iou)
        case "miou": return .float(confusion.miou)
        case "fw_iou": return .float(confusion.fwIoU)
        case "classes": return .list(confusion.names.map(Value.string))
        default: return nil
        }
    }

    /// Per-class values; nil where undefined.
    static func optionals(_ values: [Double?]) -> Value { .list(values.map { $0.map(Value.float) ?? .null }) }

    /// The per-class table: class, IoU, accuracy, pixels.
    func table(title: String? = "Per-class metrics") -> TableOutput {
        TableOutput(title: title, columns: ["class", "IoU", "accuracy", "pixels"], rows: confusion.table().map { row in
            [.string(row.name), row.iou.map(Value.float) ?? .null, row.accuracy.map(Value.float) ?? .null, .int(row.pixels)]
        })
    }

    /// The matrix as a table with class-name headers (rows: truth, columns: prediction).
    func matrixTable() throws -> TableOutput {
        let m = try confusion.matrix()
        let n = confusion.classes
        let values = try m.contiguous().pointer(as: Int32.self)
        let rows: [[Value]] = (0..<n).map { r in
            [.string(confusion.names[r])] + (0..<n).map { c in .int(Int(values[r * n + c])) }
        }
        return TableOutput(title: "Confusion matrix (rows: truth, columns: prediction)",
                           columns: ["truth \\ predicted"] + confusion.names, rows: rows)
    }

    public func display(full: Bool) -> String {
        String(format: "<Confusion %d classes: pixel accuracy %.4f, mIoU %.4f>", confusion.classes, confusion.pixelAccuracy, confusion.miou)
    }

    /// The tag of the cache decoder.
    static let tag = "confusion"

    /// What a stored confusion matrix records.
    struct Record: Codable {
        var classes: Int
        var ignore: Int?
        var names: [String]
        var counts: [Int]
    }

    /// Classes, ignored value, names and counts under tag "confusion".
    public func encode() throws -> EncodedObject? {
        let record = Record(classes: confusion.classes, ignore: confusion.ignore, names: confusion.names, counts: confusion.counts)
        return EncodedObject(tag: Self.tag, bytes: Array(try JSONEncoder.stored.encode(record)))
    }

    /// Restores a confusion matrix stored by `encode()`.
    static func decode(_ bytes: [UInt8]) throws -> Value {
        let record: Record
        do { record = try JSONDecoder().decode(Record.self, from: Data(bytes)) } catch {
            throw ScriptError("stored confusion matrix is corrupt")
        }
        guard record.classes > 0, record.classes <= 1 << 12, record.counts.count == record.classes * record.classes,
              record.counts.allSatisfy({ $0 >= 0 }) else {
            throw ScriptError("stored confusion matrix is corrupt (\(record.counts.count) counts for \(record.classes) classes)")
        }
        let matrix = try ConfusionMatrix(classes: record.classes, ignore: record.ignore, names: record.names, counts: record.counts)
        return .object(ConfusionObject(matrix))
    }
}
