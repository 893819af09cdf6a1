import SegTensor

/// The batched forward and backward passes of convolution and transposed convolution over raw
/// NCHW buffers, as im2col/col2im around one sgemm per image.
///
/// A transposed convolution is the adjoint of a convolution with the same geometry (the
/// geometry's "input" is the transposed convolution's output), so the two share both kernels.
enum ConvKernels {
    /// out[n] = W[cout, K] x im2col(x[n]) (+ bias), then `epilogue` on each image's output while it
    /// is still in cache (inference fuses batch norm and ReLU there).
    static func convForward(x: UnsafePointer<Float>, batch: Int, g: ConvGeometry, weight: UnsafePointer<Float>,
                            outChannels: Int, bias: UnsafePointer<Float>?, out: UnsafeMutablePointer<Float>,
                            epilogue: ChannelAffine? = nil) throws {
        if case .direct = ConvAlgorithm.path(for: g) {
            try DirectConvolution.convolve(x: x, batch: batch, channels: g.channels, height: g.height, width: g.width,
                                           weight: weight, outChannels: outChannels, bias: bias, epilogue: epilogue, out: out)
            return
        }
        if let transform = ConvAlgorithm.winogradTransform(for: g) {
            try WinogradConvolution.convolve(x: x, batch: batch, channels: g.channels, height: g.height, width: g.width,
                                             weight: weight, outChannels: outChannels, bias: bias, epilogue: epilogue,
                                             out: out, transform: transform)
            return
        }
        let rows = g.columnRows, pixels = g.outPixels
        let lanes = ImageLanes.plan(batch: batch)
        let bands = g.isPointwise ? [0..<g.outHeight] : g.outputBands()
        let bandPixels = (bands.map(\.count).max() ?? 0) * g.outWidth
        let columns = g.isPointwise ? nil : try Workspace.buffers(Workspace.laneColumns, for: lanes, count: rows * bandPixels)
        ImageLanes.run(lanes) { lane in
            for n in lane.images {
                let image = x + n * g.channels * g.inPixels
                let result = out + n * outChannels * pixels
                for band in bands {
                    let width = band.count * g.outWidth, offset = band.lowerBound * g.outWidth
                    var source = image + offset, sourceStride = pixels
                    if let columns {
                        Im2Col.im2col(image, g, columns[lane.index], band: band, split: lane.isAlone)
                        source = UnsafePointer(columns[lane.index])
                        sourceStride = width
                    }
                    Gemm.multiply(transposeA: false, transposeB: false, m: outChannels, n: width, k: rows,
                                  a: weight, lda: rows, b: source, ldb: sourceStride, beta: 0, c: result + offset, ldc: pixels)
                }
                if let bias { addBias(result, bias, channels: outChannels, pixels: pixels) }
                epilogue?.apply(result, channels: outChannels, pixels: pixels)
            }
        }
    }

    /// Gradients of a convolution: dW += dY[n] x cols[n]^T, and dX[n] either as the correlation
    /// of dY[n] with the flipped kernel (stride 1: im2col of dY then one sgemm straight into dX,
    /// which avoids col2im's scattered adds and a column-sized zero fill) or as
    /// col2im(W^T x dY[n]) for strided convolutions.
    static func convBackward(x: UnsafePointer<Float>, batch: Int, g: ConvGeometry, weight: UnsafePointer<Float>,
                             outChannels: Int, gradOut: UnsafePointer<Float>,
                             gradInput: UnsafeMutablePointer<Float>?, gradWeight: UnsafeMutablePointer<Float>?) throws {
        if case .direct = ConvAlgorithm.path(for: g) {
            // Small images take dW through im2col + sgemm (the call below with no dX comes back here
            // and goes on to that path); dX always runs on the vector kernels.
            let directWeightGradient = DirectConvolution.computesWeightGradient(pixels: g.inPixels)
            if gradInput != nil || directWeightGradient {
                if !directWeightGradient, gradWeight != nil {
                    try convBackward(x: x, batch: batch, g: g, weight: weight, outChannels: outChannels, gradOut: gradOut,
                                     gradInput: nil, gradWeight: gradWeight)
                }
                try DirectConvolution.backward(x: x, batch: batch, channels: g.channels, height: g.height, width: g.width,
                                               weight: weight, outChannels: outChannels, gradOut: gradOut,
                                               gradInput: gradInput, gradWeight: directWeightGradient ? gradWeight : nil)
                return
            }
        }
        if let gradInput, let transform = ConvAlgorithm.winogradTransform(for: g) {
            // dW stays on the GEMM path; dX is the padding-1 correlation of dY with the flipped,
            // transposed kernel, itself a 3x3 stride-1 padding-1 convolution.
            if gradWeight != nil {
                try convBackward(x: x, batch: batch, g: g, weight: weight, outChannels: outChannels, gradOut: gradOut,
                                 gradInput: nil, gradWeight: gradWeight)
            }
            let flipped = flip(weight, outChannels: outChannels, inChannels: g.channels, kernel: g.kernel)
            try flipped.withUnsafeBufferPointer { kernels in
                guard let kernels = kernels.baseAddress else { return }
                try WinogradConvolution.convolve(x: gradOut, batch: batch, channels: outChannels, height: g.outHeight,
                                                 width: g.outWidth, weight: kernels, outChannels: g.channels, bias: nil,
                                                 epilogue: nil, out: gradInput, transform: transform)
            }
            return
        }
        let rows = g.columnRows, pixels = g.outPixels
        let lanes = ImageLanes.plan(batch: batch)
        let flipped = gradInput != nil && !g.isPointwise && g.stride == 1 && g.padding <= g.kernel - 1
        // The col2im path for dX needs the whole column matrix; the others work in bands.
        let bands = g.isPointwise || (gradInput != nil && !flipped) ? [0..<g.outHeight] : g.outputBands()
        let bandPixels = (bands.map(\.count).max() ?? 0) * g.outWidth
        let columns = g.isPointwise ? nil : try Workspace.buffers(Workspace.laneColumns, for: lanes, count: rows * bandPixels)
        let adjoint = flipped
            ? try ConvGeometry(channels: outChannels, height: g.outHeight, width: g.outWidth, kernel: g.kernel,
                               stride: 1, padding: g.kernel - 1 - g.padding) : nil
        var flippedWeight: [Float] = []
        if flipped { flippedWeight = flip(weight, outChannels: outChannels, inChannels: g.channels, kernel: g.kernel) }
        let adjointBands = adjoint?.outputBands() ?? []
        let adjointColumns = try adjoint.map {
            try Workspace.buffers(Workspace.laneAdjointColumns, for: lanes,
                                  count: $0.columnRows * (adjointBands.map(\.count).max() ?? 0) * $0.outWidth)
        }
        let weightGradients = try laneWeightGradients(gradWeight, lanes: lanes, count: outChannels * rows)
        flippedWeight.withUnsafeBufferPointer { flippedBuffer in
            ImageLanes.run(lanes) { lane in
                let laneColumns = columns?[lane.index]
                for n in lane.images {
                    let image = x + n * g.channels * g.inPixels
                    let dy = gradOut + n * outChannels * pixels
                    if let weightGradients {
                        for band in bands {
                            let width = band.count * g.outWidth, offset = band.lowerBound * g.outWidth
                            var source = image + offset, sourceStride = pixels
                            if let laneColumns {
                                Im2Col.im2col(image, g, laneColumns, band: band, split: lane.isAlone)
                                source = UnsafePointer(laneColumns)
                                sourceStride = width
                            }
                            let first = n == lane.images.lowerBound && band.lowerBound == 0
                            Gemm.multiply(transposeA: false, transposeB: true, m: outChannels, n: rows, k: width,
                                          a: dy + offset, lda: pixels, b: source, ldb: sourceStride, beta: first ? 0 : 1,
                                          c: weightGradients[lane.index], ldc: rows)
                        }
                    }
                    guard let gradInput else { continue }
                    let dx = gradInput + n * g.channels * g.inPixels
                    if let adjoint, let adjointColumns, let w = flippedBuffer.baseAddress {
                        let laneAdjoint = adjointColumns[lane.index]
                        let depth = outChannels * g.kernel * g.kernel
                        for band in adjointBands {
                            let width = band.count * adjoint.outWidth, offset = band.lowerBound * adjoint.outWidth
                            Im2Col.im2col(dy, adjoint, laneAdjoint, band: band, split: lane.isAlone)
                            Gemm.multiply(transposeA: false, transposeB: false, m: g.channels, n: width, k: depth,
                                          a: w, lda: depth, b: laneAdjoint, ldb: width, beta: 0, c: dx + offset, ldc: g.inPixels)
                        }
                    } else if let laneColumns {
                        Gemm.multiply(transposeA: true, transposeB: false, m: rows, n: pixels, k: outChannels,
                                      a: weight, lda: rows, b: dy, ldb: pixels, beta: 0, c: laneColumns, ldc: pixels)
                        dx.update(repeating: 0, count: g.channels * g.inPixels)
                        Im2Col.col2im(laneColumns, g, dx, split: lane.isAlone)
                    } else {
                        Gemm.multiply(transposeA: true, transposeB: false, m: rows, n: pixels, k: outChannels,
                                      a: weight, lda: rows, b: dy, ldb: pixels, beta: 0, c: dx, ldc: pixels)
                    }
                }
            }
        }
        if let weightGradients, let gradWeight { sumLaneWeightGradients(weightGradients, into: gradWeight, count: outChannels * rows) }
    }

    /// Where each lane accumulates its images' weight gradient: the first lane straight into
    /// `gradWeight`, the others into private buffers (nil when no weight gradient is wanted).
    static func laneWeightGradients(_ gradWeight: UnsafeMutablePointer<Float>?, lanes: [ImageLane],
                                    count: Int) throws -> [UnsafeMutablePointer<Float>]? {
        guard let gradWeight else { return nil }
        var result = [gradWeight]
        for lane in lanes.dropFirst() { result.append(try Workspace.laneWeightGradients[lane.index - 1].floats(count)) }
        return result
    }

    /// Adds the other lanes' weight gradients onto the first's.
    static func sumLaneWeightGradients(_ lanes: [UnsafeMutablePointer<Float>], into gradWeight: UnsafeMutablePointer<Float>, count: Int) {
        for extra in lanes.dropFirst() {
            for i in 0..<count { gradWeight[i] += extra[i] }
        }
    }

    /// W[co, ci, ky, kx] -> Wf[ci, co, k-1-ky, k-1-kx]: the kernel of the adjoint correlation.
    static func flip(_ weight: UnsafePointer<Float>, outChannels: Int, inChannels: Int, kernel k: Int) -> [Float] {
        var result = [Float](repeating: 0, count: outChannels * inChannels * k * k)
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                for ky in 0..<k {
                    for kx in 0..<k {
                        result[((ci * outChannels + co) * k + (k - 1 - ky)) * k + (k - 1 - kx)] = weight[((co * inChannels + ci) * k + ky) * k + kx]
                    }
                }
            }
        }
        return result
    }

    /// Transposed convolution: out[n] = col2im(W^T x x[n]) (+ bias), W laid out [cin, cout*k*k].
    /// `g` describes the adjoint convolution: g.channels = cout over the output image.
    static func transposedForward(x: UnsafePointer<Float>, batch: Int, inChannels: Int, g: ConvGeometry,
                                  weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                  out: UnsafeMutablePointer<Float>) throws {
        if TransposedConvolution.runs(g) {
            try TransposedConvolution.forward(x: x, batch: batch, inChannels: inChannels, height: g.outHeight, width: g.outWidth,
                                              weight: weight, outChannels: g.channels, bias: bias, out: out)
            return
        }
        let rows = g.columnRows, pixels = g.outPixels
        let lanes = ImageLanes.plan(batch: batch)
        let columns = try Workspace.buffers(Workspace.laneColumns, for: lanes, count: rows * pixels)
        let tiles = g.kernel == g.stride && g.padding == 0 && g.outHeight * g.stride == g.height && g.outWidth * g.stride == g.width
        ImageLanes.run(lanes) { lane in
            for n in lane.images {
                let image = x + n * inChannels * pixels
                let result = out + n * g.channels * g.inPixels
                Gemm.multiply(transposeA: true, transposeB: false, m: rows, n: pixels, k: inChannels,
                              a: weight, lda: rows, b: image, ldb: pixels, beta: 0, c: columns[lane.index], ldc: pixels)
                if !tiles { result.update(repeating: 0, count: g.channels * g.inPixels) }
                Im2Col.col2im(columns[lane.index], g, result, overwrite: tiles, split: lane.isAlone)
                if let bias { addBias(result, bias, channels: g.channels, pixels: g.inPixels) }
            }
        }
    }

    /// Gradients of a transposed convolution: cols = im2col(dY[n]); dX[n] = W x cols; dW += x[n] x cols^T.
    static func transposedBackward(x: UnsafePointer<Float>, batch: Int, inChannels: Int, g: ConvGeometry,
                                   weight: UnsafePointer<Float>, gradOut: UnsafePointer<Float>,
                                   gradInput: UnsafeMutablePointer<Float>?, gradWeight: UnsafeMutablePointer<Float>?) throws {
        let rows = g.columnRows, pixels = g.outPixels
        let lanes = ImageLanes.plan(batch: batch)
        let columns = try Workspace.buffers(Workspace.laneColumns, for: lanes, count: rows * pixels)
        let weightGradients = try laneWeightGradients(gradWeight, lanes: lanes, count: inChannels * rows)
        ImageLanes.run(lanes) { lane in
            let laneColumns = columns[lane.index]
            for n in lane.images {
                let image = x + n * inChannels * pixels
                Im2Col.im2col(gradOut + n * g.channels * g.inPixels, g, laneColumns, split: lane.isAlone)
                if let gradInput {
                    Gemm.multiply(transposeA: false, transposeB: false, m: inChannels, n: pixels, k: rows,
                                  a: weight, lda: rows, b: laneColumns, ldb: pixels, beta: 0,
                                  c: gradInput + n * inChannels * pixels, ldc: pixels)
                }
                if let weightGradients {
                    Gemm.multiply(transposeA: false, transposeB: true, m: inChannels, n: rows, k: pixels,
                                  a: image, lda: pixels, b: laneColumns, ldb: pixels, beta: n == lane.images.lowerBound ? 0 : 1,
                                  c: weightGradients[lane.index], ldc: rows)
                }
            }
        }
        if let weightGradients, let gradWeight { sumLaneWeightGradients(weightGradients, into: gradWeight, count: inChannels * rows) }
    }

    /// Adds bias[c] to every pixel of channel c.
    static func addBias(_ data: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, channels: Int, pixels: Int) {
        for c in 0..<channels {
            let b = bias[c], row = data + c * pixels
            for i in 0..<pixels { row[i] += b }
        }
    }

    /// Sums dY over batch and pixels per channel: the bias gradient.
    static func biasGradient(_ gradOut: UnsafePointer<Float>, batch: Int, channels: Int, pixels: Int,
                             into result: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            var total: Double = 0
            for n in 0..<batch {
                let row = gradOut + (n * channels + c) * pixels
                var partial: Float = 0
                for i in 0..<pixels { partial += row[i] }
                total += Double(partial)
            }
            result[c] = Float(total)
        }
    }
}
