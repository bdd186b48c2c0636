package dev.saeexplorer.core.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked kernel ({@code jdk.incubator.vector}): a tile of two vectors of output columns for up to six
 * rows lives in registers while the loop runs down one contiguous panel of {@code w} (k × 2 vectors); panels go
 * one by one with the rows inside, so a panel is still in cache for the next group of rows. Measured on the
 * 2-core AVX-512 Xeon at [12, 768] · [768, 3072]: about 57 GFLOP/s single-threaded against 25 for the scalar kernel
 * and 65 for numpy/OpenBLAS on both cores. Only loaded when the incubator module is present ({@link Gemm}).
 */
final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public PackedMatrix pack(float[] flat, int k, int n) {
        return PackedMatrix.asPanels(flat, k, n, 2 * L);
    }

    @Override
    public PackedMatrix pack(float[][] w) {
        return PackedMatrix.asPanels(w, 2 * L);
    }

    @Override
    public void accumulate(float[][] x, PackedMatrix w, float[][] out) {
        accumulate(x, w, out, 0, w.panels.length, true);
    }

    @Override
    public int parts(PackedMatrix w) {
        return w.panels.length;
    }

    /** Panels [from, to) and, when {@code withTail}, the columns after the last panel. */
    @Override
    public void accumulate(float[][] x, PackedMatrix w, float[][] out, int from, int to, boolean withTail) {
        for (int p = from; p < to; p++) {
            float[] panel = w.panels[p];
            int j = p * 2 * L;
            int depth = panel.length / (2 * L);
            int i = 0;
            for (; i + 6 <= x.length; i += 6) {
                rows6(x, panel, out, i, j, depth);
            }
            for (; i + 3 <= x.length; i += 3) {
                rows3(x, panel, out, i, j, depth);
            }
            for (; i < x.length; i++) {
                rows1(x, panel, out, i, j, depth);
            }
        }
        if (withTail && w.tail != null) {
            tail(x, w.tail, out, w.panels.length * 2 * L);
        }
    }

    /** The columns after the last whole panel, plainly; {@code tail} holds them as rows. */
    private static void tail(float[][] x, float[][] tail, float[][] out, int from) {
        for (int i = 0; i < x.length; i++) {
            float[] xi = x[i];
            float[] oi = out[i];
            for (int k = 0; k < tail.length; k++) {
                float s = xi[k];
                float[] tk = tail[k];
                for (int c = 0; c < tk.length; c++) {
                    oi[from + c] += s * tk[c];
                }
            }
        }
    }

    private static void rows6(float[][] x, float[] panel, float[][] out, int i, int j, int depth) {
        float[] x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3], x4 = x[i + 4], x5 = x[i + 5];
        float[] o0 = out[i], o1 = out[i + 1], o2 = out[i + 2], o3 = out[i + 3], o4 = out[i + 4], o5 = out[i + 5];
        FloatVector a0 = FloatVector.fromArray(S, o0, j);
        FloatVector b0 = FloatVector.fromArray(S, o0, j + L);
        FloatVector a1 = FloatVector.fromArray(S, o1, j);
        FloatVector b1 = FloatVector.fromArray(S, o1, j + L);
        FloatVector a2 = FloatVector.fromArray(S, o2, j);
        FloatVector b2 = FloatVector.fromArray(S, o2, j + L);
        FloatVector a3 = FloatVector.fromArray(S, o3, j);
        FloatVector b3 = FloatVector.fromArray(S, o3, j + L);
        FloatVector a4 = FloatVector.fromArray(S, o4, j);
        FloatVector b4 = FloatVector.fromArray(S, o4, j + L);
        FloatVector a5 = FloatVector.fromArray(S, o5, j);
        FloatVector b5 = FloatVector.fromArray(S, o5, j + L);
        // k counts the loop, so the bounds checks of x0[k] … x5[k] can be hoisted (a neutral change when measured:
        // 80 against 84 GFLOP/s at [192, 768] · [768, 2304] on the 2-core AVX2 EPYC, within its drift; slicing the
        // panel to stay in L1 was no better either)
        for (int k = 0; k < depth; k++) {
            int at = k * 2 * L;
            FloatVector v = FloatVector.fromArray(S, panel, at);
            FloatVector u = FloatVector.fromArray(S, panel, at + L);
            FloatVector s0 = FloatVector.broadcast(S, x0[k]);
            a0 = v.fma(s0, a0);
            b0 = u.fma(s0, b0);
            FloatVector s1 = FloatVector.broadcast(S, x1[k]);
            a1 = v.fma(s1, a1);
            b1 = u.fma(s1, b1);
            FloatVector s2 = FloatVector.broadcast(S, x2[k]);
            a2 = v.fma(s2, a2);
            b2 = u.fma(s2, b2);
            FloatVector s3 = FloatVector.broadcast(S, x3[k]);
            a3 = v.fma(s3, a3);
            b3 = u.fma(s3, b3);
            FloatVector s4 = FloatVector.broadcast(S, x4[k]);
            a4 = v.fma(s4, a4);
            b4 = u.fma(s4, b4);
            FloatVector s5 = FloatVector.broadcast(S, x5[k]);
            a5 = v.fma(s5, a5);
            b5 = u.fma(s5, b5);
        }
        a0.intoArray(o0, j);
        b0.intoArray(o0, j + L);
        a1.intoArray(o1, j);
        b1.intoArray(o1, j + L);
        a2.intoArray(o2, j);
        b2.intoArray(o2, j + L);
        a3.intoArray(o3, j);
        b3.intoArray(o3, j + L);
        a4.intoArray(o4, j);
        b4.intoArray(o4, j + L);
        a5.intoArray(o5, j);
        b5.intoArray(o5, j + L);
    }

    private static void rows3(float[][] x, float[] panel, float[][] out, int i, int j, int depth) {
        float[] x0 = x[i], x1 = x[i + 1], x2 = x[i + 2];
        float[] o0 = out[i], o1 = out[i + 1], o2 = out[i + 2];
        FloatVector a0 = FloatVector.fromArray(S, o0, j);
        FloatVector b0 = FloatVector.fromArray(S, o0, j + L);
        FloatVector a1 = FloatVector.fromArray(S, o1, j);
        FloatVector b1 = FloatVector.fromArray(S, o1, j + L);
        FloatVector a2 = FloatVector.fromArray(S, o2, j);
        FloatVector b2 = FloatVector.fromArray(S, o2, j + L);
        for (int k = 0; k < depth; k++) {
            int at = k * 2 * L;
            FloatVector v = FloatVector.fromArray(S, panel, at);
            FloatVector u = FloatVector.fromArray(S, panel, at + L);
            FloatVector s0 = FloatVector.broadcast(S, x0[k]);
            a0 = v.fma(s0, a0);
            b0 = u.fma(s0, b0);
            FloatVector s1 = FloatVector.broadcast(S, x1[k]);
            a1 = v.fma(s1, a1);
            b1 = u.fma(s1, b1);
            FloatVector s2 = FloatVector.broadcast(S, x2[k]);
            a2 = v.fma(s2, a2);
            b2 = u.fma(s2, b2);
        }
        a0.intoArray(o0, j);
        b0.intoArray(o0, j + L);
        a1.intoArray(o1, j);
        b1.intoArray(o1, j + L);
        a2.intoArray(o2, j);
        b2.intoArray(o2, j + L);
    }

    private static void rows1(float[][] x, float[] panel, float[][] out, int i, int j, int depth) {
        float[] x0 = x[i];
        float[] o0 = out[i];
        FloatVector a0 = FloatVector.fromArray(S, o0, j);
        FloatVector b0 = FloatVector.fromArray(S, o0, j + L);
        for (int k = 0; k < depth; k++) {
            int at = k * 2 * L;
            FloatVector v = FloatVector.fromArray(S, panel, at);
            FloatVector u = FloatVector.fromArray(S, panel, at + L);
            FloatVector s0 = FloatVector.broadcast(S, x0[k]);
            a0 = v.fma(s0, a0);
            b0 = u.fma(s0, b0);
        }
        a0.intoArray(o0, j);
        b0.intoArray(o0, j + L);
    }

    @Override
    public String name() {
        return "jdk.incubator.vector, " + S.vectorBitSize() + "-bit";
    }
}
