package dev.saeexplorer.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.testkit.TinyLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose answer is known by construction. The model's embedding of " bank" is 8 along coordinate 0 (every other
 * token's coordinates are N(0, 0.5²)); the SAE reads blocks.0.hook_resid_pre, which is the centred embedding
 * wte[t] + wpe[p], and its feature 0 is the coordinate direction e₀ with b_enc = −4, so it fires on " bank" and nowhere
 * else, with activation centred(wte[t] + wpe[p])₀ − 4, computed here from the weights file. Feature 1 (−e₀) never
 * fires. Three contexts are the same sentence, so their maxima tie exactly and the lower context numbers must win.
 */
class FeatureStoreHandBuiltTest {
    private static final String HOOK = "blocks.0.hook_resid_pre";
    private static final int D = TinyLm.D_MODEL;

    @TempDir
    Path dir;

    @Test
    void theFeatureOfOneTokenRanksTheContextsThatHoldIt() throws IOException {
        int bank = Gpt2Tokenizer.r50k().encode(" bank")[0];
        float[] embedding = new float[D];
        embedding[0] = 8;
        Path model = TinyLm.model(dir.resolve("model"), D, 11, Map.of(bank, embedding));
        float[][] wEnc = new float[D][3];
        wEnc[0][0] = 1;
        wEnc[0][1] = -1;
        wEnc[1][2] = 1;
        float[][] wDec = {wEnc[0].clone(), wEnc[1].clone(), wEnc[2].clone()};
        Path sae = TinyLm.sae(dir.resolve("sae"), wEnc, new float[] {-4, -4, 0}, new float[3][D], new float[D], HOOK,
                true);
        List<String> docs = List.of("A quiet morning by the river.", "She walked to the bank.",
                "Nothing happened here at all.", "She walked to the bank.", "She walked to the bank.", "The bank.");
        Corpus corpus = new Corpus("hand-built", docs, "0".repeat(64));
        Path out = dir.resolve("store");
        FeatureStoreBuild.run(new FeatureStoreBuild.Request(model, CheckpointLoader.load(sae), HOOK, corpus,
                new StoreSettings(64, null, 2, 0)), out, false, TaskMonitor.none());
        FeatureStore store = FeatureStore.open(out);

        SafetensorsFile weights = SafetensorsReader.read(model.resolve("model.safetensors"));
        float[] wte = weights.tensor("wte.weight").toFloatArray();
        float[] wpe = weights.tensor("wpe.weight").toFloatArray();
        long tokens = 0;
        long fired = 0;
        double sum = 0;
        double[] contextMax = new double[docs.size()];
        List<int[]> ids = new ArrayList<>();
        for (int c = 0; c < docs.size(); c++) {
            int[] doc = Gpt2Tokenizer.r50k().encode(docs.get(c));
            ids.add(doc);
            for (int t = 0; t < doc.length; t++) {
                double a = feature0(wte, wpe, doc[t], t + 1); // position t + 1: BOS is at 0
                assertEquals(doc[t] == bank, a > 0, "by construction only \" bank\" fires");
                tokens++;
                fired += a > 0 ? 1 : 0;
                sum += a;
                contextMax[c] = Math.max(contextMax[c], a);
            }
        }
        List<Integer> expected = new ArrayList<>(List.of(1, 3, 4, 5));
        expected.sort(Comparator.comparingDouble((Integer c) -> -contextMax[c]).thenComparingInt(c -> c));
        assertEquals(contextMax[1], contextMax[3]);
        assertTrue(expected.indexOf(1) < expected.indexOf(3) && expected.indexOf(3) < expected.indexOf(4));

        FeatureReport f0 = store.feature(0);
        assertEquals(fired / (double) tokens, f0.density(), 1e-15);
        assertEquals(sum / tokens, f0.meanActivation(), 1e-5);
        assertEquals(contextMax[expected.get(0)], f0.maxActivation(), 1e-5);
        assertEquals(expected.subList(0, 2), f0.examples().stream().map(FeatureReport.Example::context).toList());
        for (FeatureReport.Example e : f0.examples()) {
            int[] doc = ids.get(e.context());
            assertArrayEquals(doc, e.ids());
            assertEquals(bank, doc[e.position()], "the max is at the bank");
            for (int t = 0; t < doc.length; t++) {
                assertEquals(feature0(wte, wpe, doc[t], t + 1), e.activations()[t], 1e-5 + f0.maxActivation() / 2048);
            }
        }
        Set<Integer> sampled = new TreeSet<>();
        f0.quantileSamples().forEach(b -> b.examples().forEach(e -> sampled.add(e.context())));
        assertEquals(new TreeSet<>(expected.subList(2, 4)), sampled, "the other contexts with a bank, in their bands");
        assertEquals(fired, java.util.Arrays.stream(f0.histogram().counts()).sum());

        FeatureReport f1 = store.feature(1);
        assertEquals(0, f1.density());
        assertEquals(0, f1.maxActivation());
        assertEquals(0, f1.meanActivation());
        assertTrue(f1.examples().isEmpty() && f1.quantileSamples().isEmpty());
        assertEquals(0, f1.histogram().counts().length);
        assertEquals(1, store.manifest().counts().deadFeatures());
        assertTrue(store.feature(2).density() > 0);
    }

    /** relu(centred(wte[token] + wpe[position])₀ − 4): feature 0 at the hook, from the weights. */
    private static double feature0(float[] wte, float[] wpe, int token, int position) {
        double[] x = new double[D];
        double mean = 0;
        for (int i = 0; i < D; i++) {
            x[i] = (double) wte[token * D + i] + wpe[position * D + i];
            mean += x[i] / D;
        }
        return Math.max(0, x[0] - mean - 4);
    }
}
