package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.checkpoint.SaeCheckpoint;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.testkit.TinyLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** pseval end to end on the Hugging Face-written tiny GPT-2 (skips without ../shared) and hand-made WiC rows. */
class PsEvalCommandTest {
    private static final Path FAKE_GPT2 = Path.of("").toAbsolutePath().resolve("../shared/data/tiny-gpt2/fake-gpt2").normalize();

    @TempDir
    Path dir;
    private Path sae;
    private Path data;

    @BeforeEach
    void fixtures() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FAKE_GPT2), "../shared/data/tiny-gpt2 is absent: skipping");
        sae = TinyLm.exactSae(dir.resolve("sae"), "blocks.0.hook_resid_post");
        data = dir.resolve("mini.data.txt");
        Files.write(data, List.of(
                "bank\tN\t1-5\tThe bank was closed .\tShe sat on the river bank .",
                "plant\tN\t1-1\tThe plant needs water .\tThe plant hired workers .",
                "light\tN\t1-1\tThe light was bright .\tA light meal .",
                "bat\tN\t1-1\tThe bat flew away .\tHe swung the bat hard ."));
        Files.write(dir.resolve("mini.gold.txt"), List.of("F", "F", "T", "T"));
    }

    @Test
    void evaluatesThePairsAndReportsTheContractFields() {
        JsonNode json = singleJson(ok("pseval", "--model", FAKE_GPT2.toString(), "--sae", sae.toString(), "--data",
                data.toString(), "--balance", "none", "--top", "3", "--json"));
        assertEquals(Set.of("tp", "fp", "tn", "fn"), CliTestSupport.fieldNames(json.get("counts")));
        assertEquals(Set.of("accuracy", "precision", "recall", "f1", "specificity", "sensitivity", "dF1", "averageF1"),
                CliTestSupport.fieldNames(json.get("metrics")));
        assertEquals(CliTestSupport.fieldNames(json.get("metrics")), CliTestSupport.fieldNames(json.get("randomBaseline")));
        int evaluated = json.get("evaluated").asInt();
        long counted = json.get("counts").get("tp").asLong() + json.get("counts").get("fp").asLong()
                + json.get("counts").get("tn").asLong() + json.get("counts").get("fn").asLong();
        assertEquals(evaluated, counted);
        assertEquals(4, evaluated + json.get("skipped").asInt());
        JsonNode pair = json.get("pairs").get(0);
        for (String f : new String[] {"id", "targetWord", "label", "context1", "context2", "feature1", "feature2",
                "sameFeature", "distinctionLLM", "distinctionSAE", "logitLens1", "logitLens2"}) {
            assertTrue(pair.has(f), "pair field " + f);
        }
        assertEquals("The bank was closed.", pair.get("context1").asText());
        if (!pair.get("feature1").isNull()) {
            assertEquals(3, pair.get("logitLens1").size());
        }
        // With d_sae = 4 the random SAE says "same" with probability 1/4: recall = 1/4, specificity = 3/4.
        assertEquals(0.25, json.get("randomBaseline").get("recall").asDouble(), 1e-12);
        assertEquals(0.75, json.get("randomBaseline").get("specificity").asDouble(), 1e-12);
    }

    @Test
    void badTemplateDataAndModelsAreRefused() throws Exception {
        String model = FAKE_GPT2.toString();
        assertBadInput(run("pseval", "--model", model, "--sae", sae.toString(), "--data", data.toString(),
                "--template", "The {target_word} means"));
        assertBadInput(run("pseval", "--model", model, "--sae", sae.toString(), "--data", dir.resolve("none.txt").toString()));
        assertBadInput(run("pseval", "--model", model, "--sae", sae.toString(), "--data", data.toString(), "--balance", "half"));
        assertBadInput(run("pseval", "--model", model, "--sae", sae.toString(), "--data", data.toString(), "--hook",
                "blocks.7.hook_resid_pre"));
        Path wide = Files.createDirectory(dir.resolve("wide"));
        SaeModel threeD = new SaeModel(Nd4j.zeros(DataType.FLOAT, 3, 4), Nd4j.zeros(DataType.FLOAT, 1, 4),
                Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(DataType.FLOAT, 1, 3), new Activation.Relu(), false);
        SaeCheckpoint.writeInto(wide, threeD, "other", "blocks.0.hook_resid_post", new TrainingRecord(1, "relu", null,
                null, false, 0, "none", 1, new double[0], new double[0], null, 0, 0, 0, 0, 0, Map.of()));
        assertBadInput(run("pseval", "--model", model, "--sae", wide.toString(), "--data", data.toString()));
    }

    /** bench-forward runs the sequences pseval runs (both contexts, BOS + prompt up to the target) and writes them. */
    @Test
    void benchForwardTimesAndWritesPsEvalsSequences() throws Exception {
        Path tokens = dir.resolve("tokens.jsonl");
        JsonNode json = singleJson(ok("bench-forward", "--model", FAKE_GPT2.toString(), "--data", data.toString(),
                "--hook", "blocks.0.hook_resid_post", "--warmup", "1", "--write-tokens", tokens.toString(), "--json"));
        List<String> lines = Files.readAllLines(tokens);
        assertEquals(json.get("sequences").asInt(), lines.size());
        assertTrue(lines.size() >= 2 && lines.size() <= 8, lines.toString());
        long total = 0;
        for (String line : lines) {
            JsonNode seq = CliTestSupport.STRICT.readTree(line).get("tokens");
            assertEquals(50256, seq.get(0).asInt(), "BOS first");
            total += seq.size();
        }
        assertEquals(total, json.get("tokens").asLong());
        assertTrue(json.get("tokensPerSecond").asDouble() > 0);
        CliTestSupport.assertBadInput(CliTestSupport.run("bench-forward", "--model", FAKE_GPT2.toString(), "--data",
                data.toString(), "--warmup", "-1"), "--warmup");
        CliTestSupport.assertBadInput(CliTestSupport.run("bench-forward", "--model", FAKE_GPT2.toString(), "--data",
                data.toString(), "--hook", "blocks.9.hook_resid_pre"), "blocks.9");
    }
}
