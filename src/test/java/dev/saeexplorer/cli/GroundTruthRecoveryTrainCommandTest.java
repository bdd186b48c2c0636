package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.readJsonFile;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code train} command reports MCC and shrinkage beside the paper's metrics, in JSON and for people. */
class GroundTruthRecoveryTrainCommandTest {
    @TempDir
    Path dir;

    private static String[] train(Path out, String... rest) {
        return CliTestSupport.concat(CliTestSupport.concat(new String[] {"train", "--wp", CliTestSupport.EXAMPLE1_WP,
                "--sparsity", "0.7", "--latents", "6", "--seed", "3", "--out", out.toString()}, CliContractTest.TINY),
                rest);
    }

    @Test
    void trainJsonHasMccAndShrinkageInRangeBesideEveryExistingField() {
        Path out = dir.resolve("ckpt");
        CliTestSupport.Result r = CliTestSupport.ok(train(out, "--json"));
        JsonNode json = singleJson(r);
        assertTrue(CliTestSupport.fieldNames(json).containsAll(CliContractTest.METRICS_FIELDS), json::toString);
        assertTrue(json.get("mcc").isNumber(), json::toString);
        double mcc = json.get("mcc").asDouble();
        assertTrue(mcc >= 0 && mcc <= 1, () -> "mcc " + mcc);
        assertTrue(json.get("shrinkage").isNumber(), json::toString); // features fire at S = 0.7 in 256 samples
        double shrinkage = json.get("shrinkage").asDouble();
        assertTrue(shrinkage >= 0 && Double.isFinite(shrinkage), () -> "shrinkage " + shrinkage);
        assertEquals(json, readJsonFile(out.resolve("metrics.json")), "--json prints metrics.json");
        assertTrue(json.has("absorption") && json.get("absorption").isNull(), json::toString); // no world, no hierarchy
    }

    @Test
    void theHumanSummaryShowsBothMetrics() {
        CliTestSupport.Result r = CliTestSupport.ok(train(dir.resolve("ckpt")));
        assertTrue(r.out().contains("mcc"), r::toString);
        assertTrue(r.out().contains("shrinkage"), r::toString);
    }
}
