"""Reference for the `vision` benchmark: PIL + NumPy loading the CamVid train+val frames and masks.

Decodes every frame and mask of the given splits, resizes frames bilinearly and masks by nearest
neighbour to --size (height width), and stacks them as NumPy uint8 arrays, as a straightforward
PyTorch-style data pipeline does. Prints one JSON line per run: {"seconds": s, "frames": n, "checksum": c}.
"""
import argparse, json, os, time
import numpy as np
from PIL import Image

p = argparse.ArgumentParser()
p.add_argument("--root", required=True)
p.add_argument("--splits", nargs="+", default=["train", "val"])
p.add_argument("--size", nargs=2, type=int, default=[192, 256])
p.add_argument("--repeat", type=int, default=1)
a = p.parse_args()
H, W = a.size

for _ in range(a.repeat):
    t0 = time.perf_counter()
    frames, masks = [], []
    for split in a.splits:
        for name in sorted(os.listdir(f"{a.root}/{split}")):
            frames.append(np.asarray(Image.open(f"{a.root}/{split}/{name}").convert("RGB").resize((W, H), Image.BILINEAR)))
            masks.append(np.asarray(Image.open(f"{a.root}/{split}annot/{name}").resize((W, H), Image.NEAREST)))
    x, y = np.stack(frames), np.stack(masks)
    seconds = time.perf_counter() - t0
    print(json.dumps(dict(seconds=seconds, frames=len(x), checksum=int(y.astype(np.int64).sum()))), flush=True)
