import CPNG
import Foundation
import SegTensor

extension PNGCodec {
    /// Encodes an int32 `[H, W]` label map as an indexed (palette) PNG whose pixel indices are the
    /// labels: the palette's K colours, then `voidColor` for label K (one past the classes, as
    /// CamVid's void 11 after its 11 colours) when K < 256. Other labels are an error naming the
    /// first one and where it is.
    public static func encodeIndexed(_ labels: Tensor, palette: [[UInt8]], voidColor: [UInt8] = [0, 0, 0]) throws -> [UInt8] {
        guard labels.dtype == .int32, labels.rank == 2 else {
            throw VisionError("an indexed PNG needs an int32 [H, W] label map, not \(labels.dtype) \(labels.shape)")
        }
        guard (1...256).contains(palette.count) else {
            throw VisionError("an indexed PNG needs a palette of 1 to 256 colours, not \(palette.count)")
        }
        if let bad = palette.firstIndex(where: { $0.count != 3 }) {
            throw VisionError("palette entry \(bad) has \(palette[bad].count) components, expected [r, g, b]")
        }
        let height = labels.shape[0], width = labels.shape[1]
        guard width > 0, height > 0 else { throw VisionError("cannot write an empty label map of shape \(labels.shape) as PNG") }
        let colors = palette.count < 256 ? palette + [Array(voidColor.prefix(3))] : palette
        let highest = UInt32(colors.count - 1)
        let source = try labels.contiguous()
        let src = source.pointer(as: Int32.self)
        var indices = [UInt8](repeating: 0, count: height * width)
        // One unsigned compare per pixel catches negatives and values past the table alike.
        var firstBad = -1
        indices.withUnsafeMutableBufferPointer { out in
            for i in 0..<out.count {
                let value = UInt32(bitPattern: src[i])
                if value > highest { firstBad = i; return }
                out[i] = UInt8(truncatingIfNeeded: value)
            }
        }
        if firstBad >= 0 {
            let voidNote = palette.count < 256 ? " and \(palette.count) for void" : ""
            throw VisionError("label \(src[firstBad]) at [\(firstBad / width), \(firstBad % width)] is outside the palette of \(palette.count) colours (labels 0...\(palette.count - 1)\(voidNote))")
        }
        return try encodeColormapped(indices, colors: colors, width: width, height: height)
    }

    /// libpng's simplified writer with a colour map: a PLTE chunk of `colors` and one index a pixel.
    static func encodeColormapped(_ indices: [UInt8], colors: [[UInt8]], width: Int, height: Int) throws -> [UInt8] {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_COLORMAP
        image.colormap_entries = UInt32(colors.count)
        let colormap = colors.flatMap { $0 }
        return try indices.withUnsafeBytes { pixels in
            try colormap.withUnsafeBytes { map in
                try writeSimplified(&image, pixels: pixels.baseAddress, stride: width, colormap: map.baseAddress)
            }
        }
    }

    /// Writes a label map as an indexed PNG file (see `encodeIndexed`), naming the path when it cannot be written.
    public static func writeIndexed(_ labels: Tensor, palette: [[UInt8]], to path: String) throws {
        let bytes = try encodeIndexed(labels, palette: palette)
        do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch {
            throw VisionError("\(path): cannot write file (\(error.localizedDescription))")
        }
    }
}
