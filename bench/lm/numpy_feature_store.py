#!/usr/bin/env python3
"""Independent numpy (OpenBLAS) peer of `sae-explorer feature-store`: the same work on the same contexts, for
bench/lm/feature_store.sh. Reads a Hugging Face GPT-2 folder, a SAELens SAE and the contexts `feature-store
--write-contexts` wrote (JSON lines, BOS first), then, in float32:
  1. runs 16 contexts stacked to the hook (numpy_forward.run_to_hook, TransformerLens-centred values),
  2. encodes every non-BOS token, f = relu((x - b_dec) W_enc + b_enc),
  3. keeps per feature the count of tokens > 0, the sum, the max, each context's max (for the top-k) and a histogram
     of its positive activations in quarter-octave cells (as the Java build's LogHistogram),
  4. picks every feature's top-k contexts (largest context max, ties to the lower context) and 3 contexts from each
     of 3 quantile bands of its nonzero context maxima (random, none of them top contexts), and
  5. runs the chosen contexts again for their per-token activations, as the Java build's second pass does.
Prints one JSON object with tokens per second (steps 1-5, loading left out).

  python3 bench/lm/numpy_feature_store.py MODEL_DIR SAE_DIR CONTEXTS.jsonl [--top-k 20] [--hook blocks.4.hook_resid_pre]
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_forward import read_safetensors, run_to_hook  # noqa: E402

BATCH = 16
CELLS = 32 * 4 + 2  # quarter-octave cells from 2^-16 to 2^16, plus one below and one above
BANDS, PER_BAND = 3, 3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("sae")
    ap.add_argument("contexts")
    ap.add_argument("--top-k", type=int, default=20)
    ap.add_argument("--hook", default="blocks.4.hook_resid_pre")
    a = ap.parse_args()
    cfg = json.load(open(os.path.join(a.model, "config.json")))
    w = {k.removeprefix("transformer."): np.ascontiguousarray(v, dtype=np.float32)
         for k, v in read_safetensors(os.path.join(a.model, "model.safetensors")).items()}
    s = {k: np.ascontiguousarray(v, dtype=np.float32)
         for k, v in read_safetensors(os.path.join(a.sae, "sae_weights.safetensors")).items()}
    layer = int(a.hook.split(".")[1])
    contexts = [json.loads(line)["tokens"] for line in open(a.contexts) if line.strip()]

    def encode(x):
        return np.maximum(0, (x - s["b_dec"]) @ s["W_enc"] + s["b_enc"])

    start = time.perf_counter()
    n_sae = s["W_enc"].shape[1]
    count = np.zeros(n_sae, dtype=np.int64)
    total = np.zeros(n_sae, dtype=np.float64)
    fmax = np.zeros(n_sae, dtype=np.float32)
    ctx_max = np.zeros((len(contexts), n_sae), dtype=np.float32)
    hist = np.zeros(n_sae * CELLS, dtype=np.int64)
    feature_of = np.arange(n_sae, dtype=np.int64)
    tokens = 0
    for i in range(0, len(contexts), BATCH):
        for j, x in enumerate(run_to_hook(w, cfg, contexts[i:i + BATCH], layer)):
            f = encode(x[1:])
            count += (f > 0).sum(0)
            total += f.sum(0)
            ctx_max[i + j] = f.max(0)
            rows, cols = np.nonzero(f)
            cell = np.clip(np.floor(4 * np.log2(f[rows, cols])).astype(np.int64) + 64 + 1, 0, CELLS - 1)
            hist += np.bincount(feature_of[cols] * CELLS + cell, minlength=n_sae * CELLS)
            tokens += len(f)
    fmax = ctx_max.max(0)
    k = min(a.top_k, len(contexts))
    # largest context max first, ties to the lower context: a stable sort of the negated maxima
    top = np.argsort(-ctx_max, axis=0, kind="stable")[:k]
    # quantile samples: rank the nonzero context maxima of each feature (descending), cut the ranks into BANDS equal
    # bands and take PER_BAND contexts of smallest random priority in each, top contexts left out
    order = np.argsort(-ctx_max, axis=0, kind="stable")
    positive = (ctx_max > 0).sum(0)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(len(contexts))[:, None], axis=0)
    priority = np.random.default_rng(0).random(ctx_max.shape)
    priority[rank < k] = np.inf
    priority[ctx_max <= 0] = np.inf
    samples = []
    for b in range(BANDS):
        lo, hi = b * positive // BANDS, (b + 1) * positive // BANDS
        p = np.where((rank >= lo) & (rank < hi), priority, np.inf)
        pick = np.argpartition(p, min(PER_BAND, len(contexts) - 1), axis=0)[:PER_BAND]
        samples.append(pick[np.take_along_axis(p, pick, axis=0) < np.inf])
    chosen = sorted({int(c) for c in np.unique(top)} | {int(c) for s_ in samples for c in s_})
    examples = 0
    for i in range(0, len(chosen), BATCH):
        batch = [contexts[c] for c in chosen[i:i + BATCH]]
        for x in run_to_hook(w, cfg, batch, layer):
            examples += encode(x[1:]).size
    seconds = time.perf_counter() - start
    print(json.dumps({"tokens": tokens, "contexts": len(contexts), "features": n_sae,
                      "deadFeatures": int((count == 0).sum()), "seconds": seconds, "tokensPerSecond": tokens / seconds,
                      "exampleContexts": len(chosen), "maxActivation": float(fmax.max())}))


if __name__ == "__main__":
    main()
