import SegTensor

/// The tiling of one image by a Winograd transform, and the input and output transforms of a
/// band of tile rows.
///
/// Both transforms run on whole tile rows at once so that every inner loop is a contiguous
/// multiply-add over the tiles of a row (which the compiler vectorises): the input rows of a
/// tile row are first split by column phase (column x = u*m + p - 1 goes to phase p, index u),
/// which turns "element j of tile tx" into phase j % m at index tx + j / m.
struct TileGrid {
    let transform: WinogradTransform
    let channels, outChannels, height, width: Int
    /// Tile rows and columns per image.
    let high, wide: Int

    init(transform: WinogradTransform, channels: Int, outChannels: Int, height: Int, width: Int) {
        self.transform = transform
        (self.channels, self.outChannels, self.height, self.width) = (channels, outChannels, height, width)
        high = (height + transform.tile - 1) / transform.tile
        wide = (width + transform.tile - 1) / transform.tile
    }

    /// Indices per column phase: a tile row reaches one tile past its last for the last two columns.
    private var phaseLength: Int { wide + 1 }

    /// V[ξ][c][tile] = (B^T d B)[ξ] for every input channel and tile of `band`.
    func transformInput(_ x: UnsafePointer<Float>, band: TileBand, into v: UnsafeMutablePointer<Float>, split: Bool) {
        let t = transform, m = t.tile, alpha = t.alpha, rowLength = m * phaseLength
        Parallel.forEachChunk(channels, work: split ? channels * band.tiles * t.planes : 0) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * alpha * rowLength) { scratch in
                guard let phased = scratch.baseAddress else { return }
                let mixed = phased + alpha * rowLength
                for c in range {
                    for q in band.rows {
                        let image = band.firstImage + q / high, tileRow = q % high
                        let plane = x + (image * channels + c) * height * width
                        for i in 0..<alpha {
                            splitPhases(plane, row: tileRow * m - 1 + i, into: phased + i * rowLength)
                        }
                        // Rows: mixed[r] = Σ_i B^T[r][i] phased[i], all phases at once.
                        for r in 0..<alpha {
                            Self.combine(t.inputRows[r], count: rowLength, into: mixed + r * rowLength) { UnsafePointer(phased + $0 * rowLength) }
                        }
                        // Columns: V[r][s] = Σ_j B^T[s][j] mixed[r][column j], for every tile of the row.
                        let column = (q - band.rows.lowerBound) * wide
                        for r in 0..<alpha {
                            let source = mixed + r * rowLength
                            for s in 0..<alpha {
                                let destination = v + ((r * alpha + s) * channels + c) * band.tiles + column
                                Self.combine(t.inputRows[s], count: wide, into: destination) { UnsafePointer(source + ($0 % m) * phaseLength + $0 / m) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Input row `row` of one channel plane split by column phase, zero outside the image.
    @inline(__always)
    private func splitPhases(_ plane: UnsafePointer<Float>, row: Int, into phases: UnsafeMutablePointer<Float>) {
        let m = transform.tile, length = phaseLength
        guard row >= 0, row < height else {
            phases.update(repeating: 0, count: m * length)
            return
        }
        let source = plane + row * width
        for p in 0..<m {
            let destination = phases + p * length
            // Column u*m + p - 1 lies in 0..<width for u in inside.
            let inside = (p == 0 ? 1 : 0)..<max(p == 0 ? 1 : 0, min(length, (width - p + m) / m))
            if inside.lowerBound > 0 { destination[0] = 0 }
            let start = source + p - 1
            for u in inside { destination[u] = start[u * m] }
            if inside.upperBound < length { (destination + inside.upperBound).update(repeating: 0, count: length - inside.upperBound) }
        }
    }

    /// out = map(A^T M A) for every output channel and tile of `band`, storing only pixels
    /// inside the image.
    func transformOutput(_ products: UnsafePointer<Float>, band: TileBand, map: OutputMap,
                         into out: UnsafeMutablePointer<Float>, split: Bool) {
        let t = transform, m = t.tile, alpha = t.alpha, planeStride = outChannels * band.tiles
        Parallel.forEachChunk(outChannels, work: split ? outChannels * band.tiles * t.planes : 0) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: (alpha * m + 1) * wide) { scratch in
                guard let half = scratch.baseAddress else { return }
                let row = half + alpha * m * wide
                for co in range {
                    let scale = map.scale[co], offset = map.offset[co], relu = map.relu
                    for q in band.rows {
                        let image = band.firstImage + q / high, tileRow = q % high
                        let tilesStart = products + co * band.tiles + (q - band.rows.lowerBound) * wide
                        // Columns first: half[r][b] = Σ_s A^T[b][s] M[r][s].
                        for r in 0..<alpha {
                            for b in 0..<m {
                                Self.combine(t.outputRows[b], count: wide, into: half + (r * m + b) * wide) {
                                    tilesStart + (r * alpha + $0) * planeStride
                                }
                            }
                        }
                        let plane = out + (image * outChannels + co) * height * width
                        for a in 0..<min(m, height - tileRow * m) {
                            let destinationRow = plane + (tileRow * m + a) * width
                            for b in 0..<min(m, width) {
                                Self.combine(t.outputRows[a], count: wide, into: row) { UnsafePointer(half + ($0 * m + b) * wide) }
                                // Tiles whose column b lies inside the image.
                                let count = (width - b + m - 1) / m
                                let destination = destinationRow + b
                                if relu {
                                    for tx in 0..<count { destination[tx * m] = max(0, row[tx] * scale + offset) }
                                } else {
                                    for tx in 0..<count { destination[tx * m] = row[tx] * scale + offset }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// destination[k] = Σ coefficient * source(index)[k] over `terms` (which are never empty).
    @inline(__always)
    static func combine(_ terms: [WinogradTransform.Term], count: Int, into destination: UnsafeMutablePointer<Float>,
                        _ source: (Int) -> UnsafePointer<Float>) {
        guard let first = terms.first else {
            destination.update(repeating: 0, count: count)
            return
        }
        let s0 = source(first.index), c0 = first.coefficient
        for k in 0..<count { destination[k] = c0 * s0[k] }
        for term in terms.dropFirst() {
            let s = source(term.index), c = term.coefficient
            for k in 0..<count { destination[k] += c * s[k] }
        }
    }
}
