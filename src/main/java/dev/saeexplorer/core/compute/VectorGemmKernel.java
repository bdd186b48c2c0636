package dev.saeexplorer.core.compute;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked kernel ({@code jdk.incubator.vector}): a tile of two vectors of output columns for six rows
 * lives in registers while the loop runs down one contiguous panel of {@code w} (k × 2 vectors) and the six rows'
 * interleaved multipliers; panels go one by one with the row groups inside, so a panel is still in cache for the next
 * group. Measured on the 2-core AVX2 EPYC at [192, 768] · [768, 2304] on both cores: 105–140 GFLOP/s, against 55–87
 * before the rows were interleaved and 70–114 for numpy's OpenBLAS 0.3.31 in the same hour. Two to five rows left
 * over fill one more group padded with zero rows (whose sums go to a scratch row); a single row goes alone. Only
 * loaded when the incubator module is present ({@link Gemm}).
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
        int groups = x.length % 6 >= 2 ? x.length / 6 + 1 : x.length / 6;
        float[] grouped = groupRows(x, groups, w.k);
        float[][] outRows = Arrays.copyOf(out, Math.max(out.length, groups * 6));
        if (outRows.length > out.length) {
            // the padding rows' sums: both threads write their own columns of it, and nothing reads it
            Arrays.fill(outRows, out.length, outRows.length, new float[w.n]);
        }
        int panels = w.panels.length;
        // column blocks on two cores: each streams its own part of w, adding memory bandwidth and arithmetic; about 32
        // pieces a product, taken as the threads come free, because a static half each left one core idle whenever the
        // other was held back (10–20% at [192, 768] · [768, 2304] with another process on the machine)
        TwoWay.shared(panels, Math.max(1, panels / 32), (long) outRows.length * w.k * w.n,
                (from, to) -> panels(x, grouped, groups, w, outRows, from, to));
        if (w.tail != null) {
            tail(x, w.tail, out, panels * 2 * L);
        }
    }

    /**
     * The rows of {@code x} in groups of six, interleaved: grouped[g·6k + kk·6 + r] = x[6g + r][kk], zeros past the
     * last row. The tile then reads its six multipliers from one array at consecutive addresses; reading them from six
     * row arrays left the JIT short of registers and halved the kernel's speed (35 against 69 GFLOP/s on one AVX2
     * core at [192, 768] · [768, 2304]; a 4-row × 3-vector tile did 33).
     */
    private static float[] groupRows(float[][] x, int groups, int k) {
        float[] grouped = new float[groups * 6 * k];
        for (int i = 0; i < Math.min(x.length, groups * 6); i++) {
            float[] row = x[i];
            int base = (i / 6) * 6 * k + i % 6;
            for (int kk = 0; kk < k; kk++) {
                grouped[base + kk * 6] = row[kk];
            }
        }
        return grouped;
    }

    /** Panels [from, to): for each, the row groups of six, then the one row left over, if any. */
    private static void panels(float[][] x, float[] grouped, int groups, PackedMatrix w, float[][] out, int from,
                               int to) {
        for (int p = from; p < to; p++) {
            float[] panel = w.panels[p];
            int j = p * 2 * L;
            for (int g = 0; g < groups; g++) {
                rows6(grouped, g * 6 * w.k, panel, out, g * 6, j);
            }
            if (groups * 6 < x.length) {
                rows1(x, panel, out, x.length - 1, j, w.k);
            }
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

    /** Rows i … i+5 (their multipliers interleaved in {@code grouped} from {@code at}) times one panel. */
    private static void rows6(float[] grouped, int at, float[] panel, float[][] out, int i, int j) {
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
        int end = panel.length;
        int xa = at;
        for (int pa = 0; pa < end; pa += 2 * L, xa += 6) {
            FloatVector v = FloatVector.fromArray(S, panel, pa);
            FloatVector u = FloatVector.fromArray(S, panel, pa + L);
            FloatVector s0 = FloatVector.broadcast(S, grouped[xa]);
            a0 = v.fma(s0, a0);
            b0 = u.fma(s0, b0);
            FloatVector s1 = FloatVector.broadcast(S, grouped[xa + 1]);
            a1 = v.fma(s1, a1);
            b1 = u.fma(s1, b1);
            FloatVector s2 = FloatVector.broadcast(S, grouped[xa + 2]);
            a2 = v.fma(s2, a2);
            b2 = u.fma(s2, b2);
            FloatVector s3 = FloatVector.broadcast(S, grouped[xa + 3]);
            a3 = v.fma(s3, a3);
            b3 = u.fma(s3, b3);
            FloatVector s4 = FloatVector.broadcast(S, grouped[xa + 4]);
            a4 = v.fma(s4, a4);
            b4 = u.fma(s4, b4);
            FloatVector s5 = FloatVector.broadcast(S, grouped[xa + 5]);
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
