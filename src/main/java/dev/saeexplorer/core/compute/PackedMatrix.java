package dev.saeexplorer.core.compute;

/**
 * A constant weight matrix [k][n] laid out once for {@link Gemm}'s kernel: the vector kernel reads it as column
 * panels (each panel's k × width block contiguous, so a tile streams through memory instead of touching k rows
 * 12 KB apart: that was the difference between 17 and the kernel's 57 GFLOP/s on GPT-2's weights); the scalar kernel
 * keeps plain rows. Build with {@link Gemm#pack}; immutable.
 */
public final class PackedMatrix {
    final int k;
    final int n;
    /** Panel width in columns; 0 when the layout is {@link #rows}. */
    final int width;
    /** Row layout for the scalar kernel, else null. */
    final float[][] rows;
    /** panels[p][kk * width + c] = w[kk][p * width + c], else null. */
    final float[][] panels;
    /** The columns after the last whole panel, as rows [k][n mod width]; null when there are none. */
    final float[][] tail;

    private PackedMatrix(int k, int n, int width, float[][] rows, float[][] panels, float[][] tail) {
        this.k = k;
        this.n = n;
        this.width = width;
        this.rows = rows;
        this.panels = panels;
        this.tail = tail;
    }

    static PackedMatrix asRows(float[] flat, int k, int n) {
        float[][] rows = new float[k][];
        for (int r = 0; r < k; r++) {
            rows[r] = java.util.Arrays.copyOfRange(flat, r * n, (r + 1) * n);
        }
        return new PackedMatrix(k, n, 0, rows, null, null);
    }

    static PackedMatrix asRows(float[][] w) {
        float[][] copy = new float[w.length][];
        for (int r = 0; r < w.length; r++) {
            copy[r] = w[r].clone();
        }
        return new PackedMatrix(w.length, w.length == 0 ? 0 : w[0].length, 0, copy, null, null);
    }

    static PackedMatrix asPanels(float[][] w, int width) {
        int k = w.length;
        return asPanels(k, k == 0 ? 0 : w[0].length, width, (kk, from, to, offset) ->
                System.arraycopy(w[kk], from, to, offset, width), (kk, from, to) -> java.util.Arrays.copyOfRange(w[kk], from, to));
    }

    /** Panels straight from a row-major [k][n] array, without building rows first (GPT-2's weights arrive flat). */
    static PackedMatrix asPanels(float[] flat, int k, int n, int width) {
        return asPanels(k, n, width, (kk, from, to, offset) -> System.arraycopy(flat, kk * n + from, to, offset,
                width), (kk, from, to) -> java.util.Arrays.copyOfRange(flat, kk * n + from, kk * n + to));
    }

    /** Copies {@code width} entries of row kk from column {@code from} into {@code to} at {@code offset}. */
    private interface RowSlice {
        void copy(int kk, int from, float[] to, int offset);
    }

    /** Row kk's columns [from, to) as a new array. */
    private interface RowRange {
        float[] copy(int kk, int from, int to);
    }

    private static PackedMatrix asPanels(int k, int n, int width, RowSlice slice, RowRange range) {
        int count = n / width;
        float[][] panels = new float[count][k * width];
        for (int p = 0; p < count; p++) {
            for (int kk = 0; kk < k; kk++) {
                slice.copy(kk, p * width, panels[p], kk * width);
            }
        }
        float[][] tail = null;
        if (count * width < n) {
            tail = new float[k][];
            for (int kk = 0; kk < k; kk++) {
                tail[kk] = range.copy(kk, count * width, n);
            }
        }
        return new PackedMatrix(k, n, width, null, panels, tail);
    }

    /** Rows of the inputs it multiplies (k). */
    public int rowCount() {
        return k;
    }

    /** Output columns (n). */
    public int columnCount() {
        return n;
    }

    /** w[r][c], for tests and diagnostics. */
    public float get(int r, int c) {
        if (rows != null) {
            return rows[r][c];
        }
        int p = c / width;
        return p < panels.length ? panels[p][r * width + c % width] : tail[r][c - panels.length * width];
    }
}
