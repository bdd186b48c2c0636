package dev.saeexplorer.core.compute;

/** One implementation of {@link Gemm#accumulate}; see there for the contract. */
interface GemmKernel {
    /** Lays {@code w} [k][n] out for {@link #accumulate}. */
    PackedMatrix pack(float[][] w);

    /** Lays a row-major [k][n] array out for {@link #accumulate}. */
    PackedMatrix pack(float[] flat, int k, int n);

    /**
     * out[i][j] += Σ_k x[i][k] · w[k][j]; shapes already checked, {@code w} packed by this kernel. A kernel may use
     * both cores ({@link TwoWay}).
     */
    void accumulate(float[][] x, PackedMatrix w, float[][] out);

    /** For logs and benchmark reports. */
    String name();
}
