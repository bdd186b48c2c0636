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

    @Test
    void sweepOverAWorldTrainsEveryListedWeightingOnTheWorldAtEachSparsity() throws IOException {
        Path out = dir.resolve("rows.csv");
        JsonNode rows = singleJson(ok(concat(new String[] {"sweep", "--world", file("r.json", RICH), "--sparsities",
                "0.2,0.6", "--wsae-weighting", "variance,oracle,variance-raw", "--out", out.toString(), "--json"},
                TINY)));
        assertEquals(8, rows.size()); // 2 sparsities × (SAE + 3 WSAEs) × 1 seed
        List<String> models = new ArrayList<>();
        for (JsonNode r : rows) {
            models.add(r.get("model").asText() + "/" + r.get("weighting").asText());
            assertTrue(r.get("mcc").isNumber(), r::toString);
            assertTrue(r.get("absorption").isNumber() || r.get("absorption").isNull(), r::toString);
        }
        assertEquals(List.of("SAE/none", "WSAE/variance", "WSAE (oracle)/oracle", "WSAE (raw γ)/variance-raw"),
                models.subList(0, 4));
        assertEquals(0.2, rows.get(0).get("sparsity").asDouble(), 1e-12);
        assertEquals(0.6, rows.get(7).get("sparsity").asDouble(), 1e-12);
        // The rescaled and the raw variance weights are the same γ up to one factor: mean γ² = 1 for the rescaled.
        double[] scaled = doubles(rows.get(1).get("weights"));
        double[] raw = doubles(rows.get(3).get("weights"));
        double meanSquare = 0;
        for (double g : scaled) {
            meanSquare += g * g / scaled.length;
        }
        assertEquals(1, meanSquare, 1e-9);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[0] / scaled[0], raw[i] / scaled[i], 1e-9);
        }
        assertTrue(Files.readString(out).startsWith("sparsity,seed,model,"));
    }

    @Test
    void badSweepWorldsAndWeightingsAreExit2() throws IOException {
        String zipf = file("z.json", "{\"wp\":\"preset:pentagon\",\"firing\":{\"kind\":\"zipf\",\"exponent\":1,"
                + "\"meanActive\":1}}");
        String rows = dir.resolve("rows.csv").toString();
        assertBadInput(run(concat(new String[] {"sweep", "--world", zipf, "--sparsities", "0.5,1", "--out", rows},
                TINY)), "--world", "no feature would fire");
        assertBadInput(run(concat(new String[] {"sweep", "--world", zipf, "--wp", "preset:pentagon", "--sparsities",
                "0.5", "--out", rows}, TINY)), "--world", "--wp");
        assertBadInput(run(concat(new String[] {"sweep", "--wp", "preset:pentagon", "--sparsities", "0.5",
                "--wsae-weighting", "variance,none", "--out", rows}, TINY)), "--wsae-weighting", "always trained");
        assertBadInput(run(concat(new String[] {"sweep", "--wp", "preset:pentagon", "--sparsities", "0.5",
                "--wsae-weighting", "variance,square", "--out", rows}, TINY)), "square");
        assertBadInput(run(concat(new String[] {"sweep", "--toy-features", "6", "--toy-dims", "2", "--toy-sparsity",
                "0.9", "--toy-importance", "0", "--sparsities", "0.5", "--out", rows}, TINY)), "--toy-importance");
        assertBadInput(run(concat(new String[] {"sweep", "--wp", "preset:pentagon", "--toy-importance", "0.9",
                "--sparsities", "0.5", "--out", rows}, TINY)), "--toy-importance");
        assertTrue(Files.notExists(Path.of(rows)));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
