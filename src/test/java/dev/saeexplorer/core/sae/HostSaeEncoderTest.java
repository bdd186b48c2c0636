package dev.saeexplorer.core.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.RandomMatrices;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HostSaeEncoderTest {
    private static final int D_IN = 37;
    private static final int D_SAE = 70; // two whole 32-column panels and a tail

    private static SaeModel sae(Activation activation, boolean tied) {
        SplittableRandom rng = new SplittableRandom(3);
        INDArray wEnc = Nd4j.create(RandomMatrices.uniform(rng, D_IN, D_SAE));
        INDArray bEnc = tied ? Nd4j.zeros(1, D_SAE) : Nd4j.create(RandomMatrices.uniform(rng, 1, D_SAE));
        INDArray wDec = tied ? wEnc.transpose().dup('c') : Nd4j.create(RandomMatrices.uniform(rng, D_SAE, D_IN));
        INDArray bDec = tied ? Nd4j.zeros(1, D_IN) : Nd4j.create(RandomMatrices.uniform(rng, 1, D_IN));
        return new SaeModel(wEnc, bEnc, wDec, bDec, activation, tied);
    }

    /** The host encoder against SaeModel.encode (ND4J), row by row, for every activation and the tied form. */
    @Test
    void matchesTheNd4jEncoder() {
        double[] thresholds = new double[D_SAE];
        for (int j = 0; j < D_SAE; j++) {
            thresholds[j] = 0.05 * (j % 7);
        }
        Activation[] activations = {new Activation.Relu(), new Activation.TopK(5), new Activation.JumpRelu(0.3),
            new Activation.JumpReluPerLatent(thresholds)};
        float[][] x = RandomMatrices.uniform(new SplittableRandom(9), 7, D_IN);
        for (Activation a : activations) {
            for (boolean tied : new boolean[] {false, true}) {
                SaeModel model = sae(a, tied);
                float[][] host = HostSaeEncoder.of(model).encode(x);
                assertEquals(x.length, host.length);
                for (int i = 0; i < x.length; i++) {
                    float[] nd4j = model.encode(Nd4j.create(new float[][] {x[i]})).toFloatVector();
                    assertArrayEquals(nd4j, host[i], 1e-5f, a + " tied " + tied + " row " + i);
                }
            }
        }
    }

    @Test
    void refusesRowsOfTheWrongWidthAndAcceptsNone() {
        HostSaeEncoder enc = HostSaeEncoder.of(sae(new Activation.Relu(), false));
        assertEquals(D_IN, enc.inputDim());
        assertEquals(D_SAE, enc.latents());
        assertEquals(0, enc.encode(new float[0][]).length);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> enc.encode(new float[][] {new float[D_IN], new float[D_IN + 1]}));
        assertEquals("input row 1 has 38 values but the SAE expects d_in = 37", e.getMessage());
    }
}
