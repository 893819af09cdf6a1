// segnb-bench [GROUP ...]: release benchmarks, each side by side with its reference.
// Groups: tensor, nn, vision, script, notebook, bindings, dist. No argument runs them all but dist.
import Foundation

let benchmarkGroups = ["tensor", "nn", "vision", "script", "notebook", "bindings", "dist", DistBench.workerCommand]
let requestedGroups = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: segnb-bench [GROUP ...]
    Runs each benchmark group beside its reference and prints ours/reference; no GROUP runs them
    all except dist (2 MPI ranks against 1 rank, needs mpirun). Groups: tensor, nn, vision, script,
    notebook, bindings, dist (`tensor indexing`: only the mask and gather rows).
    Environment: SEGNB_NN_BASES (e.g. 16), SEGNB_SKIP_TORCH=1, SEGNB_TORCH_PYTHON (a python with torch),
    SEGNB_CAMVID (the CamVid root for the vision group), SEGNB_CONV (auto, direct, direct-winograd,
    im2col, winograd2, winograd4: how 3x3 convolutions run), SEGNB_MAX_CPU_ISA (avx2 or none: cap
    the vector kernels), SEGNB_NN_COMPARE (e.g. im2col,auto: time those alternately in one
    process), SEGNB_NN_ROUNDS (rounds of PyTorch then ours per configuration, default 3).

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
runDistBenchmarks(CommandLine.arguments)
runTensorBenchmarks(requestedGroups)
runNNBenchmarks(CommandLine.arguments)
runVisionBenchmarks(CommandLine.arguments)
runScriptBenchmarks(CommandLine.arguments)
runComprehensionBenchmark(CommandLine.arguments)
runNotebookBenchmarks(requestedGroups)
runBindingOverheadBenchmarks(CommandLine.arguments)
