package dev.saeexplorer.core.lm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares every hook at every layer with the independent numpy forward pass of {@code bench/lm/gpt2_reference.py}
 * (fixtures under src/test/resources/lm/), to 1e-4 relative: max |java − ref| ≤ 1e-4 · max(1, max |ref|).
 */
class Gpt2ForwardTest {
    static Path fixture(String name) {
        return Path.of("src/test/resources/lm", name).toAbsolutePath();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-a", "tiny-b", "tiny-c"})
    void everyHookAtEveryLayerMatchesTheNumpyReference(String name) throws Exception {
        Path folder = fixture(name);
        Gpt2Model model = Gpt2Model.load(folder);
        JsonNode ref = Json.mapper().readTree(Files.readString(folder.resolve("reference.json")));
        int[] tokens = new int[ref.get("tokens").size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = ref.get("tokens").get(i).asInt();
        }
        assertEquals(ref.get("d_model").asInt(), model.dModel());
        assertEquals(ref.get("n_layer").asInt(), model.config().nLayer());
        JsonNode acts = ref.get("activations");
        assertEquals(5 * model.config().nLayer(), acts.size(), "reference covers every hook of every layer");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var it = acts.fields(); it.hasNext(); ) {
            var e = it.next();
            float[][] got = model.run(tokens, e.getKey());
            JsonNode want = e.getValue();
            assertEquals(tokens.length, got.length, e.getKey());
            double maxRef = 0;
            double maxDiff = 0;
            for (int t = 0; t < tokens.length; t++) {
                assertEquals(model.dModel(), got[t].length, e.getKey());
                double rowSum = 0;
                for (int j = 0; j < got[t].length; j++) {
                    double r = want.get(t).get(j).asDouble();
                    maxRef = Math.max(maxRef, Math.abs(r));
                    maxDiff = Math.max(maxDiff, Math.abs(got[t][j] - r));
                    rowSum += got[t][j];
                }
                assertTrue(Math.abs(rowSum) < 1e-4 * got[t].length, "row is centred across d_model");
            }
            if (maxDiff > 1e-4 * Math.max(1, maxRef)) {
                failures.add(e.getKey() + ": max abs diff " + maxDiff + " (max |ref| " + maxRef + ")");
            }
            checked++;
        }
        assertEquals(acts.size(), checked);
        assertTrue(failures.isEmpty(), name + ": " + failures);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-a", "tiny-b"})
    void causalPrefixGivesTheSameActivations(String name) {
        Gpt2Model model = Gpt2Model.load(fixture(name));
        int[] tokens = {1, 7, 3, 9, 2};
        int[] prefix = {1, 7, 3};
        String hook = "blocks." + (model.config().nLayer() - 1) + ".hook_resid_post";
        float[][] full = model.run(tokens, hook);
        float[][] part = model.run(prefix, hook);
        for (int t = 0; t < prefix.length; t++) {
            for (int j = 0; j < model.dModel(); j++) {
                assertEquals(full[t][j], part[t][j], 1e-5, "position " + t + " must not see later tokens");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void geluNewMatchesTheFormula() {
        for (float x : new float[] {-3f, -0.5f, 0f, 0.7f, 2.5f}) {
            double want = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertEquals(want, dev.saeexplorer.core.compute.Gelu.geluNew(x), 1e-6);
        }
    }

    /** Several sequences stacked through one run attend only within themselves: every hook equals one-by-one runs. */
    @org.junit.jupiter.api.Test
    void batchedSequencesEqualSeparateRuns() {
        Gpt2Model model = Gpt2Model.load(fixture("tiny-a"));
        java.util.List<int[]> sequences = java.util.List.of(new int[] {63, 5, 17}, new int[] {1}, new int[] {0, 42, 42,
            9, 31, 2, 60, 7}, new int[] {12, 12});
        for (int layer = 0; layer < model.config().nLayer(); layer++) {
            for (HookPoint.Kind kind : HookPoint.Kind.values()) {
                HookPoint hook = new HookPoint(layer, kind);
                java.util.List<float[][]> batched = model.run(sequences, hook);
                assertEquals(sequences.size(), batched.size());
                for (int s = 0; s < sequences.size(); s++) {
                    float[][] alone = model.run(sequences.get(s), hook);
                    assertEquals(alone.length, batched.get(s).length);
                    for (int i = 0; i < alone.length; i++) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(alone[i], batched.get(s)[i], 1e-5f,
                                hook + " sequence " + s + " position " + i);
                    }
                }
            }
        }
        assertTrue(model.run(java.util.List.of(), new HookPoint(0, HookPoint.Kind.RESID_POST)).isEmpty());
    }

    /**
     * Enough stacked rows that LayerNorm and attention split over two threads (TwoWay), in sequences of uneven
     * lengths so that a sequence straddles the split: still every position equals its sequence run alone.
     */
    @org.junit.jupiter.api.Test
    void manyStackedSequencesSplitOverThreadsEqualSeparateRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Gpt2Model model = Gpt2Model.load(dev.saeexplorer.testkit.TinyLm.model(dir.resolve("wide"), 64, 5));
        java.util.Random r = new java.util.Random(3);
        java.util.List<int[]> sequences = new java.util.ArrayList<>();
        for (int s = 0; s < 16; s++) {
            int[] tokens = new int[model.config().nPositions() / 2 + r.nextInt(model.config().nPositions() / 2)];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = r.nextInt(model.config().vocabSize());
            }
            sequences.add(tokens);
        }
        HookPoint hook = new HookPoint(model.config().nLayer() - 1, HookPoint.Kind.RESID_POST);
        java.util.List<float[][]> batched = model.run(sequences, hook);
        for (int s = 0; s < sequences.size(); s++) {
            float[][] alone = model.run(sequences.get(s), hook);
            for (int i = 0; i < alone.length; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(alone[i], batched.get(s)[i], 1e-4f,
                        "sequence " + s + " position " + i);
            }
        }
    }
}
