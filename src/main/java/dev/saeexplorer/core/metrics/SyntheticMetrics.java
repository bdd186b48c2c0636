package dev.saeexplorer.core.metrics;

/**
 * How well a trained SAE recovers the ground truth of synthetic data (design/MATH.md "Metrics for trained SAEs").
 *
 * @param lossGT               E‖x − P f(x_p)‖², P the latent–feature matching
 * @param lossGTNonSparse      the squared error of P f(x_p) averaged over the coordinates with x_i > 0 only (null if none)
 * @param reconstructionXp     E‖x_p − x̂_p‖²
 * @param monosemanticity      mean over alive latents of the variance of the decoder-norm-scaled activation (null if none alive)
 * @param avgActivatedFeatures paper B.3 (null when no latent is activated by any feature)
 * @param deadLatents          latents that never fire on the evaluation set
 * @param latentOfFeature      the matching, for feature i the latent (−1 for none)
 * @param correlation          correlation[j][i] between latent j and feature i over the evaluation set
 * @param recovery             MCC and shrinkage on the same evaluation set ({@link GroundTruthRecovery}, its own
 *                             matching on |correlation|)
 * @param absorption           absorption rate of the world's hierarchy on the same evaluation set, with the matching of
 *                             {@code recovery} ({@link Absorption}; rate null without a hierarchy)
 */
public record SyntheticMetrics(double lossGT, Double lossGTNonSparse, double reconstructionXp, Double monosemanticity,
                               Double avgActivatedFeatures, int deadLatents, int[] latentOfFeature,
                               double[][] correlation, GroundTruthRecovery recovery,
                               Absorption absorption) {
    /** The mean correlation coefficient ({@link GroundTruthRecovery}). */
    public double mcc() {
        return recovery.mcc();
    }

    /** Recovered over true magnitude of the matched features ({@link GroundTruthRecovery}); null if none is active. */
    public Double shrinkage() {
        return recovery.shrinkage();
    }

    /** The absorption rate of the world's hierarchy ({@link Absorption}); null without a hierarchy or co-activity. */
    public Double absorptionRate() {
        return absorption.rate();
    }
}
