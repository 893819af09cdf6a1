import Foundation
import SegDist
import SegNN
import SegTensor
import SegRandom

/// `segnb-bench dist`: data-parallel scaling on one machine. The same global work (a base-16,
/// depth-4 U-Net, global batch 8 of 3x192x256, SGD with momentum) runs as one rank of one thread
/// and as `mpirun -n 2` ranks of one thread each (4 frames per rank, gradients averaged in
/// buckets); prints steps per second of both and their ratio (target: at least 1.7x).
func runDistBenchmarks(_ arguments: [String]) {
    let filters = arguments.dropFirst().filter { !$0.hasPrefix("-") }
    if filters.first == DistBench.workerCommand {
        DistBench.worker()
    }
    guard filters.contains("dist") else { return }
    print("== dist: 2 ranks x 1 thread against 1 rank x 1 thread, same global batch ==")
    guard let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        print("  skipped: mpirun not found (Debian's openmpi-bin)")
        return
    }
    let own = URL(fileURLWithPath: CommandLine.arguments[0]).path
    guard let alone = DistBench.launch(own, through: nil), let ranks = DistBench.launch(own, through: mpirun) else { return }
    print(String(format: "  1 rank:  %.3f steps/s", alone))
    print(String(format: "  2 ranks: %.3f steps/s", ranks))
    print(String(format: "  ratio %.2fx (target >= 1.70x)", ranks / alone))
}

enum DistBench {
    static let workerCommand = "dist-worker"
    static let globalBatch = 8, warmup = 2, timed = 5

    /// Runs the worker alone or under `mpirun -n 2`, one thread per rank; its steps per second.
    static func launch(_ executable: String, through mpirun: String?) -> Double? {
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_NUM_THREADS"] = "1"
        environment["OPENBLAS_NUM_THREADS"] = "1"
        if let mpirun {
            process.executableURL = URL(fileURLWithPath: mpirun)
            process.arguments = ["-n", "2", "--bind-to", "core", executable, workerCommand]
            environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
            environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
            environment["OMPI_MCA_btl"] = "self,vader"
            environment["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [workerCommand]
        }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            print("  cannot run \(process.executableURL?.path ?? executable): \(error)")
            return nil
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = output.split(separator: "\n").first(where: { $0.hasPrefix("steps/s ") }),
              let rate = Double(line.dropFirst("steps/s ".count)) else {
            print("  the \(mpirun == nil ? "single" : "2-rank") run failed (status \(process.terminationStatus)): \(output)")
            return nil
        }
        return rate
    }

    /// One rank's share of the global batch, trained for warm-up and timed steps; rank 0 prints
    /// "steps/s X". Ends the process.
    static func worker() -> Never {
        ComputeThreads.configure()
        DistributedLaunch.start()
        var status: Int32 = 0
        do {
            let share = Distributed.share(of: globalBatch, rank: Distributed.rank, size: Distributed.size).count
            let (height, width, classes) = (192, 256, 12)
            let model = try UNet(inChannels: 3, classes: classes, base: 16, depth: 4, batchnorm: false, up: .transpose, seed: 0)
            let optimizer = try SGD(parameters: model.parameters(), lr: 0.01, momentum: 0.9)
            var generator = SplitMix64(seed: UInt64(1 + Distributed.rank))
            let x = try Tensor(shape: [share, 3, height, width])
            try x.withFloats { values in for i in values.indices { values[i] = Float(generator.next() >> 40) / Float(1 << 24) } }
            let y = try Tensor(int32: (0..<(share * height * width)).map { _ in Int32(generator.next() % UInt64(classes)) },
                               shape: [share, height, width])
            func step() throws {
                optimizer.zeroGrad()
                try NN.crossEntropy(model(x), y).backward()
                try optimizer.step()
            }
            for _ in 0..<warmup { try step() }
            try Distributed.group.barrier()
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<timed { try step() }
            try Distributed.group.barrier()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if Distributed.isLeader { print("steps/s \(Double(timed) / seconds)") }
        } catch {
            fputs("segnb-bench dist-worker: \(error)\n", stderr)
            status = 1
        }
        DistributedLaunch.finish(status: status)
    }
}
