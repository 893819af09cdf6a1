"""Builds Notebooks/data/camvid-mini, the small CamVid subset embedded as the notebook's default data.

Takes 32 train and 12 val frames evenly spaced through the sorted file lists of ../shared/camvid
(so every sequence is represented), downscales frames to 256x192 with PIL's bilinear filter and masks
with nearest neighbour, and writes them as optimised PNGs in the SegNet layout with classes.csv.
Run from the repository root: /work/torchenv/bin/python Benchmarks/python/make_camvid_mini.py
"""
import os, shutil, sys
from PIL import Image

SRC = next((p for p in ("../shared/camvid", "../../shared/camvid") if os.path.isdir(p)), "../shared/camvid")
DST = "Notebooks/data/camvid-mini"
SIZE = (256, 192)  # width, height
COUNTS = {"train": 32, "val": 12}

for split, count in COUNTS.items():
    names = sorted(os.listdir(f"{SRC}/{split}"))
    picked = [names[(i * len(names)) // count] for i in range(count)]
    for sub in (split, split + "annot"):
        os.makedirs(f"{DST}/{sub}", exist_ok=True)
    for name in picked:
        Image.open(f"{SRC}/{split}/{name}").convert("RGB").resize(SIZE, Image.BILINEAR).save(
            f"{DST}/{split}/{name}", optimize=True)
        Image.open(f"{SRC}/{split}annot/{name}").resize(SIZE, Image.NEAREST).save(
            f"{DST}/{split}annot/{name}", optimize=True)
    with open(f"{DST}/{split}.txt", "w") as f:
        f.writelines(f"{split}/{n} {split}annot/{n}\n" for n in picked)
shutil.copy(f"{SRC}/classes.csv", f"{DST}/classes.csv")
total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(DST) for f in fs)
print(f"{DST}: {total / 1e6:.2f} MB")
