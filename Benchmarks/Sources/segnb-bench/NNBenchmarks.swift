import Foundation
import SegNN
import SegTensor

/// `segnb-bench nn`: one Adam training step and one inference of the U-Net (base 16 and 32,
/// depth 4, batch 8, 3x192x256, 12 classes, 2 threads) side by side with
/// ../shared/bench/torch_unet.py bench, printing ours/PyTorch and the peak resident memory.
func runNNBenchmarks(_ arguments: [String]) {
    let filters = arguments.dropFirst().filter { !$0.hasPrefix("-") }
    guard filters.isEmpty || filters.contains("nn") else { return }
    setComputeThreads(2)
    print("== nn: U-Net train step and inference, 2 threads ==")
    let configs = [(base: 16, depth: 4, batch: 8, h: 192, w: 256), (base: 32, depth: 4, batch: 8, h: 192, w: 256)]
    // SEGNB_NN_BASES=16 limits the run to some widths; SEGNB_SKIP_TORCH=1 skips the reference
    // (for profiling ours alone).
    let environment = ProcessInfo.processInfo.environment
    let bases = environment["SEGNB_NN_BASES"].map { $0.split(separator: ",").compactMap { Int($0) } }
    for config in configs where bases?.contains(config.base) ?? true {
        // Reference and ours back to back per configuration, so load from other processes on the
        // shared machine hits both alike.
        let reference = environment["SEGNB_SKIP_TORCH"] != nil ? nil : NNBenchReference.run(base: config.base, depth: config.depth, batch: config.batch, h: config.h, w: config.w)
        do {
            let ours = try NNBenchRun.measure(base: config.base, depth: config.depth, batch: config.batch,
                                              height: config.h, width: config.w)
            let torch = reference?.first { $0.base == config.base && $0.batch == config.batch && $0.h == config.h }
            let label = "unet base \(config.base) depth \(config.depth) batch \(config.batch) \(config.h)x\(config.w)"
            print(NNBenchRun.line(label + " train step", ours: ours.trainMedian, reference: torch?.train))
            print(NNBenchRun.line(label + " inference ", ours: ours.inferMedian, reference: torch?.infer))
            print("  ours: train steps ms \(ours.trainAll.map { Int($0.rounded()) }), inference ms \(ours.inferAll.map { Int($0.rounded()) }); peak RSS so far \(NNBenchRun.peakRSSMegabytes(children: false)) MB")
        } catch {
            print("  \(config): error \(error)")
        }
    }
    if NNBenchRun.peakRSSMegabytes(children: true) > 0 {
        print("  PyTorch process peak RSS \(NNBenchRun.peakRSSMegabytes(children: true)) MB (its whole run, largest config base 32)")
    }
}

/// One timed configuration of our U-Net.
enum NNBenchRun {
    struct Result { var trainMedian: Double; var inferMedian: Double; var trainAll: [Double]; var inferAll: [Double] }

    /// Two warm-up steps then five timed ones, as torch_unet.py does; times in milliseconds.
    static func measure(base: Int, depth: Int, batch: Int, height: Int, width: Int, steps: Int = 5) throws -> Result {
        let classes = 12
        let model = try UNet(inChannels: 3, classes: classes, base: base, depth: depth, batchnorm: true, up: .transpose, seed: 0)
        let optimizer = try Adam(parameters: model.parameters(), lr: 1e-3)
        var generator = SplitMix64(seed: 1)
        let x = try Tensor(shape: [batch, 3, height, width])
        try x.withFloats { values in
            for i in values.indices {
                // Box-Muller: a standard normal input like torch.randn.
                let u = Double(generator.next() >> 11) / Double(1 << 53) + 1e-12, v = Double(generator.next() >> 11) / Double(1 << 53)
                values[i] = Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
            }
        }
        let y = try Tensor(int32: (0..<(batch * height * width)).map { _ in Int32(generator.next() % UInt64(classes)) },
                           shape: [batch, height, width])
        func step() throws {
            optimizer.zeroGrad()
            try NN.crossEntropy(model(x), y, ignoreIndex: classes - 1).backward()
            try optimizer.step()
        }
        for _ in 0..<2 { try step() }
        var train: [Double] = []
        for _ in 0..<steps { train.append(try milliseconds { try step() }) }
        model.eval()
        var infer: [Double] = []
        try GradMode.withoutGrad {
            _ = try model(x)
            for _ in 0..<steps { infer.append(try milliseconds { _ = try model(x) }) }
        }
        return Result(trainMedian: median(train), inferMedian: median(infer), trainAll: train, inferAll: infer)
    }

    static func milliseconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    static func line(_ label: String, ours: Double, reference: Double?) -> String {
        let oursText = String(format: "%8.1f ms", ours)
        guard let reference else { return "  \(label): ours \(oursText) (no PyTorch reference)" }
        return "  \(label): ours \(oursText)  PyTorch \(String(format: "%8.1f ms", reference))  ratio \(String(format: "%.2fx", ours / reference))"
    }

    /// Peak resident set size in MB of this process, or of its largest finished child.
    static func peakRSSMegabytes(children: Bool) -> Int {
        var usage = rusage()
        getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

/// Runs torch_unet.py bench with the PyTorch venv, when there is one.
enum NNBenchReference {
    struct Row: Decodable { let base: Int; let batch: Int; let h: Int; let train_step_ms: Double; let infer_ms: Double
        var train: Double { train_step_ms }
        var infer: Double { infer_ms }
    }

    /// torch_unet.bench for one configuration (its `bench` command runs three; the third is not ours).
    static func run(base: Int, depth: Int, batch: Int, h: Int, w: Int) -> [Row]? {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        // ../torchenv and ../shared next to the repository; a git worktree sits one level deeper,
        // so the nearest ancestor that has them wins.
        func nearest(_ relative: String) -> String {
            var directory = repo.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent(relative).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            return repo.deletingLastPathComponent().appendingPathComponent(relative).path
        }
        let python = ProcessInfo.processInfo.environment["SEGNB_TORCH_PYTHON"] ?? nearest("torchenv/bin/python")
        let script = nearest("shared/bench/torch_unet.py")
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: script) else {
            print("  PyTorch reference skipped: no \(python) (set SEGNB_TORCH_PYTHON) or no \(script)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import sys; sys.path.insert(0, sys.argv[1]); import torch_unet; torch_unet.bench([(\(base), \(depth), \(batch), \(h), \(w))])",
                             URL(fileURLWithPath: script).deletingLastPathComponent().path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            print("  PyTorch reference skipped: cannot run \(python): \(error)")
            return nil
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let rows = String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Row.self, from: Data($0.utf8))
        }
        for row in rows { print("  PyTorch base \(row.base) batch \(row.batch) h \(row.h): train \(row.train_step_ms) ms, inference \(row.infer_ms) ms") }
        return rows
    }
}
