package dev.saeexplorer.core.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.checkpoint.SaeCheckpoint;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The per-latent JumpReLU that checkpoints need, and its round trip through the SAELens writer. */
class PerLatentJumpReluTest {
    @TempDir
    Path tmp;

    @Test
    void eachLatentHasItsOwnThreshold() {
        Activation.JumpReluPerLatent a = new Activation.JumpReluPerLatent(new double[] {0.5, 0, 2});
        assertEquals("jumprelu", a.id());
        assertArrayEquals(new double[] {0.6, 0, 0}, a.apply(new double[] {0.6, -1, 2}), 0);
        assertArrayEquals(new double[] {0, 0.1, 2.5}, a.apply(new double[] {0.5, 0.1, 2.5}), 0);
        float[] f = a.forward(Nd4j.createFromArray(new float[][] {{0.6f, -1f, 2f}, {0.5f, 0.1f, 2.5f}}))
                .reshape(6).toFloatVector();
        assertArrayEquals(new float[] {0.6f, 0, 0, 0, 0.1f, 2.5f}, f, 0f);
        assertEquals(DataType.FLOAT, a.forward(Nd4j.zeros(DataType.FLOAT, 1, 3)).dataType());
    }

    @Test
    void valueSemanticsAndValidation() {
        double[] t = {0.5, 1};
        Activation.JumpReluPerLatent a = new Activation.JumpReluPerLatent(t);
        t[0] = 9;
        assertEquals(0.5, a.threshold(0), 0);
        assertEquals(new Activation.JumpReluPerLatent(new double[] {0.5, 1}), a);
        assertEquals(new Activation.JumpReluPerLatent(new double[] {0.5, 1}).hashCode(), a.hashCode());
        assertNotEquals(new Activation.JumpReluPerLatent(new double[] {0.5, 2}), a);
        assertThrows(InvalidInputException.class, () -> new Activation.JumpReluPerLatent(new double[] {-1}));
        assertThrows(InvalidInputException.class, () -> new Activation.JumpReluPerLatent(new double[] {Double.NaN}));
        assertThrows(InvalidInputException.class, () -> new Activation.JumpReluPerLatent(new double[0]));
        assertThrows(InvalidInputException.class, () -> a.validateFor(3));
        assertThrows(InvalidInputException.class, () -> a.apply(new double[3]));
        // A model with the wrong number of latents is refused.
        assertThrows(InvalidInputException.class, () -> new SaeModel(Nd4j.zeros(2, 3), Nd4j.zeros(1, 3),
                Nd4j.zeros(3, 2), Nd4j.zeros(1, 2), a, false));
    }

    @Test
    void theSaeLensWriterStoresPerLatentThresholdsAndTheLoaderReadsThemBack() throws IOException {
        Activation.JumpReluPerLatent act = new Activation.JumpReluPerLatent(new double[] {0.25, 0.5, 1.5});
        SaeModel m = new SaeModel(Nd4j.createFromArray(new float[][] {{1, 0, 1}, {0, 1, 1}}), Nd4j.zeros(1, 3),
                Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 1}}), Nd4j.zeros(1, 2), act, false);
        TrainingRecord record = new TrainingRecord(TrainingRecord.FORMAT_VERSION, "jumprelu", null, null, false, 0.1,
                "none", 1.0, null, null, 0.9, 1, 10, 4, 1e-3, 0, Map.of());
        SaeCheckpoint.writeInto(tmp, m, "gpt2", "blocks.1.hook_resid_pre", record);
        LoadedCheckpoint c = CheckpointLoader.load(tmp);
        assertEquals(CheckpointFormat.SAELENS, c.format());
        assertEquals(act, c.model().activation());
        assertEquals("jumprelu", c.architecture());
        assertEquals(1, c.hookLayer());
        assertEquals(act, SaeCheckpoint.read(tmp).model().activation());
        // x = [0.4, 0.6]: pre = [0.4, 0.6, 1.0]; thresholds 0.25, 0.5, 1.5 keep the first two.
        float[] f = c.model().encode(Nd4j.createFromArray(0.4f, 0.6f).reshape(1, 2)).toFloatVector();
        assertArrayEquals(new float[] {0.4f, 0.6f, 0f}, f, 1e-6f);
    }
}
