package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.readJsonFile;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample-stats --world} and {@code train --world}: a world file in, a run out; bad files are exit 2. */
class WorldCommandsTest {
    static final String[] TINY = {"--steps", "20", "--batch", "64", "--eval-samples", "256", "--latents", "4"};
    static final String UNIFORM = "{\"wp\":\"preset:example2\",\"firing\":{\"kind\":\"uniform\",\"sparsity\":0.9}}";
    static final String RICH = "{\"formatVersion\":1,\"wp\":\"preset:pentagon\","
            + "\"firing\":{\"kind\":\"zipf\",\"exponent\":1.0,\"meanActive\":1.5},"
            + "\"magnitude\":{\"kind\":\"exponential\",\"mean\":0.5},"
            + "\"groups\":[{\"features\":[0,1],\"probability\":0.05}],"
            + "\"hierarchy\":[{\"parent\":2,\"child\":3,\"probability\":0.5}]}";

    @TempDir
    Path dir;

    private String file(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p.toString();
    }

    @Test
    void sampleStatsOfTheUniformWorldEqualsTheFlags() throws IOException {
        JsonNode flags = singleJson(ok("sample-stats", "--wp", "preset:example2", "--sparsity", "0.9", "--samples",
                "2000", "--seed", "3", "--json"));
        JsonNode world = singleJson(ok("sample-stats", "--world", file("u.json", UNIFORM), "--samples", "2000",
                "--seed", "3", "--json"));
        assertEquals(flags, world); // the same stream: the uniform world is today's sampler
        JsonNode rich = singleJson(ok("sample-stats", "--world", file("r.json", RICH), "--samples", "2000", "--seed",
                "3", "--json"));
        assertEquals(1 - 1.5 / 5, rich.get("sparsity").asDouble(), 1e-12);
        assertTrue(rich.get("lossSAE").isNumber());
    }

    @Test
    void trainOnAWorldWritesARun() throws IOException {
        Path out = dir.resolve("run");
        JsonNode metrics = singleJson(ok(concat(new String[] {"train", "--world", file("r.json", RICH), "--out",
                out.toString(), "--json"}, TINY)));
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
        assertTrue(Files.isRegularFile(out.resolve("sae_weights.safetensors")));
        assertEquals(metrics, readJsonFile(out.resolve("metrics.json")));
    }

    @Test
    void trainOnAWorldWithAHierarchyReportsAnAbsorptionInTheUnitIntervalAndNullWithoutOne() throws IOException {
        // example2: 3 features, so 4 latents match both ends of the edge; the child fires with its parent 90% of the
        // time and both fire often (S = 0.3), so the 256 evaluation samples have co-active rows for any seed.
        String hier = "{\"wp\":\"preset:example2\",\"firing\":{\"kind\":\"uniform\",\"sparsity\":0.3},"
                + "\"hierarchy\":[{\"parent\":0,\"child\":1,\"probability\":0.9}]}";
        Path out = dir.resolve("hier");
        JsonNode metrics = singleJson(ok(concat(new String[] {"train", "--world", file("h.json", hier), "--out",
                out.toString(), "--json"}, TINY)));
        assertTrue(metrics.get("absorption").isNumber(), metrics::toString);
        double absorption = metrics.get("absorption").asDouble();
        assertTrue(absorption >= 0 && absorption <= 1, () -> "absorption " + absorption);
        assertEquals(metrics, readJsonFile(out.resolve("metrics.json")));
        List<String> names = new ArrayList<>();
        metrics.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("mcc", "shrinkage", "absorption"), names.subList(names.size() - 3, names.size()),
                names::toString); // a new last field; every existing one keeps its place

        Path flat = dir.resolve("flat");
        JsonNode none = singleJson(ok(concat(new String[] {"train", "--world", file("u.json", UNIFORM), "--out",
                flat.toString(), "--json"}, TINY)));
        assertTrue(none.has("absorption") && none.get("absorption").isNull(), none::toString);
        assertTrue(readJsonFile(flat.resolve("metrics.json")).get("absorption").isNull());
    }

    @Test
    void badWorldFilesAndCombinationsAreExit2() throws IOException {
        String good = file("u.json", UNIFORM);
        assertBadInput(run("sample-stats", "--world", file("bad.json", "{\"wp\":"), "--samples", "10", "--seed", "0"),
                "--world", "not valid JSON");
        assertBadInput(run("sample-stats", "--world", file("kind.json",
                "{\"wp\":\"preset:example2\",\"firing\":{\"kind\":\"pareto\"}}"), "--samples", "10", "--seed", "0"),
                "--world", "unknown kind");
        assertBadInput(run("sample-stats", "--world", file("cyc.json", "{\"wp\":\"preset:pentagon\","
                + "\"firing\":{\"kind\":\"uniform\",\"sparsity\":0.5},\"hierarchy\":[{\"parent\":0,\"child\":1,"
                + "\"probability\":0.5},{\"parent\":1,\"child\":0,\"probability\":0.5}]}"), "--samples", "10", "--seed",
                "0"), "--world", "cycle");
        assertBadInput(run("sample-stats", "--world", file("grp.json", "{\"wp\":\"preset:example2\","
                + "\"firing\":{\"kind\":\"uniform\",\"sparsity\":0.5},\"groups\":[{\"features\":[0,5],"
                + "\"probability\":0.5}]}"), "--samples", "10", "--seed", "0"), "--world", "feature 5 does not exist");
        assertBadInput(run("sample-stats", "--world", dir.resolve("missing.json").toString(), "--samples", "10",
                "--seed", "0"), "--world", "missing.json");
        assertBadInput(run("sample-stats", "--world", good, "--wp", "preset:example2", "--samples", "10", "--seed",
                "0"), "--world", "--wp");
        assertBadInput(run("sample-stats", "--sparsity", "0.5", "--samples", "10", "--seed", "0"), "--wp", "--world");
        assertBadInput(run(concat(new String[] {"train", "--world", good, "--sparsity", "0.5", "--out",
                dir.resolve("t").toString()}, TINY)), "--world", "--sparsity");
        assertBadInput(run(concat(new String[] {"train", "--world", file("zipf.json", "{\"wp\":\"preset:example2\","
                + "\"firing\":{\"kind\":\"zipf\",\"exponent\":0,\"meanActive\":1}}"), "--out",
                dir.resolve("t").toString()}, TINY)), "--world", "exponent");
        assertBadInput(run(concat(new String[] {"train", "--wp", "preset:example2", "--out",
                dir.resolve("t").toString()}, TINY)), "--sparsity");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
