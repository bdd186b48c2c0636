package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.EXAMPLE1_WP;
import static dev.saeexplorer.cli.CliTestSupport.EXAMPLE1_X;
import static dev.saeexplorer.cli.CliTestSupport.doubles;
import static dev.saeexplorer.cli.CliTestSupport.fieldNames;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.readJsonFile;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static dev.saeexplorer.cli.CliTestSupport.tempLeftovers;
import static dev.saeexplorer.cli.CliTestSupport.tree;
import static dev.saeexplorer.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.experiment.SweepFiles;
import dev.saeexplorer.core.experiment.SweepRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** design/CLI.md, command by command: exit codes, JSON field names, output files. */
class CliContractTest {
    static final Set<String> CLOSED_FORM_FIELDS = Set.of("xp", "xm", "status", "gram", "nonPositiveInterference",
            "polygonBlocks", "lossSAE", "lossGT", "gapSAE");
    static final Set<String> SAMPLE_STATS_FIELDS = Set.of("samples", "sparsity", "lossSAE", "lossGT", "gapSAE",
            "lossWSAE", "gapWSAE", "fractionShrunk", "fractionVanished", "meanRecoveryRatio");
    static final Set<String> TOY_MODEL_FIELDS = Set.of("formatVersion", "wp", "bias", "features", "dims", "sparsity",
            "importance", "finalLoss");
    static final Set<String> METRICS_FIELDS = Set.of("lossGT", "lossGTNonSparse", "reconstructionXp",
            "monosemanticity", "avgActivatedFeatures", "deadLatents", "samplesPerSecond", "steps", "device",
            "weighting", "alpha", "weights");
    /** Tiny training settings: every run below takes well under a second of compute. */
    static final String[] TINY = {"--steps", "30", "--batch", "64", "--eval-samples", "256", "--lr", "0.01"};
    static final String[] TINY_TOY = {"--toy-features", "12", "--toy-dims", "4", "--toy-sparsity", "0.8",
            "--toy-steps", "50"};

    @TempDir
    Path dir;

    /** A command with {@link #TINY} training settings followed by the given arguments. */
    static String[] tiny(String command, String... rest) {
        return CliTestSupport.concat(CliTestSupport.concat(new String[] {command}, TINY), rest);
    }

    // ---- root -------------------------------------------------------------------------------------------------

    @Test
    void versionPrintsTheProgramNameAndExitsZero() {
        CliTestSupport.Result r = ok("--version");
        assertTrue(r.out().startsWith("sae-explorer "), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        CliTestSupport.Result r = ok("--help");
        for (String c : List.of("closed-form", "sample-stats", "toy-model", "train", "sweep", "figures", "demo", "bench")) {
            assertTrue(r.out().contains(c), () -> "--help does not list " + c + "\n" + r);
        }
    }

    @Test
    void commandHelpPrintsTheCommandsOptionsAndExitsZero() {
        CliTestSupport.Result r = ok("train", "--help");
        for (String o : List.of("--wp", "--sparsity", "--latents", "--weighting", "--alpha", "--out", "--force",
                "--device", "--eval-samples")) {
            assertTrue(r.out().contains(o), () -> "train --help does not list " + o + "\n" + r);
        }
        ok("help", "closed-form");
    }

    /** picocli's standard --version on a subcommand prints nothing: the subcommands have no version provider. */
    @Test
    void subcommandVersionPrintsTheVersion() {
        CliTestSupport.Result r = ok("train", "--version");
        assertTrue(r.out().startsWith("sae-explorer "), r::toString);
    }

    // ---- closed-form ------------------------------------------------------------------------------------------

    @Test
    void closedFormJsonReproducesExample1WithExactlyTheContractFields() {
        CliTestSupport.Result r = ok("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X, "--json");
        JsonNode j = singleJson(r);
        assertEquals(CLOSED_FORM_FIELDS, fieldNames(j));
        assertArrayEquals(new double[] {0.5, 0.2}, doubles(j.get("xp")), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.2, 0.0}, doubles(j.get("xm")), 1e-12);
        assertEquals("[\"exact\",\"shrunk\",\"vanished\"]", j.get("status").toString());
        assertEquals(3, j.get("gram").size());
        assertArrayEquals(new double[] {0, 1, -1}, doubles(j.get("gram").get(1)), 1e-12);
        assertTrue(j.get("nonPositiveInterference").asBoolean());
        assertEquals("[[1,2]]", j.get("polygonBlocks").toString());
        // x_p is reconstructed perfectly, the ground truth is not: L_SAE = 0, L_GT = 0.8² + 0.8², gap = −L_GT.
        assertEquals(0.0, j.get("lossSAE").asDouble(), 1e-12);
        assertEquals(1.28, j.get("lossGT").asDouble(), 1e-12);
        assertEquals(-1.28, j.get("gapSAE").asDouble(), 1e-12);
    }

    @Test
    void closedFormWithGammaAddsTheWsaeLossAndGapThatSatisfyTheorem5() {
        JsonNode j = singleJson(ok("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X, "--gamma", "[1, 2]", "--json"));
        Set<String> expected = new java.util.TreeSet<>(CLOSED_FORM_FIELDS);
        expected.add("lossWSAE");
        expected.add("gapWSAE");
        assertEquals(expected, fieldNames(j));
        double lossWsae = j.get("lossWSAE").asDouble();
        double lossGt = j.get("lossGT").asDouble();
        assertEquals(lossWsae - lossGt, j.get("gapWSAE").asDouble(), 1e-12);
    }

    @Test
    void closedFormReadsWpAndXFromFilesExactlyAsFromInlineJson() {
        Path wp = write(dir.resolve("wp.json"), "[[1, 0, 0],\n [0, 1, -1]]\n");
        Path x = write(dir.resolve("x.json"), "[0.5, 1.0, 0.8]");
        Path g = write(dir.resolve("gamma.json"), "[1, 2]");
        String inline = ok("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X, "--gamma", "[1,2]", "--json").out();
        String files = ok("closed-form", "--wp", wp.toString(), "--x", x.toString(), "--gamma", g.toString(), "--json").out();
        assertEquals(singleJson(new CliTestSupport.Result(0, inline, "")), singleJson(new CliTestSupport.Result(0, files, "")));
    }

    @Test
    void closedFormAcceptsAToyModelFileAsWp() {
        Path toy = write(dir.resolve("toy.json"), "{\"formatVersion\": 1, \"wp\": " + EXAMPLE1_WP
                + ", \"bias\": [0, 0, 0], \"features\": 3, \"dims\": 2, \"sparsity\": 0.5, \"importance\": 1,"
                + " \"finalLoss\": 0.1}");
        JsonNode fromToy = singleJson(ok("closed-form", "--wp", toy.toString(), "--x", EXAMPLE1_X, "--json"));
        JsonNode inline = singleJson(ok("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X, "--json"));
        assertEquals(inline, fromToy);
    }

    @Test
    void closedFormWithoutJsonPrintsATableForPeople() {
        CliTestSupport.Result r = ok("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X);
        assertFalse(r.out().trim().startsWith("{"), r::toString);
        for (String s : List.of("exact", "shrunk", "vanished", "L_SAE", "L_GT")) {
            assertTrue(r.out().contains(s), () -> "table lacks " + s + "\n" + r);
        }
    }

    @Test
    void closedFormHonoursTheActivationOptions() {
        JsonNode jump = singleJson(ok("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X, "--activation", "jumprelu",
                "--theta", "0.3", "--json"));
        assertArrayEquals(new double[] {0.5, 0.0, 0.0}, doubles(jump.get("xm")), 1e-12);
        assertEquals("[\"exact\",\"vanished\",\"vanished\"]", jump.get("status").toString());
        JsonNode top1 = singleJson(ok("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X, "--activation", "topk",
                "--k", "1", "--json"));
        assertArrayEquals(new double[] {0.5, 0.0, 0.0}, doubles(top1.get("xm")), 1e-12);
    }

    @Test
    void closedFormOnExample2FindsOneShrunkAndTwoVanished() {
        String wp = "[[0, 0.8660254037844386, -0.8660254037844386], [1, -0.5, -0.5]]";
        JsonNode j = singleJson(ok("closed-form", "--wp", wp, "--x", "[0.7, 0.5, 0.3]", "--json"));
        assertArrayEquals(new double[] {0.3, 0.0, 0.0}, doubles(j.get("xm")), 1e-9);
        assertEquals("[\"shrunk\",\"vanished\",\"vanished\"]", j.get("status").toString());
        assertEquals("[[0,1,2]]", j.get("polygonBlocks").toString());
    }

    // ---- sample-stats -----------------------------------------------------------------------------------------

    @Test
    void sampleStatsJsonHasTheContractFieldsAndTheTheorem4Identity() {
        JsonNode j = singleJson(ok("sample-stats", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--samples", "2000",
                "--seed", "7", "--json"));
        assertEquals(SAMPLE_STATS_FIELDS, fieldNames(j));
        assertEquals(2000, j.get("samples").asInt());
        assertEquals(0.5, j.get("sparsity").asDouble());
        assertTrue(j.get("lossWSAE").isNull(), "lossWSAE is null without --gamma");
        assertTrue(j.get("gapWSAE").isNull(), "gapWSAE is null without --gamma");
        assertEquals(j.get("lossSAE").asDouble() - j.get("lossGT").asDouble(), j.get("gapSAE").asDouble(), 1e-9);
        double shrunk = j.get("fractionShrunk").asDouble();
        double vanished = j.get("fractionVanished").asDouble();
        assertTrue(shrunk > 0 && shrunk < 1 && vanished > 0 && vanished < 1, j::toString);
        double ratio = j.get("meanRecoveryRatio").asDouble();
        assertTrue(ratio > 0 && ratio < 1, j::toString);
    }

    @Test
    void sampleStatsWithGammaReportsTheWsaePair() {
        JsonNode j = singleJson(ok("sample-stats", "--wp", EXAMPLE1_WP, "--sparsity", "0.3", "--samples", "500",
                "--seed", "1", "--gamma", "[1, 0.5]", "--json"));
        assertEquals(SAMPLE_STATS_FIELDS, fieldNames(j));
        assertTrue(j.get("lossWSAE").isNumber(), j::toString);
        assertTrue(j.get("gapWSAE").isNumber(), j::toString);
        assertEquals(j.get("lossWSAE").asDouble() - j.get("lossGT").asDouble(), j.get("gapWSAE").asDouble(), 1e-9);
    }

    @Test
    void sampleStatsIsDeterministicForASeed() {
        String[] a = {"sample-stats", "--wp", EXAMPLE1_WP, "--sparsity", "0.7", "--samples", "300", "--seed", "3", "--json"};
        assertEquals(ok(a).out(), ok(a).out());
    }

    @Test
    void sampleStatsAtSparsityOneReportsNullRatiosNotNaN() {
        CliTestSupport.Result r = ok("sample-stats", "--wp", EXAMPLE1_WP, "--sparsity", "1", "--samples", "10",
                "--seed", "0", "--json");
        JsonNode j = singleJson(r);
        assertTrue(j.get("meanRecoveryRatio").isNull(), j::toString);
        assertTrue(j.get("fractionShrunk").isNull(), j::toString);
    }

    // ---- toy-model --------------------------------------------------------------------------------------------

    @Test
    void toyModelWritesItsFileAtomicallyAndJsonPrintsTheSameObject() {
        Path out = dir.resolve("toy.json");
        CliTestSupport.Result r = ok("toy-model", "--features", "12", "--dims", "4", "--sparsity", "0.8",
                "--importance", "0.9", "--steps", "50", "--batch", "64", "--seed", "3", "--out", out.toString(), "--json");
        assertEquals(Set.of("toy.json"), tree(dir), "only the output file, no temp files");
        JsonNode file = readJsonFile(out);
        assertEquals(TOY_MODEL_FIELDS, fieldNames(file));
        assertEquals(1, file.get("formatVersion").asInt());
        assertEquals(12, file.get("features").asInt());
        assertEquals(4, file.get("dims").asInt());
        assertEquals(0.8, file.get("sparsity").asDouble());
        assertEquals(0.9, file.get("importance").asDouble());
        assertEquals(4, file.get("wp").size());
        for (JsonNode row : file.get("wp")) {
            assertEquals(12, row.size());
        }
        assertEquals(12, file.get("bias").size());
        assertTrue(file.get("finalLoss").isNumber());
        assertEquals(file, singleJson(r));
    }

    @Test
    void toyModelWithoutJsonPrintsASummaryAndTheFileFeedsClosedForm() {
        Path out = dir.resolve("toy.json");
        CliTestSupport.Result r = ok("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.9",
                "--steps", "50", "--batch", "64", "--out", out.toString());
        assertTrue(r.out().contains("final loss"), r::toString);
        assertTrue(Files.isRegularFile(out));
        JsonNode j = singleJson(ok("closed-form", "--wp", out.toString(), "--x", "[1,0,0,0,0,0.5]", "--json"));
        assertEquals(6, j.get("xm").size());
        assertEquals(2, j.get("xp").size());
    }

    @Test
    void toyModelWithForceReplacesAnExistingFile() {
        Path out = write(dir.resolve("toy.json"), "old");
        ok("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.9", "--steps", "20", "--batch", "64",
                "--out", out.toString(), "--force");
        assertEquals(6, readJsonFile(out).get("features").asInt());
        assertEquals(Set.of("toy.json"), tree(dir));
    }

    // ---- train ------------------------------------------------------------------------------------------------

    @Test
    void trainOnAToyModelWritesASaeLensCheckpointAndMetrics() throws Exception {
        Path out = dir.resolve("ckpt");
        CliTestSupport.Result r = ok(CliTestSupport.concat(CliTestSupport.concat(new String[] {"train"}, TINY_TOY),
                CliTestSupport.concat(TINY, "--sparsity", "0.8", "--latents", "16", "--out", out.toString(), "--json")));
        assertEquals(Set.of("ckpt", "ckpt/cfg.json", "ckpt/sae_weights.safetensors", "ckpt/metrics.json"), tree(dir));

        JsonNode cfg = readJsonFile(out.resolve("cfg.json"));
        assertEquals(4, cfg.get("d_in").asInt());
        assertEquals(16, cfg.get("d_sae").asInt());
        assertEquals("float32", cfg.get("dtype").asText());
        assertEquals("standard", cfg.get("architecture").asText());
        assertTrue(cfg.get("apply_b_dec_to_input").isBoolean());
        assertTrue(cfg.has("normalize_activations"));
        assertTrue(cfg.get("metadata").get("model_name").isTextual());
        assertTrue(cfg.get("metadata").get("hook_name").isTextual());
        JsonNode record = cfg.get("sae_explorer");
        assertTrue(record != null && record.isObject(), "cfg.json lacks the sae_explorer record");
        assertEquals("none", record.get("weighting").asText());
        assertEquals("relu", record.get("activation").asText());

        SafetensorsFile w = SafetensorsReader.read(out.resolve("sae_weights.safetensors"));
        assertArrayEquals(new int[] {4, 16}, w.tensor("W_enc").shape());
        assertArrayEquals(new int[] {16}, w.tensor("b_enc").shape());
        assertArrayEquals(new int[] {16, 4}, w.tensor("W_dec").shape());
        assertArrayEquals(new int[] {4}, w.tensor("b_dec").shape());
        assertFalse(w.contains("threshold"));

        JsonNode metrics = readJsonFile(out.resolve("metrics.json"));
        assertTrue(fieldNames(metrics).containsAll(METRICS_FIELDS), () -> "metrics.json fields " + fieldNames(metrics));
        assertEquals(30, metrics.get("steps").asInt());
        assertEquals("cpu", metrics.get("device").asText());
        assertEquals("none", metrics.get("weighting").asText());
        assertEquals(1.0, metrics.get("alpha").asDouble());
        assertArrayEquals(new double[] {1, 1, 1, 1}, doubles(metrics.get("weights")), 1e-12);
        assertTrue(metrics.get("lossGT").isNumber());
        assertTrue(metrics.get("samplesPerSecond").asDouble() > 0);
        assertTrue(metrics.get("deadLatents").isInt());
        assertEquals(metrics, singleJson(r), "--json prints metrics.json");
    }

    @Test
    void trainFromWpWithJumpReluStoresTheThreshold() {
        Path out = dir.resolve("jump");
        ok(tiny("train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "6",
                "--activation", "jumprelu", "--theta", "0.05", "--out", out.toString()));
        JsonNode cfg = readJsonFile(out.resolve("cfg.json"));
        assertEquals(2, cfg.get("d_in").asInt());
        assertEquals(6, cfg.get("d_sae").asInt());
        assertEquals("jumprelu", cfg.get("architecture").asText());
        SafetensorsFile w = SafetensorsReader.read(out.resolve("sae_weights.safetensors"));
        assertArrayEquals(new int[] {2, 6}, w.tensor("W_enc").shape());
        assertArrayEquals(new int[] {6, 2}, w.tensor("W_dec").shape());
        assertArrayEquals(new int[] {6}, w.tensor("threshold").shape());
        for (float t : w.tensor("threshold").toFloatArray()) {
            assertEquals(0.05f, t, 1e-7f);
        }
    }

    @Test
    void trainWithTopKRecordsKInTheConfig() {
        Path out = dir.resolve("topk");
        ok(tiny("train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "8",
                "--activation", "topk", "--k", "2", "--out", out.toString()));
        JsonNode cfg = readJsonFile(out.resolve("cfg.json"));
        assertEquals("topk", cfg.get("architecture").asText());
        assertEquals(2, cfg.get("k").asInt());
        assertFalse(SafetensorsReader.read(out.resolve("sae_weights.safetensors")).contains("threshold"));
    }

    @Test
    void trainWithVarianceWeightingRecordsNonUniformWeightsOfMeanSquareOne() {
        Path out = dir.resolve("wsae");
        CliTestSupport.Result r = ok(tiny("train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "6", "--weighting", "variance", "--alpha", "1",
                "--out", out.toString(), "--json"));
        JsonNode metrics = singleJson(r);
        assertEquals("variance", metrics.get("weighting").asText());
        double[] g = doubles(metrics.get("weights"));
        assertEquals(2, g.length);
        double meanSquare = (g[0] * g[0] + g[1] * g[1]) / 2;
        assertEquals(1.0, meanSquare, 1e-9);
        // x_p2 = x2 − x3 has twice the variance of x_p1 = x1: the weights must differ.
        assertNotEquals(g[0], g[1], 1e-3);
        assertTrue(g[1] > g[0], "γ_i = s_i^α grows with the variance");
        assertEquals(metrics, readJsonFile(out.resolve("metrics.json")));
        JsonNode record = readJsonFile(out.resolve("cfg.json")).get("sae_explorer");
        assertEquals("variance", record.get("weighting").asText());
    }

    @Test
    void trainReadsTheToyModelFileWrittenByToyModel() {
        Path toy = dir.resolve("toy.json");
        ok("toy-model", "--features", "12", "--dims", "4", "--sparsity", "0.8", "--steps", "50", "--batch", "64",
                "--out", toy.toString());
        Path out = dir.resolve("ckpt");
        ok(tiny("train", "--wp", toy.toString(),
                "--sparsity", "0.8", "--latents", "12", "--out", out.toString()));
        assertEquals(4, readJsonFile(out.resolve("cfg.json")).get("d_in").asInt());
    }

    @Test
    void trainIntoAnExistingEmptyFolderSucceeds() throws Exception {
        Path out = Files.createDirectory(dir.resolve("empty"));
        ok(tiny("train", "--wp", EXAMPLE1_WP,
                "--sparsity", "0.5", "--latents", "4", "--out", out.toString()));
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
        assertEquals(List.of(), tempLeftovers(dir));
    }

    @Test
    void trainWithForceReplacesANonEmptyFolderWholesale() {
        Path out = dir.resolve("ckpt");
        write(out.resolve("stale.txt"), "old");
        ok(tiny("train", "--wp", EXAMPLE1_WP,
                "--sparsity", "0.5", "--latents", "4", "--out", out.toString(), "--force"));
        assertEquals(Set.of("ckpt", "ckpt/cfg.json", "ckpt/sae_weights.safetensors", "ckpt/metrics.json"), tree(dir));
    }

    @Test
    void trainWithoutJsonPrintsASummaryForPeople() {
        Path out = dir.resolve("ckpt");
        CliTestSupport.Result r = ok(tiny("train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "4", "--out", out.toString()));
        assertFalse(r.out().trim().startsWith("{"), r::toString);
        assertTrue(r.out().contains("lossGT"), r::toString);
    }

    // ---- sweep ------------------------------------------------------------------------------------------------

    @Test
    void sweepWritesACsvWithOneRowPerSparsitySeedAndModel() throws Exception {
        Path out = dir.resolve("sweep.csv");
        CliTestSupport.Result r = ok(tiny("sweep", "--wp", EXAMPLE1_WP, "--sparsities", "0.5,0.9", "--seeds", "2", "--latents", "4",
                "--out", out.toString(), "--json"));
        assertEquals(Set.of("sweep.csv"), tree(dir));
        List<String> lines = Files.readAllLines(out);
        assertEquals(1 + 2 * 2 * 2, lines.size(), () -> String.join("\n", lines));
        String header = lines.get(0);
        for (String c : List.of("sparsity", "seed", "model", "lossGT", "lossGTNonSparse", "reconstructionXp",
                "monosemanticity", "avgActivatedFeatures", "deadLatents")) {
            assertTrue(List.of(header.split(",")).contains(c), () -> "CSV header lacks " + c + ": " + header);
        }
        JsonNode rows = singleJson(r);
        assertTrue(rows.isArray());
        assertEquals(8, rows.size());
        long sae = 0;
        long wsae = 0;
        for (JsonNode row : rows) {
            assertTrue(fieldNames(row).containsAll(Set.of("sparsity", "seed", "model", "lossGT", "lossGTNonSparse",
                    "reconstructionXp", "monosemanticity", "avgActivatedFeatures", "deadLatents")), row::toString);
            sae += "SAE".equals(row.get("model").asText()) ? 1 : 0;
            wsae += "WSAE".equals(row.get("model").asText()) ? 1 : 0;
        }
        assertEquals(4, sae);
        assertEquals(4, wsae);
        List<SweepRow> read = SweepFiles.read(out);
        assertEquals(8, read.size());
    }

    @Test
    void sweepWritesAJsonFileWhenTheNameEndsInJson() {
        Path out = dir.resolve("sweep.json");
        CliTestSupport.Result r = ok(tiny("sweep", "--wp", EXAMPLE1_WP, "--sparsities", "0.7", "--latents", "4", "--out", out.toString()));
        assertFalse(r.out().trim().startsWith("["), "without --json the rows are a table");
        JsonNode rows = readJsonFile(out);
        assertTrue(rows.isArray());
        assertEquals(2, rows.size());
        assertEquals(Set.of("sweep.json"), tree(dir));
    }

    @Test
    void sweepLearnsAToyModelWpPerSeedWhenGivenTheToyOptions() {
        Path out = dir.resolve("sweep.json");
        CliTestSupport.Result r = ok(CliTestSupport.concat(tiny("sweep", "--sparsities", "0.8", "--seeds", "2",
                "--latents", "8", "--out", out.toString(), "--json"), TINY_TOY));
        JsonNode rows = singleJson(r);
        assertEquals(4, rows.size());
        assertEquals(rows, readJsonFile(out), "--json prints the rows written to the file");
    }

    /**
     * design/CLI.md: sweep rows carry "the train metrics"; train's metrics include device and weights, the rows do not.
     */
    @Test
    void sweepJsonRowsCarryEveryTrainMetricsField() {
        Path out = dir.resolve("sweep.json");
        JsonNode rows = singleJson(ok(tiny("sweep", "--wp", EXAMPLE1_WP, "--sparsities", "0.5", "--latents", "4",
                "--out", out.toString(), "--json")));
        for (JsonNode row : rows) {
            assertTrue(fieldNames(row).containsAll(METRICS_FIELDS), () -> "row fields " + fieldNames(row));
        }
    }

    // ---- device -----------------------------------------------------------------------------------------------

    @Test
    void cudaWithFallbackCpuRunsOnTheCpuAndSaysSoOnStderr() {
        Path out = dir.resolve("toy.json");
        CliTestSupport.Result r = ok("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.9",
                "--steps", "20", "--batch", "64", "--device", "cuda", "--fallback-cpu", "--out", out.toString(), "--json");
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("cpu"), r::toString);
        assertTrue(r.err().startsWith("notice: "), r::toString);
        singleJson(r);
        Path ckpt = dir.resolve("ckpt");
        CliTestSupport.Result t = ok(tiny("train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "4", "--device", "cuda", "--fallback-cpu",
                "--out", ckpt.toString(), "--json"));
        assertTrue(t.err().contains("notice: "), t::toString);
        assertEquals("cpu", singleJson(t).get("device").asText());
    }
}
