package dev.saeexplorer.core.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.superposition.SparseSampler;
import dev.saeexplorer.core.superposition.SyntheticData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each way of drawing x against its specification (World's documentation), with fixed seeds. A frequency estimated from
 * N independent samples has standard deviation √(p(1 − p)/N); the tolerances are 5 such deviations or more, so a
 * correct sampler fails with probability below 10⁻⁶ per check, and the seeds are fixed, so the tests are deterministic.
 */
class WorldSamplerTest {
    private static final World.Magnitude.Uniform UNIFORM = new World.Magnitude.Uniform();

    private static long[] counts(WorldSampler s, int samples, long[] pairs, int a, int b) {
        int n = s.features();
        long[] c = new long[n + 1]; // c[n]: total active count
        int[] idx = new int[n];
        double[] val = new double[n];
        for (int r = 0; r < samples; r++) {
            int k = s.nextActive(idx, val);
            boolean hasA = false;
            boolean hasB = false;
            for (int j = 0; j < k; j++) {
                c[idx[j]]++;
                hasA |= idx[j] == a;
                hasB |= idx[j] == b;
                if (j > 0) {
                    assertTrue(idx[j] > idx[j - 1], "indices ascend");
                }
            }
            c[n] += k;
            if (pairs != null && hasA && hasB) {
                pairs[0]++;
            }
        }
        return c;
    }

    @Test
    void theUniformWorldReproducesSparseSamplerExactly() {
        World w = World.uniform("preset:pentagon", 0.7);
        WorldSampler ws = new WorldSampler(w, 5, 42);
        SparseSampler ss = new SparseSampler(5, 0.7, 42);
        for (int r = 0; r < 1000; r++) {
            assertArrayEquals(ss.next(), ws.next());
        }
        SyntheticData today = new SyntheticData(w.superposition(), 0.7);
        SyntheticData world = w.data();
        assertEquals(0.7, world.sparsity());
        assertArrayEquals(today.sample(200, 9).x().ravel().toFloatVector(), world.sample(200, 9).x().ravel().toFloatVector());
        assertArrayEquals(today.batches(64, 3).next(), world.batches(64, 3).next());
    }

    @Test
    void uniformFiringOutsideTheFastPathFiresEachFeatureAt1MinusS() {
        // A constant magnitude takes the general path; p = 0.3, N = 20000: σ = √(0.21/20000) ≈ 0.0032, tolerance 0.02.
        World w = new World("preset:identity", new World.Firing.Uniform(0.7), new World.Magnitude.Constant(2.0), null, null);
        WorldSampler s = new WorldSampler(w, 10, 1);
        int[] idx = new int[10];
        double[] val = new double[10];
        long[] c = new long[10];
        for (int r = 0; r < 20000; r++) {
            int k = s.nextActive(idx, val);
            for (int j = 0; j < k; j++) {
                c[idx[j]]++;
                assertEquals(2.0, val[j]);
            }
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(0.3, c[i] / 20000.0, 0.02, "feature " + i);
        }
    }

    @Test
    void zipfFrequenciesFollowThePowerLawAndTheMeanActiveCount() {
        // n = 20, a = 1, mean 3: c = 3 / H_20 ≈ 0.834 < 1, so nothing is capped and p_i = c / (i + 1).
        World w = new World("preset:digons", new World.Firing.Zipf(1.0, 3.0), UNIFORM, null, null);
        double[] p = w.firingProbabilities(20);
        double h = 0;
        for (int i = 0; i < 20; i++) {
            h += 1.0 / (i + 1);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(3.0 / h / (i + 1), p[i], 1e-12);
        }
        int samples = 40000;
        long[] c = counts(new WorldSampler(w, 20, 7), samples, null, 0, 0);
        for (int i = 0; i < 20; i++) {
            double tol = 5 * Math.sqrt(p[i] * (1 - p[i]) / samples); // ≤ 0.0093 (p_0), ≥ 0.0043 (p_19)
            assertEquals(p[i], c[i] / (double) samples, tol, "feature " + i);
        }
        // The count's variance is Σ p(1 − p) ≤ 3, so the mean's σ ≤ √(3/40000) ≈ 0.0087; tolerance 0.05.
        assertEquals(3.0, c[20] / (double) samples, 0.05);
    }

    @Test
    void zipfCapsAtOneAndKeepsTheMean() {
        // a = 2, mean 5 of 10: c · 1 would exceed 1, so the first features fire always and the rest share the rest.
        double[] p = new World("preset:identity", new World.Firing.Zipf(2.0, 5.0), UNIFORM, null, null)
                .firingProbabilities(10);
        assertEquals(1.0, p[0]);
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            assertTrue(p[i] <= 1 && p[i] > 0);
            if (i > 0) {
                assertTrue(p[i] <= p[i - 1]);
            }
            sum += p[i];
        }
        assertEquals(5.0, sum, 1e-9);
        int k = 0;
        while (p[k] == 1.0) {
            k++;
        }
        for (int i = k + 1; i < 10; i++) { // the uncapped ones keep the power law
            assertEquals(Math.pow((double) (i + 1) / (k + 1), -2), p[i] / p[k], 1e-9);
        }
        double[] all = new World("preset:identity", new World.Firing.Zipf(1.0, 10.0), UNIFORM, null, null)
                .firingProbabilities(10);
        for (double v : all) {
            assertEquals(1.0, v, 1e-12);
        }
    }

    @Test
    void aGroupFiresTogether() {
        // Nothing fires alone (S = 1): features 1, 3, 4 fire together with r = 0.2 or not at all; σ ≈ 0.0028, tol 0.015.
        World w = new World("preset:hexagon", new World.Firing.Uniform(1.0), UNIFORM,
                List.of(new World.Group(List.of(1, 3, 4), 0.2)), null);
        WorldSampler s = new WorldSampler(w, 6, 3);
        int[] idx = new int[6];
        double[] val = new double[6];
        int fired = 0;
        for (int r = 0; r < 20000; r++) {
            int k = s.nextActive(idx, val);
            assertTrue(k == 0 || (k == 3 && idx[0] == 1 && idx[1] == 3 && idx[2] == 4));
            fired += k == 3 ? 1 : 0;
        }
        assertEquals(0.2, fired / 20000.0, 0.015);
        // With individual firing too (p = 0.1): P(1 and 3) = r + (1 − r)p² = 0.2 + 0.8 · 0.01 = 0.208, far above
        // the 0.01 of independence; σ ≈ 0.0029, tolerance 0.015.
        World both = new World("preset:hexagon", new World.Firing.Uniform(0.9), UNIFORM,
                List.of(new World.Group(List.of(1, 3, 4), 0.2)), null);
        long[] pair = new long[1];
        long[] c = counts(new WorldSampler(both, 6, 4), 20000, pair, 1, 3);
        assertEquals(0.208, pair[0] / 20000.0, 0.015);
        assertEquals(1 - 0.8 * 0.9, c[1] / 20000.0, 0.016); // P(1) = 1 − (1 − r)(1 − p) = 0.28
        assertEquals(0.1, c[0] / 20000.0, 0.011); // ungrouped features as before
    }

    @Test
    void childrenFireOnlyWithTheirParentsAtTheirConditionalRate() {
        // S = 0.5; 0 → 1 with q = 0.4, 1 → 2 with q = 0.5. Given ~20000 samples with the parent, σ ≈ 0.0035: tol 0.02.
        World w = new World("preset:pentagon", new World.Firing.Uniform(0.5), UNIFORM, null,
                List.of(new World.Edge(1, 2, 0.5), new World.Edge(0, 1, 0.4)));
        WorldSampler s = new WorldSampler(w, 5, 11);
        int[] idx = new int[5];
        double[] val = new double[5];
        long parent0 = 0, child1 = 0, parent1 = 0, child2 = 0;
        for (int r = 0; r < 40000; r++) {
            int k = s.nextActive(idx, val);
            boolean[] on = new boolean[5];
            for (int j = 0; j < k; j++) {
                on[idx[j]] = true;
            }
            assertFalse(on[1] && !on[0], "child 1 without parent 0");
            assertFalse(on[2] && !on[1], "child 2 without parent 1");
            parent0 += on[0] ? 1 : 0;
            child1 += on[1] ? 1 : 0;
            parent1 += on[1] ? 1 : 0;
            child2 += on[2] ? 1 : 0;
        }
        assertEquals(0.5, parent0 / 40000.0, 0.0125); // σ = 0.0025
        assertEquals(0.4, child1 / (double) parent0, 0.02);
        assertEquals(0.5, child2 / (double) parent1, 0.03); // ~8000 samples with parent 1: σ ≈ 0.0056
    }

    @Test
    void exponentialMagnitudesHaveTheirMean() {
        // Exponential(mean 0.5): sd 0.5; 20000 features with p = 0.5 ⇒ ~100000 values: σ of the mean ≈ 0.0016.
        World w = new World("preset:identity", new World.Firing.Uniform(0.5), new World.Magnitude.Exponential(0.5),
                null, null);
        WorldSampler s = new WorldSampler(w, 10, 5);
        int[] idx = new int[10];
        double[] val = new double[10];
        double sum = 0;
        long count = 0;
        for (int r = 0; r < 20000; r++) {
            int k = s.nextActive(idx, val);
            for (int j = 0; j < k; j++) {
                assertTrue(val[j] >= 0);
                sum += val[j];
                count++;
            }
        }
        assertEquals(0.5, sum / count, 0.01);
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        World w = new World("preset:pentagon", new World.Firing.Zipf(1.2, 2.0), UNIFORM,
                List.of(new World.Group(List.of(0, 2), 0.1)), List.of(new World.Edge(0, 4, 0.3)));
        WorldSampler a = new WorldSampler(w, 5, 8);
        WorldSampler b = new WorldSampler(w, 5, 8);
        for (int r = 0; r < 200; r++) {
            assertArrayEquals(a.next(), b.next());
        }
    }
}
