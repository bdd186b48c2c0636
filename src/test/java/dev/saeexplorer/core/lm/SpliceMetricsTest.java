package dev.saeexplorer.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.Progress;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SAE spliced into a random GPT-2 against {@code bench/lm/splice_reference.py}: an independent numpy float64
 * forward pass to the logits with the hook edited, and every metric computed there from its definition.
 */
class SpliceMetricsTest {
    private static final Path LM = Path.of("src/test/resources/lm").toAbsolutePath();

    private static JsonNode reference() throws Exception {
        return Json.mapper().readTree(Files.readString(LM.resolve("tiny-b-sae/splice-reference.json")));
    }

    static List<int[]> contexts(JsonNode ref) {
        List<int[]> out = new ArrayList<>();
        for (JsonNode c : ref.get("contexts")) {
            int[] ids = new int[c.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = c.get(i).asInt();
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void everyMetricMatchesTheFloat64Reference() throws Exception {
        JsonNode ref = reference();
        Gpt2Model model = Gpt2Model.load(LM.resolve("tiny-b"));
        LoadedCheckpoint sae = CheckpointLoader.load(LM.resolve("tiny-b-sae"));
        SpliceMetrics.Result r = SpliceMetrics.evaluate(model, HookPoint.parse(sae.hookName()), sae.model(),
                contexts(ref), TaskMonitor.none());
        assertEquals(ref.get("tokens").asLong(), r.tokens());
        assertEquals(3, r.contexts());
        close(ref, "ceLossClean", r.ceLossClean());
        close(ref, "ceLossSpliced", r.ceLossSpliced());
        close(ref, "ceLossZeroAblation", r.ceLossZeroAblation());
        close(ref, "ceLossRecovered", r.ceLossRecovered());
        close(ref, "klDivergence", r.klDivergence());
        close(ref, "l0", r.l0());
        close(ref, "explainedVariance", r.explainedVariance());
        close(ref, "mse", r.mse());
    }

    @Test
    void anSaeThatReconstructsPerfectlyRecoversEverything() throws Exception {
        // A tied identity "SAE" on ReLU cannot pass negatives; use x = relu(x) − relu(−x): two features per dimension.
        Gpt2Model model = Gpt2Model.load(LM.resolve("tiny-b"));
        int d = model.dModel();
        float[][] enc = new float[d][2 * d];
        float[][] dec = new float[2 * d][d];
        for (int j = 0; j < d; j++) {
            enc[j][2 * j] = 1;
            enc[j][2 * j + 1] = -1;
            dec[2 * j][j] = 1;
            dec[2 * j + 1][j] = -1;
        }
        var sae = new dev.saeexplorer.core.sae.SaeModel(org.nd4j.linalg.factory.Nd4j.createFromArray(enc),
                org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2 * d),
                org.nd4j.linalg.factory.Nd4j.createFromArray(dec),
                org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, d),
                new dev.saeexplorer.core.sae.Activation.Relu(), false);
        SpliceMetrics.Result r = SpliceMetrics.evaluate(model, HookPoint.parse("blocks.1.hook_mlp_out"), sae,
                contexts(reference()), TaskMonitor.none());
        assertEquals(r.ceLossClean(), r.ceLossSpliced(), 1e-5);
        assertEquals(0, r.klDivergence(), 1e-6);
        assertEquals(1, r.ceLossRecovered(), 1e-4);
        assertEquals(1, r.explainedVariance(), 1e-6);
        assertEquals(0, r.mse(), 1e-10);
    }

    @Test
    void cancelStopsBetweenContexts() throws Exception {
        Gpt2Model model = Gpt2Model.load(LM.resolve("tiny-b"));
        LoadedCheckpoint sae = CheckpointLoader.load(LM.resolve("tiny-b-sae"));
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThrows(CancelledException.class, () -> SpliceMetrics.evaluate(model, HookPoint.parse(sae.hookName()),
                sae.model(), contexts(reference()), new TaskMonitor(Progress.NONE, token)));
    }

    private static void close(JsonNode ref, String field, double actual) {
        double expected = ref.get(field).asDouble();
        assertEquals(expected, actual, 1e-4 * Math.max(1, Math.abs(expected)), field);
    }
}
