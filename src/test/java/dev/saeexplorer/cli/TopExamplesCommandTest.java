package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.testkit.TinyLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** top-examples on a store feature-store built (design/CLI.md): the contract's fields and every refusal. */
class TopExamplesCommandTest {
    @TempDir
    static Path shared;
    static String model;
    static String sae;
    static String corpus;
    static String store;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildAStore() throws IOException {
        model = TinyLm.model(shared.resolve("model")).toString();
        sae = TinyLm.sparseSae(shared.resolve("sae"), 2, false).toString();
        corpus = CliTestSupport.write(shared.resolve("corpus.jsonl"), String.join("\n",
                "{\"text\": \"The river bank was covered in reeds, and a heron stood very still.\"}",
                "{\"text\": \"She walked into the bank at nine o'clock to ask about a loan.\"}",
                "{\"text\": \"The train left the station at 7:45 and arrived forty minutes later.\"}")).toString();
        store = shared.resolve("store").toString();
        ok("feature-store", "--model", model, "--sae", sae, "--corpus", corpus, "--context-size", "10", "--top-k", "4",
                "--out", store);
    }

    @Test
    void printsOneFeatureWithTheContractFields() {
        JsonNode json = singleJson(ok("top-examples", "--store", store, "--feature", "0", "--json"));
        assertEquals(Set.of("feature", "density", "maxActivation", "meanActivation", "histogram", "examples",
                "quantileSamples"), CliTestSupport.fieldNames(json));
        assertEquals(0, json.get("feature").asInt());
        assertTrue(json.get("density").asDouble() > 0, "feature 0 fires on this corpus");
        JsonNode histogram = json.get("histogram");
        assertEquals(Set.of("edges", "counts"), CliTestSupport.fieldNames(histogram));
        assertEquals(histogram.get("counts").size() + 1, histogram.get("edges").size());
        JsonNode examples = json.get("examples");
        assertTrue(examples.size() >= 1 && examples.size() <= 4);
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode e : examples) {
            assertEquals(Set.of("context", "tokens", "ids", "activations", "max", "position"),
                    CliTestSupport.fieldNames(e));
            int n = e.get("ids").size();
            assertEquals(n, e.get("tokens").size());
            assertEquals(n, e.get("activations").size());
            int[] ids = new int[n];
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < n; t++) {
                ids[t] = e.get("ids").get(t).asInt();
                text.append(e.get("tokens").get(t).asText());
                assertTrue(ids[t] != Gpt2Tokenizer.BOS, "BOS is left out");
            }
            assertEquals(Gpt2Tokenizer.r50k().decode(ids), text.toString(), "tokens decode the ids");
            double max = e.get("max").asDouble();
            assertTrue(max <= previous, "rank order");
            previous = max;
            int position = e.get("position").asInt();
            assertEquals(max, e.get("activations").get(position).asDouble(), max / 1000);
            for (JsonNode a : e.get("activations")) {
                assertTrue(a.asDouble() <= max * 1.001);
            }
        }
        assertTrue(json.get("maxActivation").asDouble() >= examples.get(0).get("max").asDouble() - 1e-6);
    }

    @Test
    void checksTheStoreAgainstTheModelSaeAndCorpusWhenGiven() {
        singleJson(ok("top-examples", "--store", store, "--feature", "1", "--model", model, "--sae", sae, "--corpus",
                corpus, "--json"));
        CliTestSupport.Result people = ok("top-examples", "--store", store, "--feature", "0");
        assertTrue(people.out().contains("[[") && people.out().contains("feature 0"), people::toString);
    }

    @Test
    void aFeatureOutOfRangeIsRefused() {
        assertBadInput(run("top-examples", "--store", store, "--feature", "" + TinyLm.LATENTS), "--feature",
                "" + (TinyLm.LATENTS - 1));
        assertBadInput(run("top-examples", "--store", store, "--feature", "-1"), "--feature");
    }

    @Test
    void aStoreForAnotherModelSaeOrCorpusIsRefused() throws IOException {
        Path otherModel = TinyLm.model(dir.resolve("other-model"), TinyLm.D_MODEL, 99);
        assertBadInput(run("top-examples", "--store", store, "--feature", "0", "--model", otherModel.toString()),
                "another model", "other-model");
        Path otherSae = TinyLm.sparseSae(dir.resolve("other-sae"), 3, false);
        assertBadInput(run("top-examples", "--store", store, "--feature", "0", "--sae", otherSae.toString()),
                "another SAE");
        Path otherCorpus = CliTestSupport.write(dir.resolve("other.txt"), "Something else entirely.");
        assertBadInput(run("top-examples", "--store", store, "--feature", "0", "--corpus", otherCorpus.toString()),
                "another corpus", "other.txt");
    }

    @Test
    void aDamagedOrMissingStoreIsRefused() throws IOException {
        Path copy = Files.createDirectory(dir.resolve("copy"));
        Files.copy(Path.of(store, "manifest.json"), copy.resolve("manifest.json"));
        byte[] arrays = Files.readAllBytes(Path.of(store, "store.safetensors"));
        Files.write(copy.resolve("store.safetensors"), java.util.Arrays.copyOf(arrays, arrays.length / 2));
        assertBadInput(run("top-examples", "--store", copy.toString(), "--feature", "0"), "damaged", "truncated");
        assertBadInput(run("top-examples", "--store", dir.toString(), "--feature", "0"), "not a feature store");
        assertBadInput(run("top-examples", "--store", dir.resolve("nowhere").toString(), "--feature", "0"),
                "not a feature store");
    }
}
