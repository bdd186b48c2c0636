package dev.saeexplorer.core.features;

import java.util.Arrays;

/**
 * Per-feature statistics over every non-BOS token, kept as running sums so that no activation is stored: how many
 * tokens the feature fires on (activation > 0), the sum and the largest and smallest positive activation, and the
 * counts of its {@link LogHistogram}. Activations are ≥ 0 (every SAE activation here is a ReLU), so the sum of the
 * positive ones is the sum over all tokens.
 */
final class ActivationTally {
    private final int features;
    private final int[] positives;
    private final double[] sums;
    private final float[] largest;
    private final float[] smallest;
    private final LogHistogram histogram;
    private long tokens;

    ActivationTally(int features) {
        this.features = features;
        this.positives = new int[features];
        this.sums = new double[features];
        this.largest = new float[features];
        this.smallest = new float[features];
        Arrays.fill(smallest, Float.POSITIVE_INFINITY);
        this.histogram = new LogHistogram(features);
    }

    /** Counts {@code n} more tokens (once per context, beside {@link #add(float[][], float[], int, int)}). */
    void count(int n) {
        tokens += n;
    }

    /**
     * Adds one context's activations ([tokens][features], BOS left out) of features {@code from} … {@code to − 1}, and
     * writes their largest activation in it into {@code contextMax} (0 where they do not fire):
     * ranges of features touch disjoint state, so two threads may add two ranges of one context at once. The tokens
     * are counted by {@link #count}.
     */
    void add(float[][] rows, float[] contextMax, int from, int to) {
        Arrays.fill(contextMax, from, to, 0f);
        for (float[] row : rows) {
            for (int j = from; j < to; j++) {
                float a = row[j];
                if (a > 0) {
                    positives[j]++;
                    sums[j] += a;
                    largest[j] = Math.max(largest[j], a);
                    smallest[j] = Math.min(smallest[j], a);
                    contextMax[j] = Math.max(contextMax[j], a);
                    histogram.add(j, a);
                }
            }
        }
    }

    long tokens() {
        return tokens;
    }

    /** The fraction of tokens where the feature fired. */
    double density(int feature) {
        return tokens == 0 ? 0 : positives[feature] / (double) tokens;
    }

    /** The mean activation over all tokens. */
    double mean(int feature) {
        return tokens == 0 ? 0 : sums[feature] / tokens;
    }

    /** The largest activation over all tokens; 0 for a feature that never fired. */
    float max(int feature) {
        return largest[feature];
    }

    Histogram histogram(int feature) {
        return positives[feature] == 0 ? Histogram.EMPTY
                : histogram.histogram(feature, smallest[feature], largest[feature]);
    }
}
