package dev.saeexplorer.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.corpus.TokenContexts;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.testkit.TinyLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store built on a tiny random GPT-2 and a small random SAE against {@link FeatureTruth}, the definitions computed in
 * float64: density, max and mean per feature, the exact top-k lists, the histograms, the examples' activations and the
 * quantile bands, for an SAE that subtracts b_dec before encoding and one that does not.
 */
class FeatureStoreTruthTest {
    /** float32 against float64 on values of order 1. */
    private static final double TOL = 1e-4;
    private static final int TOP_K = 5;

    @TempDir
    static Path dir;
    private static Path model;
    private static Corpus corpus;

    @BeforeAll
    static void fixtures() throws IOException {
        model = TinyLm.model(dir.resolve("model"));
        corpus = Corpora.bundled();
    }

    /**
     * The last case is 17,000 features wide: enough work per context that the per-feature bookkeeping splits over two
     * threads (TwoWay), and must still give the definitions' answer for every feature.
     */
    @ParameterizedTest(name = "apply_b_dec_to_input {0}, {1} features")
    @org.junit.jupiter.params.provider.CsvSource({"true, " + TinyLm.LATENTS, "false, " + TinyLm.LATENTS,
        "true, 17000"})
    void theStoreHoldsWhatTheDefinitionsGive(boolean applyBDec, int latents) throws IOException {
        Path sae = TinyLm.sparseSae(dir.resolve("sae-" + applyBDec + latents), 5, applyBDec, latents);
        // 16-token contexts and a budget that keeps the bands exact: fewer contexts than QuantileSampler.SAMPLE.
        StoreSettings settings = new StoreSettings(16, 500L, TOP_K, 7);
        Path out = dir.resolve("store-" + applyBDec + latents);
        FeatureStoreBuild.Summary summary = FeatureStoreBuild.run(
                new FeatureStoreBuild.Request(model, CheckpointLoader.load(sae), TinyLm.HOOK, corpus, settings), out,
                false, TaskMonitor.none());
        List<int[]> contexts = TokenContexts.of(corpus, Gpt2Tokenizer.r50k(), 16, 500L, TinyLm.POSITIONS).contexts();
        assertTrue(contexts.size() < QuantileSampler.SAMPLE, "the bands are exact only when the sample holds all");
        FeatureTruth truth = FeatureTruth.of(model, sae, contexts);
        FeatureStore store = FeatureStore.open(out);

        assertEquals(truth.tokens(), summary.tokens());
        assertEquals(contexts.size(), summary.contexts());
        assertEquals(latents, store.features());
        int dead = 0;
        for (int j = 0; j < truth.features(); j++) {
            FeatureReport r = store.feature(j);
            String f = "feature " + j;
            assertEquals(truth.density(j), r.density(), truth.nearZero(j, TOL) / (double) truth.tokens() + 1e-12, f);
            assertEquals(truth.max(j), r.maxActivation(), TOL, f);
            assertEquals(truth.mean(j), r.meanActivation(), TOL, f);
            dead += r.density() == 0 ? 1 : 0;
            checkTopContexts(truth, j, r);
            checkHistogram(truth, j, r.histogram());
            checkExamples(truth, j, contexts, r);
            checkQuantileBands(truth, j, r);
        }
        assertTrue(dead >= 1, "the last feature never fires");
        assertTrue(dead < truth.features() / 2, "most features fire: the test compares something");
        assertEquals(dead, summary.deadFeatures());
        assertEquals(dead, store.manifest().counts().deadFeatures());
    }

    /** The top-k list is the truth's, in order; only a near-tie in float64 may swap two contexts. */
    private static void checkTopContexts(FeatureTruth truth, int j, FeatureReport r) {
        List<Integer> ranked = truth.ranked(j);
        assertEquals(Math.min(TOP_K, ranked.size()), r.examples().size(), "feature " + j);
        for (int i = 0; i < r.examples().size(); i++) {
            FeatureReport.Example e = r.examples().get(i);
            double expected = truth.contextMax(ranked.get(i), j);
            assertEquals(expected, e.max(), TOL, "feature " + j + " rank " + i);
            boolean nearTie = (i > 0 && truth.contextMax(ranked.get(i - 1), j) - expected < TOL)
                    || (i + 1 < ranked.size() && expected - truth.contextMax(ranked.get(i + 1), j) < TOL);
            if (!nearTie) {
                assertEquals(ranked.get(i), e.context(), "feature " + j + " rank " + i);
            }
        }
    }

    /** Exact counts for the edges reported, but for values within rounding of an edge; at most 32 log-spaced bins. */
    private static void checkHistogram(FeatureTruth truth, int j, Histogram h) {
        List<Double> positives = truth.positives(j);
        long total = Arrays.stream(h.counts()).sum();
        if (h.counts().length == 0) {
            assertTrue(positives.isEmpty());
            return;
        }
        assertTrue(h.counts().length <= 32);
        double[] edges = h.edges();
        assertEquals(positives.stream().mapToDouble(d -> d).min().orElseThrow(), edges[0], TOL);
        assertEquals(truth.max(j), edges[edges.length - 1], TOL);
        for (int b = 1; b < edges.length; b++) {
            assertTrue(edges[b] >= edges[b - 1]);
        }
        long[] expected = new long[h.counts().length];
        long ambiguous = 0;
        for (double a : positives) {
            int bin = 0;
            while (bin + 1 < expected.length && a >= edges[bin + 1]) {
                bin++;
            }
            expected[bin]++;
            for (int b = 1; b + 1 < edges.length; b++) {
                ambiguous += Math.abs(a - edges[b]) < TOL ? 1 : 0;
            }
        }
        long off = 0;
        for (int b = 0; b < expected.length; b++) {
            off += Math.abs(expected[b] - h.counts()[b]);
        }
        assertTrue(off <= 2 * ambiguous, "feature " + j + ": " + Arrays.toString(expected) + " vs "
                + Arrays.toString(h.counts()));
        assertEquals(positives.size(), total, (double) truth.nearZero(j, TOL));
    }

    /** Each example's tokens and per-token activations (float16 relative to the feature's max) match the truth. */
    private static void checkExamples(FeatureTruth truth, int j, List<int[]> contexts, FeatureReport r) {
        List<FeatureReport.Example> all = new java.util.ArrayList<>(r.examples());
        r.quantileSamples().forEach(b -> all.addAll(b.examples()));
        double tol = TOL + r.maxActivation() / 2048;
        for (FeatureReport.Example e : all) {
            int[] context = contexts.get(e.context());
            assertArrayEquals(Arrays.copyOfRange(context, 1, context.length), e.ids());
            assertEquals(truth.length(e.context()), e.activations().length);
            for (int t = 0; t < e.activations().length; t++) {
                assertEquals(truth.activation(e.context(), t, j), e.activations()[t], tol, "feature " + j);
            }
            assertEquals(truth.contextMax(e.context(), j), truth.activation(e.context(), e.position(), j), TOL);
            assertEquals(e.max(), e.activations()[e.position()], tol);
            assertTrue(e.max() > 0);
        }
    }

    /**
     * Samples come from the contexts where the feature fires, outside the top list, each in its band: with all of them
     * in the sample, the band from quantile b/3 holds ranks ⌊b·n/3⌋ … ⌊(b+1)·n/3⌋ − 1 of the n contexts ordered by
     * maximum, lowest first.
     */
    private static void checkQuantileBands(FeatureTruth truth, int j, FeatureReport r) {
        List<Integer> lowestFirst = new java.util.ArrayList<>(truth.ranked(j));
        java.util.Collections.reverse(lowestFirst);
        int n = lowestFirst.size();
        Set<Integer> top = new HashSet<>();
        r.examples().forEach(e -> top.add(e.context()));
        int eligible = n - top.size();
        int sampled = 0;
        for (FeatureReport.QuantileBand band : r.quantileSamples()) {
            assertEquals(1.0 / 3, band.upperQuantile() - band.lowerQuantile(), 1e-12);
            assertTrue(band.examples().size() <= QuantileSampler.PER_BAND);
            for (int i = 0; i < band.examples().size(); i++) {
                FeatureReport.Example e = band.examples().get(i);
                assertFalse(top.contains(e.context()), "feature " + j + ": a sample repeats a top context");
                int rank = lowestFirst.indexOf(e.context());
                assertTrue(rank >= 0, "feature " + j + ": sampled a context where it does not fire");
                int b = (int) Math.round(band.lowerQuantile() * 3);
                assertTrue(rank >= b * n / 3 && rank < (b + 1) * n / 3,
                        "feature " + j + ": rank " + rank + " of " + n + " in band " + band);
                if (i > 0) {
                    assertTrue(band.examples().get(i - 1).max() >= e.max(), "band in rank order");
                }
                sampled++;
            }
        }
        // Every band offers PER_BAND of its non-top contexts, or all of them.
        assertTrue(sampled <= eligible);
        if (n >= 3 * (TOP_K + QuantileSampler.PER_BAND)) {
            assertTrue(sampled >= 2 * QuantileSampler.PER_BAND, "feature " + j + " sampled only " + sampled);
        }
    }
}
