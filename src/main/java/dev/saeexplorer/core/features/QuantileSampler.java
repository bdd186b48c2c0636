package dev.saeexplorer.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Contexts from a feature's lower activation quantiles, so that a dashboard shows more than the extremes (as
 * SAEDashboard does).
 *
 * <p>During the pass each feature keeps a uniform sample of up to {@link #SAMPLE} of the contexts where it fires: every
 * (feature, context) pair gets a pseudo-random priority from the seed, and the {@code SAMPLE} smallest priorities are
 * kept (a bottom-k sketch, a bounded max-heap per feature). Unlike a classic reservoir the sample depends only on the
 * seed and on which contexts there are, not on the order they come in. At the end the sample, sorted by the contexts'
 * maxima, is cut by rank into {@link #BANDS} equal quantile bands of the feature's nonzero context maxima, and each band
 * offers up to {@link #PER_BAND} contexts that are not already top contexts: again those of smallest priority.
 */
final class QuantileSampler extends FeatureHeaps {
    static final int BANDS = 3;
    static final int PER_BAND = 3;
    static final int SAMPLE = 60;

    private final long seed;
    private final long[] priority;

    QuantileSampler(int features, long seed) {
        super(features, SAMPLE);
        this.seed = seed;
        this.priority = new long[Math.multiplyExact(features, SAMPLE)];
    }

    /** Offers a context where {@code feature}'s largest activation is {@code m} (> 0). */
    void offer(int feature, float m, int ctx) {
        long p = priority(feature, ctx);
        int base = base(feature);
        if (!full(feature)) {
            priority[base + size(feature)] = p;
            set(base + size(feature), m, ctx);
            added(feature);
        } else if (p < priority[base] || (p == priority[base] && ctx < context[base])) {
            priority[base] = p;
            set(base, m, ctx);
            replacedRoot(feature);
        }
    }

    /**
     * The feature's samples by band, highest band first (band b covers quantiles 1 − (b+1)/BANDS to 1 − b/BANDS of its
     * nonzero context maxima); each band's contexts in rank order, none of them in {@code top}.
     */
    ContextMax[][] bands(int feature, Set<Integer> top) {
        int base = base(feature);
        Integer[] members = new Integer[size(feature)];
        for (int i = 0; i < members.length; i++) {
            members[i] = base + i;
        }
        Arrays.sort(members, Comparator.comparing(this::entry, ContextMax.RANK).reversed());
        ContextMax[][] bands = new ContextMax[BANDS][];
        int n = members.length;
        for (int b = 0; b < BANDS; b++) {
            List<Integer> eligible = new ArrayList<>();
            for (int r = b * n / BANDS; r < (b + 1) * n / BANDS; r++) {
                if (!top.contains(context[members[r]])) {
                    eligible.add(members[r]);
                }
            }
            eligible.sort(Comparator.comparingLong((Integer i) -> priority[i]).thenComparingInt(i -> context[i]));
            ContextMax[] picked = eligible.stream().limit(PER_BAND).map(this::entry).sorted(ContextMax.RANK)
                    .toArray(ContextMax[]::new);
            bands[BANDS - 1 - b] = picked;
        }
        return bands;
    }

    /** SplitMix64's finaliser over the seed and the pair: a well-mixed, reproducible 64-bit priority. */
    private long priority(int feature, int ctx) {
        long z = seed + 0x9E3779B97F4A7C15L * (((long) feature << 32) | (ctx & 0xFFFFFFFFL));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The largest priority goes to the root: it is the first to leave for a smaller one. */
    @Override
    boolean rootward(int a, int b) {
        return priority[a] > priority[b] || (priority[a] == priority[b] && context[a] > context[b]);
    }

    @Override
    void swap(int a, int b) {
        super.swap(a, b);
        long p = priority[a];
        priority[a] = priority[b];
        priority[b] = p;
    }
}
