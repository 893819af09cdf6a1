// segnb-bench [GROUP ...]: release benchmarks, each side by side with its reference.
// Groups: tensor, nn, vision, script, notebook, bindings. No argument runs them all.
runTensorBenchmarks(Array(CommandLine.arguments.dropFirst()))
runNNBenchmarks(CommandLine.arguments)
runVisionBenchmarks(CommandLine.arguments)
runScriptBenchmarks(CommandLine.arguments)
runNotebookBenchmarks(Array(CommandLine.arguments.dropFirst()))
runBindingOverheadBenchmarks(CommandLine.arguments)
