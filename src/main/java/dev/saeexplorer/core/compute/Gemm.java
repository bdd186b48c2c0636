package dev.saeexplorer.core.compute;

/**
 * Small-batch float32 matrix products on the CPU for the language-model forward pass and SAE encoding, where a few
 * token rows meet large weight matrices (arrays of rows). Uses the register-blocked {@code jdk.incubator.vector}
 * kernel when the JVM was started with {@code --add-modules jdk.incubator.vector} (the launchers and tests do), and
 * an auto-vectorised loop otherwise; both give the same sums up to float rounding.
 */
public final class Gemm {
    private static final GemmKernel KERNEL = choose();

    private Gemm() {
    }

    /** Lays a constant weight matrix [k][n] out for {@link #accumulate} (a copy; pack once, multiply often). */
    public static PackedMatrix pack(float[][] w) {
        int n = w.length == 0 ? 0 : w[0].length;
        for (float[] r : w) {
            if (r.length != n) {
                throw new IllegalArgumentException("w is ragged");
            }
        }
        return KERNEL.pack(w);
    }

    /** {@link #pack(float[][])} of a row-major [k][n] array, without an intermediate array of rows. */
    public static PackedMatrix pack(float[] flat, int k, int n) {
        if (k < 0 || n < 0 || (long) k * n != flat.length) {
            throw new IllegalArgumentException(flat.length + " values are not a [" + k + "][" + n + "] matrix");
        }
        return KERNEL.pack(flat, k, n);
    }

    /**
     * out[i][j] += Σ_k x[i][k] · w[k][j] for every row i of {@code x}.
     *
     * @param x   [rows][k]
     * @param w   [k][n], from {@link #pack}
     * @param out [rows][n]
     */
    public static void accumulate(float[][] x, PackedMatrix w, float[][] out) {
        check(x, w, out);
        KERNEL.accumulate(x, w, out);
    }

    /** out[i] = bias + x[i] · w: fresh rows. */
    public static float[][] affine(float[][] x, PackedMatrix w, float[] bias) {
        if (bias.length != w.n) {
            throw new IllegalArgumentException("bias has " + bias.length + " entries but w has " + w.n + " columns");
        }
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = bias.clone();
        }
        accumulate(x, w, out);
        return out;
    }

    /** Which kernel runs, for logs and benchmark reports. */
    public static String kernelName() {
        return KERNEL.name();
    }

    static GemmKernel scalarKernel() {
        return new ScalarGemmKernel();
    }

    /** The vector kernel, or null when the incubator module is not in this JVM. */
    static GemmKernel vectorKernel() {
        return VectorModule.instance("dev.saeexplorer.core.compute.VectorGemmKernel", GemmKernel.class);
    }

    private static GemmKernel choose() {
        GemmKernel v = vectorKernel();
        return v != null ? v : scalarKernel();
    }

    static void check(float[][] x, PackedMatrix w, float[][] out) {
        if (out.length != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but out has " + out.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != w.k) {
                throw new IllegalArgumentException("row " + i + " of x has " + x[i].length + " entries but w has "
                        + w.k + " rows");
            }
            if (out[i].length != w.n) {
                throw new IllegalArgumentException("row " + i + " of out has " + out[i].length + " entries but w has "
                        + w.n + " columns");
            }
        }
    }
}
