package dev.saeexplorer.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.Superposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SyntheticEvaluatorTest {

    /** The closed-form SAE of the theory as an untied model: W_enc = W_pᵀ (SAELens [d_in, d_sae]), W_dec = W_p. */
    private static SaeModel closedForm(Superposition sp, int extraLatents) {
        int d = sp.dims();
        int n = sp.features();
        float[][] enc = new float[d][n + extraLatents];
        float[][] dec = new float[n + extraLatents][d];
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < n; j++) {
                enc[k][j] = (float) sp.entry(k, j);
                dec[j][k] = (float) sp.entry(k, j);
            }
        }
        return new SaeModel(Nd4j.create(enc), Nd4j.zeros(DataType.FLOAT, 1, n + extraLatents), Nd4j.create(dec),
                Nd4j.zeros(DataType.FLOAT, 1, d), new Activation.Relu(), false);
    }

    @Test
    void anSaeThatIsTheIdentityRecoversEverythingExactly() {
        Superposition id = Presets.identity(4);
        SyntheticData data = new SyntheticData(id, 0.5);
        SyntheticMetrics m = new SyntheticEvaluator().evaluate(closedForm(id, 1), data, 2000, 3);
        assertEquals(0.0, m.lossGT(), 1e-10);
        assertEquals(0.0, m.lossGTNonSparse(), 1e-10);
        assertEquals(0.0, m.reconstructionXp(), 1e-10);
        assertEquals(1.0, m.avgActivatedFeatures(), 0);
        assertEquals(1, m.deadLatents(), "the extra latent has a zero encoder column and never fires");
        assertArrayEquals(new int[] {0, 1, 2, 3}, m.latentOfFeature());
        // Monosemanticity: every alive latent is x_i itself with unit decoder norm, so the metric is the mean
        // variance of x_i over the evaluation sample, computed here directly.
        INDArray x = data.sample(2000, 3).x().castTo(DataType.DOUBLE);
        assertEquals(x.var(false, 0).meanNumber().doubleValue(), m.monosemanticity(), 1e-9);
    }

    @Test
    void closedFormOnExample1HasTheTheoryLossesAndOneFeaturePerLatent() {
        Superposition sp = Presets.example1();
        SyntheticData data = new SyntheticData(sp, 0.0);
        SyntheticMetrics m = new SyntheticEvaluator().evaluate(closedForm(sp, 0), data, 50_000, 5);
        // Dense x: x_m = (x0, relu(x1 − x2), relu(x2 − x1)). E(x_i − x_m,i)² for i = 1, 2 is E[min(x1, x2)²] = 1/6 each,
        // so L_GT = 1/3 (x_i ~ U(0,1]); the reconstruction of x_p is exact (L_SAE = 0 for digons).
        assertEquals(1.0 / 3, m.lossGT(), 0.01);
        assertEquals(0.0, m.reconstructionXp(), 1e-10);
        // Each feature alone activates only its own latent (non-positive interference).
        assertEquals(1.0, m.avgActivatedFeatures(), 0);
        assertArrayEquals(new int[] {0, 1, 2}, m.latentOfFeature());
    }

    @Test
    void aLatentThatMixesTwoFeaturesCountsForBoth() {
        // Two features in two dimensions, one latent reading both: feature 0 or 1 alone activates it (B.3 → 2).
        Superposition id = Presets.identity(2);
        float s = (float) Math.sqrt(0.5);
        SaeModel mixed = new SaeModel(Nd4j.create(new float[][] {{s}, {s}}), Nd4j.zeros(DataType.FLOAT, 1, 1),
                Nd4j.create(new float[][] {{s, s}}), Nd4j.zeros(DataType.FLOAT, 1, 2), new Activation.Relu(), false);
        SyntheticMetrics m = new SyntheticEvaluator().evaluate(mixed, new SyntheticData(id, 0.5), 1000, 1);
        assertEquals(2.0, m.avgActivatedFeatures(), 0);
        assertEquals(0, m.deadLatents());
    }

    @Test
    void anSaeThatNeverFiresHasNoActivatedFeaturesOrMonosemanticity() {
        Superposition id = Presets.identity(2);
        SaeModel silent = new SaeModel(Nd4j.zeros(DataType.FLOAT, 2, 3), Nd4j.zeros(DataType.FLOAT, 1, 3).subi(1),
                Nd4j.zeros(DataType.FLOAT, 3, 2), Nd4j.zeros(DataType.FLOAT, 1, 2), new Activation.Relu(), false);
        SyntheticMetrics m = new SyntheticEvaluator().evaluate(silent, new SyntheticData(id, 0.5), 500, 1);
        assertNull(m.avgActivatedFeatures());
        assertNull(m.monosemanticity());
        assertEquals(3, m.deadLatents());
    }
}
