// SAE / WSAE training step on the GPU, compiled at run time by NVRTC for the detected architecture (sm_75 and later).
// The same step as core/sae/JvmKernel, row-major float32 throughout:
//   xc = x − b_dec; pre = xc·W_enc + b_enc; f = σ(pre); x̂ = f·W_dec + b_dec;
//   loss = Σ_k γ_k² (x̂ − x)_k² / B + λ Σ f / B (+ the auxiliary loss on dead latents).
// GEMMs go to cuBLAS when a libcublas is found, else to sae_sgemm below. Every kernel is extern "C" so the host finds
// it by name; CudaKernels.NAMES lists them and a test checks that each one is in every compiled cubin.

#define SAE_TILE 16

// ---- GEMM fallback: C = alpha · op(A) · op(B) + beta · C, op = transpose when the flag is set. A 16 × 16 shared-memory
// tile; correct for any shape (bounds checked), not tuned (cuBLAS is the fast path).
extern "C" __global__ void sae_sgemm(const float* A, const float* B, float* C, int M, int N, int K,
                                     int transA, int transB, float alpha, float beta) {
    __shared__ float As[SAE_TILE][SAE_TILE];
    __shared__ float Bs[SAE_TILE][SAE_TILE + 1];
    int row = blockIdx.y * SAE_TILE + threadIdx.y;
    int col = blockIdx.x * SAE_TILE + threadIdx.x;
    float acc = 0.f;
    for (int t = 0; t < K; t += SAE_TILE) {
        int ka = t + threadIdx.x;
        int kb = t + threadIdx.y;
        As[threadIdx.y][threadIdx.x] = (row < M && ka < K) ? (transA ? A[(long) ka * M + row] : A[(long) row * K + ka]) : 0.f;
        Bs[threadIdx.y][threadIdx.x] = (kb < K && col < N) ? (transB ? B[(long) col * K + kb] : B[(long) kb * N + col]) : 0.f;
        __syncthreads();
        #pragma unroll
        for (int i = 0; i < SAE_TILE; i++) {
            acc += As[threadIdx.y][i] * Bs[i][threadIdx.x];
        }
        __syncthreads();
    }
    if (row < M && col < N) {
        long at = (long) row * N + col;
        C[at] = alpha * acc + (beta == 0.f ? 0.f : beta * C[at]);
    }
}

// ---- Data on the device: counter-based random numbers (SplitMix64 of seed, step, index), so a batch depends only on
// (seed, step) and not on launch shapes.
__device__ __forceinline__ unsigned long long sae_mix(unsigned long long z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/** A uniform in (0, 1] from 24 random bits. */
__device__ __forceinline__ float sae_uniform(unsigned long long seed, unsigned long long counter) {
    unsigned long long r = sae_mix(seed ^ sae_mix(counter));
    return ((float) (r >> 40) + 1.f) * (1.f / 16777216.f);
}

/** x[r, i] = Uniform(0, 1] with probability 1 − S, else 0 (the paper's uniform world); x_p = x · W_pᵀ follows as a GEMM. */
extern "C" __global__ void sae_sample_uniform(float* x, int rows, int n, float sparsity,
                                              unsigned long long seed, unsigned long long step) {
    long i = (long) blockIdx.x * blockDim.x + threadIdx.x;
    long total = (long) rows * n;
    if (i >= total) {
        return;
    }
    unsigned long long base = (step * (unsigned long long) total + (unsigned long long) i) * 2ULL;
    float fire = sae_uniform(seed, base);
    x[i] = fire > sparsity ? sae_uniform(seed, base + 1ULL) : 0.f;
}

// ---- Forward.
/** xc = x − b_dec, row-broadcast (skipped for tied SAEs by the host). */
extern "C" __global__ void sae_center(const float* x, const float* bDec, float* xc, int rows, int d) {
    long i = (long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < (long) rows * d) {
        xc[i] = x[i] - bDec[i % d];
    }
}

/** pre += b_enc; f = ReLU(pre) (theta = 0, strict) or JumpReLU: pre · H(pre − θ), kept only where pre > 0. */
extern "C" __global__ void sae_bias_activate(float* pre, const float* bEnc, float* f, int rows, int m, float theta) {
    long i = (long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long) rows * m) {
        return;
    }
    float p = pre[i] + bEnc[i % m];
    pre[i] = p;
    bool on = theta == 0.f ? p > 0.f : (p >= theta && p > 0.f);
    f[i] = on ? p : 0.f;
}

/** An order-preserving map of a float onto an unsigned int (larger float, larger key). */
__device__ __forceinline__ unsigned int sae_key(float v) {
    unsigned int b = __float_as_uint(v);
    return (b & 0x80000000u) ? ~b : (b | 0x80000000u);
}

/**
 * TopK per row, one block per row: the k-th largest pre-activation found by a radix select over the float keys, 32
 * passes of a block-wide count, no row copy (so m is bounded by memory only, not shared memory). As the CPU: entries
 * equal to the k-th value are all kept, and nothing ≤ 0 is kept. Expects bias already added (sae_bias_activate with
 * f ignored). blockDim.x must be a power of two ≤ 1024 (CudaLaunch.topkBlock).
 */
extern "C" __global__ void sae_topk(const float* pre, float* f, int m, int k) {
    extern __shared__ unsigned int counts[];
    const float* row = pre + (long) blockIdx.x * m;
    float* out = f + (long) blockIdx.x * m;
    unsigned int prefix = 0u;
    for (int bit = 31; bit >= 0; bit--) {
        unsigned int candidate = prefix | (1u << bit);
        unsigned int c = 0u;
        for (int j = threadIdx.x; j < m; j += blockDim.x) {
            c += sae_key(row[j]) >= candidate ? 1u : 0u;
        }
        counts[threadIdx.x] = c;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) {
                counts[threadIdx.x] += counts[threadIdx.x + s];
            }
            __syncthreads();
        }
        if (counts[0] >= (unsigned int) k) {
            prefix = candidate;
        }
        __syncthreads();
    }
    // prefix is now the key of the k-th largest value: keep everything at or above it that is > 0.
    for (int j = threadIdx.x; j < m; j += blockDim.x) {
        float p = row[j];
        out[j] = (sae_key(p) >= prefix && p > 0.f) ? p : 0.f;
    }
}

// ---- Backward.
/**
 * From x̂ (f·W_dec, before b_dec): residual = x̂ + b_dec − x; dx = γ² · residual · scale (scale = 2/B), and each
 * block's Σ γ² residual² into lossPartial[blockIdx.x] (the host sums the partials in order: deterministic).
 */
extern "C" __global__ void sae_residual(const float* xhat, const float* x, const float* bDec, const float* gammaSq,
                                        float* dx, float* lossPartial, int rows, int d, float scale) {
    extern __shared__ float partial[];
    long i = (long) blockIdx.x * blockDim.x + threadIdx.x;
    float sq = 0.f;
    if (i < (long) rows * d) {
        int k = (int) (i % d);
        float res = xhat[i] + bDec[k] - x[i];
        float g = gammaSq[k];
        dx[i] = g * res * scale;
        sq = g * res * res;
    }
    partial[threadIdx.x] = sq;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            partial[threadIdx.x] += partial[threadIdx.x + s];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        lossPartial[blockIdx.x] = partial[0];
    }
}

/** dPre (= dx · W_decᵀ on entry) becomes ∂loss/∂pre: dPre + λ/B where the latent fired, else 0. */
extern "C" __global__ void sae_l1_mask(float* dPre, const float* f, int rows, int m, float l1Scale) {
    long i = (long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < (long) rows * m) {
        dPre[i] = f[i] > 0.f ? dPre[i] + l1Scale : 0.f;
    }
}

/** The auxiliary loss's activations: ReLU(pre) on the dead latents only, 0 elsewhere. */
extern "C" __global__ void sae_aux_activate(const float* pre, const unsigned char* dead, float* fAux, int rows, int m) {
    long i = (long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < (long) rows * m) {
        float p = pre[i];
        fAux[i] = (dead[i % m] && p > 0.f) ? p : 0.f;
    }
}

/** out[j] = Σ_r in[r, j]: bias gradients, one thread per column, rows summed in order (deterministic). */
extern "C" __global__ void sae_column_sum(const float* in, float* out, int rows, int cols) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j < cols) {
        float s = 0.f;
        for (int r = 0; r < rows; r++) {
            s += in[(long) r * cols + j];
        }
        out[j] = s;
    }
}

/** Latents that fired at least once in the batch, counted per latent (for dead-latent tracking). */
extern "C" __global__ void sae_fired(const float* f, float* fired, int rows, int m) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j < m) {
        float c = 0.f;
        for (int r = 0; r < rows; r++) {
            c += f[(long) r * m + j] > 0.f ? 1.f : 0.f;
        }
        fired[j] = c;
    }
}

// ---- Update.
/** Adam as core/compute/HostAdam: p −= stepSize · m / (√v / sqrtC2 + ε), stepSize = lr / (1 − β₁ᵗ), sqrtC2 = √(1 − β₂ᵗ). */
extern "C" __global__ void sae_adam(float* p, const float* g, float* m1, float* m2, long n, float beta1, float beta2,
                                    float stepSize, float sqrtC2, float eps) {
    long i = (long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float gi = g[i];
        float mi = beta1 * m1[i] + (1.f - beta1) * gi;
        float vi = beta2 * m2[i] + (1.f - beta2) * gi * gi;
        m1[i] = mi;
        m2[i] = vi;
        p[i] -= stepSize * mi / (sqrtf(vi) / sqrtC2 + eps);
    }
}

/** Each decoder row W_dec[j, :] to unit norm (with L1 on, as the CPU kernels), one block per row. */
extern "C" __global__ void sae_renorm_rows(float* wDec, int d) {
    extern __shared__ float sums[];
    float* row = wDec + (long) blockIdx.x * d;
    float s = 0.f;
    for (int k = threadIdx.x; k < d; k += blockDim.x) {
        s += row[k] * row[k];
    }
    sums[threadIdx.x] = s;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h >>= 1) {
        if (threadIdx.x < h) {
            sums[threadIdx.x] += sums[threadIdx.x + h];
        }
        __syncthreads();
    }
    float inv = 1.f / (sqrtf(sums[0]) + 1e-12f);
    for (int k = threadIdx.x; k < d; k += blockDim.x) {
        row[k] *= inv;
    }
}
