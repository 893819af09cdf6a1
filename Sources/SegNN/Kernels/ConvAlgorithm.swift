import Foundation

/// How 3x3 stride-1 padding-1 convolutions (the U-Net's blocks) compute their forward pass and
/// input gradient; every other convolution, and every weight gradient, uses im2col + sgemm.
public enum ConvAlgorithm: String, CaseIterable, Sendable {
    /// im2col + one sgemm per band of output rows.
    case im2col
    /// Winograd F(2x2, 3x3): 2.25x fewer multiplies than the direct convolution.
    case winograd2
    /// Winograd F(4x4, 3x3): 4x fewer multiplies, larger transforms.
    case winograd4
    /// Per layer: Winograd F(4x4, 3x3) where the layer has at least `deepChannels` input
    /// channels, im2col below. Winograd turns a layer into 36 GEMMs whose inner dimension is the
    /// input channel count, which sgemm runs well only when that count is large; shallow layers
    /// stay on im2col, whose inner dimension is nine times larger.
    case auto

    /// The input channel count from which `auto` takes the Winograd path.
    public static let deepChannels = 64

    /// The algorithm used when SEGNB_CONV does not name one: im2col, because the Winograd paths
    /// did not measure faster on the base-16 U-Net (Benchmarks/NN.md).
    public static let standard: ConvAlgorithm = .im2col

    /// The algorithm in use: SEGNB_CONV (im2col, winograd2 or winograd4) when set, else `standard`.
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

    /// The Winograd transform for a convolution of geometry `g`, or nil when it takes the
    /// im2col path (other kernel sizes, strides or paddings, or im2col selected).
    static func winogradTransform(for g: ConvGeometry) -> WinogradTransform? {
        guard g.kernel == 3, g.stride == 1, g.padding == 1 else { return nil }
        switch selected {
        case .im2col: return nil
        case .winograd2: return .f2
        case .winograd4: return .f4
        case .auto: return g.channels >= deepChannels ? .f4 : nil
        }
    }
}
