import SegTensor

/// A mosaic of images with where each one landed, so captions can be drawn by the caller
/// (the HTML report puts them as text under the cells; no font rendering happens here).
public struct ImageGrid {
    /// One placed image: its caption and pixel rectangle in `image`.
    public struct Cell: Equatable, Sendable {
        public var caption: String?
        public var row: Int, column: Int
        public var top: Int, left: Int, height: Int, width: Int
    }
    /// The mosaic, float32 `[3, H, W]` in 0...1.
    public var image: Tensor
    /// Cells in input order.
    public var cells: [Cell]
    /// The captions in input order (nil entries when none were given).
    public var captions: [String?] { cells.map(\.caption) }
}

extension ImageOps {
    /// Lays out `images` (float32 `[3, H, W]` or `[1, H, W]`, or int32 label maps `[H, W]`
    /// coloured with `palette`; a batch `[N, C, H, W]` counts as N images) in rows of `cols`,
    /// `padding` pixels apart on a white background; cells are the largest image's size, images
    /// top-left aligned.
    public static func grid(_ images: [Tensor], cols: Int, captions: [String]? = nil, padding: Int = 2,
                            palette: [[UInt8]] = CamVidClasses.standard.colors) throws -> ImageGrid {
        guard cols > 0 else { throw VisionError("image.grid: cols must be positive, got \(cols)") }
        guard padding >= 0 else { throw VisionError("image.grid: padding must be >= 0, got \(padding)") }
        var tiles: [Tensor] = []
        for (index, t) in images.enumerated() {
            if t.dtype == .int32 && (t.rank == 2 || t.rank == 3) {
                let coloured = try colorize(t, palette: palette)
                tiles += t.rank == 2 ? [coloured] : try split(coloured)
            } else if t.dtype == .float32 && t.rank == 3 && (t.shape[0] == 1 || t.shape[0] == 3) {
                tiles.append(t)
            } else if t.dtype == .float32 && t.rank == 4 && (t.shape[1] == 1 || t.shape[1] == 3) {
                tiles += try split(t)
            } else {
                throw VisionError("image.grid: image \(index) has unsupported \(t.dtype) shape \(t.shape) (expected [3, H, W], [1, H, W], [N, C, H, W] or int32 labels)")
            }
        }
        guard !tiles.isEmpty else { throw VisionError("image.grid: no images") }
        if let captions, captions.count != tiles.count {
            throw VisionError("image.grid: \(captions.count) captions for \(tiles.count) images")
        }
        let cellH = tiles.map { $0.shape[1] }.max() ?? 0, cellW = tiles.map { $0.shape[2] }.max() ?? 0
        let columns = min(cols, tiles.count), rows = (tiles.count + columns - 1) / columns
        let height = rows * cellH + (rows + 1) * padding, width = columns * cellW + (columns + 1) * padding
        let mosaic = try Tensor(shape: [3, height, width], zeroed: false)
        let out = mosaic.pointer(as: Float.self)
        out.update(repeating: 1, count: 3 * height * width)
        var cells: [ImageGrid.Cell] = []
        for (index, tile) in tiles.enumerated() {
            let t = try tile.contiguous()
            let r = index / columns, c = index % columns
            let top = padding + r * (cellH + padding), left = padding + c * (cellW + padding)
            let h = t.shape[1], w = t.shape[2], src = t.pointer(as: Float.self)
            for ch in 0..<3 {
                let from = src + (t.shape[0] == 1 ? 0 : ch) * h * w
                for y in 0..<h {
                    let row = out + (ch * height + top + y) * width + left
                    for x in 0..<w { row[x] = min(max(from[y * w + x], 0), 1) }
                }
            }
            cells.append(.init(caption: captions?[index], row: r, column: c, top: top, left: left, height: h, width: w))
        }
        return ImageGrid(image: mosaic, cells: cells)
    }

    /// The N images of a batch `[N, C, H, W]` as separate contiguous tensors.
    static func split(_ batch: Tensor) throws -> [Tensor] {
        let t = try batch.contiguous()
        let per = Shape.count(Array(t.shape.dropFirst()))
        return try (0..<t.shape[0]).map { n in
            let one = try Tensor(shape: Array(t.shape.dropFirst()), zeroed: false)
            one.pointer(as: Float.self).update(from: t.pointer(as: Float.self) + n * per, count: per)
            return one
        }
    }
}
