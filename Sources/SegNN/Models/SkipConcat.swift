import SegTensor

extension NN {
    /// The U-Net's skip join: zero-pads `upsampled` [N, Cu, h, w] to the skip's [H, W] (left/top
    /// gets the smaller half, as torch_unet.py's F.pad call does) and concatenates
    /// [skip, padded] along channels, in one pass.
    public static func skipConcat(skip: Tensor, upsampled: Tensor) throws -> Tensor {
        let (n, cs, h, w) = try skip.nchw("skip connection")
        let (nu, cu, hu, wu) = try upsampled.nchw("upsampled map")
        guard nu == n, hu <= h, wu <= w else {
            throw TensorError("cannot join upsampled map \(upsampled.shape) to skip connection \(skip.shape)")
        }
        let top = (h - hu) / 2, left = (w - wu) / 2, pixels = h * w
        let s = try skip.contiguousFloats("skip connection"), u = try upsampled.contiguousFloats("upsampled map")
        let out = try Fresh.uninitialized([n, cs + cu, h, w])
        let padded = hu != h || wu != w
        for b in 0..<n {
            let destination = out.floats + b * (cs + cu) * pixels
            destination.update(from: s.floats + b * cs * pixels, count: cs * pixels)
            let upper = destination + cs * pixels, source = u.floats + b * cu * hu * wu
            if !padded {
                upper.update(from: source, count: cu * pixels)
                continue
            }
            upper.update(repeating: 0, count: cu * pixels)
            for c in 0..<cu {
                for y in 0..<hu {
                    (upper + c * pixels + (y + top) * w + left).update(from: source + (c * hu + y) * wu, count: wu)
                }
            }
        }
        return Tensor.record(out, name: "skip_concat", inputs: [skip, upsampled]) { gradient in
            let dy = try gradient.contiguousFloats("skip_concat gradient")
            let dSkip = try Fresh.uninitialized(skip.shape), dUp = try Fresh.uninitialized(upsampled.shape)
            for b in 0..<n {
                let source = dy.floats + b * (cs + cu) * pixels
                (dSkip.floats + b * cs * pixels).update(from: source, count: cs * pixels)
                let upper = source + cs * pixels, destination = dUp.floats + b * cu * hu * wu
                for c in 0..<cu {
                    for y in 0..<hu {
                        (destination + (c * hu + y) * wu).update(from: upper + c * pixels + (y + top) * w + left, count: wu)
                    }
                }
            }
            return [dSkip, dUp]
        }
    }
}
