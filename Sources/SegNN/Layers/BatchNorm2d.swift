import SegTensor

/// Batch normalisation over the channels of [N, C, H, W] with PyTorch's names: parameters
/// `weight`, `bias`; buffers `running_mean`, `running_var`, `num_batches_tracked` (int32 here,
/// I64 in files).
///
/// Training uses the batch's statistics and moves the running ones by `momentum` towards the
/// batch mean and the unbiased batch variance; evaluation uses the running statistics.
public final class BatchNorm2d: Module {
    /// Per-channel scale (gamma), initially 1.
    public let weight: Tensor
    /// Per-channel shift (beta), initially 0.
    public let bias: Tensor
    /// Running mean, initially 0.
    public let runningMean: Tensor
    /// Running variance, initially 1.
    public let runningVar: Tensor
    /// Number of training batches seen, a scalar int32.
    public let numBatchesTracked: Tensor
    /// Weight of the newest batch in the running statistics.
    public let momentum: Float
    /// Added to the variance before the square root.
    public let eps: Float
    /// Average the batch statistics over the ranks of a data-parallel run (PyTorch's
    /// SyncBatchNorm); alone it changes nothing.
    public var synchronised = false

    /// A batch norm over `channels` channels.
    public init(_ channels: Int, momentum: Float = 0.1, eps: Float = 1e-5) throws {
        guard channels > 0 else { throw TensorError("batchnorm2d needs channels > 0, got \(channels)") }
        weight = try WeightInit.filled([channels], 1)
        bias = try WeightInit.filled([channels], 0)
        runningMean = try WeightInit.filled([channels], 0)
        runningVar = try WeightInit.filled([channels], 1)
        numBatchesTracked = try Tensor(shape: [], dtype: .int32)
        self.momentum = momentum
        self.eps = eps
        super.init()
        registerParameter("weight", weight)
        registerParameter("bias", bias)
        registerBuffer("running_mean", runningMean)
        registerBuffer("running_var", runningVar)
        registerBuffer("num_batches_tracked", numBatchesTracked)
    }

    /// The channel count.
    public var channels: Int { weight.count }

    public override func forward(_ x: Tensor) throws -> Tensor { try forward(x, relu: false) }

    /// Normalises `x`, then applies ReLU when `relu` (one fused pass, as the U-Net uses it).
    /// `inPlace` lets a caller that owns a fresh `input` (a convolution's output) have it
    /// overwritten when nothing is recorded in evaluation mode, saving a tensor per layer in
    /// inference.
    public func forward(_ input: Tensor, relu: Bool, inPlace: Bool = false) throws -> Tensor {
        let (n, c, h, w) = try input.nchw("batchnorm2d input")
        guard c == channels else {
            throw TensorError("batchnorm2d(\(channels)) got input with \(c) channels, shape \(input.shape)")
        }
        let pixels = h * w, training = isTraining
        let synchronising = training && synchronised && Distributed.size > 1
        var statisticsCount = n * pixels
        guard !training || n * pixels > 1 else {
            throw TensorError("batchnorm2d in training mode needs more than one value per channel, got input \(input.shape)")
        }
        let x = try input.contiguousFloats("batchnorm2d input")
        let gamma = try weight.contiguousFloats("batchnorm2d weight"), beta = try bias.contiguousFloats("batchnorm2d bias")
        let mean = try Fresh.uninitialized([c]), invStd = try Fresh.uninitialized([c])
        let scale = try Fresh.uninitialized([c]), shift = try Fresh.uninitialized([c])
        if training {
            let variance = try Fresh.uninitialized([c])
            BatchNormKernels.statistics(x.floats, batch: n, channels: c, pixels: pixels, mean: mean.floats, variance: variance.floats)
            if synchronising {
                statisticsCount = try SyncBatchNorm.combineStatistics(mean: mean.floats, variance: variance.floats, channels: c, count: n * pixels)
            }
            updateRunningStatistics(mean: mean.floats, variance: variance.floats, count: statisticsCount)
            for i in 0..<c { invStd.floats[i] = 1 / (variance.floats[i] + eps).squareRoot() }
        } else {
            for i in 0..<c {
                mean.floats[i] = runningMean.floats[i]
                invStd.floats[i] = 1 / (runningVar.floats[i] + eps).squareRoot()
            }
        }
        for i in 0..<c {
            scale.floats[i] = gamma.floats[i] * invStd.floats[i]
            shift.floats[i] = beta.floats[i] - mean.floats[i] * scale.floats[i]
        }
        let globalCount = statisticsCount
        let recording = GradMode.isEnabled && (input.requiresGrad || weight.requiresGrad || bias.requiresGrad)
        let overwrite = inPlace && !training && !recording && x === input
        let out = overwrite ? x : try Fresh.uninitialized(input.shape)
        if overwrite { x.storage.markMutated() }
        BatchNormKernels.affine(x.floats, batch: n, channels: c, pixels: pixels, scale: scale.floats, shift: shift.floats,
                                relu: relu, out: out.floats)
        if overwrite { return out }
        let needGamma = weight.requiresGrad, needBeta = bias.requiresGrad
        return Tensor.record(out, name: relu ? "batchnorm2d_relu" : "batchnorm2d", inputs: [input, weight, bias]) { gradient in
            let dy = try gradient.contiguousFloats("batchnorm2d gradient")
            let dx = try Fresh.uninitialized(x.shape)
            let sumDy = try Fresh.uninitialized([c]), sumDyXhat = try Fresh.uninitialized([c])
            if synchronising {
                try SyncBatchNorm.backward(x: x.floats, gradOut: dy.floats, batch: n, channels: c, pixels: pixels,
                                           globalCount: globalCount, mean: mean.floats, invStd: invStd.floats,
                                           scale: scale.floats, shift: shift.floats, relu: relu, gradInput: dx.floats,
                                           sumGrad: sumDy.floats, sumGradXhat: sumDyXhat.floats)
                return [dx, needGamma ? sumDyXhat : nil, needBeta ? sumDy : nil]
            }
            BatchNormKernels.backward(x: x.floats, gradOut: dy.floats, batch: n, channels: c, pixels: pixels,
                                      mean: mean.floats, invStd: invStd.floats, scale: scale.floats, shift: shift.floats,
                                      relu: relu, training: training, gradInput: dx.floats,
                                      sumGrad: sumDy.floats, sumGradXhat: sumDyXhat.floats)
            return [dx, needGamma ? sumDyXhat : nil, needBeta ? sumDy : nil]
        }
    }

    /// Evaluation mode as one per-channel affine map: scale = gamma / sqrt(running_var + eps),
    /// shift = beta - running_mean * scale (then ReLU when `relu`).
    func evaluationAffine(relu: Bool) -> ChannelAffine {
        let gamma = weight.floats, beta = bias.floats, rm = runningMean.floats, rv = runningVar.floats
        var scale = [Float](repeating: 0, count: channels), shift = [Float](repeating: 0, count: channels)
        for i in 0..<channels {
            scale[i] = gamma[i] / (rv[i] + eps).squareRoot()
            shift[i] = beta[i] - rm[i] * scale[i]
        }
        return ChannelAffine(scale: scale, shift: shift, relu: relu)
    }

    /// True when a forward pass would record nothing and use the running statistics.
    func isPlainInference(for input: Tensor) -> Bool {
        !isTraining && !(GradMode.isEnabled && (input.requiresGrad || weight.requiresGrad || bias.requiresGrad))
    }

    /// running = (1 - momentum) running + momentum batch, with the unbiased variance.
    private func updateRunningStatistics(mean: UnsafePointer<Float>, variance: UnsafePointer<Float>, count: Int) {
        let unbias = Float(count) / Float(max(count - 1, 1))
        let rm = runningMean.floats, rv = runningVar.floats
        for i in 0..<channels {
            rm[i] = (1 - momentum) * rm[i] + momentum * mean[i]
            rv[i] = (1 - momentum) * rv[i] + momentum * variance[i] * unbias
        }
        numBatchesTracked.pointer(as: Int32.self).pointee &+= 1
        runningMean.storage.markMutated()
        runningVar.storage.markMutated()
        numBatchesTracked.storage.markMutated()
    }
}
