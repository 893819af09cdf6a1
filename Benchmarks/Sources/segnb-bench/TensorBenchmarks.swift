import Foundation
import CBLAS
import SegTensor

/// The `tensor` group: SegTensor kernels beside their references (cblas_sgemm called directly on
/// the same buffers, and memcpy bandwidth), medians of several runs in one process.
func runTensorBenchmarks(_ arguments: [String]) {
    guard arguments.isEmpty || arguments.contains("tensor") else { return }
    do { try TensorBenchmarks(runs: 7).run() } catch { print("segnb-bench tensor: \(error)") }
}

struct TensorBenchmarks {
    let runs: Int

    /// Median seconds of `runs` timed calls after one warm-up.
    func median(_ body: () throws -> Void) rethrows -> Double {
        try body()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }

    struct Row { let name: String; let unit: String; let ours: Double; let reference: Double; let target: Double }

    func run() throws {
        print("segnb-bench tensor: medians of \(runs) runs, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var rows: [Row] = []
        for (m, k, n) in [(1024, 1024, 1024), (2048, 2048, 2048), (49152, 64, 576)] {
            rows.append(try matmul(m, k, n))
        }
        rows.append(contentsOf: try elementwise())
        rows.append(contentsOf: try axisSums())
        print("| benchmark | ours | reference | ratio | target |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for row in rows {
            let ratio = row.ours / row.reference
            let mark = ratio >= row.target ? "ok" : "BELOW"
            print(String(format: "| %@ | %.1f %@ | %.1f %@ | %.2f | >= %.2f %@ |", row.name, row.ours, row.unit,
                         row.reference, row.unit, ratio, row.target, mark))
        }
    }

    func matmul(_ m: Int, _ k: Int, _ n: Int) throws -> Row {
        let a = try Tensor.rand([m, k], stream: RandomStream(seed: 1))
        let b = try Tensor.rand([k, n], stream: RandomStream(seed: 2))
        let c = try Tensor.zeros([m, n])
        let reference = median {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                        a.pointer(as: Float.self), Int32(k), b.pointer(as: Float.self), Int32(n), 0,
                        c.pointer(as: Float.self), Int32(n))
        }
        let ours = try median { _ = try a.matmul(b) }
        let flops = 2.0 * Double(m) * Double(k) * Double(n) / 1e9
        return Row(name: "matmul \(m)x\(k) @ \(k)x\(n)", unit: "GFLOP/s", ours: flops / ours, reference: flops / reference, target: 0.9)
    }

    /// memcpy bandwidth counts bytes read plus written, as the tensor ops below do.
    func memcpyBandwidth(bytes: Int) throws -> Double {
        let source = try Tensor.rand([bytes / 4]), destination = try Tensor.zeros([bytes / 4])
        let seconds = median { memcpy(destination.pointer(as: Float.self), source.pointer(as: Float.self), bytes) }
        return 2 * Double(bytes) / seconds / 1e9
    }

    func elementwise() throws -> [Row] {
        let n = 16 << 20
        let reference = try memcpyBandwidth(bytes: n * 4)
        let a = try Tensor.rand([n], stream: RandomStream(seed: 3)), b = try Tensor.rand([n], stream: RandomStream(seed: 4))
        let add = try median { _ = try a.add(b) }
        let mul = try median { _ = try a.multiply(b) }
        let x = try Tensor.rand([8, 64, 192, 256], stream: RandomStream(seed: 5))
        let bias = try Tensor.rand([64, 1, 1], stream: RandomStream(seed: 6))
        let biasAdd = try median { _ = try x.add(bias) }
        let bytes = Double(n * 4)
        return [
            Row(name: "add 16M float32", unit: "GB/s", ours: 3 * bytes / add / 1e9, reference: reference, target: 0.5),
            Row(name: "mul 16M float32", unit: "GB/s", ours: 3 * bytes / mul / 1e9, reference: reference, target: 0.5),
            Row(name: "bias add [8,64,192,256] + [64,1,1]", unit: "GB/s", ours: 2 * Double(x.count * 4) / biasAdd / 1e9,
                reference: reference, target: 0.5),
        ]
    }

    func axisSums() throws -> [Row] {
        let x = try Tensor.rand([8, 64, 192, 256], stream: RandomStream(seed: 7))
        let reference = try memcpyBandwidth(bytes: x.count * 4)
        return try [1, 0, 3].map { axis in
            let seconds = try median { _ = try x.sum(axis: axis) }
            let bytes = Double(x.count * 4) * (1 + 1 / Double(x.shape[axis]))
            return Row(name: "sum axis \(axis) of [8,64,192,256]", unit: "GB/s", ours: bytes / seconds / 1e9, reference: reference, target: 0.5)
        }
    }
}
