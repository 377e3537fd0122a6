#!/usr/bin/python3
"""Independent PyTorch execution of the ORIGINAL published MeshNet weights (reference for the
converter equivalence tests). It shares no code with the TypeScript converters: it builds the
network with torch.nn from the published layer JSON / tfjs topology, loads the weights with
its own readers (safetensors header + numpy, tfjs weightsManifest + numpy, torch.load with
weights_only for the PyTorch zip), runs it, and writes argmax labels as raw uint8.

Usage: meshnet_reference.py FORMAT MODEL_DIR INPUT.f32 D H W OUTPUT.u8
FORMAT: safetensors | tfjs | torchzip. INPUT is float32 little-endian, last axis fastest.
Prints one JSON line: {"seconds", "classes", "threads", "logitMeans" (per class)}.
Needs Debian's python3-torch (run with /usr/bin/python3).
"""
import json
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    body = raw[8 + n :]
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", e["dtype"]
        a, b = e["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(body[a:b], dtype="<f4").reshape(e["shape"]).copy())
    return out


def activation(spec):
    if spec.get("gelu"):
        return nn.GELU()
    if spec.get("elu"):
        return nn.ELU()
    return nn.ReLU()


def build_flat_meshnet(spec, state):
    """brainchop's MeshNet: nn.Sequential(conv, act, conv, act, ..., conv) → keys model.0, model.2, ..."""
    modules = []
    layers = spec["layers"]
    for i, l in enumerate(layers):
        w = state[f"model.{2 * i}.weight"]
        modules.append(nn.Conv3d(w.shape[1], w.shape[0], l["kernel_size"], stride=l["stride"], padding=l["padding"], dilation=l["dilation"], bias=True))
        if i < len(layers) - 1:
            modules.append(activation(spec))
    model = nn.Module()
    model.model = nn.Sequential(*modules)
    model.load_state_dict(state, strict=True)
    return model.model


def build_mindgrab(spec, state):
    """mindgrab: blocks Sequential(Conv3d(bias=False), GroupNorm(C, C, affine=False), GELU), last a Conv3d with bias."""
    blocks = []
    layers = spec["layers"]
    for i, l in enumerate(layers[:-1]):
        w = state[f"model.{i}.0.weight"]
        c = w.shape[0]
        blocks.append(nn.Sequential(
            nn.Conv3d(w.shape[1], c, l["kernel_size"], padding=l["padding"], dilation=l["dilation"], bias=False),
            nn.GroupNorm(c, c, affine=False),
            nn.GELU(),
        ))
    last = state[f"model.{len(layers) - 1}.weight"]
    blocks.append(nn.Conv3d(last.shape[1], last.shape[0], 1, bias=f"model.{len(layers) - 1}.bias" in state))
    model = nn.Module()
    model.model = nn.Sequential(*blocks)
    model.load_state_dict(state, strict=True)
    return model.model


def build_tfjs(model_dir):
    doc = json.load(open(os.path.join(model_dir, "model.json")))
    weights = {}
    for group in doc["weightsManifest"]:
        raw = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            n = int(np.prod(w["shape"]))
            weights[w["name"]] = np.frombuffer(raw[off : off + 4 * n], dtype="<f4").reshape(w["shape"])
            off += 4 * n
    modules = []
    for layer in doc["modelTopology"]["model_config"]["config"]["layers"]:
        c = layer["config"]
        if layer["class_name"] == "Conv3D":
            k = weights[c["name"] + "/kernel"]  # [kd, kh, kw, in, out]
            conv = nn.Conv3d(k.shape[3], k.shape[4], c["kernel_size"][0], dilation=c["dilation_rate"][0],
                             padding=c["dilation_rate"][0] * (c["kernel_size"][0] - 1) // 2)
            with torch.no_grad():
                conv.weight.copy_(torch.from_numpy(np.ascontiguousarray(k.transpose(4, 3, 0, 1, 2))))
                conv.bias.copy_(torch.from_numpy(weights[c["name"] + "/bias"].copy()))
            modules.append(conv)
            assert c["activation"] == "linear"
        elif layer["class_name"] == "Activation":
            modules.append({"elu": nn.ELU(), "relu": nn.ReLU()}[c["activation"]])
    return nn.Sequential(*modules)


def main():
    fmt, model_dir, input_path, d, h, w, output_path = sys.argv[1:8]
    shape = (1, 1, int(d), int(h), int(w))
    torch.set_num_threads(os.cpu_count() or 1)
    if fmt == "safetensors":
        spec = json.load(open(os.path.join(model_dir, "model.json")))
        net = build_flat_meshnet(spec, load_safetensors(os.path.join(model_dir, "model.pth")))
    elif fmt == "torchzip":
        spec = json.load(open(os.path.join(model_dir, "model.json")))
        state = torch.load(os.path.join(model_dir, "model.pth"), map_location="cpu", weights_only=True)
        net = build_mindgrab(spec, state)
    elif fmt == "tfjs":
        net = build_tfjs(model_dir)
    else:
        raise SystemExit(f"unknown format {fmt}")
    net.eval()
    x = torch.from_numpy(np.fromfile(input_path, dtype="<f4").reshape(shape))
    start = time.time()
    with torch.inference_mode():
        logits = net(x)
    labels = logits.argmax(dim=1).to(torch.uint8).numpy()
    seconds = time.time() - start
    labels.tofile(output_path)
    # Per-class mean logits: a check that does not depend on argmax (a model whose output is one
    # class everywhere would otherwise compare equal however wrong its logits were).
    means = [float(v) for v in logits.double().mean(dim=(0, 2, 3, 4))]
    print(json.dumps({"seconds": round(seconds, 2), "classes": int(logits.shape[1]), "threads": torch.get_num_threads(), "logitMeans": means}))


if __name__ == "__main__":
    main()
