import CNNKernels
import Foundation

/// The instruction-set level at which the C kernels of CNNKernels (direct convolution, 2x2 max
/// pool) run: each is compiled for AVX-512 and AVX2 and chosen here, once per process.
enum VectorKernels {
    /// 2 for AVX-512, 1 for AVX2 with FMA, 0 for neither: what the CPU supports, capped by
    /// SEGNB_MAX_CPU_ISA, unless a test lowers it to check the AVX2 kernels on an AVX-512 machine.
    nonisolated(unsafe) static var level = cappedLevel(supported: Int(segnb_vector_level()),
                                                       environment: ProcessInfo.processInfo.environment)

    /// The names SEGNB_MAX_CPU_ISA accepts, indexed by level.
    static let levelNames = ["none", "avx2", "avx512"]

    /// "avx512", "avx2" or "none", for benchmark headers.
    static var levelName: String { String(cString: segnb_vector_level_name(level)) }

    /// `supported` lowered to the level SEGNB_MAX_CPU_ISA names ("avx512", "avx2" or "none"), as
    /// oneDNN's ONEDNN_MAX_CPU_ISA does: to compare the kernels on one machine, or to keep a CPU
    /// that slows its clock under 512-bit work on the AVX2 kernels. A cap above what the CPU
    /// supports changes nothing; an unknown name is reported on stderr and ignored.
    static func cappedLevel(supported: Int, environment: [String: String]) -> Int32 {
        guard let name = environment["SEGNB_MAX_CPU_ISA"], !name.isEmpty else { return Int32(supported) }
        guard let cap = levelNames.firstIndex(of: name.lowercased()) else {
            let choices = levelNames.reversed().joined(separator: ", ")
            FileHandle.standardError.write(Data("segnb: SEGNB_MAX_CPU_ISA=\(name) is not one of \(choices); ignored\n".utf8))
            return Int32(supported)
        }
        return Int32(min(supported, cap))
    }
}
