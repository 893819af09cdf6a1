import CPNG
import Foundation
import SegTensor

extension PNGCodec {
    /// Encodes a tensor as 8-bit PNG bytes: float32 `[C, H, W]` (C = 1, 2, 3 or 4, values
    /// clamped to 0...1) or an int32 `[H, W]` label map (8-bit grey; values must be 0...255).
    public static func encode(_ tensor: Tensor) throws -> [UInt8] {
        let t = try tensor.contiguous()
        switch (t.dtype, t.rank) {
        case (.float32, 3):
            let channels = t.shape[0], height = t.shape[1], width = t.shape[2]
            guard (1...4).contains(channels) else {
                throw VisionError("cannot write an image with \(channels) channels (shape \(t.shape)): expected 1, 2, 3 or 4")
            }
            let plane = height * width
            var pixels = [UInt8](repeating: 0, count: plane * channels)
            let src = t.pointer(as: Float.self)
            pixels.withUnsafeMutableBufferPointer { dst in
                for c in 0..<channels {
                    let channel = src + c * plane
                    for i in 0..<plane {
                        let v = channel[i]
                        let clamped = v.isNaN ? 0 : min(max(v, 0), 1)
                        dst[i * channels + c] = UInt8(clamped * 255 + 0.5)
                    }
                }
            }
            return try encode8(pixels, width: width, height: height, channels: channels)
        case (.int32, 2):
            let height = t.shape[0], width = t.shape[1]
            let src = t.pointer(as: Int32.self)
            var pixels = [UInt8](repeating: 0, count: height * width)
            for i in 0..<pixels.count {
                let v = src[i]
                guard v >= 0 && v <= 255 else {
                    throw VisionError("cannot write label value \(v) at index \(i) as 8-bit grey: labels must be 0...255")
                }
                pixels[i] = UInt8(v)
            }
            return try encode8(pixels, width: width, height: height, channels: 1)
        default:
            throw VisionError("cannot write a \(t.dtype) tensor of shape \(t.shape) as PNG: expected float32 [C, H, W] or int32 [H, W]")
        }
    }

    /// Encodes interleaved 8-bit samples (`channels` per pixel: grey, grey+alpha, RGB or RGBA).
    public static func encode8(_ pixels: [UInt8], width: Int, height: Int, channels: Int) throws -> [UInt8] {
        guard width > 0, height > 0, (1...4).contains(channels), pixels.count == width * height * channels else {
            throw VisionError("cannot encode \(pixels.count) bytes as a \(width)x\(height) PNG with \(channels) channels")
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = (channels >= 3 ? PNG_FORMAT_FLAG_COLOR : 0) | (channels % 2 == 0 ? PNG_FORMAT_FLAG_ALPHA : 0)
        return try pixels.withUnsafeBytes { try writeSimplified(&image, pixels: $0.baseAddress, stride: width * channels, colormap: nil) }
    }

    /// Runs libpng's simplified writer on a prepared `image` (sizing, then writing), freeing it.
    static func writeSimplified(_ image: inout png_image, pixels: UnsafeRawPointer?, stride: Int, colormap: UnsafeRawPointer?) throws -> [UInt8] {
        var size: png_alloc_size_t = 0
        let rowStride = Int32(stride)
        let sized = png_image_write_to_memory(&image, nil, &size, 0, pixels, rowStride, colormap)
        guard sized != 0, size > 0 else {
            let reason = PNGDecoder.message(of: &image)
            png_image_free(&image)
            throw VisionError("PNG encoding failed (\(reason))")
        }
        var output = [UInt8](repeating: 0, count: Int(size))
        let ok = output.withUnsafeMutableBytes { png_image_write_to_memory(&image, $0.baseAddress, &size, 0, pixels, rowStride, colormap) }
        guard ok != 0 else {
            let reason = PNGDecoder.message(of: &image)
            png_image_free(&image)
            throw VisionError("PNG encoding failed (\(reason))")
        }
        png_image_free(&image)
        return Array(output.prefix(Int(size)))
    }

    /// Writes a tensor as a PNG file (see `encode`), naming the path when it cannot be written.
    public static func write(_ tensor: Tensor, to path: String) throws {
        let bytes = try encode(tensor)
        do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch {
            throw VisionError("\(path): cannot write file (\(error.localizedDescription))")
        }
    }
}
