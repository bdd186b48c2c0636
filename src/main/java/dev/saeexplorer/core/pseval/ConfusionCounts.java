package dev.saeexplorer.core.pseval;

/**
 * PS-Eval's confusion counts: TP = same meaning and same max feature, FN = same meaning and different, FP = different
 * meaning and same, TN = different meaning and different.
 */
public record ConfusionCounts(long tp, long fn, long fp, long tn) {
    public ConfusionCounts {
        if (tp < 0 || fn < 0 || fp < 0 || tn < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    public long total() {
        return tp + fn + fp + tn;
    }

    /** Label-1 (same meaning) pairs. */
    public long same() {
        return tp + fn;
    }

    /** Label-0 (different meaning) pairs. */
    public long different() {
        return fp + tn;
    }

    public ConfusionMetrics metrics() {
        return ConfusionMetrics.from(tp, fn, fp, tn);
    }
}
