package dev.saeexplorer.core.metrics;

import dev.saeexplorer.core.InvalidInputException;
import java.util.Arrays;

/**
 * Two ground-truth recovery metrics of an SAE trained on a synthetic world whose features x are known, beside the
 * paper's (issue 13): the mean correlation coefficient (MCC) of the synthetic-SAE literature and the shrinkage of the
 * matched latents. Both come from a sample of N inputs: the ground truth X [N][n] (row b is x for sample b) and the
 * latent activations F [N][m] (row b is f(x_p) for the same sample, x_p = W_p x).
 *
 * <h2>Correlation</h2>
 * For latent j and feature i, the Pearson correlation over the sample,
 * <pre>
 *   ρ_ji = Σ_b (F_bj − F̄_j)(X_bi − X̄_i) / sqrt( Σ_b (F_bj − F̄_j)² · Σ_b (X_bi − X̄_i)² ),
 * </pre>
 * with F̄_j and X̄_i the column means. A <b>constant column</b> (all N values equal, e.g. a dead latent or a feature
 * that never fires in the sample) has no correlation: ρ_ji := 0 for every pair it takes part in.
 *
 * <h2>Matching</h2>
 * Latents are matched one-to-one to features by the maximum-weight bipartite matching on |ρ_ji| (Hungarian algorithm,
 * {@link LatentMatching}, JGraphT's Kuhn–Munkres): π maps each feature i to a distinct latent π(i), maximising
 * Σ_i |ρ_π(i),i|. With m &lt; n latents, n − m features have no latent (π(i) = none). The matching of
 * {@link SyntheticEvaluator} (on signed ρ, for L_GT) is a different one; these two metrics both use this one.
 *
 * <h2>MCC</h2>
 * <pre>
 *   MCC = (1/n) Σ_{i=1..n} |ρ_π(i),i|,
 * </pre>
 * where a feature with no latent left, or a feature or matched latent with a constant column, contributes 0. MCC ∈ [0, 1];
 * 1 when every feature is an exact affine, non-constant function of its own latent.
 *
 * <h2>Shrinkage</h2>
 * For a matched feature i, over the samples where it is active, A_i = {b : X_bi &gt; 0}:
 * <pre>
 *   r_i = Σ_{b ∈ A_i} F_b,π(i) / Σ_{b ∈ A_i} X_bi          (recovered over true magnitude, a ratio of sums)
 *   shrinkage = mean of r_i over the features i that have a latent and A_i ≠ ∅.
 * </pre>
 * 1 = no shrinkage; &lt; 1 means the SAE shrinks the features (as the theory's x_m = σ(W_pᵀ W_p x) does under
 * interference); &gt; 1 inflates. A feature matched to a dead latent counts with r_i = 0. Features without a latent or
 * never active are left out of the mean; the shrinkage is {@code null} when none is left. Each r_i is a ratio of sums
 * over the sample (design/MATH.md: a mean of per-sample ratios has no finite variance).
 *
 * @param mcc             the mean correlation coefficient, in [0, 1]
 * @param shrinkage       mean over matched, active features of r_i; null when no matched feature is ever active
 * @param latentOfFeature π: for feature i the matched latent, −1 for none
 * @param correlation     |ρ_π(i),i| for feature i (0 for none)
 * @param ratio           r_i for feature i; NaN when feature i has no latent or is never active
 */
public record GroundTruthRecovery(double mcc, Double shrinkage, int[] latentOfFeature, double[] correlation,
                                  double[] ratio) {

    public GroundTruthRecovery {
        latentOfFeature = latentOfFeature.clone();
        correlation = correlation.clone();
        ratio = ratio.clone();
    }

    /**
     * @param x ground truth [N][n], N ≥ 2 rows of the same length n ≥ 1, finite
     * @param f latent activations [N][m] for the same samples, m ≥ 1, finite
     */
    public static GroundTruthRecovery compute(double[][] x, double[][] f) {
        int samples = x.length;
        if (samples < 2 || f.length != samples) {
            throw new InvalidInputException("ground-truth recovery needs the same N ≥ 2 samples of x and f, got "
                    + samples + " and " + f.length);
        }
        int n = x[0].length;
        int m = f[0].length;
        if (n < 1 || m < 1) {
            throw new InvalidInputException("ground-truth recovery needs at least one feature and one latent");
        }
        for (int b = 0; b < samples; b++) {
            if (x[b].length != n || f[b].length != m) {
                throw new InvalidInputException("ground-truth recovery: row " + b + " has " + x[b].length
                        + " features and " + f[b].length + " latents, expected " + n + " and " + m);
            }
        }
        double[][] abs = absoluteCorrelation(x, f, n, m);
        LatentMatching matching = LatentMatching.maximumWeight(abs);
        int[] latentOf = matching.latentOfFeature();
        double[] corr = new double[n];
        double[] ratio = new double[n];
        Arrays.fill(ratio, Double.NaN);
        double corrSum = 0;
        double ratioSum = 0;
        int ratioCount = 0;
        for (int i = 0; i < n; i++) {
            int j = latentOf[i];
            if (j < 0) {
                continue;
            }
            corr[i] = abs[j][i];
            corrSum += corr[i];
            double recovered = 0;
            double truth = 0;
            for (int b = 0; b < samples; b++) {
                if (x[b][i] > 0) {
                    recovered += f[b][j];
                    truth += x[b][i];
                }
            }
            if (truth > 0) {
                ratio[i] = recovered / truth;
                ratioSum += ratio[i];
                ratioCount++;
            }
        }
        return new GroundTruthRecovery(corrSum / n, ratioCount == 0 ? null : ratioSum / ratioCount, latentOf, corr,
                ratio);
    }

    /** |ρ_ji| as [latents][features] (the orientation of {@link LatentMatching}); 0 where a column is constant. */
    static double[][] absoluteCorrelation(double[][] x, double[][] f, int n, int m) {
        int samples = x.length;
        double[] meanX = new double[n];
        double[] meanF = new double[m];
        boolean[] constX = new boolean[n];
        boolean[] constF = new boolean[m];
        Arrays.fill(constX, true);
        Arrays.fill(constF, true);
        for (int b = 0; b < samples; b++) {
            for (int i = 0; i < n; i++) {
                meanX[i] += x[b][i];
                constX[i] &= x[b][i] == x[0][i];
            }
            for (int j = 0; j < m; j++) {
                meanF[j] += f[b][j];
                constF[j] &= f[b][j] == f[0][j];
            }
        }
        for (int i = 0; i < n; i++) {
            meanX[i] /= samples;
        }
        for (int j = 0; j < m; j++) {
            meanF[j] /= samples;
        }
        // Centred cross products in float64, sample by sample: O(N · n · m), a few 10⁷ operations at the CLI's sizes.
        double[][] cov = new double[m][n];
        double[] ssX = new double[n];
        double[] ssF = new double[m];
        double[] cx = new double[n];
        for (int b = 0; b < samples; b++) {
            for (int i = 0; i < n; i++) {
                cx[i] = x[b][i] - meanX[i];
                ssX[i] += cx[i] * cx[i];
            }
            for (int j = 0; j < m; j++) {
                double cf = f[b][j] - meanF[j];
                ssF[j] += cf * cf;
                if (cf != 0) {
                    double[] row = cov[j];
                    for (int i = 0; i < n; i++) {
                        row[i] += cf * cx[i];
                    }
                }
            }
        }
        double[][] abs = new double[m][n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                if (constF[j] || constX[i] || ssF[j] <= 0 || ssX[i] <= 0) {
                    continue;
                }
                double r = Math.abs(cov[j][i]) / Math.sqrt(ssF[j] * ssX[i]);
                abs[j][i] = Double.isFinite(r) ? Math.min(1.0, r) : 0.0;
            }
        }
        return abs;
    }

    /** A copy. */
    @Override
    public int[] latentOfFeature() {
        return latentOfFeature.clone();
    }

    /** A copy. */
    @Override
    public double[] correlation() {
        return correlation.clone();
    }

    /** A copy. */
    @Override
    public double[] ratio() {
        return ratio.clone();
    }
}
