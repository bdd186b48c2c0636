package dev.saeexplorer.core.superposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Theorem 2: with non-positive interference and unit-norm columns, the closed-form SAE W_m = W_pᵀ recovers the ground
 * truth as S → 1.
 *
 * <p>The mechanism: for a 1-sparse x = v·e_i, x_m = ReLU(G x) = ReLU(v·G[:, i]); G_ii = ‖w_i‖² and G_ji ≤ 0 for j ≠ i,
 * so x_m = ‖w_i‖²·v·e_i. That is exact recovery only when ‖w_i‖ = 1. {@link Presets#randomNonPositive} scales its
 * columns to norms in [0.5, 1], so its raw matrices recover a 1-sparse x shrunk by ‖w_i‖²; the tests below normalise
 * them to unit norm for the exact-recovery claims (which keeps every inner product's sign) and test the raw
 * matrices' shrinkage separately.
 */
class Theorem2Test {

    /** The same matrix with each column divided by its norm. */
    static Superposition unitColumns(Superposition sp) {
        double[][] w = sp.matrix();
        int np = w.length;
        int n = w[0].length;
        for (int c = 0; c < n; c++) {
            double s = 0;
            for (int r = 0; r < np; r++) {
                s += w[r][c] * w[r][c];
            }
            double norm = Math.sqrt(s);
            for (int r = 0; r < np; r++) {
                w[r][c] /= norm;
            }
        }
        return Superposition.of(w);
    }

    static double[] squaredColumnNorms(Superposition sp) {
        double[][] w = sp.matrix();
        double[] out = new double[w[0].length];
        for (double[] row : w) {
            for (int c = 0; c < out.length; c++) {
                out[c] += row[c] * row[c];
            }
        }
        return out;
    }

    static List<Superposition> unitNormNonPositiveMatrices() {
        List<Superposition> list = new ArrayList<>();
        list.add(Presets.example1());
        list.add(Presets.example2());
        list.add(Presets.digons(4));
        list.add(Presets.regularPolygon(3));
        list.add(Presets.regularPolygon(4));
        list.add(Presets.identity(4));
        for (long seed = 0; seed < 10; seed++) {
            list.add(unitColumns(Presets.randomNonPositive(10, 20, seed)));
            list.add(unitColumns(Presets.randomNonPositive(5, 8, seed + 100)));
            list.add(unitColumns(Presets.randomNonPositive(1, 2, seed + 200)));
            list.add(unitColumns(Presets.randomNonPositive(7, 7, seed + 300)));
        }
        return list;
    }

    /** Some pair interferes by neither 0 nor −1, i.e. −1/(p−1) for a block of p ≥ 3 features. */
    static boolean hasBlockOfAtLeastThree(Superposition sp) {
        double[][] w = sp.matrix();
        int n = w[0].length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dot = 0;
                for (double[] row : w) {
                    dot += row[i] * row[j];
                }
                if (dot < -1e-6 && dot > -1 + 1e-6) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SampleStats stats(Superposition sp, double sparsity, int samples, long seed) {
        return new MonteCarlo(new ClosedForm(sp, new Activation.Relu()))
                .run(sparsity, samples, seed, null, TaskMonitor.none());
    }

    // ---------------------------------------------------------------- the 1-sparse mechanism

    @Test
    void oneSparseInputIsRecoveredExactlyByEveryUnitNormNonPositiveSuperposition() {
        double[] values = {1e-3, 0.37, 1.0, 5.0};
        int checked = 0;
        for (Superposition sp : unitNormNonPositiveMatrices()) {
            // Preconditions checked here, not assumed: unit norms and non-positive interference.
            double[][] w = sp.matrix();
            int n = sp.features();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (double[] row : w) {
                        dot += row[i] * row[j];
                    }
                    if (i == j) {
                        assertEquals(1.0, dot, 1e-12);
                    } else {
                        assertTrue(dot <= 1e-9, "G[" + i + "][" + j + "] = " + dot);
                    }
                }
            }
            ClosedForm cf = new ClosedForm(sp, new Activation.Relu());
            for (int i = 0; i < n; i++) {
                for (double v : values) {
                    double[] x = new double[n];
                    x[i] = v;
                    ClosedFormResult r = cf.evaluate(x, null);
                    for (int j = 0; j < n; j++) {
                        assertEquals(j == i ? FeatureStatus.EXACT : FeatureStatus.INACTIVE, r.status()[j],
                                "feature " + j + " for x = " + v + "·e_" + i);
                    }
                    assertEquals(v, r.xm()[i], 1e-12 * Math.max(1, v));
                    assertEquals(0.0, r.lossGT(), 1e-20 + 1e-18 * v * v);
                    assertEquals(0.0, r.lossSAE(), 1e-20 + 1e-18 * v * v);
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000);
    }

    @Test
    void oneSparseInputIsShrunkBySquaredColumnNormWhenColumnsAreShorterThanOne() {
        for (long seed = 0; seed < 5; seed++) {
            Superposition sp = Presets.randomNonPositive(10, 20, seed);
            double[] normSq = squaredColumnNorms(sp);
            ClosedForm cf = new ClosedForm(sp, new Activation.Relu());
            for (int i = 0; i < sp.features(); i++) {
                double[] x = new double[sp.features()];
                x[i] = 0.8;
                ClosedFormResult r = cf.evaluate(x, null);
                assertEquals(normSq[i] * 0.8, r.xm()[i], 1e-12);
                // Norms lie in [0.5, 1): squared norms in [0.25, 1), so this is shrunk, never vanished.
                assertEquals(FeatureStatus.SHRUNK, r.status()[i]);
                for (int j = 0; j < sp.features(); j++) {
                    if (j != i) {
                        assertEquals(FeatureStatus.INACTIVE, r.status()[j]);
                    }
                }
                // L_GT = ((1 - ‖w‖²)·0.8)²; L_SAE = ‖W_p e‖² = ‖w‖²·((1 - ‖w‖²)·0.8)².
                double e = (1 - normSq[i]) * 0.8;
                assertEquals(e * e, r.lossGT(), 1e-12);
                assertEquals(normSq[i] * e * e, r.lossSAE(), 1e-12);
            }
        }
    }

    @Test
    void positiveInterferenceMakesA1SparseInputLightUpItsNeighbours() {
        // Pentagon: neighbours at 72° interfere by cos 72° > 0, so the closed form is not exact even at S → 1.
        Superposition sp = Presets.regularPolygon(5);
        ClosedForm cf = new ClosedForm(sp, new Activation.Relu());
        double c72 = Math.cos(2 * Math.PI / 5);
        for (int i = 0; i < 5; i++) {
            double[] x = new double[5];
            x[i] = 0.6;
            ClosedFormResult r = cf.evaluate(x, null);
            assertEquals(FeatureStatus.EXACT, r.status()[i]);
            assertEquals(FeatureStatus.SPURIOUS, r.status()[(i + 1) % 5]);
            assertEquals(FeatureStatus.SPURIOUS, r.status()[(i + 4) % 5]);
            assertEquals(FeatureStatus.INACTIVE, r.status()[(i + 2) % 5]);
            assertEquals(FeatureStatus.INACTIVE, r.status()[(i + 3) % 5]);
            assertEquals(0.6 * c72, r.xm()[(i + 1) % 5], 1e-12);
        }
    }

    // ---------------------------------------------------------------- Monte-Carlo as S → 1

    @Test
    void saeLossAndMisrecoveryVanishAsSparsityApproachesOne() {
        List<Superposition> matrices = new ArrayList<>(List.of(Presets.example2(), Presets.regularPolygon(3)));
        // Two random ones that contain a block of at least 3 features (a digon-only matrix has L_SAE ≡ 0, see below).
        // randomNonPositive(10, 20, ·) cannot serve: with n = 2·n_p every block must be a digon.
        for (long seed = 0; matrices.size() < 4 && seed < 200; seed++) {
            Superposition sp = unitColumns(Presets.randomNonPositive(10, 15, seed));
            if (hasBlockOfAtLeastThree(sp)) {
                matrices.add(sp);
            }
        }
        assertEquals(4, matrices.size(), "randomNonPositive(10, 15, seed) should sometimes build a block of ≥ 3");
        for (Superposition sp : matrices) {
            int n = sp.features();
            SampleStats dense = stats(sp, 0.5, 20_000, 1);
            SampleStats sparse = stats(sp, 0.999, 200_000, 2);
            assertTrue(sparse.lossSAE() < 1e-3, "L_SAE at S = 0.999: " + sparse.lossSAE());
            assertTrue(dense.lossSAE() > 0, "these matrices have blocks of ≥ 3 features, so L_SAE > 0 at S = 0.5");
            assertTrue(sparse.lossSAE() < dense.lossSAE() / 100, sparse.lossSAE() + " vs " + dense.lossSAE());
            // Not just fewer active features: per unit of E‖x‖² = n(1 − S)/3 the loss also falls by far.
            double denseNormalised = dense.lossSAE() / (n * 0.5 / 3);
            double sparseNormalised = sparse.lossSAE() / (n * 0.001 / 3);
            assertTrue(sparseNormalised < 0.05 * denseNormalised, sparseNormalised + " vs " + denseNormalised);

            assertNotNull(sparse.fractionShrunk());
            double misrecovered = sparse.fractionShrunk() + sparse.fractionVanished();
            double denseMisrecovered = dense.fractionShrunk() + dense.fractionVanished();
            // Only samples with ≥ 2 active features in one block can misrecover: P ≲ 4·(1 − S) per active feature.
            assertTrue(misrecovered < 0.01, "shrunk + vanished at S = 0.999: " + misrecovered);
            assertTrue(denseMisrecovered > 0.1, "shrunk + vanished at S = 0.5: " + denseMisrecovered);
            assertTrue(sparse.meanRecoveryRatio() > 0.99, "recovery " + sparse.meanRecoveryRatio());
            assertTrue(sparse.meanRecoveryRatio() <= 1 + 1e-9, "never inflated: " + sparse.meanRecoveryRatio());
            assertTrue(dense.meanRecoveryRatio() < 0.95, "dense recovery " + dense.meanRecoveryRatio());
            assertTrue(sparse.lossGT() < 1e-3);
        }
    }

    @Test
    void twiceAsManyFeaturesAsDimensionsForcesDigonsSoUnitNormSaeLossIsZero() {
        // 2·n_p vectors with pairwise non-positive inner products in ℝ^{n_p} must be n_p orthogonal antipodal pairs;
        // normalised, every pair is a unit digon and L_SAE = ‖W_p e‖² = 0 for every x (see the next test).
        for (long seed = 0; seed < 5; seed++) {
            Superposition sp = unitColumns(Presets.randomNonPositive(10, 20, seed));
            assertTrue(!hasBlockOfAtLeastThree(sp));
            SampleStats st = stats(sp, 0.5, 2_000, seed);
            assertEquals(0.0, st.lossSAE(), 1e-20 + 1e-12 * st.lossGT());
            assertTrue(st.lossGT() > 0.01);
        }
    }

    @Test
    void digonsHaveZeroSaeLossAtEverySparsityYetLoseFeaturesWhenDense() {
        // For a unit digon (w, −w), e = x − x_m = (min, min) on the pair, so W_p e = w·min − w·min = 0: L_SAE ≡ 0,
        // while L_GT = 2·min(x_a, x_b)² > 0 whenever both are active (Theorem 4: L_SAE hides the ground-truth loss).
        for (double s : new double[] {0.0, 0.5, 0.9, 0.999}) {
            SampleStats st = stats(Presets.digons(5), s, 20_000, 5);
            assertEquals(0.0, st.lossSAE(), 1e-15, "S = " + s);
            assertEquals(-st.lossGT(), st.gapSAE(), 1e-12, "S = " + s);
        }
        assertTrue(stats(Presets.digons(5), 0.5, 20_000, 5).lossGT() > 0.01);
        SampleStats sparse = stats(Presets.digons(5), 0.999, 200_000, 6);
        assertTrue(sparse.fractionShrunk() + sparse.fractionVanished() < 0.01);
        assertTrue(sparse.meanRecoveryRatio() > 0.99);
    }

    @Test
    void withColumnsShorterThanOneRecoveryTendsToTheMeanSquaredNormNotToOne() {
        // At S → 1 almost every active feature is alone, and x_m,i = ‖w_i‖² x_i; every feature is equally likely and
        // independent of its value, so Σ x_m / Σ x → mean_i ‖w_i‖².
        Superposition sp = Presets.randomNonPositive(10, 20, 4);
        double[] normSq = squaredColumnNorms(sp);
        double mean = 0;
        for (double v : normSq) {
            mean += v / normSq.length;
        }
        assertTrue(mean < 0.95, "the raw preset has columns shorter than one: mean ‖w‖² = " + mean);
        SampleStats st = stats(sp, 0.999, 400_000, 9);
        assertEquals(mean, st.meanRecoveryRatio(), 0.03);
        assertTrue(st.fractionShrunk() > 0.95, "shrunk fraction " + st.fractionShrunk());
    }
}
