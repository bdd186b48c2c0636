#!/usr/bin/env python3
"""Reference fixtures for the Java GPT-2 forward pass (dev.saeexplorer.core.lm).

Creates small random GPT-2 models in several shapes, writes each as a Hugging Face-style folder
(config.json + model.safetensors) under src/test/resources/lm/<name>/, runs an independent numpy
forward pass (float64) for a fixed token sequence and writes every TransformerLens hook's activations
(each vector minus its mean across d_model) for every layer into reference.json.

numpy only. Run from the repository root:  python3 bench/lm/gpt2_reference.py
"""
import json
import os
import struct
import sys

import numpy as np

MODELS = [
    # name, d_model, heads, layers, vocab, positions, prefix, seed, tokens
    ("tiny-a", 12, 3, 2, 64, 16, "transformer.", 1, [63, 5, 17, 0, 42, 42, 9, 31, 2, 60]),
    ("tiny-b", 10, 2, 3, 50, 12, "", 2, [49, 3, 3, 27, 11, 0, 48, 19]),
    ("tiny-c", 6, 1, 1, 20, 8, "", 3, [19, 4, 7, 12, 1]),
]
HOOKS = ["hook_resid_pre", "hook_attn_out", "hook_resid_mid", "hook_mlp_out", "hook_resid_post"]
EPS = 1e-5


def write_safetensors(path, tensors):
    """Hand-rolled safetensors writer: 8-byte LE header length, JSON header, F32 little-endian data."""
    header = {}
    blobs = []
    offset = 0
    for name, arr in tensors.items():
        data = np.ascontiguousarray(arr, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)  # align data to 8 bytes, as the reference writer does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for b in blobs:
            f.write(b)


def make_weights(d, n_layer, vocab, pos, rng):
    r = lambda *s, scale=0.3: (rng.standard_normal(s) * scale).astype(np.float32)
    w = {"wte.weight": r(vocab, d, scale=0.5), "wpe.weight": r(pos, d, scale=0.2)}
    for l in range(n_layer):
        p = f"h.{l}."
        w[p + "ln_1.weight"] = (1 + r(d, scale=0.2)).astype(np.float32)
        w[p + "ln_1.bias"] = r(d, scale=0.1)
        w[p + "attn.c_attn.weight"] = r(d, 3 * d, scale=0.5)
        w[p + "attn.c_attn.bias"] = r(3 * d, scale=0.1)
        w[p + "attn.c_proj.weight"] = r(d, d)
        w[p + "attn.c_proj.bias"] = r(d, scale=0.1)
        w[p + "ln_2.weight"] = (1 + r(d, scale=0.2)).astype(np.float32)
        w[p + "ln_2.bias"] = r(d, scale=0.1)
        w[p + "mlp.c_fc.weight"] = r(d, 4 * d, scale=0.5)
        w[p + "mlp.c_fc.bias"] = r(4 * d, scale=0.1)
        w[p + "mlp.c_proj.weight"] = r(4 * d, d)
        w[p + "mlp.c_proj.bias"] = r(d, scale=0.1)
    w["ln_f.weight"] = (1 + r(d, scale=0.2)).astype(np.float32)
    w["ln_f.bias"] = r(d, scale=0.1)
    return w


def layer_norm(x, g, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS) * g + b


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))


def forward(w, tokens, d, n_head, n_layer):
    """Hugging Face GPT-2 forward in float64; returns {f"blocks.{l}.{hook}": [T, d]} centred across d_model."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    T = len(tokens)
    dh = d // n_head
    x = w["wte.weight"][tokens] + w["wpe.weight"][:T]
    mask = np.triu(np.ones((T, T), dtype=bool), k=1)
    out = {}
    for l in range(n_layer):
        p = f"h.{l}."
        acts = {"hook_resid_pre": x}
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"])
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = np.split(qkv, 3, axis=-1)
        q = q.reshape(T, n_head, dh).transpose(1, 0, 2)
        k = k.reshape(T, n_head, dh).transpose(1, 0, 2)
        v = v.reshape(T, n_head, dh).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / np.sqrt(dh)
        s = np.where(mask, -np.inf, s)
        s = s - s.max(-1, keepdims=True)
        a = np.exp(s)
        a /= a.sum(-1, keepdims=True)
        z = (a @ v).transpose(1, 0, 2).reshape(T, d)
        attn = z @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        acts["hook_attn_out"] = attn
        x = x + attn
        acts["hook_resid_mid"] = x
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"])
        m = gelu_new(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]) @ w[p + "mlp.c_proj.weight"] \
            + w[p + "mlp.c_proj.bias"]
        acts["hook_mlp_out"] = m
        x = x + m
        acts["hook_resid_post"] = x
        for hook in HOOKS:
            v_ = acts[hook]
            out[f"blocks.{l}.{hook}"] = (v_ - v_.mean(-1, keepdims=True)).tolist()
    return out


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "lm")
    for name, d, n_head, n_layer, vocab, pos, prefix, seed, tokens in MODELS:
        assert d % n_head == 0 and len(tokens) <= pos and max(tokens) < vocab
        rng = np.random.default_rng(seed)
        w = make_weights(d, n_layer, vocab, pos, rng)
        folder = os.path.join(root, name)
        os.makedirs(folder, exist_ok=True)
        config = {"model_type": "gpt2", "activation_function": "gelu_new", "n_embd": d, "n_head": n_head,
                  "n_layer": n_layer, "n_positions": pos, "n_ctx": pos, "vocab_size": vocab,
                  "layer_norm_epsilon": EPS}
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
        write_safetensors(os.path.join(folder, "model.safetensors"), {prefix + k: v for k, v in w.items()})
        ref = {"tokens": tokens, "d_model": d, "n_layer": n_layer,
               "activations": forward(w, tokens, d, n_head, n_layer)}
        with open(os.path.join(folder, "reference.json"), "w") as f:
            json.dump(ref, f)
        sizes = {fn: os.path.getsize(os.path.join(folder, fn)) for fn in sorted(os.listdir(folder))}
        print(name, sizes, file=sys.stderr)


if __name__ == "__main__":
    main()
