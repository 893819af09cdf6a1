print("segnb-bench: no benchmarks yet")
runNNBenchmarks(CommandLine.arguments)
