print("segnb-bench: no benchmarks yet")
runNotebookBenchmarks(Array(CommandLine.arguments.dropFirst()))
runVisionBenchmarks(CommandLine.arguments)
runScriptBenchmarks(CommandLine.arguments)
