/// y = x * scale[c] + shift[c] per channel, then ReLU when asked: evaluation-mode batch norm
/// folded into a form that a convolution can apply to each image as soon as its GEMM is done.
struct ChannelAffine {
    let scale: [Float]
    let shift: [Float]
    let relu: Bool

    /// Applies the affine map (and ReLU) in place to one CHW image.
    func apply(_ image: UnsafeMutablePointer<Float>, channels: Int, pixels: Int) {
        for c in 0..<channels {
            let a = scale[c], b = shift[c], row = image + c * pixels
            if relu {
                for i in 0..<pixels { row[i] = max(0, row[i] * a + b) }
            } else {
                for i in 0..<pixels { row[i] = row[i] * a + b }
            }
        }
    }
}
