package dev.saeexplorer.core.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.Progress;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SyntheticExperiment;
import dev.saeexplorer.core.metrics.SyntheticMetrics;
import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.superposition.SyntheticData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class SaeTrainerTest {

    @Test
    void extremeSparsityWithNonPositiveInterferenceRecoversTheFeatures() {
        // Theorem 2: as S → 1 with non-positive interference, W_m = W_pᵀ recovers x; a trained SAE gets there too.
        Superposition sp = Presets.randomNonPositive(8, 16, 3);
        SaeConfig cfg = SaeConfig.defaults(8, 16).withSteps(5000).withSeed(1);
        SyntheticMetrics m = new SyntheticExperiment().run(sp, 0.99, cfg, 8192, TaskMonitor.none(),
                TrainingListener.NONE).metrics();
        assertTrue(m.avgActivatedFeatures() < 1.5, "each latent should answer about one feature, got "
                + m.avgActivatedFeatures());
        // E‖x‖² at S = 0.99 is 16 · 0.01 · 1/3 ≈ 0.053; recovering nothing would score that.
        assertTrue(m.lossGT() < 0.02, "ground-truth loss " + m.lossGT());
        assertEquals(0, m.deadLatents());
    }

    @Test
    void lowSparsityDoesNotRecoverTheFeatures() {
        Superposition sp = Presets.randomNonPositive(8, 16, 3);
        SaeConfig cfg = SaeConfig.defaults(8, 16).withSteps(600).withSeed(1);
        SyntheticMetrics dense = new SyntheticExperiment().run(sp, 0.3, cfg, 4096, TaskMonitor.none(),
                TrainingListener.NONE).metrics();
        assertTrue(dense.avgActivatedFeatures() > 2.0, "at S = 0.3 latents stay polysemantic, got "
                + dense.avgActivatedFeatures());
    }

    @Test
    void trainingIsDeterministicForASeed() {
        SyntheticData data = new SyntheticData(Presets.example2(), 0.5);
        SaeConfig cfg = SaeConfig.defaults(2, 6).withSteps(50).withSeed(4);
        float[] a = train(cfg, data).wEnc().dup().reshape(12).toFloatVector();
        float[] b = train(cfg, data).wEnc().dup().reshape(12).toFloatVector();
        assertArrayEquals(a, b);
        float[] c = train(cfg.withSeed(5), data).wEnc().dup().reshape(12).toFloatVector();
        assertTrue(!java.util.Arrays.equals(a, c), "another seed gives another run");
    }

    @Test
    void lossFallsAndSnapshotsCoverTheRun() {
        SyntheticData data = new SyntheticData(Presets.randomNonPositive(6, 12, 1), 0.8);
        SaeConfig cfg = SaeConfig.defaults(6, 12).withSteps(400);
        List<TrainingSnapshot> seen = new ArrayList<>();
        TrainingResult r = new SaeTrainer().train(cfg, WsaeWeights.uniform(6), data.batches(256, 1), TaskMonitor.none(),
                seen::add);
        assertEquals(r.history(), seen);
        assertEquals(400, r.last().step());
        assertTrue(r.history().get(0).loss() > 2 * r.last().loss(), "loss " + r.history().get(0).loss() + " → "
                + r.last().loss());
        assertTrue(r.samplesPerSecond() > 0);
    }

    @Test
    void decoderRowsHaveUnitNormWithAnL1Penalty() {
        SaeModel m = train(SaeConfig.defaults(2, 6).withSteps(30), new SyntheticData(Presets.example2(), 0.5));
        for (double norm : m.decoderNorms()) {
            assertEquals(1.0, norm, 1e-5);
        }
    }

    /** Counts the batches training draws and, when asked, clicks the token at a given batch: a click during a step. */
    private static final class ClickingSource implements BatchSource {
        private final BatchSource inner;
        private final int clickAt;
        private final Runnable click;
        private final java.util.concurrent.atomic.AtomicInteger drawn = new java.util.concurrent.atomic.AtomicInteger();

        ClickingSource(BatchSource inner, int clickAt, Runnable click) {
            this.inner = inner;
            this.clickAt = clickAt;
            this.click = click;
        }

        @Override
        public float[] next() {
            if (drawn.incrementAndGet() == clickAt) {
                click.run();
            }
            return inner.next();
        }

        @Override
        public int batch() {
            return inner.batch();
        }

        @Override
        public int inputDim() {
            return inner.inputDim();
        }
    }

    /** A run of {@code steps} whose data source clicks {@code click} while drawing batch {@code clickAt}. */
    private static final class ClickedRun {
        final CancellationToken token = new CancellationToken();
        final ClickingSource source;
        final SaeConfig cfg;

        ClickedRun(int steps, int clickAt, java.util.function.Consumer<CancellationToken> click) {
            SyntheticData data = new SyntheticData(Presets.randomNonPositive(6, 12, 1), 0.8);
            cfg = SaeConfig.defaults(6, 12).withSteps(steps);
            source = new ClickingSource(data.batches(64, 1), clickAt, () -> click.accept(token));
        }

        TrainingResult train(TrainingListener listener) {
            return new SaeTrainer().train(cfg, WsaeWeights.uniform(6), source, new TaskMonitor(Progress.NONE, token),
                    listener);
        }

        /** The run on another thread, as the GUI runs it. */
        CompletableFuture<TrainingResult> start(TrainingListener listener) {
            return CompletableFuture.supplyAsync(() -> train(listener));
        }

        /**
         * Waits for the event "the trainer holds at its step boundary", not for a time: the limit only keeps a broken
         * trainer from hanging the suite; a slow machine never comes near it.
         */
        void awaitHeld() throws InterruptedException {
            assertTrue(token.awaitHeld(1, Duration.ofMinutes(5)));
        }
    }

    @Test
    void cancelActsBetweenTwoSteps() {
        ClickedRun run = new ClickedRun(1_000_000, 137, CancellationToken::cancel);
        assertThrows(CancelledException.class, () -> run.train(TrainingListener.NONE));
        assertEquals(137, run.source.drawn.get(), "the step in flight at the click finishes, no further step starts");
    }

    @Test
    void pauseHoldsAfterTheStepInFlightAndResumeFinishesTheRun() throws Exception {
        ClickedRun run = new ClickedRun(2_000, 1_234, CancellationToken::pause);
        List<TrainingSnapshot> seen = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<TrainingResult> result = run.start(seen::add);
        run.awaitHeld();
        assertEquals(1_234, run.source.drawn.get(), "held within one step of the click");
        assertEquals(1_234, seen.get(seen.size() - 1).step(), "the held step is reported as a snapshot");
        assertTrue(!result.isDone());
        run.token.resume();
        assertEquals(2_000, result.get().last().step());
        assertEquals(2_000, run.source.drawn.get());
    }

    @Test
    void cancelEndsAPausedRun() throws Exception {
        ClickedRun run = new ClickedRun(1_000_000, 10, CancellationToken::pause);
        CompletableFuture<TrainingResult> result = run.start(TrainingListener.NONE);
        run.awaitHeld();
        run.token.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
        assertEquals(10, run.source.drawn.get());
    }

    @Test
    void mismatchedDataOrWeightsAreRejected() {
        SyntheticData data = new SyntheticData(Presets.example2(), 0.5);
        SaeConfig cfg = SaeConfig.defaults(3, 6);
        assertThrows(InvalidInputException.class, () -> new SaeTrainer().train(cfg, WsaeWeights.uniform(3),
                data.batches(16, 1), TaskMonitor.none(), TrainingListener.NONE));
        SaeConfig ok = SaeConfig.defaults(2, 6);
        assertThrows(InvalidInputException.class, () -> new SaeTrainer().train(ok, WsaeWeights.uniform(3),
                data.batches(16, 1), TaskMonitor.none(), TrainingListener.NONE));
    }

    @Test
    void configRejectsOutOfRangeSettings() {
        Activation relu = new Activation.Relu();
        assertThrows(InvalidInputException.class, () -> new SaeConfig(0, 4, relu, 0, Weighting.NONE, 1, false, 0, 1, 1, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 0, relu, 0, Weighting.NONE, 1, false, 0, 1, 1, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, relu, -1, Weighting.NONE, 1, false, 0, 1, 1, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, relu, 0, Weighting.NONE, Double.NaN, false, 0, 1, 1, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, relu, 0, Weighting.NONE, -0.5, false, 0, 1, 1, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, relu, 0, Weighting.NONE, 1, false, 0, 1, 0, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, relu, 0, Weighting.NONE, 1, false, 0, 1, 1, 0, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, relu, 0, Weighting.NONE, 1, false, 0, 1, 1, 1, 0, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, relu, 0, Weighting.NONE, 1, true, 0.5, 1, 1, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4,
                new Activation.JumpReluPerLatent(new double[] {0.1, 0.2, 0.3, 0.4}), 0, Weighting.NONE, 1, false, 0, 1,
                1, 1, 1e-3, 0));
        assertThrows(InvalidInputException.class, () -> new SaeConfig(2, 4, new Activation.TopK(5), 0, Weighting.NONE, 1, false, 0, 1, 1, 1, 1e-3, 0));
    }

    @Test
    void wsaeWeightsFollowTheVarianceAndHaveUnitMeanSquare() {
        WsaeWeights w = WsaeWeights.fromVariance(new double[] {1.0, 4.0}, 1.0);
        assertArrayEquals(new double[] {1.0, 4.0}, w.raw(), 0);
        // mean(γ²) = (1 + 16)/2 = 8.5 → scale 1/√8.5
        assertArrayEquals(new double[] {1 / Math.sqrt(8.5), 4 / Math.sqrt(8.5)}, w.applied(), 1e-12);
        WsaeWeights half = WsaeWeights.fromVariance(new double[] {1.0, 4.0}, 0.5);
        assertArrayEquals(new double[] {1.0, 2.0}, half.raw(), 1e-12);
        // Example 1: dimension 0 carries one feature, dimension 1 two → oracle raw weights 1 and 1/2.
        assertArrayEquals(new double[] {1.0, 0.5}, WsaeWeights.oracle(Presets.example1().matrix()).raw(), 0);
    }

    @Test
    void thePapersRawWeightsAreTheRescaledWeightsAtAnEffectiveL1OfLambdaOverMeanGammaSquared() {
        // Σ γ_i² e_i² + λ‖f‖₁ = mean(γ²) · [Σ (γ_i² / mean γ²) e_i² + (λ / mean γ²) ‖f‖₁], and Adam ignores a constant
        // factor on the loss (up to its ε): so the unscaled WSAE at λ trains exactly as the rescaled one at λ / mean γ².
        double[] variance = {0.02, 0.05, 0.11, 0.03, 0.07, 0.04};
        WsaeWeights raw = WsaeWeights.unscaled(variance, 1.0);
        WsaeWeights scaled = WsaeWeights.fromVariance(variance, 1.0);
        double meanSquare = 0;
        for (double g : raw.applied()) {
            meanSquare += g * g / variance.length;
        }
        SyntheticData data = new SyntheticData(Presets.randomNonPositive(6, 12, 1), 0.8);
        SaeConfig cfg = SaeConfig.defaults(6, 12).withSteps(40).withWeighting(Weighting.VARIANCE_RAW);
        SaeConfig effective = new SaeConfig(6, 12, cfg.activation(), cfg.l1() / meanSquare, Weighting.VARIANCE, 1.0,
                false, 0, cfg.deadWindow(), 40, cfg.batch(), cfg.learningRate(), cfg.seed());
        SaeModel a = new SaeTrainer().train(cfg, raw, data.batches(256, 2), TaskMonitor.none(), TrainingListener.NONE)
                .model();
        SaeModel b = new SaeTrainer().train(effective, scaled, data.batches(256, 2), TaskMonitor.none(),
                TrainingListener.NONE).model();
        assertArrayEquals(b.wEnc().dup().reshape(72).toFloatVector(), a.wEnc().dup().reshape(72).toFloatVector(), 2e-4f);
        assertArrayEquals(b.wDec().dup().reshape(72).toFloatVector(), a.wDec().dup().reshape(72).toFloatVector(), 2e-4f);
        // ... and not as the rescaled WSAE at the same λ: the rescaling is not neutral once L1 is in the loss.
        SaeModel c = new SaeTrainer().train(cfg.withWeighting(Weighting.VARIANCE), scaled, data.batches(256, 2),
                TaskMonitor.none(), TrainingListener.NONE).model();
        float[] ca = c.wEnc().dup().reshape(72).toFloatVector();
        float[] aa = a.wEnc().dup().reshape(72).toFloatVector();
        double gap = 0;
        for (int i = 0; i < ca.length; i++) {
            gap = Math.max(gap, Math.abs(ca[i] - aa[i]));
        }
        assertTrue(gap > 1e-2, "max difference " + gap);
    }

    private static SaeModel train(SaeConfig cfg, SyntheticData data) {
        return new SaeTrainer().train(cfg, WsaeWeights.uniform(cfg.inputDim()), data.batches(64, 2),
                TaskMonitor.none(), TrainingListener.NONE).model();
    }
}
