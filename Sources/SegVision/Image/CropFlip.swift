import SegTensor

extension ImageOps {
    /// The `height` x `width` window at (`top`, `left`) of the last two axes, as a copy.
    public static func crop(_ tensor: Tensor, top: Int, left: Int, height: Int, width: Int) throws -> Tensor {
        let layout = try ImagePlanes(tensor, op: "crop")
        guard top >= 0, left >= 0, height > 0, width > 0, top + height <= layout.height, left + width <= layout.width else {
            throw VisionError("image.crop: window top \(top), left \(left), size [\(height), \(width)] is outside an image of shape \(tensor.shape)")
        }
        let t = try tensor.contiguous()
        let result = try Tensor(shape: layout.leading + [height, width], dtype: t.dtype, zeroed: false)
        let size = t.dtype.byteSize
        let src = t.storage.base + t.offset * size, dst = result.storage.base
        for p in 0..<layout.planes {
            for y in 0..<height {
                let from = src + ((p * layout.height + top + y) * layout.width + left) * size
                let to = dst + ((p * height + y) * width) * size
                to.copyMemory(from: from, byteCount: width * size)
            }
        }
        return result
    }

    /// Mirrors the last axis (left-right flip).
    public static func hflip(_ tensor: Tensor) throws -> Tensor {
        let layout = try ImagePlanes(tensor, op: "hflip")
        let t = try tensor.contiguous()
        let result = try Tensor(shape: t.shape, dtype: t.dtype, zeroed: false)
        let rows = layout.planes * layout.height, w = layout.width
        if t.dtype == .bool {
            let src = t.pointer(as: UInt8.self), dst = result.pointer(as: UInt8.self)
            for r in 0..<rows { for x in 0..<w { dst[r * w + x] = src[r * w + w - 1 - x] } }
        } else {
            let src = t.pointer(as: UInt32.self), dst = result.pointer(as: UInt32.self)
            for r in 0..<rows { for x in 0..<w { dst[r * w + x] = src[r * w + w - 1 - x] } }
        }
        return result
    }
}
