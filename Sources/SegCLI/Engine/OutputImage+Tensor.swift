import Foundation
import SegNotebook
import SegTensor
import SegVision

extension OutputImage {
    /// Encodes a picture tensor for the report: float32 `[3, H, W]` or `[1, H, W]` in 0...1, or an
    /// int32 `[H, W]` label map coloured with `palette` (its legend lists the classes present).
    static func encode(_ tensor: Tensor, caption: String? = nil, classNames: [String] = [], palette: [[UInt8]] = []) throws -> OutputImage {
        if tensor.dtype == .int32, tensor.shape.count == 2 {
            let colored = try ImageOps.colorize(tensor, palette: palette)
            let legend = try legendEntries(labels: tensor, classNames: classNames, palette: palette)
            return OutputImage(png: Data(try PNGCodec.encode(colored)), width: tensor.shape[1], height: tensor.shape[0], caption: caption, legend: legend)
        }
        guard tensor.shape.count == 3 else {
            throw VisionError("cannot show a tensor of shape \(tensor.shape) as a picture: expected [C, H, W] or an int32 [H, W] label map")
        }
        return OutputImage(png: Data(try PNGCodec.encode(tensor)), width: tensor.shape[2], height: tensor.shape[1], caption: caption)
    }

    /// Legend entries for the classes that occur in an int32 label map, in class order.
    static func legendEntries(labels: Tensor, classNames: [String], palette: [[UInt8]]) throws -> [LegendEntry] {
        let contiguous = try labels.contiguous()
        let count = contiguous.shape.reduce(1, *)
        var present = Set<Int>()
        let values = contiguous.pointer(as: Int32.self)
        for index in 0..<count { present.insert(Int(values[index])) }
        return present.sorted().compactMap { label in
            guard label >= 0, label < palette.count, palette[label].count >= 3 else { return nil }
            let name = label < classNames.count ? classNames[label] : "class \(label)"
            return LegendEntry(name: name, red: palette[label][0], green: palette[label][1], blue: palette[label][2])
        }
    }
}
