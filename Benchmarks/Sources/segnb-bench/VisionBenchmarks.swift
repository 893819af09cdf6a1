import Foundation
import SegTensor
import SegVision

/// The `vision` group: CamVid decode+resize against PIL + NumPy, and loader wait time in a
/// simulated training loop. Skips with a message when the data or Python is missing.
func runVisionBenchmarks(_ arguments: [String]) {
    let filters = arguments.dropFirst().filter { !$0.hasPrefix("-") }
    guard filters.isEmpty || filters.contains("vision") else { return }
    print("== vision ==")
    guard let root = VisionBench.camvidRoot() else {
        print("vision: ../shared/camvid not found (set SEGNB_CAMVID): skipped")
        return
    }
    do {
        try VisionBench.loading(root: root)
        try VisionBench.loaderWait(root: root)
    } catch {
        print("vision: failed: \(error)")
    }
}

enum VisionBench {
    static let size = ImageSize(height: 192, width: 256)
    static let runs = 5

    static var repo: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    static func camvidRoot() -> String? {
        var candidates = [repo + "/../shared/camvid", repo + "/../../shared/camvid", "../shared/camvid"]
        if let env = ProcessInfo.processInfo.environment["SEGNB_CAMVID"] { candidates.insert(env, at: 0) }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/train") }
            .map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
    }

    /// Decoding and resizing train+val (468 frames and masks) to 192x256, ours on two cores
    /// versus PIL + NumPy; runs alternate (after one warm-up each) so both see the same machine
    /// load, and the medians of `runs` runs are compared.
    static func loading(root: String) throws {
        let python = pythonWithPIL()
        if python == nil { print("vision: no python with PIL/NumPy found: reference skipped") }
        let script = repo + "/Benchmarks/python/load_camvid.py"
        // Ours twice: the default (PyTorch interpolate, plain bilinear) and `antialias: true`
        // (PIL's filtered BILINEAR and centre-sampled NEAREST: the same work as the reference).
        var ours: [Double] = [], antialiased: [Double] = [], reference: [Double] = []
        func loadBoth(antialias: Bool) throws -> (seconds: Double, frames: Int) {
            let start = now()
            var frames = 0
            for split in ["train", "val"] {
                let ds = try CamVid.load(root: root, split: split, size: size, antialias: antialias)
                try ds.preload()
                frames += ds.count
            }
            return (now() - start, frames)
        }
        for run in 0...runs {
            let plain = try loadBoth(antialias: false), filtered = try loadBoth(antialias: true)
            if run > 0 {
                ours.append(plain.seconds); antialiased.append(filtered.seconds)
            } else {
                print("vision: loading \(plain.frames) frames+masks at \(size)")
            }
            guard let python else { continue }
            let output = try self.run(python, [script, "--root", root])
            guard let data = output.split(separator: "\n").last.flatMap({ String($0).data(using: .utf8) }),
                  let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let seconds = object["seconds"] as? Double else {
                throw VisionError("vision: reference printed no timing: \(output)")
            }
            if run > 0 { reference.append(seconds) }
        }
        print(String(format: "vision: load+decode+resize 468 frames  ours %.3f s, ours antialiased %.3f s (medians of %d)",
                     median(ours), median(antialiased), runs))
        guard !reference.isEmpty else { return }
        let ref = median(reference)
        for (label, value) in [("ours", median(ours)), ("ours antialiased", median(antialiased))] {
            print(String(format: "vision: load+decode+resize 468 frames  %@ / PIL+NumPy (%.3f s, median of %d)  ratio %.2f  %@",
                         label, ref, reference.count, value / ref, value <= ref ? "OK" : "SLOWER"))
        }
    }

    /// A training loop whose step computes on both cores for `step` seconds; the loader
    /// (fresh dataset: the first batches include decoding) must keep the wait per batch small.
    static func loaderWait(root: String) throws {
        let step = 1.0, steps = 10
        let ds = try CamVid.load(root: root, split: "train", size: size)
        let loader = try DataLoader(dataset: ds, batch: 8, shuffle: true,
                                    augmentation: Augmentation(hflip: true, scale: 0.75...1.25, crop: size), seed: 1)
        let epoch = loader.epoch()
        defer { epoch.close() }
        var waits: [Double] = []
        for _ in 0..<steps {
            let start = now()
            guard let batch = try epoch.next() else { break }
            waits.append(now() - start)
            busy(seconds: step, touching: batch.image)
        }
        let total = waits.reduce(0, +)
        print(String(format: "vision: loader wait per batch  median %.4f s, max %.4f s, mean %.4f s over %d steps of %.1f s compute on 2 cores: %.2f%% of step time  %@",
                     median(waits), waits.max() ?? 0, total / Double(waits.count), waits.count, step,
                     100 * total / (Double(waits.count) * step), total / (Double(waits.count) * step) <= 0.05 ? "OK" : "OVER 5%"))
    }

    /// Spins both cores for `seconds` (a stand-in for forward/backward).
    static func busy(seconds: Double, touching tensor: Tensor) {
        let end = now() + seconds
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            var x = Float(part) + tensor.pointer(as: Float.self)[0]
            while now() < end { for _ in 0..<10_000 { x = x * 0.999_9 + 0.000_1 } }
            if x.isNaN { print("") }
        }
    }

    static func pythonWithPIL() -> String? {
        for candidate in ["/work/torchenv/bin/python", "/usr/bin/python3", "/usr/local/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            if (try? run(candidate, ["-c", "import PIL, numpy"])) != nil { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw VisionError("\(executable) \(arguments.first ?? "") exited with \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
