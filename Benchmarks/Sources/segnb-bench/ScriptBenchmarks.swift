import Foundation
import SegScript

/// Benchmark group `script`: the Seg loop program in-process against CPython and Lua 5.4 running
/// the same program as subprocesses (wall time of the whole process, startup included for them).
func runScriptBenchmarks(_ arguments: [String]) {
    if let filter = arguments.dropFirst().first, filter != "script" { return }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let segPath = root.appendingPathComponent("interp/loop.seg").path
    // The references live in <repo>/../shared (or two levels up from a helper's worktree).
    let repo = root.deletingLastPathComponent()
    let candidates = [repo.deletingLastPathComponent(), repo.deletingLastPathComponent().deletingLastPathComponent()]
        .map { $0.appendingPathComponent("shared/bench/interp") }
    let shared = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("loop.py").path) } ?? candidates[0]
    // `segnb-bench script FILE.seg` times one program instead (for profiling).
    let programPath = arguments.count > 2 ? arguments[2] : segPath
    guard let text = try? String(contentsOfFile: programPath, encoding: .utf8) else {
        print("script: cannot read \(programPath)")
        return
    }
    let runs = 5
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

    // CPU seconds as well as wall time: the machine is shared, and CPU time is what load distorts least.
    func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    func childrenCPU() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
    }
    var segTimes: [Double] = []
    var segCPU: [Double] = []
    var output = ""
    for _ in 0..<runs {
        let sink = CollectingSink()
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let cpu = try LargeStack.run { () -> Double in
                let c0 = threadCPU()
                try Interpreter(sink: sink).runScript(SourceFile(name: "loop.seg", text: text))
                return threadCPU() - c0
            }
            segCPU.append(cpu)
        } catch {
            print("script: loop.seg failed: \(error)")
            return
        }
        segTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        output = sink.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func timeProcess(_ executable: String, _ args: [String]) -> (Double, Double, String)? {
        var times: [Double] = []
        var cpus: [Double] = []
        var out = ""
        for _ in 0..<runs {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [executable] + args
            let pipe = Pipe()
            p.standardOutput = pipe
            let start = DispatchTime.now().uptimeNanoseconds
            let c0 = childrenCPU()
            do { try p.run() } catch { return nil }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpus.append(childrenCPU() - c0)
            guard p.terminationStatus == 0 else { return nil }
            out = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (median(times), median(cpus), out)
    }

    let seg = median(segTimes)
    let segC = median(segCPU)
    if arguments.count > 2 {
        print(String(format: "script: %@ median %.3f s, output: %@", programPath, seg, output))
        return
    }
    print("script: loop (fib(30) + 10M-iteration loop), median of \(runs)")
    print(String(format: "  Seg (in-process)      wall %7.3f s  cpu %7.3f s   output: %@", seg, segC, output))
    if let (py, pyC, out) = timeProcess("python3", [shared.appendingPathComponent("loop.py").path]) {
        print(String(format: "  CPython (subprocess)  wall %7.3f s  cpu %7.3f s   output: %@   Seg/CPython wall %.2f cpu %.2f (target <= 1)", py, pyC, out, seg / py, segC / pyC))
    } else {
        print("  CPython: not available")
    }
    if let (lua, luaC, out) = timeProcess("lua5.4", [shared.appendingPathComponent("loop.lua").path]) {
        print(String(format: "  Lua 5.4 (subprocess)  wall %7.3f s  cpu %7.3f s   output: %@   Seg/Lua wall %.2f cpu %.2f (stretch <= 2)", lua, luaC, out.replacingOccurrences(of: "\t", with: " "), seg / lua, segC / luaC))
    } else {
        print("  Lua 5.4: not available")
    }
}
