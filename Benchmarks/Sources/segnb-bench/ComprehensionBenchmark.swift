import Foundation
import SegScript

/// Part of the `script` group: `[x * 2 for x in range(N)]` against the `for` loop with `append`
/// that builds the same list, alternating in one process, CPU time per run (median).
func runComprehensionBenchmark(_ arguments: [String]) {
    if let filter = arguments.dropFirst().first, filter != "script" { return }
    // A program file after `script` asks for that program alone (see runScriptBenchmarks).
    if arguments.count > 2 { return }
    let size = 1_000_000, runs = 15
    let programs = [
        ("comprehension", "let ys = [x * 2 for x in range(\(size))]\nprint(len(ys), ys[\(size - 1)])"),
        ("for + append ", "var ys = []\nfor x in range(\(size)) { ys.append(x * 2) }\nprint(len(ys), ys[\(size - 1)])"),
    ]
    func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    var times = [[Double]](repeating: [], count: programs.count)
    var outputs = [String](repeating: "", count: programs.count)
    for _ in 0..<runs {
        for (k, (_, text)) in programs.enumerated() {
            let sink = CollectingSink()
            do {
                times[k].append(try LargeStack.run { () -> Double in
                    let start = threadCPU()
                    try Interpreter(sink: sink).runScript(SourceFile(name: "comprehension.seg", text: text))
                    return threadCPU() - start
                })
            } catch {
                print("script: comprehension benchmark failed: \(error)")
                return
            }
            outputs[k] = sink.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
    let medians = times.map { $0.sorted()[$0.count / 2] }
    print("script: a list of \(size) Ints, built two ways, cpu median of \(runs) (alternating)")
    for (k, (name, _)) in programs.enumerated() {
        print(String(format: "  %@  %7.3f s   output: %@", name, medians[k], outputs[k]))
    }
    print(String(format: "  comprehension / for+append %.2f (target <= 1)", medians[0] / medians[1]))
}
