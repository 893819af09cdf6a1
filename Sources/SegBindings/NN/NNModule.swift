import SegNN
import SegScript
import SegTensor

extension Bindings {
    /// Registers the `nn` module: layers, losses, optimizers and schedules.
    static func registerNNModule(into registry: Registry) {
        registry.register(module: "nn", doc: "Neural networks: layers, the U-Net, losses, optimizers and learning-rate schedules.",
                          builtins: nnLayerFunctions + nnTrainingFunctions)
        registry.register(methodsOf: "Layer", builtins: layerMethods)
        registry.register(methodsOf: "Optimizer", builtins: optimizerMethods)
        registry.register(methodsOf: "Schedule", builtins: scheduleMethods)
        registry.register(decoder: LayerCodec.tag) { bytes, references in .object(try LayerCodec.decode(bytes, references)) }
        registry.register(decoder: OptimizerRecord.tag) { bytes, references in .object(try OptimizerObject.decode(bytes, references)) }
        registry.register(decoder: ScheduleRecord.tag) { bytes, references in .object(try ScheduleObject.decode(bytes, references)) }
    }
}

/// Builds a layer from its spec with weights drawn from the interpreter's seeded stream.
private func layer(_ a: Arguments, _ spec: LayerSpec) throws -> Value {
    .object(LayerObject(try spec.build(stream: a.tensorRandomStream()), spec: spec))
}

extension Arguments {
    /// The i-th value as a list of parameter tensors: a List of Tensors, or a Layer's parameters.
    func parameterTensors(_ i: Int) throws -> [Tensor] {
        if let l = self[i].asObject as? LayerObject { return l.module.parameters() }
        return try sequence(i).map { v in
            guard let t = v.asTensor else { throw ScriptError("\(builtin.name)(): params must be Tensors (model.parameters()), found a \(v.typeName)") }
            return t
        }
    }

    /// The i-th value as an optional class-weight tensor: nil, a List of numbers, or a Tensor.
    func optionalWeights(_ i: Int) throws -> Tensor? {
        if case .null = self[i] { return nil }
        return try tensor(i)
    }
}

/// `nn.conv2d` ... `nn.unet`, `nn.load`.
let nnLayerFunctions: [Builtin] = [
    Builtin("conv2d", [Param("cin"), Param("cout"), Param("kernel", .int(3)), Param("stride", .int(1)), Param("padding", .int(1)), Param("bias", .bool(true))],
            doc: "A 2-d convolution layer (PyTorch's Conv2d and initialisation).") { a in
        try layer(a, .conv2d(cin: try a.int(0), cout: try a.int(1), kernel: try a.int(2), stride: try a.int(3), padding: try a.int(4), bias: a.bool(5)))
    },
    Builtin("conv_transpose2d", [Param("cin"), Param("cout"), Param("kernel", .int(2)), Param("stride", .int(2))],
            doc: "A 2-d transposed convolution layer (upsampling by `stride`).") { a in
        try layer(a, .convTranspose2d(cin: try a.int(0), cout: try a.int(1), kernel: try a.int(2), stride: try a.int(3)))
    },
    Builtin("batchnorm2d", [Param("c"), Param("sync", .bool(false))],
            doc: "Batch normalisation over the channels of [N, C, H, W] inputs (sync: true averages the statistics over the ranks of a data-parallel run).") { a in
        try layer(a, .batchnorm2d(channels: try a.int(0), sync: try Bindings.strictBool(a, 1) ? true : nil))
    },
    Builtin("relu", doc: "The ReLU activation as a layer.") { a in try layer(a, .relu) },
    Builtin("maxpool2d", [Param("kernel", .int(2))], doc: "2-d max pooling with stride equal to the kernel.") { a in
        try layer(a, .maxpool2d(kernel: try a.int(0)))
    },
    Builtin("dropout", [Param("p", .float(0.5))], doc: "Dropout with probability p in training mode (identity after eval()).") { a in
        try layer(a, .dropout(p: try a.double(0)))
    },
    Builtin("upsample", [Param("scale", .int(2)), Param("mode", .string("bilinear"))], doc: "Upsampling by an integer scale, \"bilinear\" or \"nearest\".") { a in
        try layer(a, .upsample(scale: try a.int(0), mode: try a.string(1)))
    },
    Builtin("sequential", [Param("layers")], doc: "Applies the layers in order; shares their weights.") { a in
        let objects = try a.sequence(0).map { v -> LayerObject in
            guard let l = v.asObject as? LayerObject else { throw ScriptError("sequential(): expected Layers, found a \(v.typeName)") }
            return l
        }
        return .object(LayerObject(Sequential(objects.map(\.module)), spec: .sequential(objects.map(\.spec)), sublayers: objects))
    },
    Builtin("unet", [Param("in_channels", .int(3)), Param("classes", .int(12)), Param("base", .int(16)), Param("depth", .int(4)),
                     Param("batchnorm", .bool(true)), Param("up", .string("transpose")), Param("sync_bn", .bool(false))],
            doc: "The U-Net of Ronneberger et al. (same padding, max-pool down, transposed-conv or bilinear up, 1x1 head); sync_bn: true averages batch-norm statistics over the ranks of a data-parallel run.") { a in
        try layer(a, .unet(inChannels: try a.int(0), classes: try a.int(1), base: try a.int(2), depth: try a.int(3),
                           batchnorm: a.bool(4), up: try a.string(5), syncBN: try Bindings.strictBool(a, 6) ? true : nil))
    },
    Builtin("load", [Param("path")], doc: "Reads a layer saved with layer.save(path), architecture and weights.") { a in
        .object(try LayerObject.load(try a.inputPath(0)))
    },
]

/// Losses, optimizers and schedules.
let nnTrainingFunctions: [Builtin] = [
    Builtin("cross_entropy", [Param("logits"), Param("target"), .optional("weight"), Param("ignore_index", .int(-100))],
            doc: "Mean pixel cross-entropy of [N, C, H, W] logits against [N, H, W] int32 targets.") { a in
        .tensor(try NN.crossEntropy(try a.tensor(0), try a.tensor(1), weight: try a.optionalWeights(2), ignoreIndex: try a.int(3)))
    },
    Builtin("dice_loss", [Param("logits"), Param("target"), Param("ignore_index", .int(-100))],
            doc: "Soft multi-class Dice loss of [N, C, H, W] logits against [N, H, W] int32 targets.") { a in
        .tensor(try NN.diceLoss(try a.tensor(0), try a.tensor(1), ignoreIndex: try a.int(2)))
    },
    Builtin("sgd", [Param("params"), Param("lr", .float(0.01)), Param("momentum", .float(0)), Param("weight_decay", .float(0))],
            doc: "Stochastic gradient descent with optional momentum and weight decay.") { a in
        .object(OptimizerObject(try SGD(parameters: try a.parameterTensors(0), lr: Float(try a.double(1)),
                                        momentum: Float(try a.double(2)), weightDecay: Float(try a.double(3)))))
    },
    Builtin("adam", [Param("params"), Param("lr", .float(0.001)), Param("betas", .list([.float(0.9), .float(0.999)])), Param("weight_decay", .float(0))],
            doc: "Adam (L2 weight decay added to the gradient, as torch.optim.Adam).") { a in
        let b = try betas(a, 2)
        return .object(OptimizerObject(try Adam(parameters: try a.parameterTensors(0), lr: Float(try a.double(1)), beta1: b.0, beta2: b.1,
                                                weightDecay: Float(try a.double(3)))))
    },
    Builtin("adamw", [Param("params"), Param("lr", .float(0.001)), Param("betas", .list([.float(0.9), .float(0.999)])), Param("weight_decay", .float(0.01))],
            doc: "AdamW (decoupled weight decay, as torch.optim.AdamW).") { a in
        let b = try betas(a, 2)
        return .object(OptimizerObject(try Adam.adamW(parameters: try a.parameterTensors(0), lr: Float(try a.double(1)), beta1: b.0, beta2: b.1,
                                                      weightDecay: Float(try a.double(3)))))
    },
    Builtin("cosine", [Param("opt"), Param("steps"), Param("warmup", .int(0))],
            doc: "Cosine learning-rate decay over `steps` after a linear warmup; call .step() once per step.") { a in
        let o = try a.object(0, as: OptimizerObject.self)
        let s = try CosineSchedule(optimizer: o.optimizer, steps: try a.int(1), warmup: try a.int(2))
        o.touch()
        return .object(ScheduleObject(o, driver: .cosine(s)))
    },
    Builtin("onecycle", [Param("opt"), Param("max_lr"), Param("steps")],
            doc: "The one-cycle policy (PyTorch's OneCycleLR) over `steps`; call .step() once per step.") { a in
        let o = try a.object(0, as: OptimizerObject.self)
        let s = try OneCycleSchedule(optimizer: o.optimizer, maxLR: try a.double(1), totalSteps: try a.int(2))
        o.touch()
        return .object(ScheduleObject(o, driver: .oneCycle(s)))
    },
]

/// `betas: [b1, b2]`.
private func betas(_ a: Arguments, _ i: Int) throws -> (Float, Float) {
    let b = try a.doubles(i)
    guard b.count == 2 else { throw ScriptError("\(a.builtin.name)(): betas must be two numbers, got \(b.count)") }
    return (Float(b[0]), Float(b[1]))
}

/// Methods of Layer values.
let layerMethods: [Builtin] = [
    Builtin("parameters", doc: "The trainable tensors (shared with the layer, so optimizers update it).") { a in
        try a.receiver(as: LayerObject.self).parameterValues
    },
    Builtin("train", doc: "Training mode (batch statistics, dropout on); returns the layer.") { a in
        try a.receiver(as: LayerObject.self).module.train()
        return a.receiver
    },
    Builtin("eval", doc: "Evaluation mode (running statistics, no dropout); returns the layer.") { a in
        try a.receiver(as: LayerObject.self).module.eval()
        return a.receiver
    },
    Builtin("save", [Param("path")], doc: "Writes the weights as safetensors with PyTorch's names (and the architecture in metadata); rank 0 alone writes.") { a in
        let layer = try a.receiver(as: LayerObject.self), path = try a.string(0)
        try Bindings.writtenByLeader { try layer.save(path) }
        return .null
    },
    Builtin("load", [Param("path")], doc: "Reads weights saved by save() (or by PyTorch) into this layer; strict.") { a in
        try a.receiver(as: LayerObject.self).module.load(try a.inputPath(0))
        return a.receiver
    },
]

/// Methods of Optimizer values.
let optimizerMethods: [Builtin] = [
    Builtin("zero_grad", doc: "Clears the gradients of every parameter.") { a in
        let o = try a.receiver(as: OptimizerObject.self)
        o.optimizer.zeroGrad()
        o.touch()
        return .null
    },
    Builtin("step", doc: "Updates every parameter from its gradient.") { a in
        let o = try a.receiver(as: OptimizerObject.self)
        try o.optimizer.step()
        o.touch()
        return .null
    },
]

/// Methods of Schedule values.
let scheduleMethods: [Builtin] = [
    Builtin("step", doc: "Advances the schedule one step and sets the optimizer's lr.") { a in
        try a.receiver(as: ScheduleObject.self).step()
        return .null
    },
]
