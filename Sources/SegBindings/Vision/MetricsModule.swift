import SegNN
import SegScript
import SegTensor
import SegVision

extension Bindings {
    /// The `metrics` module: confusion matrices and whole-dataset evaluation.
    static func registerMetricsModule(into registry: Registry) {
        registry.register(module: "metrics", doc: "Segmentation metrics: confusion matrix, IoU, accuracy", builtins: [
            Builtin("confusion", [Param("classes"), .optional("ignore"), .optional("names")],
                    doc: "An empty confusion matrix; add(prediction, target) accumulates (summed over the ranks of a data-parallel run)") { a in
                let names = try a[2].isNull ? nil : a.sequence(2).map { $0.asString ?? displayString($0) }
                return .object(ConfusionObject(try ConfusionMatrix(classes: a.int(0), ignore: a.optionalInt(1), names: names)))
            },
            Builtin("evaluate", [Param("model"), Param("ds"), Param("batch", .int(8)), .optional("normalize"), .optional("weight"),
                                 Param("flip", .bool(false))],
                    doc: "Runs a model (eval mode, no gradients) over a dataset and returns a dict: pixel_accuracy, mean_class_accuracy, miou, fw_iou (Floats), iou and class_accuracy (per class, nil where undefined), matrix (int32 confusion, rows true class), loss (mean cross entropy), table (per-class table), confusion (the matrix as a table). flip: true averages each prediction with the mirrored frame's") { a in
                try evaluate(model: a[0], dataset: a.object(1, as: DatasetObject.self).dataset, batch: a.int(2),
                             normalize: a[3], weight: a[4], flip: strictBool(a, 5), interpreter: a.interpreter)
            },
        ])
        registry.register(decoder: ConfusionObject.tag, ConfusionObject.decode)
        registry.register(methodsOf: "Confusion", builtins: [
            Builtin("add", [Param("prediction"), Param("target")], doc: "Counts logits [N, C, H, W] or labels [N, H, W] against targets") { a in
                try a.receiver(as: ConfusionObject.self).add(a.tensor(0), a.tensor(1))
                return .null
            },
            Builtin("table", doc: "The per-class table (class, IoU, accuracy, pixels)") { a in
                .object(try a.receiver(as: ConfusionObject.self).table())
            },
            Builtin("reset", doc: "Forgets every count") { a in
                try a.receiver(as: ConfusionObject.self).reset()
                return .null
            },
        ])
    }

    /// `metrics.evaluate`: the model in eval mode over the dataset in order, without gradients.
    /// With `flip`, each frame's class probabilities are averaged with those of its mirror image,
    /// and the loss is the cross entropy of that average.
    static func evaluate(model: Value, dataset: CamVidDataset, batch: Int, normalize: Value, weight: Value,
                         flip: Bool, interpreter: Interpreter) throws -> Value {
        var mean: [Float]?, std: [Float]?
        if case .dict(let d) = normalize {
            guard let m = d["mean"]?.asList?.compactMap(\.asDouble), let s = d["std"]?.asList?.compactMap(\.asDouble),
                  m.count == 3, s.count == 3 else {
                throw ScriptError("evaluate(): normalize must be {mean: [3 numbers], std: [3 numbers]}")
            }
            mean = m.map(Float.init)
            std = s.map(Float.init)
        } else if !normalize.isNull {
            throw ScriptError("evaluate(): normalize must be a Dict {mean, std} or nil, not \(normalize.typeName)")
        }
        var weights: [Float]?
        if let t = weight.asTensor {
            weights = t.floats()
        } else if let l = weight.asList {
            weights = try l.map { v -> Float in
                guard let d = v.asDouble else { throw ScriptError("evaluate(): weight must hold numbers") }
                return Float(d)
            }
        }
        let classes = dataset.classes.count
        if let w = weights, w.count != classes {
            throw ScriptError("evaluate(): weight has \(w.count) entries for \(classes) classes")
        }
        let weightTensor = try weights.map { try Tensor($0, shape: [classes]) }
        let confusion = ConfusionObject(try ConfusionMatrix(classes: classes, ignore: dataset.void, names: dataset.classes))
        var lossSum = 0.0, weightSum = 0.0
        _ = try interpreter.callMethod(model, "eval", [])
        defer { _ = try? interpreter.callMethod(model, "train", []) }
        let loader = try DataLoader(dataset: dataset, batch: batch, shuffle: false, sharding: .frames)
        let epoch = loader.epoch()
        defer { epoch.close() }
        try GradMode.withoutGrad {
            while let b = try epoch.next() {
                var input = b.image
                if let mean, let std { input = try ImageOps.normalize(input, mean: mean, std: std) }
                func scores(_ input: Tensor) throws -> Tensor {
                    guard let logits = try interpreter.call(model, [.tensor(input)]).asTensor, logits.shape.count == 4 else {
                        throw ScriptError("evaluate(): the model must return a Tensor of logits [N, C, H, W]")
                    }
                    return logits
                }
                var logits = try scores(input)
                if flip { logits = try Metrics.flipAveragedScores(logits, ImageOps.hflip(scores(ImageOps.hflip(input)))) }
                // This rank's frames only: the counts are summed over the ranks once, at the end.
                try confusion.confusion.add(logits, b.labels)
                // The loss averages over every non-void pixel of the dataset, so each batch counts by its weight.
                var batchWeight = 0.0
                let labels = try b.labels.contiguous().pointer(as: Int32.self)
                for i in 0..<b.labels.count {
                    let y = Int(labels[i])
                    if y >= 0 && y < classes && y != dataset.void { batchWeight += Double(weights?[y] ?? 1) }
                }
                if batchWeight > 0 {
                    let loss = try NN.crossEntropy(logits, b.labels, weight: weightTensor, ignoreIndex: dataset.void)
                    lossSum += Double(loss.floats()[0]) * batchWeight
                    weightSum += batchWeight
                }
            }
        }
        // Each rank saw its share of the frames: every rank gets the figures of all of them.
        try confusion.confusion.sumOverRanks()
        let sums = try Distributed.sum([lossSum, weightSum])
        lossSum = sums[0]
        weightSum = sums[1]
        let c = confusion.confusion
        return .dict([
            ("pixel_accuracy", .float(c.pixelAccuracy)),
            ("mean_class_accuracy", .float(c.meanClassAccuracy)),
            ("miou", .float(c.miou)),
            ("fw_iou", .float(c.fwIoU)),
            ("iou", ConfusionObject.optionals(c.iou)),
            ("class_accuracy", ConfusionObject.optionals(c.classAccuracy)),
            ("matrix", .tensor(try c.matrix())),
            ("loss", .float(weightSum > 0 ? lossSum / weightSum : .nan)),
            ("table", .object(confusion.table())),
            ("confusion", .object(try confusion.matrixTable())),
        ])
    }
}
