package dev.saeexplorer.ui.checkpoints;

/**
 * Counts of values in equal-width bins over [lo, hi]. NaN values (a feature without a cosine, or without a match) are
 * left out and counted in {@code missing}; values beyond the range (−∞ for a feature that never fired) fall into the
 * end bins.
 */
public record Histogram(double[] edges, int[] counts, int missing) {

    static Histogram of(double[] values, double lo, double hi, int bins) {
        double[] edges = new double[bins + 1];
        double width = (hi - lo) / bins;
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo + b * width;
        }
        int[] counts = new int[bins];
        int missing = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                missing++;
            } else {
                int b = (int) Math.floor((v - lo) / width);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
        }
        return new Histogram(edges, counts, missing);
    }

    /**
     * The Rice rule (2·n^⅓ bins) kept between 11 and 81: enough detail for 40 features and for 24k. Always odd, so
     * the values of a widened one-value range (see {@link #range}) fall in the middle bin rather than on an edge.
     */
    static int bins(int n) {
        return Math.max(11, Math.min(81, (int) Math.round(2 * Math.cbrt(n)))) | 1;
    }

    /** [min, max] of the finite values of every set, widened when they are (nearly) all equal; null when there are none. */
    static double[] range(double[]... sets) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] set : sets) {
            if (set == null) {
                continue;
            }
            for (double v : set) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return null;
        }
        // Decoders normalised to unit length differ only by float rounding: one bar, not a range of 1e-7.
        if (hi - lo <= 1e-6 * Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)))) {
            double mid = (lo + hi) / 2;
            double pad = mid == 0 ? 0.5 : Math.abs(mid) * 0.05;
            return new double[] {mid - pad, mid + pad};
        }
        return new double[] {lo, hi};
    }

    public int total() {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }
}
