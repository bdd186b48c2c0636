package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.experiment.SyntheticExperiment.ExperimentResult;
import dev.saeexplorer.core.metrics.SyntheticMetrics;

/**
 * One trained model with what the result views show, all computed off the FX thread.
 *
 * @param cosine       [n][n]: cosine between feature i's matched latent's encoder row of W_m and column i' of W_p
 *                     (NaN in row i when feature i has no latent); a recovered feature is a bright diagonal entry
 * @param latentOrder  the recovery matrix's rows: the latents matched to features 0, 1, …, then the unmatched ones
 * @param recovery     [d_sae][n]: {@link SyntheticMetrics#correlation()} with rows in {@code latentOrder}
 * @param activations  [d_sae][samples]: each latent's activation over an evaluation sample, for the histograms
 */
public record ModelOutcome(ModelKind kind, ExperimentResult result, double[][] cosine, int[] latentOrder,
                           double[][] recovery, float[][] activations) {

    public SyntheticMetrics metrics() {
        return result.metrics();
    }

    /** The feature latent {@code j} is matched to, or −1. */
    public int featureOf(int latent) {
        int[] match = metrics().latentOfFeature();
        for (int i = 0; i < match.length; i++) {
            if (match[i] == latent) {
                return i;
            }
        }
        return -1;
    }

    /** Mean of the cosine matrix's diagonal over matched features: 1 when every W_m row points along its W_p column. */
    public double meanMatchedCosine() {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < cosine.length; i++) {
            if (!Double.isNaN(cosine[i][i])) {
                sum += cosine[i][i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
