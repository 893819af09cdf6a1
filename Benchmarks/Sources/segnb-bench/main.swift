print("segnb-bench: no benchmarks yet")
runTensorBenchmarks(Array(CommandLine.arguments.dropFirst()))
runNNBenchmarks(CommandLine.arguments)
