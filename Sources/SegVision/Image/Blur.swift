import Foundation
import SegTensor

extension ImageOps {
    /// Gaussian blur of the last two axes with standard deviation `sigma` (pixels): a separable
    /// kernel of radius ceil(3 sigma), normalised to sum 1, with reflected borders as torchvision.
    public static func blur(_ tensor: Tensor, sigma: Double) throws -> Tensor {
        let layout = try ImagePlanes(tensor, op: "blur")
        guard tensor.dtype == .float32 else { throw VisionError("image.blur: needs a float32 image, not \(tensor.dtype)") }
        guard sigma.isFinite, sigma > 0, sigma <= 100 else { throw VisionError("image.blur: sigma must be in (0, 100], got \(sigma)") }
        let radius = Int((3 * sigma).rounded(.up))
        let h = layout.height, w = layout.width
        guard radius < h, radius < w else {
            throw VisionError("image.blur: sigma \(sigma) needs a kernel of radius \(radius), larger than the \(h)x\(w) image")
        }
        var weights = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        let source = try tensor.detach().contiguous()
        let middle = try Tensor(shape: tensor.shape, dtype: .float32, zeroed: false)
        let result = try Tensor(shape: tensor.shape, dtype: .float32, zeroed: false)
        func reflect(_ i: Int, _ n: Int) -> Int { i < 0 ? -i : (i >= n ? 2 * (n - 1) - i : i) }
        let src = source.pointer(as: Float.self), mid = middle.pointer(as: Float.self), dst = result.pointer(as: Float.self)
        let plane = h * w
        for p in 0..<layout.planes {
            let a = src + p * plane, m = mid + p * plane, o = dst + p * plane
            for y in 0..<h {
                for x in 0..<w {
                    var sum: Float = 0
                    for k in -radius...radius { sum += weights[k + radius] * a[y * w + reflect(x + k, w)] }
                    m[y * w + x] = sum
                }
            }
            for y in 0..<h {
                for x in 0..<w {
                    var sum: Float = 0
                    for k in -radius...radius { sum += weights[k + radius] * m[reflect(y + k, h) * w + x] }
                    o[y * w + x] = sum
                }
            }
        }
        return result
    }
}
