package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-lm-sae on the Hugging Face-written tiny GPT-2 (skips without ../shared): a loadable, usable checkpoint. */
class TrainLmSaeCommandTest {
    private static final Path FAKE_GPT2 = Path.of("").toAbsolutePath().resolve("../shared/data/tiny-gpt2/fake-gpt2").normalize();

    @TempDir
    Path dir;
    private Path texts;

    @BeforeEach
    void fixtures() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FAKE_GPT2), "../shared/data/tiny-gpt2 is absent: skipping");
        texts = dir.resolve("texts.txt");
        Files.write(texts, List.of("The bank was closed on Monday.", "", "She sat on the river bank.",
                "A light meal before the long walk home."));
    }

    @Test
    void trainsAWsaeWhoseCheckpointLoadsWithItsHook() {
        Path out = dir.resolve("sae");
        JsonNode metrics = singleJson(ok("train-lm-sae", "--model", FAKE_GPT2.toString(), "--hook",
                "blocks.0.hook_resid_post", "--text-file", texts.toString(), "--expansion", "3", "--steps", "60",
                "--batch", "16", "--weighting", "variance", "--out", out.toString(), "--json"));
        assertEquals(2, metrics.get("dIn").asInt());
        assertEquals(6, metrics.get("dSae").asInt());
        assertEquals("variance", metrics.get("weighting").asText());
        assertTrue(Double.isFinite(metrics.get("reconstruction").asDouble()));
        double meanSquare = 0;
        for (JsonNode g : metrics.get("weights")) {
            meanSquare += g.asDouble() * g.asDouble() / 2;
        }
        assertEquals(1.0, meanSquare, 1e-9, "WSAE weights have unit mean square");
        LoadedCheckpoint loaded = CheckpointLoader.load(out);
        assertEquals("blocks.0.hook_resid_post", loaded.hookName());
        assertEquals(6, loaded.dSae());
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
    }

    @Test
    void refusesMissingOrDoubleSourcesAndBadSettings() {
        String model = FAKE_GPT2.toString();
        Path out = dir.resolve("never");
        assertBadInput(run("train-lm-sae", "--model", model, "--hook", "blocks.0.hook_resid_post", "--out", out.toString()));
        assertBadInput(run("train-lm-sae", "--model", model, "--hook", "blocks.0.hook_resid_post", "--text-file",
                texts.toString(), "--data", dir.toString(), "--out", out.toString()));
        assertBadInput(run("train-lm-sae", "--model", model, "--hook", "blocks.3.hook_resid_post", "--text-file",
                texts.toString(), "--out", out.toString()));
        assertBadInput(run("train-lm-sae", "--model", model, "--hook", "blocks.0.hook_resid_post", "--text-file",
                texts.toString(), "--expansion", "0", "--out", out.toString()));
        assertBadInput(run("train-lm-sae", "--model", model, "--hook", "blocks.0.hook_resid_post", "--text-file",
                texts.toString(), "--weighting", "oracle", "--out", out.toString()));
        assertBadInput(run("train-lm-sae", "--model", model, "--hook", "blocks.0.hook_resid_post", "--text-file",
                dir.resolve("missing.txt").toString(), "--out", out.toString()));
        assertFalse(Files.exists(out), "nothing is written when the input is wrong");
    }
}
