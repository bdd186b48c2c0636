package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.checkpoint.SaeCheckpoint;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The activations and logit-lens commands on the small reference GPT-2 of src/test/resources/lm/tiny-a. */
class LanguageModelCommandsTest {
    @TempDir
    Path dir;

    private static Path tinyModel() throws Exception {
        return Path.of(LanguageModelCommandsTest.class.getResource("/lm/tiny-a").toURI());
    }

    @Test
    void activationsPrintsOneCentredRowPerToken() throws Exception {
        // Byte-level BPE ids 0..93 are the printable ASCII characters from '!': "A" is id 32, inside tiny-a's vocabulary.
        JsonNode json = singleJson(ok("activations", "--model", tinyModel().toString(), "--text", "A", "--no-bos",
                "--hook", "blocks.1.hook_resid_post", "--json"));
        assertEquals("blocks.1.hook_resid_post", json.get("hook").asText());
        assertEquals(32, json.get("tokens").get(0).asInt());
        assertEquals("A", json.get("strTokens").get(0).asText());
        JsonNode row = json.get("activations").get(0);
        assertEquals(12, row.size());
        double sum = 0;
        for (JsonNode v : row) {
            sum += v.asDouble();
        }
        assertEquals(0.0, sum, 1e-4, "TransformerLens values are centred across d_model");
        float[][] direct = Gpt2Model.load(tinyModel()).run(new int[] {32}, "blocks.1.hook_resid_post");
        assertEquals(direct[0][5], row.get(5).asDouble(), 1e-6);
    }

    @Test
    void activationsRefusesBadHooksModelsAndTokens() throws Exception {
        String model = tinyModel().toString();
        assertBadInput(run("activations", "--model", model, "--text", "A", "--no-bos", "--hook", "blocks.9.hook_resid_pre"));
        assertBadInput(run("activations", "--model", model, "--text", "A", "--no-bos", "--hook", "blocks.0.hook_z"));
        assertBadInput(run("activations", "--model", dir.toString(), "--text", "A", "--hook", "blocks.0.hook_resid_pre"));
        // BOS (50256) is outside this tiny model's 64-token vocabulary.
        assertBadInput(run("activations", "--model", model, "--text", "A", "--hook", "blocks.0.hook_resid_pre"));
        assertBadInput(run("activations", "--model", model, "--text", "", "--hook", "blocks.0.hook_resid_pre"));
    }

    @Test
    void logitLensRanksTokensByTheFoldedCentredUnembedding() throws Exception {
        Path sae = dir.resolve("sae");
        java.nio.file.Files.createDirectory(sae);
        float[][] dec = new float[3][12];
        dec[1][4] = 1f; // feature 1 points along residual dimension 4
        dec[0][0] = 1f;
        dec[2][7] = -1f;
        SaeModel model = new SaeModel(Nd4j.create(transpose(dec)), Nd4j.zeros(DataType.FLOAT, 1, 3), Nd4j.create(dec),
                Nd4j.zeros(DataType.FLOAT, 1, 12), new Activation.Relu(), false);
        SaeCheckpoint.writeInto(sae, model, "tiny-a", "blocks.0.hook_resid_pre", new TrainingRecord(1, "relu", null,
                null, false, 0, "none", 1, new double[0], new double[0], null, 0, 0, 0, 0, 0, Map.of()));
        JsonNode json = singleJson(ok("logit-lens", "--model", tinyModel().toString(), "--sae", sae.toString(),
                "--feature", "1", "--top", "3", "--json"));
        // Independent: logit_t = ln_f.weight[4] · wte[t][4], minus the mean over the vocabulary.
        SafetensorsFile st = SafetensorsReader.read(tinyModel().resolve("model.safetensors"));
        float[] wte = st.tensor("transformer.wte.weight").toFloatArray();
        float g = st.tensor("transformer.ln_f.weight").toFloatArray()[4];
        int vocab = 64;
        double[] logits = new double[vocab];
        double mean = 0;
        for (int t = 0; t < vocab; t++) {
            logits[t] = g * wte[t * 12 + 4];
            mean += logits[t] / vocab;
        }
        int best = 0;
        for (int t = 1; t < vocab; t++) {
            if (logits[t] > logits[best]) {
                best = t;
            }
        }
        JsonNode first = json.get("top").get(0);
        assertEquals(1, json.get("feature").asInt());
        assertEquals(best, first.get("id").asInt());
        assertEquals(logits[best] - mean, first.get("logit").asDouble(), 1e-5);
        assertEquals(3, json.get("bottom").size());
        assertTrue(json.get("bottom").get(0).get("logit").asDouble() < first.get("logit").asDouble());

        JsonNode inspected = singleJson(ok("inspect", "--sae", sae.toString(), "--model", tinyModel().toString(), "--top",
                "3", "--json"));
        assertEquals(3, inspected.get("features").size(), "all three features (fewer than ten)");
        assertEquals(best, inspected.get("features").get(1).get("top").get(0).get("id").asInt());

        assertBadInput(run("logit-lens", "--model", tinyModel().toString(), "--sae", sae.toString(), "--feature", "3"));
        assertBadInput(run("logit-lens", "--model", tinyModel().toString(), "--sae", sae.toString(), "--feature", "0",
                "--top", "0"));
    }

    private static float[][] transpose(float[][] a) {
        float[][] t = new float[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
