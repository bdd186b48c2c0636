package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.testkit.TinyLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sae-metrics and features-of end to end on the Hugging Face-written tiny GPT-2 (skips without ../shared). */
class SpliceCommandsTest {
    private static final Path FAKE_GPT2 = Path.of("").toAbsolutePath().resolve("../shared/data/tiny-gpt2/fake-gpt2")
            .normalize();
    @TempDir
    Path dir;
    private Path sae;

    @BeforeEach
    void fixtures() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FAKE_GPT2), "../shared/data/tiny-gpt2 is absent: skipping");
        sae = TinyLm.exactSae(dir.resolve("sae"), "blocks.0.hook_resid_post");
    }

    @Test
    void saeMetricsReportsTheContractFieldsAndAPerfectSaeRecoversAll() {
        JsonNode json = singleJson(ok("sae-metrics", "--model", FAKE_GPT2.toString(), "--sae", sae.toString(),
                "--max-tokens", "60", "--context-size", "16", "--json"));
        assertEquals(List.of("tokens", "contexts", "ceLossClean", "ceLossSpliced", "ceLossZeroAblation",
                "ceLossRecovered", "klDivergence", "l0", "explainedVariance", "mse"), fieldNames(json));
        assertTrue(json.get("tokens").asLong() >= 60);
        assertEquals(json.get("ceLossClean").asDouble(), json.get("ceLossSpliced").asDouble(), 1e-4);
        assertEquals(1, json.get("explainedVariance").asDouble(), 1e-5);
        assertEquals(0, json.get("mse").asDouble(), 1e-8);
        assertEquals(0, json.get("klDivergence").asDouble(), 1e-5);
    }

    @Test
    void featuresOfListsEachTokensActiveFeaturesLargestFirst() {
        JsonNode json = singleJson(ok("features-of", "--model", FAKE_GPT2.toString(), "--sae", sae.toString(),
                "--text", "The river bank", "--top", "1", "--json"));
        assertEquals(List.of("tokens", "ids", "top"), fieldNames(json));
        assertEquals(List.of("The", " river", " bank"), texts(json.get("tokens")));
        assertEquals(3, json.get("ids").size());
        for (JsonNode perToken : json.get("top")) {
            assertTrue(perToken.size() <= 1);
            for (JsonNode f : perToken) {
                assertTrue(f.get("activation").asDouble() > 0);
            }
        }
    }

    @Test
    void badInputIsOneErrorLineNamingTheFlag() throws Exception {
        String m = FAKE_GPT2.toString();
        String s = sae.toString();
        assertBadInput(run("sae-metrics", "--model", m, "--sae", s, "--context-size", "1"), "--context-size");
        assertBadInput(run("sae-metrics", "--model", m, "--sae", s, "--context-size", "100000"), "--context-size");
        assertBadInput(run("sae-metrics", "--model", m, "--sae", s, "--max-tokens", "0"), "--max-tokens");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertBadInput(run("sae-metrics", "--model", m, "--sae", s, "--corpus", empty.toString()), "holds no text");
        Path rows = Files.writeString(dir.resolve("c.jsonl"), "{\"text\": \"fine\"}\n{\"txt\": 1}\n");
        assertBadInput(run("sae-metrics", "--model", m, "--sae", s, "--corpus", rows.toString()), "line 2");
        assertBadInput(run("features-of", "--model", m, "--sae", s, "--text", "hello", "--top", "0"), "--top");
        assertBadInput(run("features-of", "--model", m, "--sae", s, "--text", ""), "--text");
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
