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

    /// Counts one batch of predictions against targets.
    func add(_ prediction: Tensor, _ target: Tensor) throws {
        try confusion.add(prediction, target)
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
}
