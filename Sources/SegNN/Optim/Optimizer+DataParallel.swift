import SegTensor

extension Optimizer {
    /// The most floats reduced in one allreduce (4 MB): large enough that a base-16 UNet's 1.9M
    /// gradients take two calls, small enough to stay far from MPI's 32-bit counts.
    static let gradientBucket = 1 << 20

    /// One `step()` across ranks: on the first call every rank takes rank 0's parameters; then
    /// the gradients, packed into one flat buffer, are averaged in a few bucket-sized
    /// allreduces, and each parameter is updated from its slice of the buffer. A parameter that
    /// has a gradient on some ranks only counts as zero on the others, so every rank makes the
    /// same collective calls and the same updates.
    func dataParallelStep() throws {
        let group = Distributed.group
        for (index, parameter) in parameters.enumerated() {
            if let grad = parameter.grad, grad.shape != parameter.shape {
                throw TensorError("gradient of parameter \(index) has shape \(grad.shape), expected \(parameter.shape)")
            }
        }
        if !parametersBroadcast {
            for parameter in parameters {
                try group.broadcast(UnsafeMutableRawPointer(parameter.floats), byteCount: parameter.count * MemoryLayout<Float>.size, root: 0)
                parameter.storage.markMutated()
            }
            parametersBroadcast = true
        }
        var present: [Float] = parameters.map { $0.grad == nil ? 0 : 1 }
        try present.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { try group.allreduce(base, count: buffer.count, op: .max) }
        }
        let included = parameters.indices.filter { present[$0] > 0 }
        let total = included.reduce(0) { $0 + parameters[$1].count }
        if averagedGradients.count < total { averagedGradients = [Float](repeating: 0, count: total) }
        try averagedGradients.withUnsafeMutableBufferPointer { flat in
            guard let base = flat.baseAddress else { return }
            var offset = 0
            for index in included {
                let count = parameters[index].count
                if let grad = parameters[index].grad {
                    let g = try grad.contiguousFloats("gradient of parameter \(index)")
                    (base + offset).update(from: g.floats, count: count)
                } else {
                    (base + offset).update(repeating: 0, count: count)
                }
                offset += count
            }
            var start = 0
            while start < total {
                let length = min(Self.gradientBucket, total - start)
                try group.allreduce(base + start, count: length, op: .sum)
                start += length
            }
            let scale = 1 / Float(group.size)
            for i in 0..<total { base[i] *= scale }
            offset = 0
            for index in included {
                let parameter = parameters[index]
                steps[index] += 1
                try update(index: index, parameter: parameter.floats, gradient: base + offset, count: parameter.count)
                parameter.storage.markMutated()
                offset += parameter.count
            }
        }
    }
}
