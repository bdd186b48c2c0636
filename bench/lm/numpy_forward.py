#!/usr/bin/env python3
"""Independent numpy (OpenBLAS) GPT-2 forward pass for the PS-Eval benchmark: reads a Hugging Face GPT-2 folder and a
JSON-lines file of token sequences (one {"tokens": [...]} per line, as `sae-explorer bench-forward --write-tokens`
writes them), runs them up to a TransformerLens hook (blocks.L.hook_resid_pre: blocks 0..L-1) in float32, one at a
time or --batch at a time (stacked rows through every matrix product, attention within each sequence: the same
algorithm as `bench-forward --batch`), and prints one JSON object with tokens per second.

  python3 bench/lm/numpy_forward.py MODEL_DIR TOKENS.jsonl [--hook blocks.4.hook_resid_pre] [--batch 1] [--repeat 1]
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np

DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64}


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        lo, hi = meta["data_offsets"]
        out[name.removeprefix("transformer.")] = np.frombuffer(data[lo:hi], dtype=DTYPES[meta["dtype"]]) \
            .reshape(meta["shape"]).astype(np.float32)
    return out


def layer_norm(x, g, b, eps):
    mu = x.mean(-1, keepdims=True)
    c = x - mu
    var = (c * c).mean(-1, keepdims=True)
    return c / np.sqrt(var + eps) * g + b


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(np.float32(np.sqrt(2.0 / np.pi)) * (x + np.float32(0.044715) * x * x * x)))


def run_to_hook(w, cfg, seqs, layers):
    """Runs the sequences stacked: every matrix product takes all their rows, attention stays within a sequence."""
    d, nh = cfg["n_embd"], cfg["n_head"]
    dh, eps = d // nh, cfg["layer_norm_epsilon"]
    starts = np.cumsum([0] + [len(s) for s in seqs])
    x = np.concatenate([w["wte.weight"][s] + w["wpe.weight"][:len(s)] for s in seqs])
    masks = {t: np.triu(np.full((t, t), -np.inf, dtype=np.float32), k=1) for t in {len(s) for s in seqs}}
    scale = np.float32(1.0 / np.sqrt(dh))
    for layer in range(layers):
        p = f"h.{layer}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        z = np.empty((len(x), d), dtype=np.float32)
        for a, b in zip(starts[:-1], starts[1:]):
            t = b - a
            q, k, v = (m.reshape(t, nh, dh).transpose(1, 0, 2) for m in np.split(qkv[a:b], 3, axis=-1))
            s = (q @ k.transpose(0, 2, 1)) * scale + masks[t]
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            z[a:b] = (s @ v).transpose(1, 0, 2).reshape(t, d)
        x = x + z @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        x = x + gelu_new(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]) @ w[p + "mlp.c_proj.weight"] \
            + w[p + "mlp.c_proj.bias"]
    x = x - x.mean(-1, keepdims=True)
    return [x[a:b] for a, b in zip(starts[:-1], starts[1:])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("tokens")
    ap.add_argument("--hook", default="blocks.4.hook_resid_pre")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--batch", type=int, default=1, help="sequences stacked per run (1: one at a time)")
    a = ap.parse_args()
    parts = a.hook.split(".")
    if len(parts) != 3 or parts[0] != "blocks" or parts[2] != "hook_resid_pre":
        sys.exit("only blocks.L.hook_resid_pre hooks are benchmarked")
    layers = int(parts[1])
    with open(os.path.join(a.model, "config.json")) as f:
        cfg = json.load(f)
    w = read_safetensors(os.path.join(a.model, "model.safetensors"))
    with open(a.tokens) as f:
        seqs = [json.loads(line)["tokens"] for line in f if line.strip()]
    run_to_hook(w, cfg, seqs[:a.batch], layers)  # warm-up
    checksum, tokens = 0.0, 0
    start = time.perf_counter()
    for _ in range(a.repeat):
        for i in range(0, len(seqs), a.batch):
            for out in run_to_hook(w, cfg, seqs[i:i + a.batch], layers):
                checksum += float(out[-1, 0])
                tokens += len(out)
    seconds = time.perf_counter() - start
    print(json.dumps({"implementation": f"numpy {np.__version__} (OpenBLAS), float32", "batch": a.batch,
                      "sequences": len(seqs) * a.repeat,
                      "tokens": tokens, "seconds": seconds, "tokensPerSecond": tokens / seconds,
                      "checksum": checksum}))


if __name__ == "__main__":
    main()
