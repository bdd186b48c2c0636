#!/usr/bin/env python3
"""Writes a randomly initialised GPT-2-small-shaped model and a random SAELens-layout SAE for the PS-Eval benchmark.

  python3 bench/lm/make_bench_model.py OUT_DIR [--layers 12] [--d-sae 24576] [--hook blocks.4.hook_resid_pre]

OUT_DIR/gpt2-random/{config.json, model.safetensors}: GPT-2 small's shapes (vocab 50,257, 1,024 positions, d_model 768,
12 heads, d_mlp 3,072), weights drawn as GPT-2 initialises them (normal, std 0.02; LayerNorm weight 1, bias 0).
OUT_DIR/sae-random/{cfg.json, sae_weights.safetensors}: a SAELens >= 6 "standard" (ReLU) SAE at the hook, W_dec rows of
unit norm and W_enc = W_dec^T. numpy only; the files are independent of the Java code.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2_reference import write_safetensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--d-sae", type=int, default=24576)
    ap.add_argument("--hook", default="blocks.4.hook_resid_pre")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    d, heads, vocab, pos = 768, 12, 50257, 1024
    rng = np.random.default_rng(a.seed)
    normal = lambda *shape: (rng.standard_normal(shape, dtype=np.float32) * np.float32(0.02))
    w = {"wte.weight": normal(vocab, d), "wpe.weight": normal(pos, d)}
    for layer in range(a.layers):
        p = f"h.{layer}."
        w[p + "ln_1.weight"] = np.ones(d, np.float32)
        w[p + "ln_1.bias"] = np.zeros(d, np.float32)
        w[p + "attn.c_attn.weight"] = normal(d, 3 * d)
        w[p + "attn.c_attn.bias"] = np.zeros(3 * d, np.float32)
        w[p + "attn.c_proj.weight"] = normal(d, d)
        w[p + "attn.c_proj.bias"] = np.zeros(d, np.float32)
        w[p + "ln_2.weight"] = np.ones(d, np.float32)
        w[p + "ln_2.bias"] = np.zeros(d, np.float32)
        w[p + "mlp.c_fc.weight"] = normal(d, 4 * d)
        w[p + "mlp.c_fc.bias"] = np.zeros(4 * d, np.float32)
        w[p + "mlp.c_proj.weight"] = normal(4 * d, d)
        w[p + "mlp.c_proj.bias"] = np.zeros(d, np.float32)
    w["ln_f.weight"] = np.ones(d, np.float32)
    w["ln_f.bias"] = np.zeros(d, np.float32)
    model = os.path.join(a.out, "gpt2-random")
    os.makedirs(model, exist_ok=True)
    config = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "activation_function": "gelu_new",
              "n_embd": d, "n_head": heads, "n_layer": a.layers, "n_positions": pos, "n_ctx": pos,
              "vocab_size": vocab, "layer_norm_epsilon": 1e-5}
    with open(os.path.join(model, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    write_safetensors(os.path.join(model, "model.safetensors"), w)

    w_dec = rng.standard_normal((a.d_sae, d), dtype=np.float32)
    w_dec /= np.linalg.norm(w_dec, axis=1, keepdims=True)
    sae = {"W_enc": np.ascontiguousarray(w_dec.T), "b_enc": np.zeros(a.d_sae, np.float32), "W_dec": w_dec,
           "b_dec": np.zeros(d, np.float32)}
    sae_dir = os.path.join(a.out, "sae-random")
    os.makedirs(sae_dir, exist_ok=True)
    cfg = {"architecture": "standard", "d_in": d, "d_sae": a.d_sae, "dtype": "float32", "device": "cpu",
           "apply_b_dec_to_input": True, "normalize_activations": "none", "reshape_activations": "none",
           "metadata": {"model_name": "gpt2-random", "hook_name": a.hook, "hook_layer": int(a.hook.split(".")[1]),
                        "prepend_bos": True, "context_size": 128}}
    with open(os.path.join(sae_dir, "cfg.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    write_safetensors(os.path.join(sae_dir, "sae_weights.safetensors"), sae)
    print(f"wrote {model} and {sae_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
