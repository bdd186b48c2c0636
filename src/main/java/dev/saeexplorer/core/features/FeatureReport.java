package dev.saeexplorer.core.features;

import java.util.List;

/**
 * What a feature store knows of one feature: its statistics over all non-BOS tokens, the histogram of its positive
 * activations, its top contexts in rank order and contexts sampled from lower quantile bands.
 *
 * @param feature         the feature's index
 * @param density         the fraction of tokens where it fires (activation > 0)
 * @param maxActivation   its largest activation
 * @param meanActivation  its mean activation over all tokens
 * @param histogram       its positive activations
 * @param examples        its top contexts, best first
 * @param quantileSamples samples from its lower quantile bands, highest band first (bands without a sample left out)
 */
public record FeatureReport(int feature, double density, float maxActivation, double meanActivation,
                            Histogram histogram, List<Example> examples, List<QuantileBand> quantileSamples) {
    public FeatureReport {
        examples = List.copyOf(examples);
        quantileSamples = List.copyOf(quantileSamples);
    }

    /**
     * One context as an example of a feature.
     *
     * @param context     the context's number (0, 1, … in corpus order)
     * @param ids         its token ids, BOS left out
     * @param activations the feature's activation at each of those tokens (stored as float16 relative to the
     *                    feature's max, so within 0.05% of it)
     * @param max         the feature's largest activation in the context, exactly
     * @param position    the index in {@code ids} where that largest activation is
     */
    public record Example(int context, int[] ids, float[] activations, float max, int position) {
        public Example {
            ids = ids.clone();
            activations = activations.clone();
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }

        @Override
        public float[] activations() {
            return activations.clone();
        }
    }

    /**
     * Contexts sampled from one band of quantiles of the feature's nonzero context maxima.
     *
     * @param lowerQuantile where the band starts, e.g. 0 for the lowest third
     * @param upperQuantile where it ends
     * @param examples      its sampled contexts, best first
     */
    public record QuantileBand(double lowerQuantile, double upperQuantile, List<Example> examples) {
        public QuantileBand {
            examples = List.copyOf(examples);
        }
    }
}
