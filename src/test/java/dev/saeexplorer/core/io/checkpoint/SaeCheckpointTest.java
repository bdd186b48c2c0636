package dev.saeexplorer.core.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.core.sae.Weighting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SaeCheckpointTest {
    @TempDir
    Path dir;

    private static SaeModel model(Activation act) {
        SaeConfig cfg = new SaeConfig(3, 5, act, 0.1, Weighting.NONE, 1, false, 0, 10, 1, 1, 1e-3, 42);
        SaeModel init = SaeModel.initialise(cfg);
        // Non-zero biases so their round trip is visible.
        return new SaeModel(init.wEnc(), Nd4j.createFromArray(0.1f, -0.2f, 0.3f, 0f, -0.5f).reshape(1, 5), init.wDec(),
                Nd4j.createFromArray(1f, 2f, 3f).reshape(1, 3), act, false);
    }

    private static TrainingRecord record() {
        return new TrainingRecord(TrainingRecord.FORMAT_VERSION, "relu", null, null, false, 0.1, "variance", 1.0,
                new double[] {2, 1, 1}, new double[] {1.5, 0.75, 0.75}, 0.9, 42, 100, 64, 1e-3, 0, Map.of("lossGT", 0.5));
    }

    @Test
    void writtenCheckpointReadsBackToTheSameModelInSaeLensLayout() throws IOException {
        SaeModel m = model(new Activation.Relu());
        SaeCheckpoint.writeInto(dir, m, "synthetic-superposition", "x_p", record());
        SaeCheckpoint.Loaded loaded = SaeCheckpoint.read(dir);
        assertSame(m.wEnc(), loaded.model().wEnc());
        assertSame(m.bEnc(), loaded.model().bEnc());
        assertSame(m.wDec(), loaded.model().wDec());
        assertSame(m.bDec(), loaded.model().bDec());
        INDArray x = Nd4j.createFromArray(new float[][] {{0.3f, -1f, 2f}, {0f, 0f, 1f}});
        assertSame(m.encode(x), loaded.model().encode(x));

        JsonNode cfg = Json.mapper().readTree(dir.resolve("cfg.json").toFile());
        assertEquals(3, cfg.get("d_in").asInt());
        assertEquals(5, cfg.get("d_sae").asInt());
        assertEquals("standard", cfg.get("architecture").asText());
        assertTrue(cfg.get("apply_b_dec_to_input").asBoolean());
        assertEquals("none", cfg.get("normalize_activations").asText());
        assertEquals("x_p", cfg.get("metadata").get("hook_name").asText());
        assertEquals(1.5, cfg.get("sae_explorer").get("weights").get(0).asDouble());
        assertEquals(0.9, cfg.get("sae_explorer").get("sparsity").asDouble());

        SafetensorsFile st = SafetensorsReader.read(dir.resolve("sae_weights.safetensors"));
        assertArrayEquals(new int[] {3, 5}, st.tensor("W_enc").shape());
        assertArrayEquals(new int[] {5}, st.tensor("b_enc").shape());
        assertArrayEquals(new int[] {5, 3}, st.tensor("W_dec").shape());
        assertArrayEquals(new int[] {3}, st.tensor("b_dec").shape());
        assertArrayEquals(new float[] {1f, 2f, 3f}, st.tensor("b_dec").toFloatArray());
    }

    @Test
    void topKAndJumpReluKeepTheirParameters() throws IOException {
        Path topk = Files.createDirectory(dir.resolve("topk"));
        SaeCheckpoint.writeInto(topk, model(new Activation.TopK(2)), "m", "h", record());
        assertEquals(new Activation.TopK(2), SaeCheckpoint.read(topk).model().activation());
        Path jump = Files.createDirectory(dir.resolve("jump"));
        SaeCheckpoint.writeInto(jump, model(new Activation.JumpRelu(0.25)), "m", "h", record());
        Activation a = SaeCheckpoint.read(jump).model().activation();
        assertInstanceOf(Activation.JumpRelu.class, a);
        assertEquals(0.25, ((Activation.JumpRelu) a).theta(), 1e-7);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f},
                SafetensorsReader.read(jump.resolve("sae_weights.safetensors")).tensor("threshold").toFloatArray());
    }

    @Test
    void aFolderWithoutTheFilesIsNotACheckpoint() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SaeCheckpoint.read(dir));
        assertTrue(e.getMessage().contains("cfg.json"), e.getMessage());
    }

    @Test
    void malformedOrMismatchedConfigIsRejected() throws IOException {
        SaeCheckpoint.writeInto(dir, model(new Activation.Relu()), "m", "h", record());
        Path cfg = dir.resolve("cfg.json");
        for (String bad : List.of("{", "[1,2]", "{\"d_in\": 3}", "{\"d_in\": 3, \"d_sae\": -5}",
                "{\"d_in\": 4, \"d_sae\": 5}", "{\"d_in\": 3, \"d_sae\": 5, \"architecture\": \"gated\"}",
                "{\"d_in\": \"three\", \"d_sae\": 5}")) {
            Files.writeString(cfg, bad);
            assertThrows(InvalidInputException.class, () -> SaeCheckpoint.read(dir), bad);
        }
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        SaeCheckpoint.writeInto(dir, model(new Activation.Relu()), "m", "h", record());
        SafetensorsWriter.write(dir.resolve("sae_weights.safetensors"),
                List.of(Tensor.ofFloats("W_enc", new int[] {3, 5}, new float[15])), null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SaeCheckpoint.read(dir));
        assertTrue(e.getMessage().contains("b_enc"), e.getMessage());
    }

    private static void assertSame(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 0.0);
    }
}
