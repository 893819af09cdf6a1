import Foundation
import Glibc

/// `segnb-bench notebook`, on the real data: the CamVid notebook re-run fully from the cache on
/// the full ../shared/camvid (~1,400 PNGs) through the `segnb` binary built beside this one,
/// end to end (target < 0.2 s). The cold run that fills the cache trains a tiny model for one
/// epoch, since only the cached run is measured.
enum CachedNotebookBenchmark {
    static func run() {
        guard let root = VisionBench.camvidRoot() else {
            print("notebook: ../shared/camvid not found (set SEGNB_CAMVID): the full-data cached run is skipped")
            return
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("segnb")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("notebook: no segnb binary beside segnb-bench (build both): the full-data cached run is skipped")
            return
        }
        let notebook = VisionBench.repo + "/Notebooks/camvid-unet.segnb"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("segnb-bench-cached-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let arguments = ["run", notebook, "--quiet", "--cache-dir", scratch.appendingPathComponent("cache").path,
                         "-o", scratch.appendingPathComponent("report.html").path,
                         "-p", "data=\(root)", "-p", "epochs=1", "-p", "size=[24, 32]", "-p", "base=4", "-p", "depth=2",
                         "-p", "weights_path=\(scratch.appendingPathComponent("weights.safetensors").path)"]
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let cold = try timedRun(binary, arguments)
            var warm: [Double] = []
            for _ in 0..<5 { warm.append(try timedRun(binary, arguments)) }
            print(String(format: "notebook: CamVid notebook fully cached on the full data (%@): median %.3f s over 5, best %.3f s (target < 0.2 s); the cold run filling the cache took %.1f s",
                         root, VisionBench.median(warm), warm.min() ?? 0, cold))
        } catch {
            print("notebook: the full-data cached run failed: \(error)")
        }
    }

    /// Seconds one `segnb` run takes, start to exit; throws when it fails. Spawned with
    /// posix_spawn and reaped with waitpid: Foundation's `Process` adds tens of milliseconds of
    /// its own per launch on Linux, which would swamp a 0.2 s target.
    private static func timedRun(_ binary: URL, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("segnb-bench-\(UUID().uuidString).err").path
        defer { try? FileManager.default.removeItem(atPath: errorLog) }
        posix_spawn_file_actions_addopen(&actions, 2, errorLog, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = VisionBench.now()
        guard posix_spawn(&pid, binary.path, &actions, nil, argv, environ) == 0 else {
            throw BenchFailure(description: "could not start \(binary.path)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = VisionBench.now() - start
        // Exited normally with status 0: low 7 bits (the signal) zero and the exit code zero.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let message = (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? ""
            throw BenchFailure(description: "segnb ended with wait status \(status): \(message)")
        }
        return seconds
    }

    private struct BenchFailure: Error, CustomStringConvertible { var description: String }
}
