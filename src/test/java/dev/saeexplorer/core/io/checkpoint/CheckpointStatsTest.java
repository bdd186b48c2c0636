package dev.saeexplorer.core.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointStatsTest {
    @TempDir
    Path tmp;

    @Test
    void decoderNormsAndEncoderDecoderCosinesByHand() {
        Path dir = Fixtures.checkpoint(tmp.resolve("s"), CheckpointLoaderTest.saeLens6("standard", true, ""),
                "sae_weights.safetensors", Fixtures.saeLensTensors());
        CheckpointStats s = CheckpointStats.of(CheckpointLoader.load(dir).model());
        // W_dec rows [1,0], [0,1], [0.5,-0.5]: norms 1, 1, √0.5.
        double half = Math.sqrt(0.5);
        assertEquals(half, s.decoderNorm().min(), 1e-7);
        assertEquals((2 + half) / 3, s.decoderNorm().mean(), 1e-7);
        assertEquals(1.0, s.decoderNorm().max(), 1e-7);
        // W_enc columns [1,0], [0,1], [1,1] against those rows: cos 1, 1, 0.
        assertEquals(0.0, s.encoderDecoderCosine().min(), 1e-7);
        assertEquals(2.0 / 3, s.encoderDecoderCosine().mean(), 1e-7);
        assertEquals(1.0, s.encoderDecoderCosine().max(), 1e-7);
        assertEquals(0, s.zeroVectorLatents());
        assertNull(s.deadFraction());
    }

    @Test
    void zeroVectorsHaveNoCosine() {
        SaeModel m = new SaeModel(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 0}}), Nd4j.zeros(1, 2),
                Nd4j.createFromArray(new float[][] {{-2, 0}, {0, 3}}), Nd4j.zeros(1, 2), new Activation.Relu(), false);
        CheckpointStats s = CheckpointStats.of(m);
        assertEquals(1, s.zeroVectorLatents());
        assertEquals(-1.0, s.encoderDecoderCosine().mean(), 1e-7);
        assertEquals(2.0, s.decoderNorm().min(), 1e-7);
        assertEquals(3.0, s.decoderNorm().max(), 1e-7);

        SaeModel allZero = new SaeModel(Nd4j.zeros(2, 1), Nd4j.zeros(1, 1), Nd4j.zeros(1, 2), Nd4j.zeros(1, 2),
                new Activation.Relu(), false);
        CheckpointStats z = CheckpointStats.of(allZero);
        assertNull(z.encoderDecoderCosine().min());
        assertNull(z.encoderDecoderCosine().mean());
        assertEquals(0.0, z.decoderNorm().max(), 0);
    }
}
