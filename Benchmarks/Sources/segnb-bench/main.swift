print("segnb-bench: no benchmarks yet")
runNotebookBenchmarks(Array(CommandLine.arguments.dropFirst()))
runScriptBenchmarks(CommandLine.arguments)
