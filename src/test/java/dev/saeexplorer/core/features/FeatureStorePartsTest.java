package dev.saeexplorer.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pieces of a store's one pass, each against the obvious slow way. */
class FeatureStorePartsTest {

    @Test
    void everyValueFallsInTheGridCellWhoseEdgesHoldIt() {
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) Math.exp(r.nextGaussian() * 8);
            int cell = LogHistogram.cell(v);
            if (cell > 0) {
                assertTrue(LogHistogram.lowerEdge(cell) <= v, v + " below its cell");
            }
            if (cell + 1 < LogHistogram.CELLS) {
                assertTrue(v < LogHistogram.lowerEdge(cell + 1), v + " above its cell");
            }
        }
        int one = LogHistogram.cell(1f);
        assertEquals(1.0, LogHistogram.lowerEdge(one));
        assertEquals(one - 1, LogHistogram.cell(Math.nextDown(1f)));
        assertEquals(0, LogHistogram.cell(Float.MIN_VALUE));
        assertEquals(LogHistogram.CELLS - 1, LogHistogram.cell(Float.MAX_VALUE));
    }

    @Test
    void aWideFeatureGetsAtMost32LogSpacedBinsWithExactCounts() {
        LogHistogram h = new LogHistogram(1);
        Random r = new Random(2);
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            float v = (float) Math.pow(10, -4 + 8 * r.nextDouble()); // eight decades: far more than 32 cells
            values.add(v);
            h.add(0, v);
        }
        float min = Collections.min(values);
        float max = Collections.max(values);
        Histogram hist = h.histogram(0, min, max);
        double[] edges = hist.edges();
        assertTrue(hist.counts().length <= LogHistogram.MAX_BINS && hist.counts().length >= 16);
        assertEquals(min, edges[0]);
        assertEquals(max, edges[edges.length - 1]);
        long[] expected = new long[hist.counts().length];
        for (float v : values) {
            int b = 0;
            while (b + 1 < expected.length && v >= edges[b + 1]) {
                b++;
            }
            expected[b]++;
        }
        assertArrayEquals(expected, hist.counts());
        double ratio = edges[2] / edges[1];
        for (int b = 2; b + 2 < edges.length; b++) {
            assertEquals(ratio, edges[b + 1] / edges[b], 1e-9, "inner bins are equally wide on a log scale");
        }
    }

    @Test
    void aSingleValueIsOneBin() {
        LogHistogram h = new LogHistogram(2);
        h.add(1, 3f);
        h.add(1, 3f);
        Histogram hist = h.histogram(1, 3f, 3f);
        assertArrayEquals(new double[] {3, 3}, hist.edges());
        assertArrayEquals(new long[] {2}, hist.counts());
    }

    @Test
    void theTopContextsAreTheSortedListsHeadWithTiesToTheLowerContext() {
        Random r = new Random(3);
        int features = 5;
        int k = 7;
        TopContexts top = new TopContexts(features, k);
        List<List<ContextMax>> all = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            all.add(new ArrayList<>());
        }
        List<int[]> offers = new ArrayList<>();
        for (int c = 0; c < 400; c++) {
            for (int j = 0; j < features; j++) {
                if (r.nextInt(3) > 0) {
                    offers.add(new int[] {j, c, 1 + r.nextInt(20)}); // few distinct maxima: many ties
                }
            }
        }
        Collections.shuffle(offers, r); // the heap must not rely on contexts arriving in order
        for (int[] o : offers) {
            top.offer(o[0], o[2], o[1]);
            all.get(o[0]).add(new ContextMax(o[1], o[2]));
        }
        for (int j = 0; j < features; j++) {
            List<ContextMax> sorted = new ArrayList<>(all.get(j));
            sorted.sort(Comparator.comparingDouble((ContextMax c) -> -c.max()).thenComparingInt(ContextMax::context));
            assertEquals(sorted.subList(0, k), Arrays.asList(top.ranked(j)), "feature " + j);
        }
    }

    @Test
    void theQuantileSampleDependsOnTheSeedButNotOnTheOrder() {
        QuantileSampler inOrder = new QuantileSampler(1, 9);
        QuantileSampler shuffled = new QuantileSampler(1, 9);
        QuantileSampler otherSeed = new QuantileSampler(1, 10);
        List<Integer> contexts = new ArrayList<>();
        for (int c = 0; c < 1000; c++) {
            contexts.add(c);
            inOrder.offer(0, c * 0.01f, c);
            otherSeed.offer(0, c * 0.01f, c);
        }
        Collections.shuffle(contexts, new Random(4));
        for (int c : contexts) {
            shuffled.offer(0, c * 0.01f, c);
        }
        ContextMax[][] bands = inOrder.bands(0, Set.of());
        assertEquals(Arrays.deepToString(bands), Arrays.deepToString(shuffled.bands(0, Set.of())));
        assertTrue(!Arrays.deepToString(bands).equals(Arrays.deepToString(otherSeed.bands(0, Set.of()))));
        // A uniform sample of 60 of 1000 evenly spread maxima: each band's samples lie in about its third.
        for (int b = 0; b < QuantileSampler.BANDS; b++) {
            assertEquals(QuantileSampler.PER_BAND, bands[b].length);
            for (ContextMax c : bands[b]) {
                double q = c.context() / 1000.0;
                double upper = 1 - b / 3.0;
                assertTrue(q > upper - 1 / 3.0 - 0.12 && q < upper + 0.12, "band " + b + ": " + c);
            }
        }
    }
}
