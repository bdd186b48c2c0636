package dev.saeexplorer.core.polysemy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.pseval.RandomBaseline;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolysemyWorldTest {
    private static final EnumSet<PolysemyEncoder> UNTRAINED = EnumSet.of(PolysemyEncoder.CLOSED_FORM,
            PolysemyEncoder.ORACLE, PolysemyEncoder.RANDOM);

    private static PolysemyResult untrained(PolysemyWorld world, int pairs, long seed) {
        return PolysemyEvaluation.run(world, new PolysemyEvaluation.Settings(world.features(), 1, 1, pairs, seed),
                UNTRAINED, TaskMonitor.none());
    }

    @Test
    void wpHasUnitColumnsAndOrthonormalColumnsWithoutSuperposition() {
        PolysemyWorld flat = new PolysemyWorld(5, 3, 4, 30, 0.5, 1, 7); // n = 24 ≤ 30
        assertFalse(flat.superposed());
        double[][] g = gram(flat.wp());
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                assertEquals(i == j ? 1.0 : 0.0, g[i][j], 1e-12, "G[" + i + "][" + j + "]");
            }
        }
        PolysemyWorld packed = new PolysemyWorld(5, 3, 4, 10, 0.5, 1, 7); // n = 24 > 10
        assertTrue(packed.superposed());
        double[][] gp = gram(packed.wp());
        double offDiagonal = 0;
        for (int i = 0; i < gp.length; i++) {
            assertEquals(1.0, gp[i][i], 1e-12);
            for (int j = 0; j < i; j++) {
                offDiagonal = Math.max(offDiagonal, Math.abs(gp[i][j]));
            }
        }
        assertTrue(offDiagonal > 0.1, "24 features in 10 dimensions must interfere");
    }

    @Test
    void aContextHasItsWordItsSenseAndBackgroundInZeroToOne() {
        PolysemyWorld w = new PolysemyWorld(4, 3, 50, 20, 0.3, 2.5, 1);
        assertEquals(4 + 12 + 50, w.features());
        double[] x = w.context(2, 1, w.backgroundSampler(3));
        assertEquals(1.0, x[w.wordFeature(2)]);
        assertEquals(2.5, x[w.senseFeature(2, 1)]);
        assertEquals(4 + 2 * 3 + 1, w.senseFeature(2, 1));
        int active = 0;
        for (int j = 0; j < w.features(); j++) {
            if (j >= w.backgroundFeature(0)) {
                assertTrue(x[j] >= 0 && x[j] <= 1);
                active += x[j] > 0 ? 1 : 0;
            } else if (j != w.wordFeature(2) && j != w.senseFeature(2, 1)) {
                assertEquals(0.0, x[j]);
            }
        }
        assertTrue(active > 10 && active < 60, "about 70% of 50 background features active, got " + active);
        double[] xp = w.observe(x);
        double[][] wp = w.wp();
        for (int i = 0; i < w.dims(); i++) {
            double s = 0;
            for (int j = 0; j < w.features(); j++) {
                s += wp[i][j] * x[j];
            }
            assertEquals(s, xp[i], 1e-12);
        }
    }

    @Test
    void pairLabelsAreBalancedAndMatchTheSenses() {
        PolysemyWorld w = new PolysemyWorld(10, 4, 5, 20, 0.9, 1, 2);
        int n = 20_000;
        List<PolysemyPair> pairs = PolysemySamples.pairs(w, n, 11);
        long same = 0;
        for (PolysemyPair p : pairs) {
            assertEquals(p.sense1() == p.sense2() ? 1 : 0, p.label());
            assertEquals(1.0, p.x1()[w.wordFeature(p.word())]);
            assertEquals(1.0, p.x2()[w.wordFeature(p.word())]);
            assertEquals(1.0, p.x1()[w.senseFeature(p.word(), p.sense1())]);
            assertEquals(1.0, p.x2()[w.senseFeature(p.word(), p.sense2())]);
            same += p.label();
        }
        // Binomial(20000, 1/2): standard deviation ≈ 71; 5σ ≈ 354.
        assertEquals(n / 2.0, same, 354, "label-1 pairs");
    }

    @Test
    void seedsReproduce() {
        PolysemyWorld a = new PolysemyWorld(6, 2, 6, 8, 0.8, 1, 5);
        PolysemyWorld b = new PolysemyWorld(6, 2, 6, 8, 0.8, 1, 5);
        PolysemyWorld c = new PolysemyWorld(6, 2, 6, 8, 0.8, 1, 6);
        for (int i = 0; i < a.dims(); i++) {
            assertArrayEquals(a.wp()[i], b.wp()[i]);
        }
        assertFalse(java.util.Arrays.equals(a.wp()[0], c.wp()[0]));
        List<PolysemyPair> p1 = PolysemySamples.pairs(a, 50, 3);
        List<PolysemyPair> p2 = PolysemySamples.pairs(a, 50, 3);
        for (int i = 0; i < 50; i++) {
            assertEquals(p1.get(i).label(), p2.get(i).label());
            assertArrayEquals(p1.get(i).x1(), p2.get(i).x1());
            assertArrayEquals(p1.get(i).x2(), p2.get(i).x2());
        }
        assertArrayEquals(PolysemySamples.batches(a, 16, 4).next(), PolysemySamples.batches(a, 16, 4).next());
        PolysemyEvaluation.Settings s = new PolysemyEvaluation.Settings(4, 30, 16, 40, 9);
        PolysemyResult r1 = PolysemyEvaluation.run(a, s, TaskMonitor.none());
        PolysemyResult r2 = PolysemyEvaluation.run(a, s, TaskMonitor.none());
        assertEquals(r1, r2);
    }

    @Test
    void withoutSuperpositionDominantSensesAreSeparatedPerfectly() {
        // n = 8 + 16 + 4 = 28 ≤ 32: orthonormal W_p; R = 2 beats the word (1) and any background (≤ 1).
        PolysemyWorld w = new PolysemyWorld(8, 2, 4, 32, 0.5, 2.0, 3);
        PolysemyResult r = untrained(w, 500, 4);
        for (PolysemyEncoder e : List.of(PolysemyEncoder.CLOSED_FORM, PolysemyEncoder.ORACLE)) {
            var m = r.get(e).metrics();
            assertEquals(1.0, m.accuracy(), 0.0, e.id());
            assertEquals(r.same(), r.get(e).counts().tp());
            assertEquals(r.pairs() - r.same(), r.get(e).counts().tn());
        }
        // Silent background: no background features at all.
        PolysemyResult silent = untrained(new PolysemyWorld(8, 3, 0, 32, 0.5, 2.0, 3), 300, 5);
        assertEquals(1.0, silent.get(PolysemyEncoder.CLOSED_FORM).metrics().accuracy(), 0.0);
        assertEquals(1.0, silent.get(PolysemyEncoder.ORACLE).metrics().accuracy(), 0.0);
    }

    @Test
    void withoutSuperpositionADominantWordMakesEveryPairSame() {
        PolysemyWorld w = new PolysemyWorld(8, 2, 4, 32, 0.5, 0.5, 3);
        PolysemyResult r = untrained(w, 500, 4);
        double share = r.same() / (double) r.pairs();
        for (PolysemyEncoder e : List.of(PolysemyEncoder.CLOSED_FORM, PolysemyEncoder.ORACLE)) {
            var c = r.get(e).counts();
            assertEquals(0, c.fn() + c.tn(), e.id() + " predicts 'same' for every pair");
            assertEquals(share, r.get(e).metrics().accuracy(), 1e-12, e.id());
            assertEquals(1.0, r.get(e).metrics().recall(), 0.0);
            assertNull(r.get(e).metrics().sensitivity(), "TN + FN = 0: no sensitivity");
        }
    }

    @Test
    void theRandomEncoderIsTheRandomBaselineForTheLatents() {
        PolysemyWorld w = new PolysemyWorld(5, 2, 3, 6, 0.9, 1, 1);
        PolysemyResult r = PolysemyEvaluation.run(w, new PolysemyEvaluation.Settings(7, 1, 1, 200, 2), UNTRAINED,
                TaskMonitor.none());
        assertNull(r.get(PolysemyEncoder.RANDOM).counts());
        assertEquals(RandomBaseline.expected(7, r.same(), r.pairs() - r.same()), r.get(PolysemyEncoder.RANDOM).metrics());
    }

    @Test
    void badSettingsNameTheirParameter() {
        assertParam(Param.WORDS, () -> new PolysemyWorld(0, 2, 0, 4, 0.5, 1, 0));
        assertParam(Param.SENSES, () -> new PolysemyWorld(3, 1, 0, 4, 0.5, 1, 0));
        assertParam(Param.BACKGROUND, () -> new PolysemyWorld(3, 2, -1, 4, 0.5, 1, 0));
        assertParam(Param.DIMS, () -> new PolysemyWorld(3, 2, 0, -4, 0.5, 1, 0));
        assertParam(Param.SPARSITY, () -> new PolysemyWorld(3, 2, 0, 4, 1.0, 1, 0));
        assertParam(Param.SPARSITY, () -> new PolysemyWorld(3, 2, 0, 4, -0.1, 1, 0));
        assertParam(Param.SENSE_STRENGTH, () -> new PolysemyWorld(3, 2, 0, 4, 0.5, 0, 0));
        assertParam(Param.SENSE_STRENGTH, () -> new PolysemyWorld(3, 2, 0, 4, 0.5, Double.NaN, 0));
        assertParam(Param.LATENTS, () -> new PolysemyEvaluation.Settings(0, 1, 1, 1, 0));
        assertParam(Param.STEPS, () -> new PolysemyEvaluation.Settings(1, 0, 1, 1, 0));
        assertParam(Param.PAIRS, () -> new PolysemyEvaluation.Settings(1, 1, 1, 0, 0));
    }

    private static void assertParam(Param p, org.junit.jupiter.api.function.Executable e) {
        assertEquals(p, assertThrows(InvalidInputException.class, e).parameter());
    }

    private static double[][] gram(double[][] wp) {
        int n = wp[0].length;
        double[][] g = new double[n][n];
        for (double[] row : wp) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i][j] += row[i] * row[j];
                }
            }
        }
        return g;
    }
}
