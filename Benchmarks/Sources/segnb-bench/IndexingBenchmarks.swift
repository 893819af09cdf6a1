import Foundation
import SegTensor

/// Masked selection, gathers and masked assignment on a label and a frame batch, beside NumPy's
/// time for the same operation measured in the same run (Benchmarks/python/advanced_indexing.py)
/// and beside memcpy moving the same number of bytes (the target is half its bandwidth).
extension TensorBenchmarks {
    func advancedIndexing() throws -> [Row] {
        let labels = try Tensor.rand([8, 192, 256], stream: RandomStream(seed: 8)).multiply(Tensor.scalar(12.0)).astype(.int32)
        let frames = try Tensor.rand([8, 3, 192, 256], stream: RandomStream(seed: 9))
        let palette = try Tensor.rand([12, 3], stream: RandomStream(seed: 10)).multiply(Tensor.scalar(255.0)).astype(.int32)
        let void = try labels.compare(.equal, 11), bright = try frames.compare(.greater, 0.5)
        let order = try Tensor(int32: (0..<8).reversed().map(Int32.init), shape: [8])
        let zero = try Tensor.scalar(0), half = try Tensor.scalar(0.5)
        // These take a millisecond or less, so they take more runs than the group's default.
        let runs = max(self.runs, 41)
        let reference = numpyTimes(runs: runs)
        // Bytes each operation reads and writes, the same for both sides.
        let l = Double(labels.count), f = Double(frames.count)
        let cases: [(String, Double, () throws -> Void)] = [
            ("mask select labels", l * 5 + l / 12 * 4, { _ = try labels.maskedSelect(void) }),
            ("mask select frames", f * 5 + f / 2 * 4, { _ = try frames.maskedSelect(bright) }),
            ("gather palette[labels]", l * 4 + l * 12, { _ = try palette.gather(labels) }),
            ("gather frames[order]", f * 8, { _ = try frames.gather(order) }),
            ("mask assign labels", l * 9, { try labels.maskedAssign(void, zero) }),
            ("mask assign frames", f * 9, { try frames.maskedAssign(bright, half) }),
        ]
        var rows: [Row] = []
        for (name, bytes, body) in cases {
            for _ in 0..<5 { try body() }
            var times: [Double] = []
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let ours = times.sorted()[runs / 2]
            let numpy = reference[name] ?? .nan
            rows.append(Row(name: "\(name) (reference: NumPy)", unit: "GB/s", ours: bytes / ours / 1e9, reference: bytes / numpy / 1e9, target: 1.0))
            // The same bytes against memcpy moving as many (read plus written), timed alternately.
            rows.append(try bandwidth("\(name) (reference: memcpy)", bytes: bytes, copyBytes: Int(bytes / 2) / 4 * 4, runs: runs, body))
        }
        return rows
    }

    /// NumPy's median seconds per operation, or an empty table when python3/NumPy is missing.
    func numpyTimes(runs: Int) -> [String: Double] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("python/advanced_indexing.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "\(runs)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let table = try JSONSerialization.jsonObject(with: data) as? [String: Double] else {
                print("  NumPy reference skipped: \(script) failed")
                return [:]
            }
            return table
        } catch {
            print("  NumPy reference skipped: cannot run python3: \(error)")
            return [:]
        }
    }
}
