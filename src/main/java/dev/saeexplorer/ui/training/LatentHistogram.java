package dev.saeexplorer.ui.training;

/**
 * The distribution of one latent's activations over the evaluation sample. Zeros are counted apart: a sparse latent
 * is zero on most samples, and one bar of zeros would flatten every other bar.
 *
 * @param edges  bins.length + 1 edges over (0, max]
 * @param counts samples with an activation in each bin
 * @param zeros  samples on which the latent did not fire
 */
public record LatentHistogram(double[] edges, int[] counts, int zeros, int total) {

    static LatentHistogram of(float[] values, int bins) {
        double max = 0;
        int zeros = 0;
        for (float v : values) {
            if (v > 0) {
                max = Math.max(max, v);
            } else {
                zeros++;
            }
        }
        double[] edges = new double[bins + 1];
        int[] counts = new int[bins];
        double width = max > 0 ? max / bins : 1.0 / bins;
        for (int b = 0; b <= bins; b++) {
            edges[b] = b * width;
        }
        for (float v : values) {
            if (v > 0) {
                counts[Math.min(bins - 1, (int) (v / width))]++;
            }
        }
        return new LatentHistogram(edges, counts, zeros, values.length);
    }

    /** Fraction of samples on which the latent fired. */
    public double firingRate() {
        return total == 0 ? 0 : (total - zeros) / (double) total;
    }
}
