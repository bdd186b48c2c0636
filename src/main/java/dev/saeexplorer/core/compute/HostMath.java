package dev.saeexplorer.core.compute;

import java.util.Arrays;

/**
 * Float32 loops for the fused CPU kernels. Matrices are arrays of rows and every inner loop runs to an array's own
 * length with unit stride: that is what lets HotSpot drop bounds checks and vectorise (measured 3–4× faster than
 * indexing one flat array with an offset).
 */
public final class HostMath {
    private HostMath() {
    }

    /** out[j] += Σ_k v[k] · w[k][j], four rows of w per pass over out (one load and store of out per four products). */
    public static void accumulateRows(float[] out, float[] v, float[][] w) {
        int k = 0;
        for (; k + 3 < v.length; k += 4) {
            float s0 = v[k];
            float s1 = v[k + 1];
            float s2 = v[k + 2];
            float s3 = v[k + 3];
            float[] w0 = w[k];
            float[] w1 = w[k + 1];
            float[] w2 = w[k + 2];
            float[] w3 = w[k + 3];
            for (int j = 0; j < out.length; j++) {
                out[j] += s0 * w0[j] + s1 * w1[j] + s2 * w2[j] + s3 * w3[j];
            }
        }
        for (; k < v.length; k++) {
            float s = v[k];
            float[] wk = w[k];
            for (int j = 0; j < out.length; j++) {
                out[j] += s * wk[j];
            }
        }
    }

    /** a · b with four accumulators, so the additions do not wait on each other. */
    public static float dot(float[] a, float[] b) {
        int n = a.length;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** out += s · v. */
    public static void axpy(float[] out, float s, float[] v) {
        for (int j = 0; j < out.length; j++) {
            out[j] += s * v[j];
        }
    }

    public static void transpose(float[][] a, float[][] out) {
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                out[c][r] = a[r][c];
            }
        }
    }

    public static void add(float[] into, float[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    public static void add(float[][] into, float[][] from) {
        for (int r = 0; r < into.length; r++) {
            add(into[r], from[r]);
        }
    }

    public static void zero(float[][] a) {
        for (float[] row : a) {
            Arrays.fill(row, 0f);
        }
    }

    public static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            c[r] = a[r].clone();
        }
        return c;
    }

    public static double[][] toDouble(float[][] a) {
        double[][] c = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            c[r] = new double[a[r].length];
            for (int j = 0; j < a[r].length; j++) {
                c[r][j] = a[r][j];
            }
        }
        return c;
    }
}
