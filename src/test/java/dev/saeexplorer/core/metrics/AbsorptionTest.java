package dev.saeexplorer.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The absorption rate ({@link Absorption}) on hand-built samples whose answer is known exactly. */
class AbsorptionTest {
    private static final int[][] EDGE_0_1 = {{0, 1}};

    /**
     * Three features: 0 the parent, 1 its child, 2 independent. 8 samples; both 0 and 1 active in rows 0–3, only the
     * parent in rows 4–5, neither in rows 6–7. Feature 2 varies so no column is constant.
     */
    private static double[][] x() {
        return new double[][] {
            {1.0, 0.5, 0.0},
            {0.8, 0.4, 0.3},
            {0.6, 0.9, 0.0},
            {0.9, 0.2, 0.7},
            {0.7, 0.0, 0.0},
            {0.5, 0.0, 0.2},
            {0.0, 0.0, 0.9},
            {0.0, 0.0, 0.0},
        };
    }

    /**
     * Latents copy the features (F = X, so π is the identity with |ρ| = 1) except that the child's latent is silenced
     * on the given co-active rows: there the parent's latent still fires (X_b0 &gt; 0), so exactly those rows are
     * absorbed. Silencing a few of the child's active rows keeps it far better correlated with feature 1 than any
     * other latent, so π stays the identity.
     */
    private static double[][] fSilencingChildOn(int... rows) {
        double[][] f = x();
        for (int b : rows) {
            f[b][1] = 0;
        }
        return f;
    }

    private static Absorption absorption(double[][] x, double[][] f, int[][] edges) {
        return Absorption.compute(x, f, GroundTruthRecovery.compute(x, f), edges);
    }

    @Test
    void childLatentNeverActiveWhenBothAreGivesOne() {
        // Feature 1 is only ever active with its parent, so its latent silenced on all four co-active rows is dead;
        // with m = n the matching still gives it to feature 1 (the identity keeps Σ|ρ| = 2 for the other two).
        double[][] x = x();
        double[][] f = fSilencingChildOn(0, 1, 2, 3);
        Absorption a = absorption(x, f, EDGE_0_1);
        assertArrayEquals(new int[] {0, 1, 2}, GroundTruthRecovery.compute(x, f).latentOfFeature());
        assertEquals(1.0, a.rate(), 0.0);
        assertEquals(new Absorption.EdgeAbsorption(0, 1, 4, 1.0), a.edges().get(0));
    }

    @Test
    void childLatentAlwaysActiveGivesZero() {
        double[][] x = x();
        Absorption a = absorption(x, x, EDGE_0_1);
        assertEquals(0.0, a.rate(), 0.0);
        assertEquals(new Absorption.EdgeAbsorption(0, 1, 4, 0.0), a.edges().get(0));
    }

    @Test
    void childLatentSilentOnHalfTheCoActiveSamplesGivesOneHalf() {
        double[][] x = x();
        double[][] f = fSilencingChildOn(1, 3);
        assertArrayEquals(new int[] {0, 1, 2}, GroundTruthRecovery.compute(x, f).latentOfFeature());
        Absorption a = absorption(x, f, EDGE_0_1);
        assertEquals(0.5, a.rate(), 0.0);
        assertEquals(new Absorption.EdgeAbsorption(0, 1, 4, 0.5), a.edges().get(0));
    }

    @Test
    void aSilentChildIsNotAbsorbedWhenTheParentLatentIsSilentToo() {
        double[][] x = x();
        double[][] f = fSilencingChildOn(1, 3);
        f[3][0] = 0; // row 3: both latents silent — a miss, not absorption
        Absorption a = absorption(x, f, EDGE_0_1);
        assertEquals(0.25, a.rate(), 0.0);
    }

    @Test
    void anEdgeNeverCoActiveIsLeftOutOfTheMean() {
        double[][] x = x();
        double[][] f = fSilencingChildOn(1, 3);
        // Features 1 and 2 are both active in rows 1 and 3 only; make them never co-active by moving feature 2's
        // activity off those rows: edge (1 → 2) then has no co-active sample.
        x[1][2] = 0;
        x[3][2] = 0;
        f[1][2] = 0;
        f[3][2] = 0;
        Absorption a = absorption(x, f, new int[][] {{0, 1}, {1, 2}});
        assertEquals(0.5, a.rate(), 0.0); // the mean over (0 → 1) alone
        assertEquals(new Absorption.EdgeAbsorption(1, 2, 0, null), a.edges().get(1));
        assertEquals(2, a.edges().size());
    }

    @Test
    void noEdgesOrNoCoActiveEdgeGivesNull() {
        double[][] x = x();
        Absorption none = absorption(x, x, new int[0][]);
        assertNull(none.rate());
        assertEquals(0, none.edges().size());
        double[][] apart = x();
        apart[1][2] = 0;
        apart[3][2] = 0;
        assertNull(absorption(apart, apart, new int[][] {{1, 2}}).rate());
    }

    @Test
    void anEdgeWithAnUnmatchedFeatureIsLeftOut() {
        double[][] x = x();
        double[][] f = new double[x.length][2]; // m = 2 < n = 3: one feature has no latent
        for (int b = 0; b < x.length; b++) {
            f[b][0] = x[b][0];
            f[b][1] = x[b][2]; // feature 1 (the child) is the unmatched one
        }
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, f);
        assertEquals(-1, r.latentOfFeature()[1]);
        Absorption a = Absorption.compute(x, f, r, EDGE_0_1);
        assertNull(a.rate());
        assertEquals(new Absorption.EdgeAbsorption(0, 1, 4, null), a.edges().get(0));
    }

    @Test
    void theMatchingIsTheMccOneSoPermutedLatentsGiveTheSameAnswer() {
        double[][] x = x();
        double[][] f = fSilencingChildOn(1, 3);
        int[] perm = {2, 0, 1}; // new latent k = old latent perm[k]
        double[][] permuted = new double[f.length][3];
        for (int b = 0; b < f.length; b++) {
            for (int k = 0; k < 3; k++) {
                permuted[b][k] = f[b][perm[k]];
            }
        }
        GroundTruthRecovery r = GroundTruthRecovery.compute(x, permuted);
        assertArrayEquals(new int[] {1, 2, 0}, r.latentOfFeature()); // feature i → the latent holding old latent i
        Absorption a = Absorption.compute(x, permuted, r, EDGE_0_1);
        assertEquals(absorption(x, f, EDGE_0_1), a);
        assertEquals(0.5, a.rate(), 0.0);
        // Scaling a latent changes no correlation, so neither the matching nor the answer.
        for (double[] row : permuted) {
            row[2] *= 3;
        }
        assertEquals(0.5, absorption(x, permuted, EDGE_0_1).rate(), 0.0);
    }

    @Test
    void edgesOutsideTheFeaturesAreRejected() {
        double[][] x = x();
        assertThrows(InvalidInputException.class, () -> absorption(x, x, new int[][] {{0, 3}}));
        assertThrows(InvalidInputException.class, () -> absorption(x, x, new int[][] {{0}}));
    }
}
