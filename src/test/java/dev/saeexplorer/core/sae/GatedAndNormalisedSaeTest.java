package dev.saeexplorer.core.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two pieces read checkpoints add to {@link SaeModel}: the gated σ and OpenAI's input layer norm, by hand. */
class GatedAndNormalisedSaeTest {
    /** gate biases (0, −1, 0.5), magnitude scales (2, 1, 0.5), magnitude biases (−1, 0, 0.25). */
    private static final Activation.Gated GATED = new Activation.Gated(new double[] {0, -1, 0.5},
            new double[] {2, 1, 0.5}, new double[] {-1, 0, 0.25});

    @Test
    void theGateDecidesAndTheMagnitudeSetsTheValue() {
        // z = (0.25, 0.5, −0.6): gates 0.25 > 0 open, −0.5 shut, −0.1 shut; magnitudes −0.5, 0.5, −0.05.
        assertArrayEquals(new double[] {0, 0, 0}, GATED.apply(new double[] {0.25, 0.5, -0.6}), 0);
        // z = (1, 2, 0): gates open, open, open; magnitudes 1, 2, 0.25.
        assertArrayEquals(new double[] {1, 2, 0.25}, GATED.apply(new double[] {1, 2, 0}), 1e-12);
        // z = (0.4, 0.8, −1): magnitudes −0.2 (gate open, ReLU'd to 0), 0.8 (gate shut), −0.25.
        assertArrayEquals(new double[] {0, 0, 0}, GATED.apply(new double[] {0.4, 0.8, -1}), 0);
        float[][] rows = {{1, 2, 0}, {0.25f, 0.5f, -0.6f}, {3, 1.5f, 1}};
        INDArray forward = GATED.forward(Nd4j.createFromArray(rows));
        for (int i = 0; i < rows.length; i++) {
            double[] z = {rows[i][0], rows[i][1], rows[i][2]};
            double[] expected = GATED.apply(z);
            float[] out = new float[3];
            int active = GATED.activate(rows[i], out, new int[3], new float[3]);
            int positive = 0;
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[j], forward.getDouble(i, j), 1e-6);
                assertEquals(expected[j], out[j], 1e-6);
                positive += expected[j] > 0 ? 1 : 0;
            }
            assertEquals(positive, active);
        }
    }

    @Test
    void openAisLayerNormUsesTheUnbiasedStdAndRestoresWithoutEpsilon() {
        InputNormalization ln = new InputNormalization.LayerNorm(1e-5);
        double[] x = {1, 2, 3, 6};
        double[] stats = ln.normalise(x);
        // μ = 3, centred (−2, −1, 0, 3), Σ² = 14, unbiased std = √(14/3).
        double std = Math.sqrt(14.0 / 3);
        assertEquals(3, stats[0], 1e-12);
        assertEquals(std, stats[1], 1e-12);
        assertArrayEquals(new double[] {-2 / (std + 1e-5), -1 / (std + 1e-5), 0, 3 / (std + 1e-5)}, x, 1e-12);
        double[] r = {1, 0, -1, 0.5};
        ln.restore(r, stats);
        assertArrayEquals(new double[] {std + 3, 3, 3 - std, 0.5 * std + 3}, r, 1e-12);
    }

    @Test
    void aNormalisingSaeReconstructsInTheInputsOwnScaleOnEveryPath() {
        // d_in 2, d_sae 2, identity weights, no biases, ReLU: x̂ of a normalised x restored with x's μ and std.
        INDArray eye = Nd4j.eye(2).castTo(DataType.FLOAT);
        SaeModel sae = new SaeModel(eye, Nd4j.zeros(DataType.FLOAT, 2), eye.dup(), Nd4j.zeros(DataType.FLOAT, 2),
                new Activation.Relu(), false, new InputNormalization.LayerNorm(0));
        // x = (1, 5): μ 3, centred (−2, 2), std √8, normalised (−1/√2, 1/√2); ReLU keeps (0, 1/√2);
        // x̂ = (0, 1/√2)·√8 + 3 = (3, 5).
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 5}});
        assertArrayEquals(new float[] {0, (float) (1 / Math.sqrt(2))}, sae.encode(x).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {3, 5}, sae.reconstruct(x).toFloatVector(), 1e-5f);
        float[][] host = HostSaeDecoder.of(sae).decode(HostSaeEncoder.of(sae).encode(new float[][] {{1, 5}}),
                new float[][] {{1, 5}});
        assertArrayEquals(new float[] {3, 5}, host[0], 1e-5f);
        assertThrows(IllegalStateException.class, () -> sae.decode(sae.encode(x)));
        assertThrows(IllegalStateException.class, () -> HostSaeDecoder.of(sae).decode(new float[][] {{0, 1}}));
    }
}
