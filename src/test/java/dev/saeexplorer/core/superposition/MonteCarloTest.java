package dev.saeexplorer.core.superposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monte-Carlo statistics against expectations derived by hand for Example 1 at S = 0. */
class MonteCarloTest {

    private static MonteCarlo example1() {
        return new MonteCarlo(new ClosedForm(Presets.example1(), new Activation.Relu()));
    }

    @Test
    void denseExample1ShrinksOneDigonFeatureAndLosesTheOtherInEverySample() {
        // S = 0: x = (x0, x1, x2) i.i.d. Uniform(0, 1]. x_m = (x0, (x1 − x2)+, (x2 − x1)+): feature 0 exact; of the
        // digon pair the larger is shrunk (to the difference) and the smaller vanishes. So among 3 active features per
        // sample exactly 1 is shrunk and 1 vanished (ties have probability ~1e-9).
        int samples = 100_000;
        SampleStats st = example1().run(0.0, samples, 3, null, TaskMonitor.none());
        assertEquals(samples, st.samples());
        assertEquals(0.0, st.sparsity());
        assertEquals(1.0 / 3, st.fractionShrunk(), 1e-4);
        assertEquals(1.0 / 3, st.fractionVanished(), 1e-4);
        // Recovery Σ x_m / Σ x → (E x0 + E|x1 − x2|) / (3 E x) = (1/2 + 1/3) / (3/2) = 5/9.
        assertEquals(5.0 / 9, st.meanRecoveryRatio(), 0.01);
        // L_SAE = 0 for a unit digon (W_p e = 0); L_GT = 2·E[min(x1, x2)²] = 2·(1/6) = 1/3.
        //   (min of two uniforms has density 2(1 − t): E[min²] = 2(1/3 − 1/4) = 1/6.)
        // SE of 2 min² is sqrt(4/15 − 1/9)/sqrt(N) ≈ 0.0012.
        assertEquals(0.0, st.lossSAE(), 1e-15);
        assertEquals(1.0 / 3, st.lossGT(), 0.006);
        assertEquals(-1.0 / 3, st.gapSAE(), 0.006);
        assertEquals(st.lossSAE() - st.lossGT(), st.gapSAE(), 1e-12);
        assertNull(st.lossWSAE());
        assertNull(st.gapWSAE());
    }

    @Test
    void wsaeOnExample1HasZeroLossAndTheNegativeGroundTruthGap() {
        // Γ W_p e = Γ·(e0, e1 − e2) = Γ·(0, 0): L_WSAE = 0 for any γ, so gap_WSAE = −L_GT.
        SampleStats st = example1().run(0.0, 50_000, 4, new double[] {3.0, 0.5}, TaskMonitor.none());
        assertEquals(0.0, st.lossWSAE(), 1e-15);
        assertEquals(1.0 / 3, st.lossGT(), 0.01);
        assertEquals(-st.lossGT(), st.gapWSAE(), 1e-12);
    }

    @Test
    void identityRecoversEverythingAtAnySparsity() {
        MonteCarlo mc = new MonteCarlo(new ClosedForm(Presets.identity(6), new Activation.Relu()));
        for (double s : new double[] {0.0, 0.5, 0.95}) {
            SampleStats st = mc.run(s, 5_000, 1, null, TaskMonitor.none());
            assertEquals(0.0, st.lossSAE(), 1e-15);
            assertEquals(0.0, st.lossGT(), 1e-15);
            assertEquals(0.0, st.fractionShrunk());
            assertEquals(0.0, st.fractionVanished());
            assertEquals(1.0, st.meanRecoveryRatio(), 1e-12);
        }
    }

    @Test
    void allZeroDataHasNoRatiosAndZeroLosses() {
        SampleStats st = example1().run(1.0, 1_000, 1, new double[] {1, 1}, TaskMonitor.none());
        assertEquals(0.0, st.lossSAE());
        assertEquals(0.0, st.lossGT());
        assertEquals(0.0, st.gapSAE());
        assertEquals(0.0, st.lossWSAE());
        assertNull(st.fractionShrunk());
        assertNull(st.fractionVanished());
        assertNull(st.meanRecoveryRatio());
    }

    @Test
    void sameSeedGivesTheSameStatisticsAndAnotherSeedDiffers() {
        MonteCarlo mc = new MonteCarlo(new ClosedForm(Presets.example2(), new Activation.Relu()));
        SampleStats a = mc.run(0.7, 2_000, 77, null, TaskMonitor.none());
        SampleStats b = mc.run(0.7, 2_000, 77, null, TaskMonitor.none());
        SampleStats c = mc.run(0.7, 2_000, 78, null, TaskMonitor.none());
        assertEquals(a, b);
        assertNotEquals(a.lossGT(), c.lossGT());
    }

    @Test
    void cancelledTokenStopsTheRun() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        TaskMonitor monitor = new TaskMonitor((f, m) -> { }, token);
        assertThrows(CancelledException.class, () -> example1().run(0.5, 100_000, 1, null, monitor));
    }

    @Test
    void cancellingDuringTheRunStopsIt() {
        CancellationToken token = new CancellationToken();
        List<Double> seen = new ArrayList<>();
        TaskMonitor monitor = new TaskMonitor((f, m) -> {
            seen.add(f);
            if (f > 0.1) {
                token.cancel();
            }
        }, token);
        assertThrows(CancelledException.class, () -> example1().run(0.5, 100_000, 1, null, monitor));
        assertTrue(seen.get(seen.size() - 1) < 0.5, "stopped soon after cancelling: " + seen);
    }

    @Test
    void progressRisesToOne() {
        List<Double> seen = new ArrayList<>();
        TaskMonitor monitor = new TaskMonitor((f, m) -> seen.add(f), CancellationToken.none());
        example1().run(0.5, 1_000, 1, null, monitor);
        assertEquals(1.0, seen.get(seen.size() - 1));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1));
            assertTrue(seen.get(i) >= 0 && seen.get(i) <= 1);
        }
    }
}
