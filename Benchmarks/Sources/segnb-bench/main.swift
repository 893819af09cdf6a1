print("segnb-bench: no benchmarks yet")
