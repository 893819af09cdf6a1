import Foundation
import CBLAS
import SegTensor

/// The `tensor` group: SegTensor kernels beside their references (cblas_sgemm called directly on
/// the same buffers, and memcpy bandwidth), medians of several runs in one process.
func runTensorBenchmarks(_ arguments: [String]) {
    guard arguments.isEmpty || arguments.contains("tensor") else { return }
    // `segnb-bench tensor indexing` runs only the mask and gather rows.
    let onlyIndexing = arguments.contains("indexing")
    do { try TensorBenchmarks(runs: 7, onlyIndexing: onlyIndexing).run() } catch { print("segnb-bench tensor: \(error)") }
}

struct TensorBenchmarks {
    let runs: Int
    var onlyIndexing = false

    /// Medians of `reference` and `ours`, timed alternately so both see the same machine load.
    func pair(_ reference: () throws -> Void, _ ours: () throws -> Void, runs: Int? = nil) rethrows -> (Double, Double) {
        let runs = runs ?? self.runs
        // A few untimed rounds first: the first calls in a process pay for page faults and
        // cold caches that a loop of operations does not.
        for _ in 0..<3 { try reference(); try ours() }
        var a: [Double] = [], b: [Double] = []
        for _ in 0..<runs {
            var start = DispatchTime.now().uptimeNanoseconds
            try reference()
            a.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            start = DispatchTime.now().uptimeNanoseconds
            try ours()
            b.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (a.sorted()[runs / 2], b.sorted()[runs / 2])
    }

    struct Row { let name: String; let unit: String; let ours: Double; let reference: Double; let target: Double }

    func run() throws {
        print("segnb-bench tensor: medians of \(runs) runs, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(BLASReport.header())
        var rows: [Row] = []
        if !onlyIndexing {
            for (m, k, n) in [(1024, 1024, 1024), (2048, 2048, 2048), (49152, 64, 576)] {
                rows.append(try matmul(m, k, n))
            }
            rows.append(contentsOf: try elementwise())
            rows.append(contentsOf: try axisSums())
        }
        rows.append(contentsOf: try advancedIndexing())
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
        let (reference, ours) = try pair({
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                        a.pointer(as: Float.self), Int32(k), b.pointer(as: Float.self), Int32(n), 0,
                        c.pointer(as: Float.self), Int32(n))
        }, { _ = try a.matmul(b) })
        let flops = 2.0 * Double(m) * Double(k) * Double(n) / 1e9
        return Row(name: "matmul \(m)x\(k) @ \(k)x\(n)", unit: "GFLOP/s", ours: flops / ours, reference: flops / reference, target: 0.9)
    }

    /// A bandwidth row: `ours` moves `bytes` (read plus written); memcpy of `copyBytes` moves
    /// twice that, on buffers allocated once.
    func bandwidth(_ name: String, bytes: Double, copyBytes: Int, runs: Int? = nil, _ ours: () throws -> Void) throws -> Row {
        let source = try Tensor.rand([copyBytes / 4]), destination = try Tensor.zeros([copyBytes / 4])
        let (copy, seconds) = try pair({
            memcpy(destination.pointer(as: Float.self), source.pointer(as: Float.self), copyBytes)
        }, ours, runs: runs)
        return Row(name: name, unit: "GB/s", ours: bytes / seconds / 1e9, reference: 2 * Double(copyBytes) / copy / 1e9, target: 0.5)
    }

    func elementwise() throws -> [Row] {
        let n = 16 << 20
        let a = try Tensor.rand([n], stream: RandomStream(seed: 3)), b = try Tensor.rand([n], stream: RandomStream(seed: 4))
        let x = try Tensor.rand([8, 64, 192, 256], stream: RandomStream(seed: 5))
        let bias = try Tensor.rand([64, 1, 1], stream: RandomStream(seed: 6))
        let bytes = Double(n * 4)
        return [
            try bandwidth("add 16M float32", bytes: 3 * bytes, copyBytes: n * 4) { _ = try a.add(b) },
            try bandwidth("mul 16M float32", bytes: 3 * bytes, copyBytes: n * 4) { _ = try a.multiply(b) },
            try bandwidth("bias add [8,64,192,256] + [64,1,1]", bytes: 2 * Double(x.count * 4), copyBytes: x.count * 4) {
                _ = try x.add(bias)
            },
        ]
    }

    func axisSums() throws -> [Row] {
        let x = try Tensor.rand([8, 64, 192, 256], stream: RandomStream(seed: 7))
        return try [1, 0, 3].map { axis in
            let bytes = Double(x.count * 4) * (1 + 1 / Double(x.shape[axis]))
            return try bandwidth("sum axis \(axis) of [8,64,192,256]", bytes: bytes, copyBytes: x.count * 4) {
                _ = try x.sum(axis: axis)
            }
        }
    }
}
