package dev.saeexplorer.core.features;

import java.util.Arrays;

/**
 * For every feature, the k contexts with the largest maximum activation, among those where it is > 0, ties to the lower
 * context number: a bounded min-heap each whose root is the weakest context kept, so an offer that does not make the
 * list costs one comparison and memory is k entries per feature whatever the corpus.
 */
final class TopContexts extends FeatureHeaps {
    TopContexts(int features, int k) {
        super(features, k);
    }

    /** Offers a context where {@code feature}'s largest activation is {@code m} (> 0). */
    void offer(int feature, float m, int ctx) {
        int base = base(feature);
        if (!full(feature)) {
            set(base + size(feature), m, ctx);
            added(feature);
        } else if (ContextMax.ranksAbove(m, ctx, max[base], context[base])) {
            set(base, m, ctx);
            replacedRoot(feature);
        }
    }

    /** The feature's kept contexts, best first. */
    ContextMax[] ranked(int feature) {
        int base = base(feature);
        ContextMax[] out = new ContextMax[size(feature)];
        for (int i = 0; i < out.length; i++) {
            out[i] = entry(base + i);
        }
        Arrays.sort(out, ContextMax.RANK);
        return out;
    }

    /** The weakest kept context goes to the root. */
    @Override
    boolean rootward(int a, int b) {
        return ContextMax.ranksAbove(max[b], context[b], max[a], context[a]);
    }
}
