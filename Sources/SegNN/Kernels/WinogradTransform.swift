/// The matrices of a Winograd minimal filtering algorithm F(m x m, 3 x 3) (Lavin and Gray,
/// "Fast Algorithms for Convolutional Neural Networks"): an output tile of m x m pixels is
/// A^T [(G g G^T) ⊙ (B^T d B)] A for an input tile d of (m + 2) x (m + 2) pixels and a 3x3
/// kernel g, so a tile costs (m + 2)^2 multiplies per channel pair instead of 9 m^2.
///
/// The matrices are kept as sparse term lists because most entries are 0 or ±1 and the transforms
/// run as whole-row multiply-adds over many tiles at once.
struct WinogradTransform: Sendable {
    /// One nonzero entry of a transform matrix row: the column it reads and its coefficient.
    struct Term: Sendable {
        let index: Int
        let coefficient: Float
    }

    /// Output tile side m.
    let tile: Int
    /// Input tile side m + 2.
    let alpha: Int
    /// Rows of B^T (alpha x alpha), as terms over the input tile's rows.
    let inputRows: [[Term]]
    /// Rows of A^T (m x alpha), as terms over the transformed tile's rows.
    let outputRows: [[Term]]
    /// The filter transform as one matrix: entry [ξ][k] = G[r][ky] G[s][kx] for ξ = r*alpha + s,
    /// k = ky*3 + kx, so U = filterMatrix (alpha² x 9) times the kernels (9 per channel pair).
    let filterMatrix: [Float]

    /// F(2x2, 3x3): interpolation points 0, 1, -1 and infinity; 16 multiplies per 4 outputs.
    static let f2 = WinogradTransform(
        tile: 2,
        inverseInput: [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]],
        filter: [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]],
        output: [[1, 1, 1, 0], [0, 1, -1, -1]])

    /// F(4x4, 3x3): points 0, ±1, ±2 and infinity; 36 multiplies per 16 outputs.
    static let f4 = WinogradTransform(
        tile: 4,
        inverseInput: [[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
                       [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]],
        filter: [[1.0 / 4, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6], [-1.0 / 6, 1.0 / 6, -1.0 / 6],
                 [1.0 / 24, 1.0 / 12, 1.0 / 6], [1.0 / 24, -1.0 / 12, 1.0 / 6], [0, 0, 1]],
        output: [[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]])

    private init(tile: Int, inverseInput bt: [[Double]], filter g: [[Double]], output at: [[Double]]) {
        self.tile = tile
        alpha = tile + 2
        func terms(_ row: [Double]) -> [Term] {
            row.enumerated().compactMap { $0.element == 0 ? nil : Term(index: $0.offset, coefficient: Float($0.element)) }
        }
        inputRows = bt.map(terms)
        outputRows = at.map(terms)
        var matrix: [Float] = []
        for r in g {
            for s in g {
                for ky in 0..<3 {
                    for kx in 0..<3 { matrix.append(Float(r[ky] * s[kx])) }
                }
            }
        }
        filterMatrix = matrix
    }

    /// Number of transformed planes (alpha²): one GEMM each.
    var planes: Int { alpha * alpha }

    /// U[ξ][o][i] = (G w[o][i] G^T)[ξ] for kernels `weight` laid out [outputs][inputs][3][3]: a
    /// single sgemm of the alpha² x 9 filter matrix with the kernels seen as a 9-wide matrix.
    func transformFilters(_ weight: UnsafePointer<Float>, outputs: Int, inputs: Int, into u: UnsafeMutablePointer<Float>) {
        let pairs = outputs * inputs
        filterMatrix.withUnsafeBufferPointer { matrix in
            guard let base = matrix.baseAddress else { return }
            Gemm.multiply(transposeA: false, transposeB: true, m: planes, n: pairs, k: 9,
                          a: base, lda: 9, b: weight, ldb: 9, beta: 0, c: u, ldc: pairs)
        }
    }
}
