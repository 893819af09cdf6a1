"""Makes the SegVision test fixtures (run with /work/torchenv/bin/python from the repo root).

- png/: one small PNG per colour type and bit depth; pixel values follow value(x, y, c) below so
  the Swift tests can check every sample without reference files.
- resize/: inputs and torch.nn.functional.interpolate outputs (bilinear, align_corners=False,
  antialias=False, and nearest) as raw little-endian float32, listed in resize/cases.json.
- camvid32/: a tiny original-layout (32-class, RGB colour-coded) split made from real frames of
  ../shared/camvid: frames downscaled, masks colour-coded with a 32-class colour of their 11-class
  group; expected/ holds the 11-class masks the grouping must give back.
- metrics/: expected confusion-matrix figures on the real val masks against a shifted
  "prediction" (see predict() below), computed with NumPy.
"""
import json, os, struct, sys, zlib
import numpy as np
from PIL import Image

OUT = "Tests/SegVisionTests/Fixtures"
CAMVID = next((p for p in ("../shared/camvid", "../../shared/camvid") if os.path.isdir(p)), "../shared/camvid")
W, H = 5, 4


def value(x, y, c, bits):
    v = (x * 37 + y * 11 + c * 53 + 7) % 256
    return v * 257 - (x + y + c) % 3 if bits == 16 else v


def raw_png(path, width, height, color_type, bits, rows):
    """A minimal PNG writer for the cases PIL cannot write (16-bit colour and alpha)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    body = b"".join(b"\x00" + row for row in rows)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, color_type, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(body)) + chunk(b"IEND", b"")
    open(path, "wb").write(data)


def make_pngs():
    d = f"{OUT}/png"; os.makedirs(d, exist_ok=True)
    for name, ctype, ch in [("grey", 0, 1), ("greyalpha", 4, 2), ("rgb", 2, 3), ("rgba", 6, 4)]:
        for bits in (8, 16):
            rows = []
            for y in range(H):
                row = b""
                for x in range(W):
                    for c in range(ch):
                        v = value(x, y, c, bits)
                        if c == ch - 1 and ch in (2, 4):
                            v = 255 if bits == 8 else 65535  # opaque: premultiplication is exact
                            if (x + y) % 2: v = 128 if bits == 8 else 32768
                        row += struct.pack(">H", v) if bits == 16 else bytes([v])
                rows.append(row)
            raw_png(f"{d}/{name}{bits}.png", W, H, ctype, bits, rows)
    # Palette: index (x + 2y) % 6 with distinct colours; and 4-bit grey labels 0..15.
    pal = Image.new("P", (W, H))
    pal.putpalette([10, 20, 30, 200, 0, 0, 0, 200, 0, 0, 0, 200, 50, 50, 50, 255, 255, 255] + [0] * (3 * 250))
    pal.putdata([(x + 2 * y) % 6 for y in range(H) for x in range(W)])
    pal.save(f"{d}/palette.png")
    rows = []
    for y in range(H):
        vals = [(x * 3 + y) % 16 for x in range(W)] + [0]
        rows.append(bytes((vals[i] << 4) | vals[i + 1] for i in range(0, W, 2)))
    raw_png(f"{d}/grey4.png", W, H, 0, 4, rows)
    data = open(f"{d}/rgb8.png", "rb").read()
    open(f"{d}/truncated.png", "wb").write(data[: len(data) - 30])
    bad = bytearray(data); bad[40] ^= 0xFF  # inside IDAT: CRC no longer matches
    open(f"{d}/corrupt.png", "wb").write(bytes(bad))
    open(f"{d}/notpng.png", "wb").write(b"this is not a PNG file at all, just some text\n" * 3)


def make_resize():
    import torch
    import torch.nn.functional as F
    d = f"{OUT}/resize"; os.makedirs(d, exist_ok=True)
    g = torch.Generator().manual_seed(7)
    cases = []
    for i, (shape, size) in enumerate([((2, 7, 9), (3, 4)), ((1, 4, 5), (9, 11)), ((3, 6, 8), (4, 5)),
                                       ((2, 3, 5, 6), (10, 3)), ((1, 45, 60), (24, 32))]):
        x = torch.rand(shape, generator=g)
        batch = x if x.dim() == 4 else x[None]
        for mode in ("bilinear", "nearest"):
            kw = dict(align_corners=False, antialias=False) if mode == "bilinear" else {}
            y = F.interpolate(batch, size=size, mode=mode, **kw)
            y = y if x.dim() == 4 else y[0]
            name = f"case{i}_{mode}"
            x.numpy().astype("<f4").tofile(f"{d}/{name}_in.f32")
            y.numpy().astype("<f4").tofile(f"{d}/{name}_out.f32")
            cases.append(dict(name=name, mode=mode, input=list(shape), output=list(y.shape)))
    json.dump(cases, open(f"{d}/cases.json", "w"), indent=1)


# Each 11-class index -> the 32-class colours used to encode it (cycled per pixel column band).
TABLE = [("Animal", 64, 128, 64), ("Archway", 192, 0, 128), ("Bicyclist", 0, 128, 192), ("Bridge", 0, 128, 64),
         ("Building", 128, 0, 0), ("Car", 64, 0, 128), ("CartLuggagePram", 64, 0, 192), ("Child", 192, 128, 64),
         ("Column_Pole", 192, 192, 128), ("Fence", 64, 64, 128), ("LaneMkgsDriv", 128, 0, 192),
         ("LaneMkgsNonDriv", 192, 0, 64), ("Misc_Text", 128, 128, 64), ("MotorcycleScooter", 192, 0, 192),
         ("OtherMoving", 128, 64, 64), ("ParkingBlock", 64, 192, 128), ("Pedestrian", 64, 64, 0),
         ("Road", 128, 64, 128), ("RoadShoulder", 128, 128, 192), ("Sidewalk", 0, 0, 192),
         ("SignSymbol", 192, 128, 128), ("Sky", 128, 128, 128), ("SUVPickupTruck", 64, 128, 192),
         ("TrafficCone", 0, 0, 64), ("TrafficLight", 0, 64, 64), ("Train", 192, 64, 128), ("Tree", 128, 128, 0),
         ("Truck_Bus", 192, 128, 192), ("Tunnel", 64, 0, 64), ("VegetationMisc", 192, 192, 0), ("Void", 0, 0, 0),
         ("Wall", 64, 192, 0)]
GROUPS = [["Sky"], ["Building", "Wall", "Bridge"], ["Column_Pole", "TrafficCone"], ["Road", "LaneMkgsDriv"],
          ["Sidewalk", "ParkingBlock", "RoadShoulder"], ["Tree", "VegetationMisc"], ["SignSymbol", "Misc_Text"],
          ["Fence"], ["Car", "SUVPickupTruck", "Truck_Bus"], ["Pedestrian", "Child"], ["Bicyclist", "MotorcycleScooter"]]


def make_camvid32():
    d = f"{OUT}/camvid32"
    for sub in ("train", "train_labels", "expected"):
        os.makedirs(f"{d}/{sub}", exist_ok=True)
    colours = {n: (r, g, b) for n, r, g, b in TABLE}
    with open(f"{d}/class_dict.csv", "w") as f:
        f.write("name,r,g,b\n")
        for n, r, g, b in TABLE:
            f.write(f"{n},{r},{g},{b}\n")
    for name in ["0001TP_006690.png", "0006R0_f02670.png", "0016E5_04620.png"]:
        frame = Image.open(f"{CAMVID}/train/{name}").convert("RGB").resize((80, 60), Image.BILINEAR)
        mask = np.asarray(Image.open(f"{CAMVID}/trainannot/{name}").resize((80, 60), Image.NEAREST)).copy()
        rgb = np.zeros(mask.shape + (3,), np.uint8)
        for y in range(mask.shape[0]):
            for x in range(mask.shape[1]):
                k = int(mask[y, x])
                if k < 11:
                    group = GROUPS[k]
                    rgb[y, x] = colours[group[(x // 7) % len(group)]]
        rgb[0, 0] = (1, 2, 3)  # a colour not in the table: void
        mask[0, 0] = 11
        frame.save(f"{d}/train/{name}")
        Image.fromarray(rgb).save(f"{d}/train_labels/{name[:-4]}_L.png")
        Image.fromarray(mask).save(f"{d}/expected/{name}")


def predict(y):
    """The fixed 'prediction': the mask shifted 3 pixels right (edge repeated), void replaced."""
    p = np.concatenate([np.repeat(y[:, :1], 3, axis=1), y[:, :-3]], axis=1).astype(np.int64)
    yy, xx = np.mgrid[0:y.shape[0], 0:y.shape[1]]
    return np.where(p == 11, (xx + yy) % 11, p)


def make_metrics():
    d = f"{OUT}/metrics"; os.makedirs(d, exist_ok=True)
    names = sorted(os.listdir(f"{CAMVID}/valannot"))
    cm = np.zeros((11, 11), np.int64)
    for n in names:
        y = np.asarray(Image.open(f"{CAMVID}/valannot/{n}")).astype(np.int64)
        p = predict(y)
        keep = y != 11
        cm += np.bincount(y[keep] * 11 + p[keep], minlength=121).reshape(11, 11)
    tp = np.diag(cm).astype(np.float64); rows = cm.sum(1); cols = cm.sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        iou = tp / (rows + cols - tp); acc = tp / rows
    json.dump(dict(files=len(names), matrix=cm.tolist(), pixel_accuracy=tp.sum() / cm.sum(),
                   class_accuracy=[None if np.isnan(v) else v for v in acc], mean_class_accuracy=np.nanmean(acc),
                   iou=[None if np.isnan(v) else v for v in iou], miou=np.nanmean(iou),
                   fw_iou=float(np.nansum(rows / rows.sum() * iou))), open(f"{d}/val_shift3.json", "w"), indent=1)


if __name__ == "__main__":
    make_pngs(); make_resize(); make_camvid32(); make_metrics()
    print("fixtures written to", OUT)
