package dev.saeexplorer.core.superposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.sae.Activation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The closed-form SAE W_m = W_pᵀ (design/MATH.md, Theorems 1–5) against hand-computed values and against an
 * independent re-implementation in this test that builds the n×n matrix W_pᵀΓ²W_p − I explicitly.
 */
class ClosedFormTest {
    private static final double EXACT = 1e-12;
    private static final double H = Math.sqrt(3) / 2;

    private static final FeatureStatus EX = FeatureStatus.EXACT;
    private static final FeatureStatus SH = FeatureStatus.SHRUNK;
    private static final FeatureStatus VA = FeatureStatus.VANISHED;
    private static final FeatureStatus IN = FeatureStatus.INFLATED;
    private static final FeatureStatus SP = FeatureStatus.SPURIOUS;
    private static final FeatureStatus IA = FeatureStatus.INACTIVE;

    private static ClosedFormResult relu(double[][] wp, double[] x, double[] gamma) {
        return new ClosedForm(Superposition.of(wp), new Activation.Relu()).evaluate(x, gamma);
    }

    // ---------------------------------------------------------------- the paper's examples

    @Test
    void example1ShrinksTheMorePolysemanticFeatureAndKeepsTheMonosemanticOne() {
        // W_p = [[1,0,0],[0,1,-1]], x = (0.5, 1.0, 0.8).
        // x_p = (0.5, 1.0 - 0.8) = (0.5, 0.2); W_pᵀ x_p = (0.5, 0.2, -0.2); ReLU → x_m = (0.5, 0.2, 0).
        ClosedFormResult r = relu(new double[][] {{1, 0, 0}, {0, 1, -1}}, new double[] {0.5, 1.0, 0.8}, null);
        assertArrayEquals(new double[] {0.5, 0.2}, r.xp(), EXACT);
        assertArrayEquals(new double[] {0.5, 0.2, 0.0}, r.xm(), EXACT);
        assertArrayEquals(new FeatureStatus[] {EX, SH, VA}, r.status());
    }

    @Test
    void example1HasZeroSaeLossButPositiveGroundTruthLoss() {
        // Reconstruction x̃_p = W_p x_m = (0.5, 0.2 - 0) = (0.5, 0.2) = x_p, so L_SAE = 0.
        // L_GT = (0.5-0.5)² + (1.0-0.2)² + (0.8-0)² = 0 + 0.64 + 0.64 = 1.28.
        // gap_SAE = L_SAE - L_GT = -1.28.
        ClosedFormResult r = relu(new double[][] {{1, 0, 0}, {0, 1, -1}}, new double[] {0.5, 1.0, 0.8}, null);
        assertEquals(0.0, r.lossSAE(), EXACT);
        assertEquals(1.28, r.lossGT(), EXACT);
        assertEquals(-1.28, r.gapSAE(), EXACT);
    }

    @Test
    void example1PresetMatchesThePapersMatrix() {
        ClosedFormResult r = new ClosedForm(Presets.example1(), new Activation.Relu())
                .evaluate(new double[] {0.5, 1.0, 0.8}, null);
        assertArrayEquals(new double[] {0.5, 0.2, 0.0}, r.xm(), EXACT);
        assertArrayEquals(new double[][] {{1, 0, 0}, {0, 1, -1}}, Presets.example1().matrix());
    }

    @Test
    void example2TriangleShrinksOneFeatureAndLosesTheOtherTwo() {
        // W_p = [[0, √3/2, -√3/2], [1, -1/2, -1/2]], x = (0.7, 0.5, 0.3).
        // x_p = (√3/2·(0.5-0.3), 0.7 - 0.25 - 0.15) = (0.1√3, 0.3).
        // W_pᵀ x_p = (0.3, (3/4)(0.2) - 0.15, -(3/4)(0.2) - 0.15) = (0.3, 0, -0.3) → x_m = (0.3, 0, 0).
        double[][] wp = {{0, H, -H}, {1, -0.5, -0.5}};
        ClosedFormResult r = relu(wp, new double[] {0.7, 0.5, 0.3}, null);
        assertArrayEquals(new double[] {0.1 * Math.sqrt(3), 0.3}, r.xp(), EXACT);
        assertArrayEquals(new double[] {0.3, 0.0, 0.0}, r.xm(), EXACT);
        assertArrayEquals(new FeatureStatus[] {SH, VA, VA}, r.status());
    }

    @Test
    void example2LossesMatchTheHandComputation() {
        // x̃_p = W_p x_m = (0·0.3, 1·0.3) = (0, 0.3); x_p - x̃_p = (0.1√3, 0) → L_SAE = 0.01·3 = 0.03.
        // L_GT = (0.7-0.3)² + 0.5² + 0.3² = 0.16 + 0.25 + 0.09 = 0.5.
        // gap_SAE = 0.03 - 0.5 = -0.47.
        ClosedFormResult r = new ClosedForm(Presets.example2(), new Activation.Relu())
                .evaluate(new double[] {0.7, 0.5, 0.3}, null);
        assertEquals(0.03, r.lossSAE(), EXACT);
        assertEquals(0.5, r.lossGT(), EXACT);
        assertEquals(-0.47, r.gapSAE(), EXACT);
        assertArrayEquals(new FeatureStatus[] {SH, VA, VA}, r.status());
    }

    @Test
    void example2WsaeLossWeighsTheResidualByGammaSquared() {
        // Residual x_p - x̃_p = (0.1√3, 0); with γ = (2, 5): L_WSAE = 4·0.03 + 25·0 = 0.12.
        // e = x - x_m = (0.4, 0.5, 0.3); W_p e = (√3/2·0.2, 0.4 - 0.25 - 0.15) = (0.1√3, 0).
        // gap_WSAE = ‖Γ W_p e‖² - ‖e‖² = 0.12 - 0.5 = -0.38.
        ClosedFormResult r = new ClosedForm(Presets.example2(), new Activation.Relu())
                .evaluate(new double[] {0.7, 0.5, 0.3}, new double[] {2, 5});
        assertNotNull(r.lossWSAE());
        assertEquals(0.12, r.lossWSAE(), EXACT);
        assertEquals(-0.38, r.gapWSAE(), EXACT);
    }

    @Test
    void wsaePairIsNullWithoutGamma() {
        ClosedFormResult r = new ClosedForm(Presets.example2(), new Activation.Relu())
                .evaluate(new double[] {0.7, 0.5, 0.3}, null);
        assertNull(r.lossWSAE());
        assertNull(r.gapWSAE());
    }

    @Test
    void unitGammaMakesTheWsaeEqualTheSae() {
        ClosedFormResult r = new ClosedForm(Presets.example2(), new Activation.Relu())
                .evaluate(new double[] {0.7, 0.5, 0.3}, new double[] {1, 1});
        assertEquals(0.03, r.lossWSAE(), EXACT);
        assertEquals(-0.47, r.gapWSAE(), EXACT);
    }

    @Test
    void evaluateDoesNotKeepOrModifyTheCallersArrays() {
        double[] x = {0.5, 1.0, 0.8};
        double[] gamma = {1, 2};
        ClosedForm cf = new ClosedForm(Presets.example1(), new Activation.Relu());
        ClosedFormResult r = cf.evaluate(x, gamma);
        assertArrayEquals(new double[] {0.5, 1.0, 0.8}, x);
        assertArrayEquals(new double[] {1, 2}, gamma);
        x[1] = 100;
        assertArrayEquals(new double[] {0.5, 0.2, 0.0}, r.xm(), EXACT);
    }

    // ---------------------------------------------------------------- no superposition

    @Test
    void identityWithoutSuperpositionRecoversEveryFeatureExactly() {
        Random random = new Random(11);
        for (int n = 1; n <= 12; n++) {
            ClosedForm cf = new ClosedForm(Presets.identity(n), new Activation.Relu());
            for (int trial = 0; trial < 20; trial++) {
                double[] x = randomSparseX(random, n, 0.4);
                ClosedFormResult r = cf.evaluate(x, null);
                assertArrayEquals(x, r.xm(), EXACT);
                assertEquals(0.0, r.lossSAE(), EXACT);
                assertEquals(0.0, r.lossGT(), EXACT);
                assertEquals(0.0, r.gapSAE(), EXACT);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i] > 0 ? EX : IA, r.status()[i], "feature " + i + " of x=" + java.util.Arrays.toString(x));
                }
            }
        }
    }

    // ---------------------------------------------------------------- positive interference

    @Test
    void positiveInterferenceInflatesActiveFeatures() {
        // W_p = [[1, 1]]: x = (0.5, 0.3) → x_p = 0.8 → x_m = (0.8, 0.8): both inflated.
        // x̃_p = 1.6; L_SAE = (0.8-1.6)² = 0.64; L_GT = 0.3² + 0.5² = 0.34.
        ClosedFormResult r = relu(new double[][] {{1, 1}}, new double[] {0.5, 0.3}, null);
        assertArrayEquals(new double[] {0.8, 0.8}, r.xm(), EXACT);
        assertArrayEquals(new FeatureStatus[] {IN, IN}, r.status());
        assertEquals(0.64, r.lossSAE(), EXACT);
        assertEquals(0.34, r.lossGT(), EXACT);
        assertEquals(0.30, r.gapSAE(), EXACT);
    }

    @Test
    void positiveInterferenceMakesAnInactiveFeatureSpurious() {
        // W_p = [[1, 1]]: x = (0.5, 0) → x_m = (0.5, 0.5): exact, spurious.
        ClosedFormResult r = relu(new double[][] {{1, 1}}, new double[] {0.5, 0}, null);
        assertArrayEquals(new double[] {0.5, 0.5}, r.xm(), EXACT);
        assertArrayEquals(new FeatureStatus[] {EX, SP}, r.status());
    }

    // ---------------------------------------------------------------- other activations

    @Test
    void topKKeepsOnlyTheLargestPreActivations() {
        // Example 1: W_pᵀ W_p x = (0.5, 0.2, -0.2).
        double[] x = {0.5, 1.0, 0.8};
        ClosedFormResult k1 = new ClosedForm(Presets.example1(), new Activation.TopK(1)).evaluate(x, null);
        assertArrayEquals(new double[] {0.5, 0, 0}, k1.xm(), EXACT);
        assertArrayEquals(new FeatureStatus[] {EX, VA, VA}, k1.status());
        // x̃_p = (0.5, 0) vs x_p = (0.5, 0.2): L_SAE = 0.04; L_GT = 0 + 1 + 0.64 = 1.64.
        assertEquals(0.04, k1.lossSAE(), EXACT);
        assertEquals(1.64, k1.lossGT(), EXACT);

        ClosedFormResult k2 = new ClosedForm(Presets.example1(), new Activation.TopK(2)).evaluate(x, null);
        assertArrayEquals(new double[] {0.5, 0.2, 0}, k2.xm(), EXACT);
        // k = 3 keeps all three, but the negative one is still ReLU'd to 0.
        ClosedFormResult k3 = new ClosedForm(Presets.example1(), new Activation.TopK(3)).evaluate(x, null);
        assertArrayEquals(new double[] {0.5, 0.2, 0}, k3.xm(), EXACT);
    }

    @Test
    void topKWithIdentityKeepsTheKLargestInputs() {
        double[] x = {0.1, 0.9, 0.4, 0.7, 0.0};
        ClosedFormResult r = new ClosedForm(Presets.identity(5), new Activation.TopK(2)).evaluate(x, null);
        assertArrayEquals(new double[] {0, 0.9, 0, 0.7, 0}, r.xm(), EXACT);
        assertArrayEquals(new FeatureStatus[] {VA, EX, VA, EX, IA}, r.status());
        // L_GT = 0.1² + 0.4² = 0.17 = L_SAE (W_p = I).
        assertEquals(0.17, r.lossGT(), EXACT);
        assertEquals(0.17, r.lossSAE(), EXACT);
    }

    @Test
    void topKKeepsAllTiesAtTheKthValueAsDocumented() {
        ClosedFormResult r = new ClosedForm(Presets.identity(3), new Activation.TopK(1))
                .evaluate(new double[] {0.4, 0.4, 0.1}, null);
        assertArrayEquals(new double[] {0.4, 0.4, 0}, r.xm(), EXACT);
    }

    @Test
    void jumpReluZeroesPreActivationsBelowTheThreshold() {
        // Example 1 pre-activations (0.5, 0.2, -0.2).
        double[] x = {0.5, 1.0, 0.8};
        ClosedFormResult high = new ClosedForm(Presets.example1(), new Activation.JumpRelu(0.3)).evaluate(x, null);
        assertArrayEquals(new double[] {0.5, 0, 0}, high.xm(), EXACT);
        ClosedFormResult low = new ClosedForm(Presets.example1(), new Activation.JumpRelu(0.1)).evaluate(x, null);
        assertArrayEquals(new double[] {0.5, 0.2, 0}, low.xm(), EXACT);
        // θ = 0 is plain ReLU.
        ClosedFormResult zero = new ClosedForm(Presets.example1(), new Activation.JumpRelu(0)).evaluate(x, null);
        assertArrayEquals(new double[] {0.5, 0.2, 0}, zero.xm(), EXACT);
        // A kept value is passed through unchanged (a jump, not a shift): 0.5, not 0.5 - θ.
        ClosedFormResult big = new ClosedForm(Presets.example1(), new Activation.JumpRelu(0.45)).evaluate(x, null);
        assertArrayEquals(new double[] {0.5, 0, 0}, big.xm(), EXACT);
    }

    // ---------------------------------------------------------------- Theorems 4 and 5 on random data

    @Test
    void theorem4And5GapIdentitiesHoldOnRandomSuperpositions() {
        Random random = new Random(20240601);
        int[][] shapes = {{1, 2}, {1, 5}, {2, 3}, {2, 7}, {3, 4}, {4, 10}, {5, 6}, {7, 20}, {10, 30}, {1, 1}, {6, 6}};
        int checked = 0;
        for (int[] shape : shapes) {
            int np = shape[0];
            int n = shape[1];
            for (int trial = 0; trial < 40; trial++) {
                double[][] wp = new double[np][n];
                for (int r = 0; r < np; r++) {
                    for (int c = 0; c < n; c++) {
                        wp[r][c] = random.nextGaussian() * (trial % 3 == 0 ? 2.5 : 1.0);
                    }
                }
                double[] x = randomSparseX(random, n, 0.3);
                double[] gamma = new double[np];
                for (int r = 0; r < np; r++) {
                    gamma[r] = 0.05 + 3 * random.nextDouble();
                }
                ClosedFormResult got = relu(wp, x, gamma);
                Reference ref = Reference.of(wp, x, gamma);

                double scale = 1e-9 * Math.max(1, Math.abs(ref.lossSae) + Math.abs(ref.lossGt)
                        + Math.abs(ref.lossWsae));
                String where = np + "x" + n + " trial " + trial;
                assertArrayEquals(ref.xp, got.xp(), 1e-12 * Math.max(1, norm(ref.xp)), where);
                assertArrayEquals(ref.xm, got.xm(), 1e-12 * Math.max(1, norm(ref.xm)), where);
                assertEquals(ref.lossSae, got.lossSAE(), scale, where);
                assertEquals(ref.lossGt, got.lossGT(), scale, where);
                assertEquals(ref.lossWsae, got.lossWSAE(), scale, where);
                // The gaps via the explicit n×n matrix.
                assertEquals(ref.gapSae, got.gapSAE(), scale, where);
                assertEquals(ref.gapWsae, got.gapWSAE(), scale, where);
                // Theorem 4: L_SAE - L_GT = gap_SAE; Theorem 5: L_WSAE - L_GT = gap_WSAE (reported values).
                assertEquals(got.lossSAE() - got.lossGT(), got.gapSAE(), scale, where);
                assertEquals(got.lossWSAE() - got.lossGT(), got.gapWSAE(), scale, where);
                // ... and the same identities on the test's independent values (the theorems themselves).
                assertEquals(ref.lossSae - ref.lossGt, ref.gapSae, scale, where);
                assertEquals(ref.lossWsae - ref.lossGt, ref.gapWsae, scale, where);
                checked++;
            }
        }
        assertEquals(shapes.length * 40, checked);
    }

    /** An independent float64 implementation of design/MATH.md's closed form, with the gap matrix built explicitly. */
    private static final class Reference {
        double[] xp;
        double[] xm;
        double lossSae;
        double lossGt;
        double lossWsae;
        double gapSae;
        double gapWsae;

        static Reference of(double[][] wp, double[] x, double[] gamma) {
            int np = wp.length;
            int n = x.length;
            Reference ref = new Reference();
            ref.xp = new double[np];
            for (int r = 0; r < np; r++) {
                for (int c = 0; c < n; c++) {
                    ref.xp[r] += wp[r][c] * x[c];
                }
            }
            // x_m = ReLU(W_m x_p) with W_m = W_pᵀ.
            ref.xm = new double[n];
            for (int c = 0; c < n; c++) {
                double z = 0;
                for (int r = 0; r < np; r++) {
                    z += wp[r][c] * ref.xp[r];
                }
                ref.xm[c] = Math.max(0, z);
            }
            // Reconstruction W_mᵀ x_m = W_p x_m.
            double[] rec = new double[np];
            for (int r = 0; r < np; r++) {
                for (int c = 0; c < n; c++) {
                    rec[r] += wp[r][c] * ref.xm[c];
                }
            }
            for (int r = 0; r < np; r++) {
                double d = ref.xp[r] - rec[r];
                ref.lossSae += d * d;
                ref.lossWsae += gamma[r] * gamma[r] * d * d;
            }
            double[] e = new double[n];
            for (int c = 0; c < n; c++) {
                e[c] = x[c] - ref.xm[c];
                ref.lossGt += e[c] * e[c];
            }
            double[] ones = new double[np];
            java.util.Arrays.fill(ones, 1.0);
            ref.gapSae = quadraticForm(gapMatrix(wp, ones), e);
            ref.gapWsae = quadraticForm(gapMatrix(wp, gamma), e);
            return ref;
        }

        /** M = W_pᵀ Γ² W_p − I, n×n. */
        static double[][] gapMatrix(double[][] wp, double[] gamma) {
            int np = wp.length;
            int n = wp[0].length;
            double[][] m = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int r = 0; r < np; r++) {
                        s += wp[r][i] * gamma[r] * gamma[r] * wp[r][j];
                    }
                    m[i][j] = s - (i == j ? 1 : 0);
                }
            }
            return m;
        }

        static double quadraticForm(double[][] m, double[] e) {
            double s = 0;
            for (int i = 0; i < e.length; i++) {
                for (int j = 0; j < e.length; j++) {
                    s += e[i] * m[i][j] * e[j];
                }
            }
            return s;
        }
    }

    // ---------------------------------------------------------------- status classification

    @Test
    void statusesFollowTheDesignDefinitions() {
        assertEquals(EX, FeatureStatus.classify(0.5, 0.5));
        assertEquals(SH, FeatureStatus.classify(0.5, 0.25));
        assertEquals(VA, FeatureStatus.classify(0.5, 0.0));
        assertEquals(IN, FeatureStatus.classify(0.5, 0.75));
        assertEquals(SP, FeatureStatus.classify(0.0, 0.1));
        assertEquals(IA, FeatureStatus.classify(0.0, 0.0));
    }

    @Test
    void statusToleranceIsOneBillionthForSmallValues() {
        // tol = 1e-9·max(1, |x|) = 1e-9 for |x| ≤ 1.
        assertEquals(EX, FeatureStatus.classify(0.5, 0.5 + 5e-10));
        assertEquals(EX, FeatureStatus.classify(0.5, 0.5 - 5e-10));
        assertEquals(IN, FeatureStatus.classify(0.5, 0.5 + 2e-9));
        assertEquals(SH, FeatureStatus.classify(0.5, 0.5 - 2e-9));
        assertEquals(VA, FeatureStatus.classify(0.5, 5e-10));
        assertEquals(SH, FeatureStatus.classify(0.5, 2e-9));
        assertEquals(IA, FeatureStatus.classify(0.0, 5e-10));
        assertEquals(IA, FeatureStatus.classify(0.0, -0.3));
        assertEquals(SP, FeatureStatus.classify(0.0, 2e-9));
    }

    @Test
    void statusToleranceScalesWithLargeValues() {
        // x = 1000: tol = 1e-6.
        assertEquals(EX, FeatureStatus.classify(1000, 1000 + 5e-7));
        assertEquals(IN, FeatureStatus.classify(1000, 1000 + 2e-6));
        assertEquals(SH, FeatureStatus.classify(1000, 1000 - 2e-6));
        // x = 0: tol = 1e-9 regardless.
        assertEquals(SP, FeatureStatus.classify(0, 5e-9));
    }

    @Test
    void statusIdsAreLowerCaseNamesWithAMeaning() {
        for (FeatureStatus s : FeatureStatus.values()) {
            assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), s.id());
            assertTrue(s.meaning() != null && !s.meaning().isBlank());
        }
    }

    // ---------------------------------------------------------------- construction

    @Test
    void topKLargerThanTheNumberOfFeaturesIsRejectedAtConstruction() {
        assertThrows(InvalidInputException.class, () -> new ClosedForm(Presets.example1(), new Activation.TopK(4)));
        new ClosedForm(Presets.example1(), new Activation.TopK(3));
    }

    // ---------------------------------------------------------------- helpers

    /** Non-negative x with each coordinate zero with probability pZero, otherwise Uniform(0, 2]. */
    static double[] randomSparseX(Random random, int n, double pZero) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() < pZero ? 0.0 : 2 * (1 - random.nextDouble());
        }
        return x;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
