import CPNG
import Foundation
import SegTensor

/// Reading and writing PNG files as tensors, through libpng.
///
/// Images read as float32 `[C, H, W]` in 0...1 (C = 1 for grey, 3 for colour; alpha is dropped,
/// not composited, unless `keepAlpha` is set, which gives 2 or 4 channels). Label maps read as
/// int32 `[H, W]` holding the stored grey values or palette indices, or, for colour-coded masks,
/// the index of each pixel's colour in a `ColorTable`.
public enum PNGCodec {
    /// Reads the file's bytes, naming the path when it cannot be read.
    static func readFile(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw VisionError("\(path): no such file") }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw VisionError("\(path): cannot read file (\(error.localizedDescription))")
        }
    }

    /// v / 255 for every byte: exact quotients (not v * (1/255)) without a division per pixel.
    static let byteToUnit: [Float] = (0...255).map { Float($0) / 255 }

    /// Reads a PNG file as a float32 `[C, H, W]` tensor in 0...1.
    public static func readImage(_ path: String, keepAlpha: Bool = false) throws -> Tensor {
        try decodeImage(readFile(path), name: path, keepAlpha: keepAlpha)
    }

    /// Decodes PNG bytes as a float32 `[C, H, W]` tensor in 0...1; `name` is used in errors.
    public static func decodeImage(_ data: Data, name: String = "<memory>", keepAlpha: Bool = false) throws -> Tensor {
        let png = try PNGDecoder.decode(data, name: name)
        let hasAlpha = png.channels == 2 || png.channels == 4
        let outChannels = keepAlpha || !hasAlpha ? png.channels : png.channels - 1
        let plane = png.width * png.height
        let result = try Tensor(shape: [outChannels, png.height, png.width], zeroed: false)
        let out = result.pointer(as: Float.self)
        let stride = png.channels
        if png.sixteenBit {
            png.samples16.withUnsafeBufferPointer { src in
                for c in 0..<outChannels {
                    let dst = out + c * plane
                    for i in 0..<plane { dst[i] = Float(src[i * stride + c]) / 65535 }
                }
            }
        } else {
            let table = byteToUnit
            png.samples8.withUnsafeBufferPointer { src in
                for c in 0..<outChannels {
                    let dst = out + c * plane
                    for i in 0..<plane { dst[i] = table[Int(src[i * stride + c])] }
                }
            }
        }
        return result
    }

    /// Reads a label PNG as an int32 `[H, W]` map: grey values (8/16-bit, sub-8-bit unscaled),
    /// palette indices, or — with `colors` — the table index of each RGB colour (unknown colours
    /// map to `colors.void`). An RGB mask without a table is an error.
    public static func readLabels(_ path: String, colors: ColorTable? = nil) throws -> Tensor {
        try decodeLabels(readFile(path), name: path, colors: colors)
    }

    /// Decodes label PNG bytes; see `readLabels`.
    public static func decodeLabels(_ data: Data, name: String = "<memory>", colors: ColorTable? = nil) throws -> Tensor {
        let png = try PNGDecoder.decode(data, name: name, indices: colors == nil)
        let plane = png.width * png.height
        let result = try Tensor(shape: [png.height, png.width], dtype: .int32, zeroed: false)
        let out = result.pointer(as: Int32.self)
        if png.channels >= 3 {
            guard let colors else {
                throw VisionError("\(name): an RGB colour-coded label image needs a colour table (colors:)")
            }
            try colors.map(png, into: out, name: name)
            return result
        }
        let stride = png.channels
        if png.sixteenBit {
            png.samples16.withUnsafeBufferPointer { src in
                for i in 0..<plane { out[i] = Int32(src[i * stride]) }
            }
        } else {
            // libpng scales 1/2/4-bit grey up to 8 bits; labels need the stored values back.
            let divisor: Int32 = png.colorType == 3 ? 1 : (png.bitDepth < 8 ? 255 / Int32((1 << png.bitDepth) - 1) : 1)
            png.samples8.withUnsafeBufferPointer { src in
                for i in 0..<plane { out[i] = Int32(src[i * stride]) / divisor }
            }
        }
        return result
    }

    /// Reads an 8-bit RGB frame as interleaved HWC bytes (for the dataset's fast path).
    /// Grey frames are replicated to three channels; alpha is dropped; 16-bit is scaled down.
    static func decodeRGB8(_ data: Data, name: String) throws -> (pixels: [UInt8], height: Int, width: Int) {
        let png = try PNGDecoder.decode(data, name: name)
        if png.channels == 3 && !png.sixteenBit { return (png.samples8, png.height, png.width) }
        let plane = png.width * png.height
        var rgb = [UInt8](repeating: 0, count: plane * 3)
        let stride = png.channels
        for i in 0..<plane {
            for c in 0..<3 {
                let source = png.channels >= 3 ? c : 0
                rgb[i * 3 + c] = png.sixteenBit
                    ? UInt8((UInt32(png.samples16[i * stride + source]) * 255 + 32767) / 65535)
                    : png.samples8[i * stride + source]
            }
        }
        return (rgb, png.height, png.width)
    }
}
