package dev.saeexplorer.core.features;

/**
 * Counts every feature's positive activations into log-spaced bins in one pass, before any feature's range is known.
 *
 * <p>The choice (design/MATH.md, "Feature dashboards"): counting happens on one fixed grid of quarter octaves, cell
 * edges 2^(q/4) from 2^−16 to 2^16, with one cell below and one above for values outside. When the pass is over, a
 * feature's occupied span of cells (from the cell of its smallest positive activation to that of its largest) is merged
 * in equal runs into at most {@link #MAX_BINS} bins whose outer edges are that smallest and largest value and whose inner
 * edges are grid points. So the counts are exact for the edges reported, the bins are log-spaced (each a whole number of
 * quarter octaves), and the memory is one int per feature and cell whatever the corpus.
 */
final class LogHistogram {
    static final int MAX_BINS = 32;
    private static final int STEPS_PER_OCTAVE = 4;
    private static final int LOWEST_EXPONENT = -16;
    private static final int HIGHEST_EXPONENT = 16;
    /** Cell 0 holds values under 2^−16, the last cell values of 2^16 and more. */
    static final int CELLS = (HIGHEST_EXPONENT - LOWEST_EXPONENT) * STEPS_PER_OCTAVE + 2;
    /** 2^(q/4) for q = 0..3: the quarter-octave steps within one octave. */
    private static final double[] STEPS = {1.0, Math.pow(2, 0.25), Math.pow(2, 0.5), Math.pow(2, 0.75)};

    private final int[] counts;

    LogHistogram(int features) {
        this.counts = new int[Math.multiplyExact(features, CELLS)];
    }

    /** Counts {@code activation} (> 0) for {@code feature}. */
    void add(int feature, float activation) {
        counts[feature * CELLS + cell(activation)]++;
    }

    /** The grid cell of a positive value; exact: the octave from the float's exponent, the step by comparison. */
    static int cell(float value) {
        int exponent = Math.getExponent(value);
        if (exponent < LOWEST_EXPONENT) {
            return 0;
        }
        if (exponent >= HIGHEST_EXPONENT) {
            return CELLS - 1;
        }
        double mantissa = Math.scalb(value, -exponent); // in [1, 2)
        int step = STEPS_PER_OCTAVE - 1;
        while (mantissa < STEPS[step]) {
            step--;
        }
        return 1 + (exponent - LOWEST_EXPONENT) * STEPS_PER_OCTAVE + step;
    }

    /** The lower edge of cell {@code cell} ≥ 1: the same doubles {@link #cell} compares against. */
    static double lowerEdge(int cell) {
        int q = cell - 1;
        return Math.scalb(STEPS[q % STEPS_PER_OCTAVE], LOWEST_EXPONENT + q / STEPS_PER_OCTAVE);
    }

    /**
     * The feature's histogram: its occupied cells merged into at most {@link #MAX_BINS} bins.
     *
     * @param smallest the feature's smallest positive activation
     * @param largest  its largest
     */
    Histogram histogram(int feature, float smallest, float largest) {
        int lo = cell(smallest);
        int hi = cell(largest);
        int span = hi - lo + 1;
        int run = (span + MAX_BINS - 1) / MAX_BINS;
        int bins = (span + run - 1) / run;
        double[] edges = new double[bins + 1];
        long[] binCounts = new long[bins];
        edges[0] = smallest;
        edges[bins] = largest;
        for (int b = 0; b < bins; b++) {
            if (b > 0) {
                edges[b] = lowerEdge(lo + b * run);
            }
            for (int c = lo + b * run; c < Math.min(hi + 1, lo + (b + 1) * run); c++) {
                binCounts[b] += counts[feature * CELLS + c];
            }
        }
        return new Histogram(edges, binCounts);
    }
}
