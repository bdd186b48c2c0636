package dev.saeexplorer.core.compute;

/** One implementation of {@link Gemm#accumulate}; see there for the contract. */
interface GemmKernel {
    /** Lays {@code w} [k][n] out for {@link #accumulate}. */
    PackedMatrix pack(float[][] w);

    /** Lays a row-major [k][n] array out for {@link #accumulate}. */
    PackedMatrix pack(float[] flat, int k, int n);

    /** out[i][j] += Σ_k x[i][k] · w[k][j]; shapes already checked, {@code w} packed by this kernel. */
    void accumulate(float[][] x, PackedMatrix w, float[][] out);

    /** How many independent column blocks {@code w} splits into for {@link #accumulate(float[][], PackedMatrix,
     * float[][], int, int, boolean)} (1: cannot be split). */
    int parts(PackedMatrix w);

    /** The column blocks [from, to) of {@link #accumulate(float[][], PackedMatrix, float[][])}; the columns that
     * belong to no block only when {@code withTail}. */
    void accumulate(float[][] x, PackedMatrix w, float[][] out, int from, int to, boolean withTail);

    /** For logs and benchmark reports. */
    String name();
}
