#!/usr/bin/env python3
"""Independent numpy reference of the SAE training step that `sae-explorer bench` times.

The identical step: x at sparsity S (0 w.p. S, else Uniform(0,1]), x_p = x W_p^T, f = relu((x_p - b_dec) W_enc + b_enc),
x_hat = f W_dec + b_dec, loss = mean_b ||x_hat - x_p||^2 + l1 * mean_b sum_j f_j, hand-written gradients, Adam
(0.9, 0.999, 1e-8), then decoder rows renormalised to unit norm. float32 throughout, as the Java trainer.
Prints one JSON line with samples per second.
"""
import argparse
import json
import time

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--features", type=int, default=200)
    p.add_argument("--dims", type=int, default=20)
    p.add_argument("--latents", type=int, default=200)
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--sparsity", type=float, default=0.9)
    p.add_argument("--l1", type=float, default=1e-3)
    p.add_argument("--lr", type=float, default=1e-3)
    a = p.parse_args()

    rng = np.random.default_rng(0)
    f32 = np.float32
    wp = rng.standard_normal((a.dims, a.features)).astype(f32)
    wp /= np.linalg.norm(wp, axis=0, keepdims=True)
    wpT = np.ascontiguousarray(wp.T)
    w_enc = rng.standard_normal((a.dims, a.latents)).astype(f32)
    w_enc /= np.linalg.norm(w_enc, axis=0, keepdims=True)
    w_dec = np.ascontiguousarray(w_enc.T)
    b_enc = np.zeros(a.latents, f32)
    b_dec = np.zeros(a.dims, f32)
    params = [w_enc, b_enc, w_dec, b_dec]
    m = [np.zeros_like(q) for q in params]
    v = [np.zeros_like(q) for q in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    B = a.batch

    def step(t):
        keep = rng.random((B, a.features), dtype=f32) >= a.sparsity
        x = np.where(keep, f32(1.0) - rng.random((B, a.features), dtype=f32), f32(0.0))
        xp = x @ wpT
        xc = xp - b_dec
        pre = xc @ w_enc + b_enc
        f = np.maximum(pre, 0)
        resid = f @ w_dec + b_dec - xp
        d_xhat = resid * f32(2.0 / B)
        g_wdec = f.T @ d_xhat
        g_bdec = d_xhat.sum(0)
        d_pre = d_xhat @ w_dec.T + f32(a.l1 / B)
        d_pre *= f > 0
        g_wenc = xc.T @ d_pre
        g_benc = d_pre.sum(0)
        g_bdec -= w_enc @ g_benc
        grads = [g_wenc, g_benc, g_wdec, g_bdec]
        for i, (q, g) in enumerate(zip(params, grads)):
            m[i] *= b1
            m[i] += (1 - b1) * g
            v[i] *= b2
            v[i] += (1 - b2) * g * g
            mhat = m[i] / (1 - b1 ** t)
            vhat = v[i] / (1 - b2 ** t)
            q -= f32(a.lr) * mhat / (np.sqrt(vhat) + eps)
        np.divide(w_dec, np.linalg.norm(w_dec, axis=1, keepdims=True) + f32(1e-12), out=w_dec)

    for t in range(1, a.warmup + 1):
        step(t)
    start = time.perf_counter()
    for t in range(a.warmup + 1, a.warmup + a.steps + 1):
        step(t)
    seconds = time.perf_counter() - start
    print(json.dumps({"implementation": "numpy " + np.__version__, "steps": a.steps, "batch": B,
                      "samplesPerSecond": a.steps * B / seconds}))


if __name__ == "__main__":
    main()
