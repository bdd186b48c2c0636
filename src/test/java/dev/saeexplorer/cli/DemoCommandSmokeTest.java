package dev.saeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The first-run tour on the embedded defaults. */
class DemoCommandSmokeTest {
    @Test
    void demoJsonHasExample1SampleStatsAndBothTrainingRuns() {
        CliTestSupport.Result r = CliTestSupport.ok("demo", "--steps", "50", "--json");
        JsonNode j = CliTestSupport.singleJson(r);
        assertTrue(CliTestSupport.fieldNames(j).containsAll(java.util.Set.of("example1", "sampleStats", "training")),
                j::toString);
        assertArrayEquals(new double[] {0.5, 0.2, 0.0}, CliTestSupport.doubles(j.get("example1").get("xm")), 1e-12);
        assertEquals("[\"exact\",\"shrunk\",\"vanished\"]", j.get("example1").get("status").toString());
        assertTrue(j.get("sampleStats").size() >= 2, j::toString);
        assertTrue(j.get("training").has("SAE") && j.get("training").has("WSAE"), j::toString);
        assertTrue(j.get("training").get("SAE").get("lossGT").isNumber(), j::toString);
    }
}
