"""Regenerates the SegNN golden fixtures from the reference model in ../shared/bench/torch_unet.py.

    /work/torchenv/bin/python Tests/SegNNTests/Fixtures/make_golden.py

Writes, next to this script:
  unet-<name>/{weights,io,grads}.safetensors  torch_unet.golden(...) for several configurations
  losses.safetensors      cross_entropy with weight and ignore_index, logits/target/loss/grad
  batchnorm.safetensors   one train-mode BatchNorm2d step: output, running stats after it
  optim.safetensors       Adam, AdamW and SGD-momentum parameters after 3 steps from fixed grads
  schedules.safetensors   OneCycleLR lr and beta1 sequences, CosineAnnealingLR lr sequence
"""
import os, sys, json
import torch, torch.nn as nn, torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "shared", "bench"))
sys.path.insert(0, "/work/shared/bench")
import torch_unet

CONFIGS = [
    # name, batchnorm, kwargs for golden
    ("transpose-bn-d2", True, dict(base=4, depth=2, batch=2, h=16, w=20, classes=5, up="transpose")),
    ("bilinear-bn-d3", True, dict(base=4, depth=3, batch=2, h=24, w=16, classes=5, up="bilinear")),
    ("transpose-nobn-odd-d3", False, dict(base=4, depth=3, batch=2, h=19, w=27, classes=5, up="transpose")),
    ("bilinear-nobn-odd-d2", False, dict(base=4, depth=2, batch=1, h=13, w=18, classes=4, up="bilinear")),
    ("transpose-bn-odd-d3", True, dict(base=4, depth=3, batch=2, h=21, w=14, classes=5, up="transpose")),
]


def unets():
    original = torch_unet.UNet
    for name, batchnorm, kwargs in CONFIGS:
        # golden() builds torch_unet.UNet; bind batchnorm without copying the function.
        torch_unet.UNet = lambda *a, _bn=batchnorm, **k: original(*a, batchnorm=_bn, **k)
        torch_unet.golden(os.path.join(HERE, "unet-" + name), **kwargs)
    torch_unet.UNet = original


def losses():
    g = torch.Generator().manual_seed(2)
    logits = torch.randn(2, 4, 3, 5, generator=g, dtype=torch.float64) * 3
    target = torch.randint(0, 4, (2, 3, 5), generator=g)
    target[0, 1, 2] = 3; target[1, 0, :2] = 3   # ignore_index 3 appears
    weight = torch.tensor([0.5, 2.0, 1.0, 3.0], dtype=torch.float64)
    out = {}
    for tag, kw in [("plain", dict()), ("weighted", dict(weight=weight, ignore_index=3))]:
        x = logits.clone().requires_grad_(True)
        loss = F.cross_entropy(x, target, **kw)
        loss.backward()
        out[f"{tag}_loss"] = loss.detach().float().reshape(1)
        out[f"{tag}_grad"] = x.grad.float()
    out.update(logits=logits.float(), target=target.int(), weight=weight.float())
    save_file(out, os.path.join(HERE, "losses.safetensors"))


def batchnorm():
    torch.manual_seed(3)
    bn = nn.BatchNorm2d(3)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([1.5, 0.5, -1.0])); bn.bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
    x = torch.randn(2, 3, 4, 5) * 2 + 1
    y1 = bn(x)
    y2 = bn(x * 0.5)
    bn.eval()
    y3 = bn(x)
    save_file(dict(x=x, y1=y1.detach(), y2=y2.detach(), y3=y3.detach(), running_mean=bn.running_mean,
                   running_var=bn.running_var, num_batches_tracked=bn.num_batches_tracked.reshape(1).int()),
              os.path.join(HERE, "batchnorm.safetensors"))


def optim():
    torch.manual_seed(4)
    w0 = torch.randn(3, 4)
    grads = [torch.randn(3, 4) for _ in range(3)]
    out = dict(w0=w0.clone(), g0=grads[0], g1=grads[1], g2=grads[2])
    cases = {
        "adam": lambda p: torch.optim.Adam([p], lr=0.01, betas=(0.9, 0.999), weight_decay=0.1),
        "adamw": lambda p: torch.optim.AdamW([p], lr=0.01, weight_decay=0.05),
        "sgd": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=0.01),
        "sgdplain": lambda p: torch.optim.SGD([p], lr=0.1),
    }
    for name, make in cases.items():
        p = nn.Parameter(w0.clone())
        opt = make(p)
        for k, g in enumerate(grads):
            p.grad = g.clone()
            opt.step()
            out[f"{name}_{k}"] = p.detach().clone()
    save_file(out, os.path.join(HERE, "optim.safetensors"))


def schedules():
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.Adam([p], lr=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1e-2, total_steps=20)
    lrs, betas = [], []
    for _ in range(20):
        lrs.append(opt.param_groups[0]["lr"]); betas.append(opt.param_groups[0]["betas"][0])
        opt.step(); sched.step() if len(lrs) < 20 else None
    opt2 = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    sched2 = torch.optim.lr_scheduler.CosineAnnealingLR(opt2, T_max=10)
    cos = []
    for _ in range(12):
        cos.append(opt2.param_groups[0]["lr"]); opt2.step(); sched2.step()
    save_file(dict(onecycle_lr=torch.tensor(lrs, dtype=torch.float64).float(),
                   onecycle_beta1=torch.tensor(betas).float(),
                   cosine_lr=torch.tensor(cos).float()), os.path.join(HERE, "schedules.safetensors"))
    print(json.dumps(dict(onecycle=lrs, cosine=cos)))


if __name__ == "__main__":
    unets(); losses(); batchnorm(); optim(); schedules()
