import Foundation
import SegNN
import SegTensor
import SegRandom

/// `segnb-bench nn`: one Adam training step and one inference of the U-Net (base 16 and 32,
/// depth 4, batch 8, 3x192x256, 12 classes, 2 threads) side by side with
/// ../shared/bench/torch_unet.py bench, printing ours/PyTorch, the peak resident memory, and
/// each convolution layer's share of the machine's sgemm peak.
func runNNBenchmarks(_ arguments: [String]) {
    let filters = arguments.dropFirst().filter { !$0.hasPrefix("-") }
    guard filters.isEmpty || filters.contains("nn") else { return }
    setComputeThreads(2)
    print("== nn: U-Net train step and inference, 2 threads ==")
    print(BLASReport.header())
    print("  3x3 convolutions: \(ConvAlgorithm.selected.rawValue), direct kernel \(ConvAlgorithm.directKernel) (SEGNB_MAX_CPU_ISA caps it; SEGNB_CONV: \(ConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))")
    let configs = [(base: 16, depth: 4, batch: 8, h: 192, w: 256), (base: 32, depth: 4, batch: 8, h: 192, w: 256)]
    // SEGNB_NN_BASES=16 limits the run to some widths; SEGNB_SKIP_TORCH=1 skips the reference
    // (for profiling ours alone); SEGNB_NN_COMPARE=im2col,winograd4 times those algorithms
    // alternately in this process instead.
    let environment = ProcessInfo.processInfo.environment
    let bases = environment["SEGNB_NN_BASES"].map { $0.split(separator: ",").compactMap { Int($0) } }
    if let names = environment["SEGNB_NN_COMPARE"] {
        let algorithms = names.split(separator: ",").compactMap { ConvAlgorithm.parse(String($0)) }
        guard algorithms.count == names.split(separator: ",").count, !algorithms.isEmpty else {
            print("  SEGNB_NN_COMPARE=\(names): expected a comma-separated list of \(ConvAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
            return
        }
        for config in configs where bases?.contains(config.base) ?? true {
            do {
                try NNBenchRun.compare(algorithms, base: config.base, depth: config.depth, batch: config.batch,
                                       height: config.h, width: config.w)
            } catch {
                print("  \(config): error \(error)")
            }
        }
        return
    }
    // SEGNB_NN_ROUNDS rounds (default 3) per configuration, each the reference then ours back to
    // back, so that load from other processes on a shared machine, which comes and goes over
    // tens of seconds, hits both alike; the ratio printed is the median of the rounds' ratios.
    let rounds = max(1, environment["SEGNB_NN_ROUNDS"].flatMap { Int($0) } ?? 3)
    for config in configs where bases?.contains(config.base) ?? true {
        do {
            var ours: [NNBenchRun.Result] = [], torch: [NNBenchReference.Row] = []
            for _ in 0..<rounds {
                if environment["SEGNB_SKIP_TORCH"] == nil,
                   let row = NNBenchReference.run(base: config.base, depth: config.depth, batch: config.batch, h: config.h, w: config.w)?
                    .first(where: { $0.base == config.base && $0.batch == config.batch && $0.h == config.h }) {
                    torch.append(row)
                }
                ours.append(try NNBenchRun.measure(base: config.base, depth: config.depth, batch: config.batch,
                                                   height: config.h, width: config.w))
            }
            let label = "unet base \(config.base) depth \(config.depth) batch \(config.batch) \(config.h)x\(config.w)"
            print(NNBenchRun.roundsLine(label + " train step", ours: ours.map(\.trainMedian), reference: torch.map(\.train)))
            print(NNBenchRun.roundsLine(label + " inference ", ours: ours.map(\.inferMedian), reference: torch.map(\.infer)))
            for (round, result) in ours.enumerated() {
                let reference = round < torch.count ? String(format: "; PyTorch train %.0f ms, inference %.0f ms", torch[round].train, torch[round].infer) : ""
                print("  round \(round + 1): ours train steps ms \(result.trainAll.map { Int($0.rounded()) }), inference ms \(result.inferAll.map { Int($0.rounded()) })\(reference)")
            }
            print("  peak RSS so far \(NNBenchRun.peakRSSMegabytes(children: false)) MB")
            guard let last = ours.last else { continue }
            print(NNPeakShare.table(last.layers, steps: last.trainAll.count, trainMedian: last.trainMedian,
                                    inferMedian: last.inferMedian, peak: BLASReport.sgemmPeak()))
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
    struct Result {
        var trainMedian: Double; var inferMedian: Double; var trainAll: [Double]; var inferAll: [Double]
        /// The convolution layers' totals over the timed train steps.
        var layers: [ConvProfile.Entry]
    }

    /// A U-Net with its optimizer and one random batch, as torch_unet.py builds them.
    struct Workload {
        let model: UNet
        let optimizer: Adam
        let x: Tensor
        let y: Tensor
        let classes = 12

        init(base: Int, depth: Int, batch: Int, height: Int, width: Int) throws {
            model = try UNet(inChannels: 3, classes: classes, base: base, depth: depth, batchnorm: true, up: .transpose, seed: 0)
            optimizer = try Adam(parameters: model.parameters(), lr: 1e-3)
            var generator = SplitMix64(seed: 1)
            x = try Tensor(shape: [batch, 3, height, width])
            try x.withFloats { values in
                for i in values.indices {
                    // Box-Muller: a standard normal input like torch.randn.
                    let u = Double(generator.next() >> 11) / Double(1 << 53) + 1e-12, v = Double(generator.next() >> 11) / Double(1 << 53)
                    values[i] = Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
                }
            }
            let classes = self.classes
            y = try Tensor(int32: (0..<(batch * height * width)).map { _ in Int32(generator.next() % UInt64(classes)) },
                           shape: [batch, height, width])
        }

        /// One training step in training mode; its time in ms.
        func step() throws -> Double {
            model.train()
            return try NNBenchRun.milliseconds {
                optimizer.zeroGrad()
                try NN.crossEntropy(model(x), y, ignoreIndex: classes - 1).backward()
                try optimizer.step()
            }
        }

        /// One evaluation-mode forward pass without gradients; its time in ms.
        func infer() throws -> Double {
            model.eval()
            return try GradMode.withoutGrad { try NNBenchRun.milliseconds { _ = try model(x) } }
        }
    }

    /// Two warm-up steps then five timed ones, as torch_unet.py does; times in milliseconds.
    static func measure(base: Int, depth: Int, batch: Int, height: Int, width: Int, steps: Int = 5) throws -> Result {
        let work = try Workload(base: base, depth: depth, batch: batch, height: height, width: width)
        for _ in 0..<2 { _ = try work.step() }
        ConvProfile.reset()
        ConvProfile.isEnabled = true
        var train: [Double] = []
        for _ in 0..<steps { train.append(try work.step()) }
        ConvProfile.isEnabled = false
        let layers = ConvProfile.entries
        _ = try work.infer()
        var infer: [Double] = []
        for _ in 0..<steps { infer.append(try work.infer()) }
        return Result(trainMedian: median(train), inferMedian: median(infer), trainAll: train, inferAll: infer, layers: layers)
    }

    /// Train steps and inferences with each of `algorithms` in turn, round after round on the
    /// same model, so that load from other processes hits every algorithm alike; prints medians.
    static func compare(_ algorithms: [ConvAlgorithm], base: Int, depth: Int, batch: Int, height: Int, width: Int,
                        rounds: Int = 7) throws {
        let saved = ConvAlgorithm.selected
        defer { ConvAlgorithm.selected = saved }
        let work = try Workload(base: base, depth: depth, batch: batch, height: height, width: width)
        var train = [[Double]](repeating: [], count: algorithms.count), infer = train
        for round in 0...rounds {
            for (index, algorithm) in algorithms.enumerated() {
                ConvAlgorithm.selected = algorithm
                let step = try work.step(), inference = try work.infer()
                // Round 0 warms every path up (workspaces, page faults) and is not counted.
                if round > 0 { train[index].append(step); infer[index].append(inference) }
            }
        }
        let label = "unet base \(base) depth \(depth) batch \(batch) \(height)x\(width)"
        print("  \(label), \(rounds) alternating rounds (medians; every step in ms):")
        for (index, algorithm) in algorithms.enumerated() {
            let ratio = index == 0 ? "" : String(format: "  (%.2fx / %.2fx of ", median(train[index]) / median(train[0]),
                                                 median(infer[index]) / median(infer[0])) + algorithms[0].rawValue + ")"
            let name = algorithm.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            print("    " + name + String(format: "train %8.1f ms  inference %8.1f ms", median(train[index]), median(infer[index]))
                  + ratio + "  train \(train[index].map { Int($0.rounded()) }) inference \(infer[index].map { Int($0.rounded()) })")
        }
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

    /// One figure over rounds: the medians of ours and the reference, and the median of the
    /// rounds' ratios (each round timed both back to back) with their range.
    static func roundsLine(_ label: String, ours: [Double], reference: [Double]) -> String {
        guard reference.count == ours.count, !reference.isEmpty else { return line(label, ours: median(ours), reference: nil) }
        let ratios = zip(ours, reference).map { $0 / $1 }
        let each = ratios.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        return "  \(label): ours \(String(format: "%8.1f ms", median(ours)))  PyTorch \(String(format: "%8.1f ms", median(reference)))"
            + "  ratio \(String(format: "%.2fx", median(ratios))) (rounds \(each))"
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
