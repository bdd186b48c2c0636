package dev.saeexplorer.core.features;

/**
 * A histogram of one feature's positive activations: bin i counts the activations a with
 * {@code edges[i] ≤ a < edges[i + 1]}, the last bin also those equal to its upper edge. Both arrays are empty for a
 * feature that never fired.
 *
 * @param edges  {@code counts.length + 1} increasing values (equal only for a single-valued feature)
 * @param counts activations per bin
 */
public record Histogram(double[] edges, long[] counts) {
    public static final Histogram EMPTY = new Histogram(new double[0], new long[0]);

    public Histogram {
        if (counts.length == 0 ? edges.length != 0 : edges.length != counts.length + 1) {
            throw new IllegalArgumentException(edges.length + " edges for " + counts.length + " bins");
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }
}
