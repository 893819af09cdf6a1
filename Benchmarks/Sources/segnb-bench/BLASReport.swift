import CBLAS
import Foundation
import SegRandom

/// Which sgemm the benchmarks run on and how fast it can go: OpenBLAS's kernel (variables such
/// as OPENBLAS_CORETYPE can force a slower one), its threads, and the machine's measured sgemm
/// peak, against which the nn group reports each convolution's share.
enum BLASReport {
    /// The OpenBLAS kernel, build and thread configuration, and the variables that change them.
    static func describe() -> String {
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let config = openblas_get_config().map { String(cString: $0).trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let parallel = Int(openblas_get_parallel())
        let model = parallel == 0 ? "sequential" : parallel == 1 ? "pthreads" : parallel == 2 ? "OpenMP" : "threading model \(parallel)"
        let environment = ProcessInfo.processInfo.environment
        let overrides = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "SEGNB_CONV"]
            .compactMap { name in environment[name].map { "\(name)=\($0)" } }
        return "OpenBLAS kernel \(core) (\(config)), \(model), \(openblas_get_num_threads()) threads of \(openblas_get_num_procs()) cores; "
            + (overrides.isEmpty ? "no OPENBLAS_* overrides" : overrides.joined(separator: " "))
    }

    nonisolated(unsafe) private static var measuredPeak: Double?

    /// GFLOP/s of a 2048² sgemm on 2 threads, best of 5 after a warm-up; measured once per process.
    static func sgemmPeak() -> Double {
        if let measuredPeak { return measuredPeak }
        let n = 2048, previous = openblas_get_num_threads()
        openblas_set_num_threads(2)
        defer { openblas_set_num_threads(previous) }
        // A seeded generator: the system one makes a getrandom call per draw, seconds for 8M floats.
        var generator = SplitMix64(seed: 1)
        let a = (0..<(n * n)).map { _ in Float.random(in: -1...1, using: &generator) }
        let b = (0..<(n * n)).map { _ in Float.random(in: -1...1, using: &generator) }
        var c = [Float](repeating: 0, count: n * n)
        var best = Double.infinity
        for run in 0..<6 {
            let start = DispatchTime.now().uptimeNanoseconds
            c.withUnsafeMutableBufferPointer { cp in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0,
                            cp.baseAddress, Int32(n))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if run > 0 { best = min(best, seconds) }
        }
        let peak = 2 * pow(Double(n), 3) / best / 1e9
        measuredPeak = peak
        return peak
    }

    /// The header both the tensor and nn groups print.
    static func header() -> String {
        "  \(describe())\n  sgemm peak: \(String(format: "%.1f", sgemmPeak())) GFLOP/s (2048x2048x2048, 2 threads, best of 5)"
    }
}
