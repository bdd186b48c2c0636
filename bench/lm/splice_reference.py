#!/usr/bin/env python3
"""Reference fixture for the SAE spliced into the model (dev.saeexplorer.core.lm.SpliceMetrics) and features-of.

Reads the random GPT-2 src/test/resources/lm/tiny-b (written by gpt2_reference.py), writes a random ReLU SAE for its
blocks.1.hook_resid_pre in SAELens layout to src/test/resources/lm/tiny-b-sae/, and computes in float64, from the
definitions of the issue, over a few fixed contexts (position 0 plays BOS: never spliced, never counted):
CE clean / spliced / zero-ablated, CE loss recovered, KL(clean || spliced), L0, explained variance and MSE; and the
SAE's features of the first context's tokens. Writes splice-reference.json beside the SAE.

numpy only. Run from the repository root:  python3 bench/lm/splice_reference.py
"""
import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2_reference import layer_norm, gelu_new, write_safetensors  # noqa: E402

HOOK_LAYER = 1
D_SAE = 16
CONTEXTS = [[0, 49, 3, 3, 27, 11, 7, 48, 19, 2, 30, 31], [0, 5, 6, 7], [0, 12, 12, 12, 40, 41, 1, 9]]


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name.removeprefix("transformer.")] = np.frombuffer(data[a:b], dtype="<f4").reshape(meta["shape"])
    return out


def logits(w, tokens, cfg, edit):
    """Full forward in float64; edit(hook_value) -> value to go on with, at blocks.HOOK_LAYER.hook_resid_pre."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    d, n_head = cfg["n_embd"], cfg["n_head"]
    T = len(tokens)
    dh = d // n_head
    x = w["wte.weight"][tokens] + w["wpe.weight"][:T]
    mask = np.triu(np.ones((T, T), dtype=bool), k=1)
    for l in range(cfg["n_layer"]):
        if l == HOOK_LAYER:
            x = edit(x)
        p = f"h.{l}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"])
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = (a.reshape(T, n_head, dh).transpose(1, 0, 2) for a in np.split(qkv, 3, axis=-1))
        s = q @ k.transpose(0, 2, 1) / np.sqrt(dh)
        s = np.where(mask, -np.inf, s)
        a = np.exp(s - s.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        x = x + (a @ v).transpose(1, 0, 2).reshape(T, d) @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"])
        x = x + gelu_new(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]) @ w[p + "mlp.c_proj.weight"] \
            + w[p + "mlp.c_proj.bias"]
    h = layer_norm(x, w["ln_f.weight"], w["ln_f.bias"])
    return h @ w["wte.weight"].T


def log_softmax(z):
    z = z - z.max(-1, keepdims=True)
    return z - np.log(np.exp(z).sum(-1, keepdims=True))


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "lm")
    model_dir = os.path.join(root, "tiny-b")
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    w = read_safetensors(os.path.join(model_dir, "model.safetensors"))
    d = cfg["n_embd"]
    rng = np.random.default_rng(7)
    sae = {"W_enc": (rng.standard_normal((d, D_SAE)) * 0.5).astype(np.float32),
           "b_enc": (rng.standard_normal(D_SAE) * 0.2 - 0.1).astype(np.float32),
           "W_dec": (rng.standard_normal((D_SAE, d)) * 0.3).astype(np.float32),
           "b_dec": (rng.standard_normal(d) * 0.1).astype(np.float32)}
    sae_dir = os.path.join(root, "tiny-b-sae")
    os.makedirs(sae_dir, exist_ok=True)
    write_safetensors(os.path.join(sae_dir, "sae_weights.safetensors"), sae)
    hook = f"blocks.{HOOK_LAYER}.hook_resid_pre"
    with open(os.path.join(sae_dir, "cfg.json"), "w") as f:
        json.dump({"d_in": d, "d_sae": D_SAE, "dtype": "float32", "device": "cpu", "architecture": "standard",
                   "apply_b_dec_to_input": True, "normalize_activations": "none",
                   "metadata": {"model_name": "tiny-b", "hook_name": hook}}, f, indent=2)
    s64 = {k: v.astype(np.float64) for k, v in sae.items()}

    def encode(x):  # x centred across d_model, as TransformerLens reports the hook
        return np.maximum(0.0, (x - s64["b_dec"]) @ s64["W_enc"] + s64["b_enc"])

    def decode(f):
        return f @ s64["W_dec"] + s64["b_dec"]

    sums = {"clean": 0.0, "spliced": 0.0, "zero": 0.0, "kl": 0.0}
    predictions = 0
    xs, xhats, l0 = [], [], []
    for ctx in CONTEXTS:
        captured = {}

        def clean(x):
            captured["x"] = x - x.mean(-1, keepdims=True)
            return x

        def spliced(x):
            c = x - x.mean(-1, keepdims=True)
            out = x.copy()
            out[1:] = decode(encode(c[1:]))
            return out

        def zero(x):
            out = x.copy()
            out[1:] = 0.0
            return out

        lp = {name: log_softmax(logits(w, ctx, cfg, fn)) for name, fn in
              (("clean", clean), ("spliced", spliced), ("zero", zero))}
        nxt = np.array(ctx[1:])
        rows = np.arange(len(ctx) - 1)
        for name in ("clean", "spliced", "zero"):
            sums[name] += -lp[name][rows, nxt].sum()
        pc = np.exp(lp["clean"][:-1])
        sums["kl"] += (pc * (lp["clean"][:-1] - lp["spliced"][:-1])).sum()
        predictions += len(ctx) - 1
        x = captured["x"][1:]
        f = encode(x)
        xs.append(x)
        xhats.append(decode(f))
        l0.extend((f > 0).sum(-1).tolist())
    x = np.concatenate(xs)
    xhat = np.concatenate(xhats)
    ce = {k: sums[k] / predictions for k in ("clean", "spliced", "zero")}
    resid = ((x - xhat) ** 2).sum()
    ref = {
        "contexts": CONTEXTS, "hook": hook, "tokens": int(x.shape[0]),
        "ceLossClean": ce["clean"], "ceLossSpliced": ce["spliced"], "ceLossZeroAblation": ce["zero"],
        "ceLossRecovered": (ce["zero"] - ce["spliced"]) / (ce["zero"] - ce["clean"]),
        "klDivergence": sums["kl"] / predictions, "l0": float(np.mean(l0)),
        "explainedVariance": 1 - resid / ((x - x.mean(0)) ** 2).sum(),
        "mse": resid / (x.shape[0] * d),
        # features of the first context's tokens (position 0 left out): every feature > 0, largest first
        "features": [sorted(([int(j), float(v)] for j, v in enumerate(row) if v > 0), key=lambda p: (-p[1], p[0]))
                     for row in encode(xs[0])],
    }
    with open(os.path.join(sae_dir, "splice-reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
    print({k: v for k, v in ref.items() if k not in ("features", "contexts")}, file=sys.stderr)


if __name__ == "__main__":
    main()
