// segnb-bench [GROUP ...]: release benchmarks, each side by side with its reference.
// Groups: tensor, nn, vision, script, notebook, bindings. No argument runs them all.
import Foundation

let benchmarkGroups = ["tensor", "nn", "vision", "script", "notebook", "bindings"]
let requestedGroups = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: segnb-bench [GROUP ...]
    Runs each benchmark group beside its reference and prints ours/reference; no GROUP runs them all.
    Groups: \(benchmarkGroups.joined(separator: ", ")) (`tensor indexing`: only the mask and gather rows).
    Environment: SEGNB_NN_BASES (e.g. 16), SEGNB_SKIP_TORCH=1, SEGNB_TORCH_PYTHON (a python with torch),
    SEGNB_CAMVID (the CamVid root for the vision group).

    """
if requestedGroups.contains(where: { $0 == "-h" || $0 == "--help" || $0 == "help" }) {
    print(usage, terminator: "")
    exit(0)
}
// `indexing` narrows the tensor group to its mask and gather rows.
if let unknown = requestedGroups.first(where: { !benchmarkGroups.contains($0) && $0 != "indexing" }) {
    FileHandle.standardError.write(Data("segnb-bench: unknown group '\(unknown)'\n\(usage)".utf8))
    exit(2)
}
runTensorBenchmarks(requestedGroups)
runNNBenchmarks(CommandLine.arguments)
runVisionBenchmarks(CommandLine.arguments)
runScriptBenchmarks(CommandLine.arguments)
runNotebookBenchmarks(requestedGroups)
runBindingOverheadBenchmarks(CommandLine.arguments)
