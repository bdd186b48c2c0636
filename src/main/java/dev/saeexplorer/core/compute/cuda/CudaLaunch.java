package dev.saeexplorer.core.compute.cuda;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;

/**
 * Launch shapes and buffer sizes for {@code sae_train.cu}, on the host, so they are unit-tested without a GPU. The
 * limits are CUDA's: at most 1,024 threads a block, 2³¹ − 1 blocks in x, 65,535 in y.
 */
public final class CudaLaunch {
    /** Threads a block for the element-wise kernels. */
    public static final int THREADS = 256;
    /** The GEMM fallback's tile edge ({@code SAE_TILE}). */
    public static final int TILE = 16;
    static final long MAX_GRID_X = Integer.MAX_VALUE;
    static final long MAX_GRID_Y = 65_535;
    static final int MAX_BLOCK = 1024;

    private CudaLaunch() {
    }

    /** Blocks of {@link #THREADS} covering n elements. */
    public static int blocks(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("no elements: " + n);
        }
        long blocks = (n + THREADS - 1) / THREADS;
        if (blocks > MAX_GRID_X) {
            throw new IllegalArgumentException(n + " elements need more than 2³¹ − 1 blocks");
        }
        return (int) blocks;
    }

    /** Grid (x over N columns, y over M rows) of {@code sae_sgemm} for C [M, N]. */
    public static int[] gemmGrid(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("empty GEMM: " + rows + " × " + cols);
        }
        long gy = ((long) rows + TILE - 1) / TILE;
        if (gy > MAX_GRID_Y) {
            throw new IllegalArgumentException(rows + " rows exceed the GEMM grid (" + MAX_GRID_Y * TILE + ")");
        }
        return new int[] {(cols + TILE - 1) / TILE, (int) gy};
    }

    /**
     * {@code sae_topk}'s block: the smallest power of two ≥ min(m, 1024) and ≥ 32 (a warp); one block per row.
     *
     * @throws InvalidInputException when k is not in [1, m]
     */
    public static int topkBlock(int m, int k) {
        if (k < 1 || k > m) {
            throw InvalidInputException.of(Param.K, "must be between 1 and the number of latents (" + m + "), got " + k);
        }
        int target = Math.min(m, MAX_BLOCK);
        int block = 32;
        while (block < target) {
            block <<= 1;
        }
        return block;
    }

    /** Dynamic shared memory of {@code sae_topk}, {@code sae_residual} and {@code sae_renorm_rows}: one word a thread. */
    public static int sharedBytes(int block) {
        return block * Integer.BYTES;
    }

    /** {@code sae_renorm_rows}'s block for rows of length d: a power of two ≥ 32, ≥ min(d, 1024). */
    public static int rowBlock(int d) {
        int block = 32;
        while (block < Math.min(d, MAX_BLOCK)) {
            block <<= 1;
        }
        return block;
    }

    /**
     * Device memory of one training step in bytes: parameters with gradients and Adam's two moments (4 copies of
     * W_enc, W_dec, b_enc, b_dec), and per-batch activations x, x_p, xc, x̂, dx [B, d] and pre, f, dPre, f_aux [B, m],
     * plus the loss partials. What the host checks against the GPU's free memory before it starts.
     */
    public static long trainingBytes(int n, int d, int m, int batch, boolean tied) {
        if (n <= 0 || d <= 0 || m <= 0 || batch <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        long weights = (tied ? 1L : 2L) * d * m + m + d;
        long params = 4L * weights;
        long perBatch = (long) batch * n + 5L * batch * d + 4L * batch * m + blocks((long) batch * d);
        return Float.BYTES * (params + perBatch) + m; // + the dead-latent mask, one byte a latent
    }
}
