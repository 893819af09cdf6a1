print("segnb-bench: no benchmarks yet")
runScriptBenchmarks(CommandLine.arguments)
