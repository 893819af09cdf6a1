import CPNG
import Foundation

/// Pixels decoded from a PNG file, interleaved row-major (HWC), before any conversion to tensors.
struct DecodedPNG {
    var width: Int
    var height: Int
    /// Channels in `samples8` / `samples16`: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
    var channels: Int
    /// True for 16-bit files: samples are in `samples16`, else in `samples8`.
    var sixteenBit: Bool
    /// The file's IHDR bit depth and colour type (sub-8-bit grey is expanded and scaled by libpng).
    var bitDepth = 8
    var colorType = 0
    var samples8: [UInt8] = []
    var samples16: [UInt16] = []
}

/// The two IHDR fields the simplified libpng API hides and label maps need.
struct PNGHeader {
    var bitDepth: Int
    var colorType: Int

    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// Parses the signature and IHDR chunk, or throws naming `name`.
    init(bytes: UnsafeRawBufferPointer, name: String) throws {
        guard bytes.count >= 33, bytes.prefix(8).elementsEqual(PNGHeader.signature) else {
            throw VisionError("\(name): not a PNG file (bad signature or too short)")
        }
        guard bytes[12] == 0x49, bytes[13] == 0x48, bytes[14] == 0x44, bytes[15] == 0x52 else {
            throw VisionError("\(name): corrupt PNG (first chunk is not IHDR)")
        }
        bitDepth = Int(bytes[24])
        colorType = Int(bytes[25])
    }

    var isPalette: Bool { colorType == 3 }
    var isGrey: Bool { colorType == 0 || colorType == 4 }
}

/// Decoding through libpng's simplified `png_image` API: it catches libpng's longjmp errors
/// internally and reports them as a status plus message, so no longjmp crosses Swift frames.
enum PNGDecoder {
    /// Decodes in the file's own channel layout. 8-bit files (and palette and sub-8-bit files,
    /// which libpng expands) give 8-bit samples; 16-bit files give raw 16-bit samples.
    /// With `indices`, a palette image gives its raw palette indices as one 8-bit channel.
    static func decode(_ data: Data, name: String, indices: Bool = false) throws -> DecodedPNG {
        try data.withUnsafeBytes { raw -> DecodedPNG in
            let header = try PNGHeader(bytes: raw, name: name)
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                let reason = message(of: &image)
                png_image_free(&image)
                throw VisionError("\(name): corrupt PNG (\(reason))")
            }
            defer { png_image_free(&image) }
            let width = Int(image.width), height = Int(image.height)
            guard width > 0, height > 0, width * height <= 1 << 28 else {
                throw VisionError("\(name): PNG has unsupported size \(width)x\(height)")
            }
            let fileFormat = image.format
            let hasAlpha = fileFormat & PNG_FORMAT_FLAG_ALPHA != 0
            let hasColor = fileFormat & PNG_FORMAT_FLAG_COLOR != 0
            let sixteen = header.bitDepth == 16
            if indices && header.isPalette {
                return try finishIndexed(&image, width: width, height: height, name: name)
            }
            let channels = (hasColor ? 3 : 1) + (hasAlpha ? 1 : 0)
            // Keep the file's own layout; alpha is never composited here (callers drop it).
            image.format = (hasAlpha ? PNG_FORMAT_FLAG_ALPHA : 0) | (hasColor ? PNG_FORMAT_FLAG_COLOR : 0)
                | (sixteen ? PNG_FORMAT_FLAG_LINEAR : 0)
            var result = DecodedPNG(width: width, height: height, channels: channels, sixteenBit: sixteen,
                                    bitDepth: header.bitDepth, colorType: header.colorType)
            let count = width * height * channels
            let ok: Int32
            if sixteen {
                result.samples16 = [UInt16](repeating: 0, count: count)
                ok = result.samples16.withUnsafeMutableBytes {
                    png_image_finish_read(&image, nil, $0.baseAddress, Int32(width * channels), nil)
                }
                if hasAlpha { unpremultiply(&result.samples16, channels: channels) }
            } else {
                result.samples8 = [UInt8](repeating: 0, count: count)
                ok = result.samples8.withUnsafeMutableBytes {
                    png_image_finish_read(&image, nil, $0.baseAddress, Int32(width * channels), nil)
                }
            }
            guard ok != 0 else { throw VisionError("\(name): corrupt or truncated PNG (\(message(of: &image)))") }
            return result
        }
    }

    /// Palette indices as stored: libpng keeps the palette order for a palette file read into
    /// a colour-mapped buffer, so each byte is the index the file holds.
    private static func finishIndexed(_ image: inout png_image, width: Int, height: Int, name: String) throws -> DecodedPNG {
        image.format = PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA | PNG_FORMAT_FLAG_COLORMAP
        var colormap = [UInt8](repeating: 0, count: 4 * 256)
        var result = DecodedPNG(width: width, height: height, channels: 1, sixteenBit: false, bitDepth: 8, colorType: 3)
        result.samples8 = [UInt8](repeating: 0, count: width * height)
        let ok = result.samples8.withUnsafeMutableBytes { buffer in
            colormap.withUnsafeMutableBytes { map in
                png_image_finish_read(&image, nil, buffer.baseAddress, Int32(width), map.baseAddress)
            }
        }
        guard ok != 0 else { throw VisionError("\(name): corrupt or truncated PNG (\(message(of: &image)))") }
        return result
    }

    /// The simplified API returns 16-bit colour premultiplied by alpha; undo it so colour
    /// values are the file's own.
    private static func unpremultiply(_ samples: inout [UInt16], channels: Int) {
        samples.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < p.count {
                let alpha = UInt32(p[i + channels - 1])
                if alpha > 0 && alpha < 65535 {
                    for c in 0..<(channels - 1) {
                        let value = (UInt32(p[i + c]) * 65535 + alpha / 2) / alpha
                        p[i + c] = UInt16(min(value, 65535))
                    }
                }
                i += channels
            }
        }
    }

    static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { bytes in
            let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "libpng error" : text
        }
    }
}
