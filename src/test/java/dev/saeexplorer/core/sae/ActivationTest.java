package dev.saeexplorer.core.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** What callers ask of an activation, answered by the activation itself. */
class ActivationTest {
    private static final int LATENTS = 12;

    private static double[] perLatent() {
        double[] t = new double[LATENTS];
        for (int j = 0; j < LATENTS; j++) {
            t[j] = 0.125 * (j % 5);
        }
        return t;
    }

    private static Activation[] all() {
        return new Activation[] {new Activation.Relu(), new Activation.TopK(3), new Activation.TopK(LATENTS),
            new Activation.JumpRelu(0.375), new Activation.JumpRelu(0), new Activation.JumpReluPerLatent(perLatent())};
    }

    /** Rows of eighths in [−1, 1]: ties at the k-th value and values equal to a threshold, all exact in float. */
    private static float[][] rows() {
        SplittableRandom r = new SplittableRandom(21);
        float[][] rows = new float[40][LATENTS];
        for (float[] row : rows) {
            for (int j = 0; j < LATENTS; j++) {
                row[j] = (r.nextInt(17) - 8) / 8f;
            }
        }
        rows[0] = new float[LATENTS]; // all zero: nothing fires
        Arrays.fill(rows[1], -0.5f); // TopK's k-th value below zero: nothing fires either
        return rows;
    }

    @Test
    void theFloatRowTheDoubleVectorAndTheNd4jBatchAgreeForEveryActivation() {
        for (Activation a : all()) {
            for (float[] row : rows()) {
                double[] z = new double[row.length];
                for (int j = 0; j < z.length; j++) {
                    z[j] = row[j];
                }
                double[] expected = a.apply(z);
                float[] out = new float[row.length];
                int[] active = new int[row.length];
                int count = a.activate(row, out, active, new float[row.length]);
                float[] nd4j = a.forward(Nd4j.createFromArray(new float[][] {row})).toFloatVector();
                String what = a + " on " + Arrays.toString(row);
                int[] positive = new int[row.length];
                int n = 0;
                for (int j = 0; j < row.length; j++) {
                    assertEquals(expected[j], out[j], 0.0, what);
                    assertEquals(expected[j], nd4j[j], 0.0, what);
                    if (expected[j] > 0) {
                        positive[n++] = j;
                    }
                }
                assertArrayEquals(Arrays.copyOf(positive, n), Arrays.copyOf(active, count), what);
            }
        }
    }

    @Test
    void topKKeepsTiesAtTheKthValueAndNothingAtOrBelowZero() {
        Activation top2 = new Activation.TopK(2);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0}, top2.apply(new double[] {0.5, 0.5, 0.5, 0.25}));
        assertArrayEquals(new double[] {1, 0, 0, 0}, top2.apply(new double[] {1, 0, -1, -2}));
        float[] out = new float[4];
        int[] active = new int[4];
        assertEquals(1, top2.activate(new float[] {1, 0, -1, -2}, out, active, new float[4]));
        assertArrayEquals(new float[] {1, 0, 0, 0}, out);
    }

    @Test
    void applyWritesIntoTheArrayItIsGivenEvenItsInput() {
        for (Activation a : all()) {
            double[] z = {0.5, -0.25, 1, 0.125, 0, 0.75, -1, 0.625, 0.25, 0.875, -0.5, 0.375};
            double[] expected = a.apply(z);
            assertSame(z, a.apply(z, z), a.toString());
            assertArrayEquals(expected, z, a.toString());
        }
    }

    @Test
    void eachActivationDescribesItselfOnceForTheCliAndTheGui() {
        assertEquals("ReLU", new Activation.Relu().describe());
        assertEquals("TopK (k = 4)", new Activation.TopK(4).describe());
        assertEquals("JumpReLU (threshold 0.0500000)", new Activation.JumpRelu(0.05).describe());
        assertEquals("JumpReLU (per-latent thresholds)", new Activation.JumpReluPerLatent(perLatent()).describe());
        // The CLI names the architecture as the checkpoint does and keeps σ's parameters.
        assertEquals("standard", new Activation.Relu().describe("standard"));
        assertEquals("topk (k = 1)", new Activation.TopK(1).describe("topk"));
        assertEquals("jumprelu (threshold 1.00000e-05)", new Activation.JumpRelu(1e-5).describe("jumprelu"));
    }

    @Test
    void parametersAreAnsweredByTheActivationThatHasThem() {
        Activation relu = new Activation.Relu();
        Activation topK = new Activation.TopK(4);
        Activation jump = new Activation.JumpRelu(0.25);
        Activation perLatent = new Activation.JumpReluPerLatent(perLatent());

        assertNull(relu.keptPerSample());
        assertEquals(4, topK.keptPerSample());
        assertNull(jump.keptPerSample());
        assertNull(perLatent.keptPerSample());

        assertNull(relu.uniformThreshold());
        assertNull(topK.uniformThreshold());
        assertEquals(0.25, jump.uniformThreshold());
        assertNull(perLatent.uniformThreshold(), "per-latent thresholds are not one θ");

        assertTrue(relu.latentThresholds(3).isEmpty());
        assertTrue(topK.latentThresholds(5).isEmpty());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, jump.latentThresholds(3).orElseThrow());
        assertArrayEquals(perLatent(), perLatent.latentThresholds(LATENTS).orElseThrow());
        assertThrows(InvalidInputException.class, () -> perLatent.latentThresholds(LATENTS + 1));

        assertTrue(relu.isTrainable() && topK.isTrainable() && jump.isTrainable());
        assertFalse(perLatent.isTrainable(), "per-latent thresholds come from checkpoints only");
    }

    @Test
    void trainingRefusesPerLatentThresholds() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SaeConfig(2, LATENTS,
                new Activation.JumpReluPerLatent(perLatent()), 0, Weighting.NONE, 1, false, 0, 1, 1, 1, 1e-3, 0));
        assertEquals(Param.THETA, e.parameter());
        assertEquals("training uses one JumpReLU threshold (theta); per-latent thresholds are read from checkpoints"
                + " only", e.getMessage());
    }
}
