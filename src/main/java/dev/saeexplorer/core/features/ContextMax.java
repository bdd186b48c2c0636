package dev.saeexplorer.core.features;

import java.util.Comparator;

/**
 * A context and a feature's largest activation over its tokens.
 *
 * @param context the context's number (0, 1, … in corpus order)
 * @param max     the feature's largest activation in it
 */
record ContextMax(int context, float max) {
    /** Rank order, best first: see {@link #ranksAbove}. */
    static final Comparator<ContextMax> RANK = (a, b) -> ranksAbove(a.max, a.context, b.max, b.context) ? -1
            : ranksAbove(b.max, b.context, a.max, a.context) ? 1 : 0;

    /**
     * Whether context a ranks above context b: a larger maximum, or the same maximum in a lower-numbered context (the
     * tie rule of design/MATH.md). On primitives, because the heaps ask it for every context a feature fires in.
     */
    static boolean ranksAbove(float maxA, int contextA, float maxB, int contextB) {
        return maxA > maxB || (maxA == maxB && contextA < contextB);
    }
}
