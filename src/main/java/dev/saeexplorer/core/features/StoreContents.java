package dev.saeexplorer.core.features;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * What a feature store holds besides its manifest, as arrays; the file layout is {@link StoreFile}'s business.
 *
 * <p>Each feature has {@link #slots()} example slots: first its top contexts in rank order, then
 * {@link QuantileSampler#BANDS} × {@link QuantileSampler#PER_BAND} quantile samples, highest band first, each band in
 * rank order; an empty slot holds context −1. The per-token activations of the filled slots follow one another in
 * {@code activations}, in feature and slot order, one value per non-BOS token of the slot's context.
 *
 * @param topK           top slots per feature
 * @param density        per feature, the fraction of non-BOS tokens where it fires
 * @param mean           per feature, the mean activation over all non-BOS tokens
 * @param max            per feature, the largest activation (0 when it never fires)
 * @param histograms     per feature, its positive activations
 * @param slotContext    [features × slots] context numbers, −1 for an empty slot
 * @param slotMax        [features × slots] the feature's largest activation in the slot's context
 * @param slotPosition   [features × slots] where in the context (BOS left out) that largest activation is
 * @param activations    the filled slots' per-token activations, one after another
 * @param contextNumbers the contexts some slot names, in increasing order
 * @param contextTokens  their token ids, BOS left out
 */
record StoreContents(int topK, double[] density, double[] mean, float[] max, Histogram[] histograms, int[] slotContext,
                     float[] slotMax, int[] slotPosition, float[] activations, int[] contextNumbers,
                     int[][] contextTokens) {

    /** Slots per feature for {@code topK} top contexts. */
    static int slots(int topK) {
        return topK + QuantileSampler.BANDS * QuantileSampler.PER_BAND;
    }

    int slots() {
        return slots(topK);
    }

    int features() {
        return density.length;
    }

    int deadFeatures() {
        return (int) Arrays.stream(density).filter(d -> d == 0).count();
    }

    /** The tokens of context {@code number}, or null when the store does not hold it. */
    int[] tokensOf(int number) {
        int i = Arrays.binarySearch(contextNumbers, number);
        return i < 0 ? null : contextTokens[i];
    }

    /** Receives where one filled slot's activations lie in {@code activations}. */
    @FunctionalInterface
    interface ExampleRange {
        void accept(int slot, int from, int to);
    }

    /** {@link #forEachExample(int[], IntUnaryOperator, ExampleRange)} over these contents' stored contexts. */
    int forEachExample(ExampleRange range) {
        return forEachExample(slotContext, number -> {
            int[] tokens = tokensOf(number);
            if (tokens == null) {
                throw new IllegalStateException("an example names context " + number + ", whose tokens are not stored");
            }
            return tokens.length;
        }, range);
    }

    /**
     * Walks the filled slots in order with the range their activations take in {@code activations}: the one place
     * that knows the ragged layout.
     *
     * @param lengthOf a context's non-BOS token count, by context number
     * @return the number of values all examples take
     * @throws ArithmeticException when they would not fit one array
     */
    static int forEachExample(int[] slotContext, IntUnaryOperator lengthOf, ExampleRange range) {
        int from = 0;
        for (int slot = 0; slot < slotContext.length; slot++) {
            if (slotContext[slot] >= 0) {
                int to = Math.addExact(from, lengthOf.applyAsInt(slotContext[slot]));
                range.accept(slot, from, to);
                from = to;
            }
        }
        return from;
    }
}
