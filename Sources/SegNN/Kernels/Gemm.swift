import CBLAS
import SegTensor

/// Row-major single-precision matrix products, the one place SegNN calls cblas_sgemm.
enum Gemm {
    /// C[m, n] = alpha * op(A) op(B) + beta * C, with row-major leading dimensions.
    @inline(__always)
    static func multiply(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                         alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int,
                         beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) } }
            return
        }
        // A multi-threaded OpenBLAS brings its own threads: segnb's idle ones should not spin
        // beside them.
        if !singleThreaded { Parallel.rest() }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Gemm {
    /// The thread count last asked for with `setComputeThreads`; nil means OpenBLAS's default.
    nonisolated(unsafe) static var configuredThreads: Int? = nil

    /// Runs `body` with OpenBLAS on the calling thread only, for callers that already keep every
    /// core busy with their own threads, then restores the configured thread count.
    static func withSingleThreadedBLAS(_ body: () -> Void) {
        let previous = configuredThreads ?? Int(openblas_get_num_threads())
        openblas_set_num_threads(1)
        singleThreaded = true
        body()
        singleThreaded = false
        openblas_set_num_threads(Int32(previous))
    }

    /// True inside `withSingleThreadedBLAS`.
    nonisolated(unsafe) static var singleThreaded = false
}

/// Sets the number of threads OpenBLAS uses for matrix products (segnb starts with
/// `ComputeThreads.count`; benchmarks pin it).
public func setComputeThreads(_ count: Int) {
    Gemm.configuredThreads = max(1, count)
    openblas_set_num_threads(Int32(max(1, count)))
}
