"""Weights interchange between torch_unet.py's UNet and SegNN.

    python make_interop.py                 # writes interop/torch-written.safetensors and torch-io.safetensors
    python make_interop.py verify FILE     # loads a SegNN-written file with load_state_dict(strict=True)

The first form gives the Swift tests a file written by torch (I64 num_batches_tracked, trained a
few steps so running statistics are not the defaults) plus the eval-mode logits it produces.
The second form is how a file saved by `Module.save` was checked to load into torch.
"""
import os, sys, json
import torch, torch.nn.functional as F
from safetensors.torch import save_file, load_file

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, "/work/shared/bench")
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "shared", "bench"))
from torch_unet import UNet

CONFIG = dict(in_channels=3, classes=5, base=4, depth=2, batchnorm=True, up="bilinear")


def write():
    out = os.path.join(HERE, "interop")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(5)
    model = UNet(**CONFIG)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x = torch.randn(2, 3, 12, 16)
    y = torch.randint(0, 5, (2, 12, 16))
    for _ in range(3):
        opt.zero_grad(); F.cross_entropy(model(x), y).backward(); opt.step()
    model.eval()
    with torch.no_grad():
        logits = model(x)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, os.path.join(out, "torch-written.safetensors"))
    save_file({"x": x, "logits": logits}, os.path.join(out, "torch-io.safetensors"))


def verify(path, config):
    model = UNet(**config)
    state = load_file(path)
    model.load_state_dict(state, strict=True)
    dtypes = sorted({str(v.dtype) for v in state.values()})
    tracked = {k: int(v) for k, v in state.items() if k.endswith("num_batches_tracked")}
    print(json.dumps(dict(loaded=path, entries=len(state), dtypes=dtypes,
                          num_batches_tracked_dtype=str(next(v.dtype for k, v in state.items() if k.endswith("num_batches_tracked"))),
                          tracked_sample=dict(list(tracked.items())[:2]))))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "verify":
        verify(sys.argv[2], json.loads(sys.argv[3]) if len(sys.argv) > 3 else CONFIG)
    else:
        write()
