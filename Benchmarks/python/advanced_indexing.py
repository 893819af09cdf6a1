"""NumPy's side of the advanced-indexing rows of `segnb-bench tensor`.

Builds the same shapes as the Swift side (an [8, 192, 256] int32 label batch with 12 classes,
an [8, 3, 192, 256] float32 frame batch in 0..1, a [12, 3] palette) and prints one line per
operation: its name and the median seconds of `runs` runs, as JSON.
"""
import json
import sys
import time

import numpy as np


def median_seconds(fn, runs):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 12, size=(8, 192, 256), dtype=np.int32)
    frames = rng.random((8, 3, 192, 256), dtype=np.float32)
    palette = rng.integers(0, 256, size=(12, 3), dtype=np.int32)
    void = labels == 11
    bright = frames > 0.5
    order = np.arange(7, -1, -1, dtype=np.int32)

    def assign_labels():
        labels[void] = 0

    def assign_frames():
        frames[bright] = 0.5

    results = {
        "mask select labels": median_seconds(lambda: labels[void], runs),
        "mask select frames": median_seconds(lambda: frames[bright], runs),
        "gather palette[labels]": median_seconds(lambda: palette[labels], runs),
        "gather frames[order]": median_seconds(lambda: frames[order], runs),
        "mask assign labels": median_seconds(assign_labels, runs),
        "mask assign frames": median_seconds(assign_frames, runs),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
