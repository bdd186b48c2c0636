package dev.saeexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemmTest {
    /** out + x · w in float64. */
    private static double[][] float64(float[][] out, float[][] x, float[][] w) {
        double[][] expected = new double[out.length][];
        for (int i = 0; i < out.length; i++) {
            expected[i] = new double[out[i].length];
            for (int j = 0; j < out[i].length; j++) {
                double s = out[i][j];
                for (int q = 0; q < w.length; q++) {
                    s += (double) x[i][q] * w[q][j];
                }
                expected[i][j] = s;
            }
        }
        return expected;
    }

    /** Every row count through the 6/3/1-row kernels and column counts around the tile width, against float64 sums. */
    private static void checkAgainstFloat64(GemmKernel kernel) {
        SplittableRandom rng = new SplittableRandom(7);
        for (int rows : new int[] {1, 2, 3, 4, 5, 6, 7, 11, 13}) {
            for (int n : new int[] {1, 7, 16, 31, 32, 33, 64, 65, 130}) {
                int k = 1 + rng.nextInt(40);
                float[][] x = RandomMatrices.uniform(rng, rows, k);
                float[][] w = RandomMatrices.uniform(rng, k, n);
                float[][] out = RandomMatrices.uniform(rng, rows, n);
                double[][] expected = float64(out, x, w);
                PackedMatrix packed = kernel.pack(w);
                assertEquals(w[k - 1][n - 1], packed.get(k - 1, n - 1));
                float[] flat = new float[k * n];
                for (int q = 0; q < k; q++) {
                    System.arraycopy(w[q], 0, flat, q * n, n);
                }
                PackedMatrix fromFlat = kernel.pack(flat, k, n);
                for (int q = 0; q < k; q++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(w[q][j], fromFlat.get(q, j));
                    }
                }
                kernel.accumulate(x, packed, out);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(expected[i][j], out[i][j], 1e-5 * (1 + k), kernel.name() + " rows " + rows
                                + " n " + n + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void scalarKernelMatchesFloat64() {
        checkAgainstFloat64(Gemm.scalarKernel());
    }

    @Test
    void vectorKernelMatchesFloat64() {
        GemmKernel v = Gemm.vectorKernel();
        assertNotNull(v, "surefire starts the JVM with --add-modules jdk.incubator.vector");
        checkAgainstFloat64(v);
    }

    /** Enough work for both cores (column halves on two threads), with row groups of six and leftovers. */
    @Test
    void largeProductsMatchFloat64OnBothKernels() {
        SplittableRandom rng = new SplittableRandom(11);
        for (GemmKernel kernel : new GemmKernel[] {Gemm.scalarKernel(), Gemm.vectorKernel()}) {
            for (int rows : new int[] {6, 12, 40, 97}) {
                int k = 300;
                int n = 261;
                float[][] x = RandomMatrices.uniform(rng, rows, k);
                float[][] w = RandomMatrices.uniform(rng, k, n);
                float[][] out = RandomMatrices.uniform(rng, rows, n);
                double[][] expected = float64(out, x, w);
                kernel.accumulate(x, kernel.pack(w), out);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(expected[i][j], out[i][j], 1e-4 * k, kernel.name() + " rows " + rows + " at "
                                + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void affineStartsFromTheBias() {
        float[][] out = Gemm.affine(new float[][] {{1, 2}, {0, -1}},
                Gemm.pack(new float[][] {{1, 0, 2}, {3, 1, 0}}), new float[] {10, 20, 30});
        assertEquals(17f, out[0][0]);
        assertEquals(22f, out[0][1]);
        assertEquals(32f, out[0][2]);
        assertEquals(7f, out[1][0]);
        assertEquals(19f, out[1][1]);
        assertEquals(30f, out[1][2]);
    }

    @Test
    void mismatchedShapesAreRefused() {
        PackedMatrix w = Gemm.pack(new float[3][4]);
        assertThrows(IllegalArgumentException.class, () -> Gemm.accumulate(new float[2][2], w, new float[2][4]));
        assertThrows(IllegalArgumentException.class, () -> Gemm.accumulate(new float[2][3], w, new float[1][4]));
        assertThrows(IllegalArgumentException.class, () -> Gemm.accumulate(new float[2][3], w, new float[2][5]));
        assertThrows(IllegalArgumentException.class, () -> Gemm.affine(new float[2][3], w, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Gemm.pack(new float[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Gemm.pack(new float[5], 2, 3));
    }
}
