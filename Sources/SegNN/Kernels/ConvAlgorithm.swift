import Foundation

/// How 3x3 stride-1 padding-1 convolutions (the U-Net's blocks) are computed; every other
/// convolution uses im2col + sgemm. The sgemm-based Winograd paths keep the weight gradient on
/// im2col; the vector kernels (direct, direct-winograd, auto) compute all three passes themselves.
public enum ConvAlgorithm: String, CaseIterable, Sendable {
    /// im2col + one sgemm per band of output rows.
    case im2col
    /// Winograd F(2x2, 3x3) through sgemm: 2.25x fewer multiplies than the direct convolution,
    /// but transforms materialised in memory and small GEMMs (slower than im2col at base 16).
    case winograd2
    /// Winograd F(4x4, 3x3) through sgemm: 4x fewer multiplies, larger transforms.
    case winograd4
    /// The direct vector kernel (AVX-512 or AVX2) for the forward pass and both gradients; im2col
    /// on a CPU with neither.
    case direct
    /// The vector Winograd F(2x2, 3x3) kernel for the forward pass and the input gradient, the
    /// direct kernel for the weight gradient; im2col on a CPU with neither AVX-512 nor AVX2.
    case directWinograd = "direct-winograd"
    /// Per layer: on images at least one vector wide, the vector Winograd kernel where both sides
    /// have 16 channels or more and its tiles fill a vector, the direct kernel elsewhere (the
    /// first layer's 3 input channels); im2col on narrower images.
    case auto

    /// The algorithm used when SEGNB_CONV does not name one: `auto` (on the base-16 U-Net,
    /// 0.73x of the direct kernel's inference and 0.84x of its train step, which was itself
    /// 0.67x / 0.74x of im2col's; Benchmarks/NN.md); im2col on a CPU without AVX2.
    public static let standard: ConvAlgorithm = .auto

    /// The vector-kernel level in use (`VectorKernels`): "avx512", "avx2" or "none".
    public static var directKernel: String { VectorKernels.levelName }

    /// The algorithm in use: SEGNB_CONV (im2col, winograd2, winograd4, direct, direct-winograd or
    /// auto) when set, else `standard`.
    /// Benchmarks switch it between runs to compare the paths in one process.
    nonisolated(unsafe) public static var selected: ConvAlgorithm = fromEnvironment(ProcessInfo.processInfo.environment)

    /// The algorithm named by SEGNB_CONV in `environment`; an unknown name is reported on stderr
    /// (naming the variable and the choices) and the standard algorithm is used.
    static func fromEnvironment(_ environment: [String: String]) -> ConvAlgorithm {
        guard let name = environment["SEGNB_CONV"], !name.isEmpty else { return standard }
        if let algorithm = parse(name) { return algorithm }
        let choices = allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("segnb: SEGNB_CONV=\(name) is not one of \(choices); using \(standard.rawValue)\n".utf8))
        return standard
    }

    /// The algorithm called `name` (case-insensitive; "winograd" means F(4x4, 3x3)), or nil.
    public static func parse(_ name: String) -> ConvAlgorithm? {
        let lowered = name.lowercased()
        return lowered == "winograd" ? .winograd4 : ConvAlgorithm(rawValue: lowered)
    }

    /// How a convolution of geometry `g` runs under the selected algorithm: every convolution
    /// but the 3x3 stride-1 padding-1 ones takes im2col.
    static func path(for g: ConvGeometry) -> ConvPath {
        guard g.kernel == 3, g.stride == 1, g.padding == 1 else { return .im2col }
        switch selected {
        case .im2col: return .im2col
        case .winograd2: return .winograd(.f2)
        case .winograd4: return .winograd(.f4)
        case .direct, .directWinograd: return DirectConvolution.runs(g) ? .direct : .im2col
        case .auto: return DirectConvolution.runs(g) && g.width >= DirectConvolution.tileWidth ? .direct : .im2col
        }
    }

    /// The Winograd transform for a convolution of geometry `g`, or nil when it takes another path.
    static func winogradTransform(for g: ConvGeometry) -> WinogradTransform? {
        if case .winograd(let transform) = path(for: g) { return transform }
        return nil
    }
}

/// The kernels one convolution runs on.
enum ConvPath {
    /// im2col + one sgemm per band of output rows.
    case im2col
    /// Winograd tiles with this transform.
    case winograd(WinogradTransform)
    /// The direct vector kernel.
    case direct
}
