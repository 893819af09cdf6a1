import SegTensor

/// 3x3 stride-1 padding-1 convolution by Winograd tiles, batched as alpha² GEMMs per band:
/// U = G w G^T once per call ([alpha²][Cout][Cin]); for each band of tile rows the input tiles
/// are transformed into V ([alpha²][Cin][tiles]), multiplied plane by plane (M[ξ] = U[ξ] V[ξ],
/// one cblas_sgemm each, [Cout x Cin] x [Cin x tiles]) and transformed back into the NCHW output,
/// with bias and an optional per-channel affine map + ReLU applied on the way out.
///
/// Like the im2col path it runs over `ImageLanes` (each core half the batch, single-threaded
/// sgemm), and a band's tiles may span several images of a lane so that the GEMMs of the small
/// deep layers are not a few tiles wide. Tile rows reach past the bottom and right edges when H
/// or W is not a multiple of the tile; those input pixels read as zero padding and the outputs
/// they produce are not stored.
enum WinogradConvolution {
    /// The V and M buffers of a band aim for this many floats together (1 MB, about a core's L2).
    nonisolated(unsafe) static var bandFloats = 262_144
    /// The fewest tiles a band has, so that each plane's GEMM is not too narrow for sgemm.
    nonisolated(unsafe) static var bandMinimumTiles = 256

    /// out[n] = conv3x3(x[n], weight, padding 1) (+ bias), then `epilogue`; `weight` is
    /// [outChannels][channels][3][3] and the output has the input's height and width.
    static func convolve(x: UnsafePointer<Float>, batch: Int, channels: Int, height: Int, width: Int,
                         weight: UnsafePointer<Float>, outChannels: Int, bias: UnsafePointer<Float>?,
                         epilogue: ChannelAffine?, out: UnsafeMutablePointer<Float>, transform t: WinogradTransform) throws {
        if batch == 0 || outChannels == 0 || height == 0 || width == 0 { return }
        let tiles = TileGrid(transform: t, channels: channels, outChannels: outChannels, height: height, width: width)
        let lanes = ImageLanes.plan(batch: batch)
        let laneRows = ((batch + 1) / 2) * tiles.high
        let widthFloats = t.planes * (channels + outChannels) * tiles.wide
        let minimumRows = (bandMinimumTiles + tiles.wide - 1) / tiles.wide
        let rowsPerBand = min(laneRows, max(1, minimumRows, bandFloats / max(widthFloats, 1)))
        let bandTiles = rowsPerBand * tiles.wide
        let u = try Workspace.winogradFilters.floats(t.planes * outChannels * channels)
        t.transformFilters(weight, outputs: outChannels, inputs: channels, into: u)
        let transformed = try Workspace.buffers(Workspace.laneColumns, for: lanes, count: t.planes * channels * bandTiles)
        let products = try Workspace.buffers(Workspace.laneAdjointColumns, for: lanes, count: t.planes * outChannels * bandTiles)
        let map = OutputMap(channels: outChannels, bias: bias, epilogue: epilogue)
        ImageLanes.run(lanes) { lane in
            let v = transformed[lane.index], m = products[lane.index]
            let rows = lane.images.count * tiles.high
            for start in stride(from: 0, to: rows, by: rowsPerBand) {
                let band = TileBand(firstImage: lane.images.lowerBound, rows: start..<min(rows, start + rowsPerBand), grid: tiles)
                tiles.transformInput(x, band: band, into: v, split: lane.isAlone)
                for plane in 0..<t.planes {
                    Gemm.multiply(transposeA: false, transposeB: false, m: outChannels, n: band.tiles, k: channels,
                                  a: u + plane * outChannels * channels, lda: channels,
                                  b: v + plane * channels * band.tiles, ldb: band.tiles,
                                  beta: 0, c: m + plane * outChannels * band.tiles, ldc: band.tiles)
                }
                tiles.transformOutput(m, band: band, map: map, into: out, split: lane.isAlone)
            }
        }
    }
}

/// What happens to each output value on its way out: value * scale[c] + offset[c], then ReLU
/// when asked (bias alone is scale 1, offset bias; batch norm folds in as the affine map).
struct OutputMap {
    let scale: [Float]
    let offset: [Float]
    let relu: Bool

    init(channels: Int, bias: UnsafePointer<Float>?, epilogue: ChannelAffine?) {
        var scale = [Float](repeating: 1, count: channels), offset = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            let b = bias?[c] ?? 0
            if let epilogue {
                scale[c] = epilogue.scale[c]
                offset[c] = b * epilogue.scale[c] + epilogue.shift[c]
            } else {
                offset[c] = b
            }
        }
        self.scale = scale
        self.offset = offset
        relu = epilogue?.relu ?? false
    }
}

/// A run of tile rows of one lane; tile row q of the lane is row q % high of its image q / high.
struct TileBand {
    let firstImage: Int
    let rows: Range<Int>
    /// Tiles in the band: the width of each plane's GEMM.
    let tiles: Int

    init(firstImage: Int, rows: Range<Int>, grid: TileGrid) {
        self.firstImage = firstImage
        self.rows = rows
        tiles = rows.count * grid.wide
    }
}
