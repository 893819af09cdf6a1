print("segnb-bench: no benchmarks yet")
runVisionBenchmarks(CommandLine.arguments)
runScriptBenchmarks(CommandLine.arguments)
