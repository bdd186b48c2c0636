package dev.saeexplorer.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.SparseSampler;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.superposition.SyntheticData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** MCC and shrinkage ({@link GroundTruthRecovery}): exact identities, the matching, noise, and the closed-form SAE. */
class GroundTruthRecoveryTest {

    private static double[][] sample(int features, double sparsity, int samples, long seed) {
        SparseSampler sampler = new SparseSampler(features, sparsity, seed);
        double[][] x = new double[samples][];
        for (int b = 0; b < samples; b++) {
            x[b] = sampler.next();
        }
        return x;
    }

    /** F[b][j] = X[b][perm[j]] · scale[j]: latent j copies feature perm[j], scaled. */
    private static double[][] latents(double[][] x, int[] perm, double[] scale) {
        double[][] f = new double[x.length][perm.length];
        for (int b = 0; b < x.length; b++) {
            for (int j = 0; j < perm.length; j++) {
                f[b][j] = x[b][perm[j]] * scale[j];
            }
        }
        return f;
    }

    @Test
    void theIdentitySaeHasMccOneAndNoShrinkage() {
        double[][] x = sample(6, 0.7, 2000, 1);
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, x);
        assertEquals(1.0, r.mcc(), 1e-12);
        assertEquals(1.0, r.shrinkage(), 1e-12);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, r.latentOfFeature());
        for (int i = 0; i < 6; i++) {
            assertEquals(1.0, r.correlation()[i], 1e-12);
            assertEquals(1.0, r.ratio()[i], 1e-12);
        }
    }

    @Test
    void scalingEachFeatureKeepsMccOneAndShrinksByTheMeanScale() {
        double[][] x = sample(4, 0.6, 3000, 2);
        double[] c = {0.9, 0.5, 0.25, 0.75};
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, latents(x, new int[] {0, 1, 2, 3}, c));
        assertEquals(1.0, r.mcc(), 1e-12);
        assertEquals((0.9 + 0.5 + 0.25 + 0.75) / 4, r.shrinkage(), 1e-12);
        assertArrayEquals(c, r.ratio(), 1e-12);
    }

    @Test
    void theMatchingFindsAPermutationOfTheLatents() {
        double[][] x = sample(5, 0.5, 2000, 3);
        int[] perm = {3, 0, 4, 1, 2}; // latent j copies feature perm[j]
        double[] c = {0.5, 1.0, 0.8, 0.6, 0.9};
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, latents(x, perm, c));
        assertEquals(1.0, r.mcc(), 1e-12);
        assertArrayEquals(new int[] {1, 3, 4, 0, 2}, r.latentOfFeature());
        assertEquals((0.5 + 1.0 + 0.8 + 0.6 + 0.9) / 5, r.shrinkage(), 1e-12);
        assertEquals(0.5, r.ratio()[3], 1e-12); // feature 3 is latent 0, scaled by 0.5
    }

    @Test
    void extraLatentsOfNoiseAndADeadLatentDoNotChangeAPerfectRecovery() {
        double[][] x = sample(3, 0.5, 2000, 4);
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] f = new double[x.length][6];
        for (int b = 0; b < x.length; b++) {
            f[b][0] = rnd.nextDouble();
            f[b][1] = x[b][2];
            f[b][2] = 0; // dead
            f[b][3] = x[b][0] * 0.5;
            f[b][4] = rnd.nextDouble();
            f[b][5] = x[b][1];
        }
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, f);
        assertEquals(1.0, r.mcc(), 1e-12);
        assertArrayEquals(new int[] {3, 5, 1}, r.latentOfFeature());
        assertEquals((0.5 + 1 + 1) / 3, r.shrinkage(), 1e-12);
    }

    @Test
    void aFeatureWithoutALatentCountsZeroInTheMccAndIsLeftOutOfTheShrinkage() {
        double[][] x = sample(3, 0.5, 2000, 6);
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, latents(x, new int[] {2, 0}, new double[] {0.5, 1}));
        assertEquals(2.0 / 3, r.mcc(), 1e-12);
        assertEquals(-1, r.latentOfFeature()[1]);
        assertEquals(0.0, r.correlation()[1]);
        assertTrue(Double.isNaN(r.ratio()[1]));
        assertEquals(0.75, r.shrinkage(), 1e-12);
    }

    @Test
    void constantColumnsHaveNoCorrelation() {
        double[][] x = sample(2, 0.5, 500, 7);
        for (double[] row : x) {
            row[1] = 0; // feature 1 never fires in the sample
        }
        double[][] f = new double[x.length][2];
        for (int b = 0; b < x.length; b++) {
            f[b][0] = x[b][0];
            f[b][1] = 3.0; // constant latent
        }
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, f);
        assertEquals(0.5, r.mcc(), 1e-12);
        assertEquals(1.0, r.shrinkage(), 1e-12); // feature 1 is never active: left out
        assertTrue(Double.isNaN(r.ratio()[1]));

        double[][] zeros = new double[4][2];
        GroundTruthRecovery none = GroundTruthRecovery.compute(zeros, zeros);
        assertEquals(0.0, none.mcc());
        assertNull(none.shrinkage());
    }

    @Test
    void aDeadLatentMatchedToAnActiveFeatureShrinksItToZero() {
        double[][] x = sample(1, 0.5, 500, 8);
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, new double[x.length][1]);
        assertEquals(0.0, r.mcc());
        assertEquals(0.0, r.shrinkage(), 0);
    }

    /**
     * Independent noise: each ρ_ji has standard deviation 1/√N ≈ 0.011 at N = 8000, and MCC is at most the largest |ρ|
     * of the 36 pairs, which exceeds 0.08 (7 standard deviations) with probability below 1e-10. The seed is fixed.
     */
    @Test
    void independentNoiseHasMccNearZero() {
        int samples = 8000;
        double[][] x = sample(6, 0.5, samples, 9);
        SplittableRandom rnd = new SplittableRandom(10);
        double[][] f = new double[samples][6];
        for (double[] row : f) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.max(0, rnd.nextDouble() - 0.5);
            }
        }
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, f);
        assertTrue(r.mcc() >= 0 && r.mcc() < 0.08, () -> "MCC of noise " + r.mcc());
    }

    /** x_m = ReLU(W_pᵀ W_p x) in float64, sample by sample. */
    private static double[][] closedForm(double[][] wp, double[][] x) {
        int np = wp.length;
        int n = wp[0].length;
        double[][] f = new double[x.length][n];
        for (int b = 0; b < x.length; b++) {
            double[] xp = new double[np];
            for (int k = 0; k < np; k++) {
                for (int i = 0; i < n; i++) {
                    xp[k] += wp[k][i] * x[b][i];
                }
            }
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int k = 0; k < np; k++) {
                    z += wp[k][i] * xp[k];
                }
                f[b][i] = Math.max(0, z);
            }
        }
        return f;
    }

    /** Per-feature Σ_{x_i>0} x_m,i / Σ_{x_i>0} x_i, averaged over the features that fire: the expected shrinkage. */
    private static double expectedShrinkage(double[][] x, double[][] xm) {
        int n = x[0].length;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            double num = 0;
            double den = 0;
            for (int b = 0; b < x.length; b++) {
                if (x[b][i] > 0) {
                    num += xm[b][i];
                    den += x[b][i];
                }
            }
            if (den > 0) {
                sum += num / den;
                count++;
            }
        }
        return sum / count;
    }

    /**
     * The paper's Example 1, W_p = [[1,0,0],[0,1,−1]]: x_m = (x₁, ReLU(x₂ − x₃), ReLU(x₃ − x₂)). Feature 1 is exact,
     * the digon pair shrinks: E[ReLU(x₂ − x₃) | x₂ &gt; 0] / E[x₂ | x₂ &gt; 0] = S + (1 − S)·(1/6)/(1/2) = S + (1 − S)/3,
     * so the shrinkage is (1 + 2(S + (1 − S)/3))/3 = 7/9 at S = 0.5.
     */
    @Test
    void theClosedFormSaeOfExampleOneShrinksAsTheTheoremSays() {
        double s = 0.5;
        double[][] x = sample(3, s, 20_000, 11);
        double[][] xm = closedForm(Presets.example1().matrix(), x);
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, xm);
        assertArrayEquals(new int[] {0, 1, 2}, r.latentOfFeature());
        assertEquals(expectedShrinkage(x, xm), r.shrinkage(), 1e-12);
        assertEquals(1.0, r.ratio()[0], 1e-12);
        assertTrue(r.shrinkage() < 1);
        assertEquals((1 + 2 * (s + (1 - s) / 3)) / 3, r.shrinkage(), 0.02);
        assertEquals(1.0, r.correlation()[0], 1e-12);
        assertTrue(r.mcc() < 1 && r.mcc() > 0.5, () -> "MCC " + r.mcc());
    }

    /** The closed-form SAE model, W_enc = W_pᵀ (SAELens [d_in, d_sae]), W_dec = W_p, no biases, ReLU. */
    private static SaeModel closedFormModel(Superposition sp) {
        int d = sp.dims();
        int n = sp.features();
        float[][] enc = new float[d][n];
        float[][] dec = new float[n][d];
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < n; j++) {
                enc[k][j] = (float) sp.entry(k, j);
                dec[j][k] = (float) sp.entry(k, j);
            }
        }
        return new SaeModel(Nd4j.create(enc), Nd4j.zeros(DataType.FLOAT, 1, n), Nd4j.create(dec),
                Nd4j.zeros(DataType.FLOAT, 1, d), new Activation.Relu(), false);
    }

    /** Through the evaluator: digons at S = 0.3, every feature shrinks to S + (1 − S)/3 on average. */
    @Test
    void theEvaluatorReportsTheShrinkageOfTheClosedFormSaeOnDigons() {
        Superposition sp = Presets.digons(2);
        double s = 0.3;
        SyntheticData data = new SyntheticData(sp, s);
        SyntheticMetrics m = new SyntheticEvaluator().evaluate(closedFormModel(sp), data, 8000, 12);
        double[][] x = data.sample(8000, 12).x().castTo(DataType.DOUBLE).toDoubleMatrix(); // the evaluator's sample
        double expected = expectedShrinkage(x, closedForm(sp.matrix(), x));
        assertEquals(expected, m.shrinkage(), 1e-5); // the model runs in float32
        assertEquals(s + (1 - s) / 3, m.shrinkage(), 0.02);
        assertTrue(m.mcc() > 0 && m.mcc() < 1);
        assertArrayEquals(new int[] {0, 1, 2, 3}, m.recovery().latentOfFeature());
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(InvalidInputException.class,
                () -> GroundTruthRecovery.compute(new double[3][2], new double[4][2]));
        assertThrows(InvalidInputException.class,
                () -> GroundTruthRecovery.compute(new double[1][2], new double[1][2]));
        assertThrows(InvalidInputException.class,
                () -> GroundTruthRecovery.compute(new double[][] {{1, 2}, {1}}, new double[2][2]));
    }
}
