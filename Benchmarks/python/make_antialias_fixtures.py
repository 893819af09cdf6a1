"""Makes the antialiased-resize fixtures (run with /work/torchenv/bin/python from the repo root).

Writes Tests/SegVisionTests/Fixtures/antialias/:
- frame.png: a 45x60 RGB frame (smooth gradients, stripes finer than the downscale and noise, so
  aliasing shows) and labels.png: a 45x60 grey label map of class blocks and thin lines (0..11).
- pil_frame_HxW.rgb: PIL `Image.resize((W, H), Image.BILINEAR)` of frame.png as raw interleaved
  RGB bytes; pil_labels_HxW.u8 (downscales only): PIL `Image.resize((W, H), Image.NEAREST)` of
  labels.png.
- torch_*: torch.nn.functional.interpolate of a float32 [2, 45, 60] tensor with
  mode="bilinear", align_corners=False, antialias=True, and of an int32 [1, 45, 60] label map with
  mode="nearest-exact", raw little-endian; cases.json lists the sizes.
"""
import json, os
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

OUT = "Tests/SegVisionTests/Fixtures/antialias"
H, W = 45, 60
SIZES = [(24, 32), (17, 23), (50, 70), (30, 90)]  # down, odd down, up, down in h and up in w


def frame():
    rng = np.random.default_rng(11)
    y, x = np.mgrid[0:H, 0:W]
    r = 128 + 100 * np.sin(x * 2.7) * np.cos(y * 0.3)          # stripes finer than the output grid
    g = 255.0 * x / (W - 1) * (y % 3 != 0)                       # a ramp with dark every third row
    b = 255.0 * ((x // 2 + y // 2) % 2)                          # a 2-pixel checkerboard
    rgb = np.stack([r, g, b], -1) + rng.normal(0, 12, (H, W, 3))
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


def labels():
    y, x = np.mgrid[0:H, 0:W]
    lab = ((x // 7) + 3 * (y // 9)) % 11
    lab[:, 13] = 2                                                  # a one-pixel pole
    lab[20, :] = 6                                                  # a one-pixel sign row
    lab[(x + y) % 17 == 0] = 11                                     # void diagonals
    return lab.astype(np.uint8)


def main():
    os.makedirs(OUT, exist_ok=True)
    rgb, lab = frame(), labels()
    Image.fromarray(rgb, "RGB").save(f"{OUT}/frame.png")
    Image.fromarray(lab, "L").save(f"{OUT}/labels.png")
    img = Image.open(f"{OUT}/frame.png").convert("RGB")
    lim = Image.open(f"{OUT}/labels.png")
    cases = []
    g = torch.Generator().manual_seed(5)
    x = torch.rand((2, H, W), generator=g)
    x.numpy().astype("<f4").tofile(f"{OUT}/torch_in.f32")
    xi = torch.randint(0, 12, (1, H, W), generator=g, dtype=torch.int32)
    xi.numpy().astype("<i4").tofile(f"{OUT}/torch_in.i32")
    for h, w in SIZES:
        np.asarray(img.resize((w, h), Image.BILINEAR), np.uint8).tofile(f"{OUT}/pil_frame_{h}x{w}.rgb")
        if h < H and w < W:
            # On upscales PIL steps the source coordinate by repeated addition, so exact ties
            # (60 -> 70: 3.5 * 6/7 = 3) can fall one pixel short; torch's int32 files cover those.
            np.asarray(lim.resize((w, h), Image.NEAREST), np.uint8).tofile(f"{OUT}/pil_labels_{h}x{w}.u8")
        aa = F.interpolate(x[None], size=(h, w), mode="bilinear", align_corners=False, antialias=True)[0]
        aa.numpy().astype("<f4").tofile(f"{OUT}/torch_aa_{h}x{w}.f32")
        # torch's nearest-exact has no integer kernel: resize the labels as float, exactly representable.
        ni = F.interpolate(xi[None].float(), size=(h, w), mode="nearest-exact")[0].to(torch.int32)
        ni.numpy().astype("<i4").tofile(f"{OUT}/torch_ne_{h}x{w}.i32")
        cases.append(dict(height=h, width=w))
    json.dump(dict(input=[2, H, W], sizes=cases), open(f"{OUT}/cases.json", "w"), indent=1)
    print("fixtures written to", OUT)


if __name__ == "__main__":
    main()
