package dev.saeexplorer.core.pseval;

/**
 * The random-SAE baseline (design/MATH.md): each context's max feature is independent and uniform over the d_sae
 * features, so two contexts share their max feature with probability p = Σ_i (1/d)² · d = 1/d_sae, regardless of the
 * label. With n_same label-1 pairs and n_different label-0 pairs the expected counts are
 * <pre>
 *   E[TP] = n_same · p        E[FN] = n_same · (1 − p)
 *   E[FP] = n_different · p   E[TN] = n_different · (1 − p)
 * </pre>
 * and the reported metrics are computed from these expected counts (the ratio of expectations, as a count table of the
 * baseline would give; e.g. recall = p and specificity = 1 − p exactly).
 */
public final class RandomBaseline {
    private RandomBaseline() {
    }

    public static ConfusionMetrics expected(int dSae, long nSame, long nDifferent) {
        if (dSae < 1) {
            throw new IllegalArgumentException("d_sae must be at least 1, was " + dSae);
        }
        if (nSame < 0 || nDifferent < 0) {
            throw new IllegalArgumentException("pair counts must be non-negative");
        }
        double p = 1.0 / dSae;
        return ConfusionMetrics.from(nSame * p, nSame * (1 - p), nDifferent * p, nDifferent * (1 - p));
    }
}
