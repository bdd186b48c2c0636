package dev.saeexplorer.charts;

import org.jfree.data.xy.XYIntervalSeries;

/** Histogram counts as JFreeChart bars: one interval per bin, from its left to its right edge. */
public final class HistogramSeries {
    private HistogramSeries() {
    }

    /** @param edges the {@code counts.length + 1} bin edges, ascending */
    public static XYIntervalSeries of(String name, double[] edges, int[] counts) {
        return of(name, edges, java.util.Arrays.stream(counts).asLongStream().toArray());
    }

    /** @param edges the {@code counts.length + 1} bin edges, ascending */
    public static XYIntervalSeries of(String name, double[] edges, long[] counts) {
        XYIntervalSeries s = new XYIntervalSeries(name);
        for (int b = 0; b < counts.length; b++) {
            double lo = edges[b];
            double hi = edges[b + 1];
            s.add((lo + hi) / 2, lo, hi, counts[b], 0, counts[b]);
        }
        return s;
    }
}
