package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.testkit.TinyLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** feature-store end to end on a tiny random GPT-2 with the real vocabulary and a small random SAE (design/CLI.md). */
class FeatureStoreCommandTest {
    @TempDir
    static Path shared;
    static String model;
    static String sae;
    static String corpus;

    @TempDir
    Path dir;

    @BeforeAll
    static void fixtures() throws IOException {
        model = TinyLm.model(shared.resolve("model")).toString();
        sae = TinyLm.sparseSae(shared.resolve("sae"), 1, true).toString();
        corpus = CliTestSupport.write(shared.resolve("corpus.txt"), String.join("\n",
                "The river bank was covered in reeds.", "", "She walked into the bank to ask about a loan.",
                "A sparse autoencoder learns a dictionary of directions.")).toString();
    }

    /** feature-store into {@code out}, with 8-token contexts unless {@code more} says otherwise (the model has 64). */
    private String[] build(Path out, String... more) {
        String[] args = CliTestSupport.concat(new String[] {"feature-store", "--model", model, "--sae", sae, "--out",
                out.toString()}, more);
        return List.of(more).contains("--context-size") ? args : CliTestSupport.concat(args, "--context-size", "8");
    }

    @Test
    void buildsTheStoreAndPrintsTheContractFields() {
        Path out = dir.resolve("store");
        JsonNode json = singleJson(ok(build(out, "--corpus", corpus, "--top-k", "3", "--json")));
        assertEquals(Set.of("tokens", "contexts", "features", "deadFeatures", "seconds", "tokensPerSecond"),
                CliTestSupport.fieldNames(json));
        assertEquals(TinyLm.LATENTS, json.get("features").asInt());
        assertTrue(json.get("deadFeatures").asInt() >= 1, "the last feature never fires");
        long tokens = json.get("tokens").asLong();
        // Three documents, each cut into chunks of at most 7 tokens.
        assertTrue(json.get("contexts").asInt() >= 3 && tokens > 2 * json.get("contexts").asInt() - 3);
        assertTrue(json.get("seconds").asDouble() >= 0);
        assertEquals(List.of("manifest.json", "store.safetensors"), CliTestSupport.tree(out).stream().toList());
    }

    @Test
    void readsTheBundledCorpusWhenNoneIsGivenAndStopsAtTheTokenBudget() throws IOException {
        Path out = dir.resolve("bundled");
        JsonNode json = singleJson(ok(build(out, "--max-tokens", "40", "--json")));
        assertTrue(json.get("tokens").asLong() >= 40 && json.get("tokens").asLong() < 40 + 7);
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("bundled sample corpus"));
    }

    @Test
    void writesItsContextsForTheNumpyBenchmark() throws IOException {
        Path contexts = dir.resolve("contexts.jsonl");
        JsonNode json = singleJson(ok(build(dir.resolve("bench"), "--max-tokens", "40", "--context-size", "8",
                "--write-contexts", contexts.toString(), "--json")));
        java.util.List<String> lines = Files.readAllLines(contexts);
        assertEquals(json.get("contexts").asInt(), lines.size());
        long tokens = 0;
        for (String line : lines) {
            JsonNode ids = dev.saeexplorer.core.io.Json.mapper().readTree(line).get("tokens");
            assertEquals(50256, ids.get(0).asInt(), "BOS first");
            assertTrue(ids.size() <= 8);
            tokens += ids.size() - 1;
        }
        assertEquals(json.get("tokens").asLong(), tokens);
    }

    @Test
    void withoutJsonItSaysWhatItWroteForPeople() {
        CliTestSupport.Result r = ok(build(dir.resolve("people"), "--corpus", corpus));
        assertTrue(r.out().contains("feature store written to"), r::toString);
        assertTrue(r.out().contains("tokens/s"), r::toString);
    }

    @Test
    void badInputIsRefusedWithOneLineAndNothingWritten() throws IOException {
        Path out = dir.resolve("never");
        Path empty = CliTestSupport.write(dir.resolve("empty.txt"), "\n  \n\n");
        assertBadInput(run(build(out, "--corpus", empty.toString())), "no text");
        assertBadInput(run(build(out, "--corpus", dir.resolve("missing.txt").toString())), "missing.txt");
        assertBadInput(run(build(out, "--corpus", corpus, "--context-size", "1")), "--context-size");
        assertBadInput(run(build(out, "--corpus", corpus, "--context-size", "" + (TinyLm.POSITIONS + 1))),
                "--context-size", "" + TinyLm.POSITIONS);
        assertBadInput(run(build(out, "--corpus", corpus, "--max-tokens", "0")), "--max-tokens");
        assertBadInput(run(build(out, "--corpus", corpus, "--top-k", "0")), "--top-k");
        assertBadInput(run(build(out, "--corpus", corpus, "--hook", "blocks.9.hook_resid_pre")), "blocks.9");
        Path wide = TinyLm.sae(dir.resolve("wide"), 3, 4, TinyLm.HOOK, 1);
        assertBadInput(run("feature-store", "--model", model, "--sae", wide.toString(), "--corpus", corpus, "--out",
                out.toString(), "--context-size", "8"), "d_in");
        assertFalse(Files.exists(out));
        assertEquals(List.of("empty.txt", "wide", "wide/cfg.json", "wide/sae_weights.safetensors"),
                CliTestSupport.tree(dir).stream().toList(), "no temporary folder is left behind");
    }

    @Test
    void aNonEmptyOutputFolderNeedsForce() throws IOException {
        Path out = Files.createDirectory(dir.resolve("taken"));
        CliTestSupport.write(out.resolve("notes.txt"), "mine");
        assertBadInput(run(build(out, "--corpus", corpus)), "--out", "--force");
        assertTrue(Files.exists(out.resolve("notes.txt")));
        ok(build(out, "--corpus", corpus, "--force"));
        assertEquals(List.of("manifest.json", "store.safetensors"), CliTestSupport.tree(out).stream().toList());
    }

    @Test
    void aCancelledRunExitsWith130AndLeavesNoStore() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        Path out = dir.resolve("cancelled");
        CliTestSupport.Result r = run(token, build(out, "--corpus", corpus, "--json"));
        assertEquals(Cli.CANCELLED, r.code(), r::toString);
        assertTrue(r.out().isBlank(), r::toString);
        assertFalse(Files.exists(out));
        assertTrue(CliTestSupport.tempLeftovers(dir).isEmpty());
    }
}
