package dev.saeexplorer.core.superposition;

/**
 * A stream of ground-truth feature vectors x ∈ ℝⁿ, drawn as their active features. {@link SparseSampler} is the WSAE
 * paper's i.i.d. world; {@code core.world.WorldSampler} draws a described world (Zipf rates, groups, hierarchies).
 * Deterministic for the seed it was built with.
 */
public interface FeatureSampler {
    /** n, the number of ground-truth features. */
    int features();

    /**
     * Draws one sample as its active features: their indices (ascending) and values.
     *
     * @return the number of active features written to {@code indices} and {@code values} (each of length ≥ n)
     */
    int nextActive(int[] indices, double[] values);

    /** One sample as a dense vector. */
    default double[] next() {
        int n = features();
        double[] x = new double[n];
        int[] idx = new int[n];
        double[] val = new double[n];
        int count = nextActive(idx, val);
        for (int a = 0; a < count; a++) {
            x[idx[a]] = val[a];
        }
        return x;
    }

    /** Fills a row-major float batch [rows, features]. */
    default void fill(float[] out, int rows) {
        int n = features();
        java.util.Arrays.fill(out, 0, rows * n, 0f);
        int[] idx = new int[n];
        double[] val = new double[n];
        for (int r = 0; r < rows; r++) {
            int count = nextActive(idx, val);
            for (int a = 0; a < count; a++) {
                out[r * n + idx[a]] = (float) val[a];
            }
        }
    }
}
