package dev.saeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.SaeCheckpoint;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.ui.WorkspaceContext;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.jobs.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLabViewModelTest {
    private final List<String> reported = new ArrayList<>();

    private TrainingLabViewModel direct() {
        return new TrainingLabViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> reported.add(t + ": " + m),
                true));
    }

    @Test
    void defaultPresetTrainsBothModelsAndReportsTheirMetrics() {
        TrainingLabViewModel vm = direct();
        long start = System.nanoTime();
        vm.start();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(RunState.FINISHED, vm.stateProperty().get(), vm.statusProperty().get());
        assertTrue(seconds < 60, "the default preset should finish in seconds, took " + seconds);
        LabOutcome o = vm.outcomeProperty().get();
        assertNotNull(o);
        assertEquals(Weighting.NONE, o.sae().result().training().config().weighting());
        assertEquals(Weighting.VARIANCE, o.wsae().result().training().config().weighting());
        assertEquals(40, o.sae().cosine().length);
        assertEquals(40, o.sae().recovery().length);
        for (ModelOutcome m : List.of(o.sae(), o.wsae())) {
            assertTrue(Double.isFinite(m.metrics().lossGT()) && m.metrics().lossGT() >= 0);
            assertTrue(Double.isFinite(m.metrics().reconstructionXp()));
        }
        assertEquals(1.0, vm.progressProperty().get());
        assertFalse(vm.curve(ModelKind.SAE).isEmpty());
        assertFalse(vm.curve(ModelKind.WSAE).isEmpty());
        assertEquals(1500, vm.curve(ModelKind.SAE).get(vm.curve(ModelKind.SAE).size() - 1).step());
        assertEquals(MetricRow.COLUMNS.size(), vm.metricRows().get(0).cells().size());
        for (MetricRow row : vm.metricRows().subList(0, 3)) {
            assertTrue(row.sae().matches("[-0-9.e,]+") && row.wsae().matches("[-0-9.e,]+"), row.toString());
        }
        LatentHistogram h = vm.histogram(ModelKind.WSAE, o.wsae().metrics().latentOfFeature()[0], 30);
        assertEquals(4096, h.total());
        assertTrue(reported.isEmpty(), reported.toString());
    }

    @Test
    void lettersNaNAndNegativesAreRefusedWhereTypedWithAMessage() {
        TrainingLabViewModel vm = direct();
        SettingsForm f = vm.settings();
        assertTrue(f.validProperty().get());

        f.sparsity().textProperty().set("0.9x");
        assertTrue(f.sparsity().errorProperty().get().contains("not a number"), f.sparsity().errorProperty().get());
        f.sparsity().textProperty().set("NaN");
        assertTrue(f.sparsity().errorProperty().get().contains("not a finite number"));
        f.sparsity().textProperty().set("1");
        assertTrue(f.sparsity().errorProperty().get().contains("below 1"));
        f.l1().textProperty().set("-0.1");
        assertTrue(f.l1().errorProperty().get().contains("≥ 0"), f.l1().errorProperty().get());
        f.steps().textProperty().set("abc");
        assertTrue(f.steps().errorProperty().get().contains("not a whole number"));
        assertFalse(f.validProperty().get());
        assertFalse(vm.canStartProperty().get());

        vm.start();
        assertEquals(RunState.IDLE, vm.stateProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Cannot start: S"), vm.statusProperty().get());
    }

    @Test
    void fieldsThatDoNotApplyDoNotBlockAndCrossFieldProblemsDo() {
        SettingsForm f = direct().settings();
        f.k().textProperty().set("zero");
        assertTrue(f.validProperty().get(), "k only matters for TopK");
        f.k().textProperty().set("50");
        f.activationProperty().set(ActivationChoice.TOPK);
        assertTrue(f.crossFieldErrorProperty().get().contains("larger than the number of latents"));
        assertFalse(f.validProperty().get());
        f.latents().textProperty().set("64");
        assertTrue(f.validProperty().get());

        f.tiedProperty().set(true);
        f.auxCoefficient().textProperty().set("0.1");
        assertTrue(f.crossFieldErrorProperty().get().contains("tied"));
    }

    @Test
    void choosingAPresetSetsTheLatentsToItsFeatureCount() {
        SettingsForm f = direct().settings();
        f.sourceProperty().set(WpSource.DIGONS);
        assertEquals("20", f.latents().textProperty().get());
    }

    @Test
    void cancelStopsARunningJobWithinASecond() throws Exception {
        TrainingLabViewModel vm = new TrainingLabViewModel(new WorkspaceContext(new ThreadExecutor(), (t, m) -> { },
                false));
        vm.settings().steps().textProperty().set("1000000");
        vm.start();
        assertEquals(RunState.RUNNING, vm.stateProperty().get());
        waitFor(() -> !vm.curve(ModelKind.SAE).isEmpty(), 30_000);

        long start = System.nanoTime();
        vm.cancel();
        waitFor(() -> vm.stateProperty().get() == RunState.CANCELLED, 1_000);
        assertTrue((System.nanoTime() - start) / 1e9 < 1.0);
    }

    @Test
    void pauseHoldsTrainingAndResumeContinuesAndCancelWorksWhilePaused() throws Exception {
        TrainingLabViewModel vm = new TrainingLabViewModel(new WorkspaceContext(new ThreadExecutor(), (t, m) -> { },
                false));
        vm.settings().steps().textProperty().set("1000000");
        vm.start();
        waitFor(() -> !vm.curve(ModelKind.SAE).isEmpty(), 30_000);
        vm.pause();
        assertEquals(RunState.PAUSED, vm.stateProperty().get());
        Thread.sleep(300); // the next snapshot arrives and the gate closes
        int held = synchronizedSize(vm);
        Thread.sleep(500);
        assertEquals(held, synchronizedSize(vm), "no snapshots while paused");
        vm.resume();
        waitFor(() -> synchronizedSize(vm) > held, 10_000);

        vm.pause();
        Thread.sleep(200);
        long start = System.nanoTime();
        vm.cancel();
        waitFor(() -> vm.stateProperty().get() == RunState.CANCELLED, 1_000);
        assertTrue((System.nanoTime() - start) / 1e9 < 1.0);
    }

    private static int synchronizedSize(TrainingLabViewModel vm) {
        synchronized (ThreadExecutor.UI) {
            return vm.curve(ModelKind.SAE).size();
        }
    }

    @Test
    void settingsRoundTripThroughTheSessionState() {
        TrainingLabViewModel a = direct();
        SettingsForm f = a.settings();
        f.sourceProperty().set(WpSource.EXAMPLE_2);
        f.activationProperty().set(ActivationChoice.JUMPRELU);
        f.theta().textProperty().set("0.2");
        f.weightingProperty().set(Weighting.ORACLE);
        f.sparsity().textProperty().set("0.75");
        f.seed().textProperty().set("42");
        f.learningRate().textProperty().set("3e-4");
        f.tiedProperty().set(true);
        JsonNode saved = a.saveState();

        TrainingLabViewModel b = direct();
        b.restoreState(saved);
        SettingsForm g = b.settings();
        assertEquals(WpSource.EXAMPLE_2, g.sourceProperty().get());
        assertEquals(ActivationChoice.JUMPRELU, g.activationProperty().get());
        assertEquals(Weighting.ORACLE, g.weightingProperty().get());
        assertTrue(g.tiedProperty().get());
        assertEquals(0.2, g.theta().value());
        assertEquals(0.75, g.sparsity().value());
        assertEquals(42L, g.seed().value());
        assertEquals(3e-4, g.learningRate().value());
        assertEquals("3", g.latents().textProperty().get());
        assertEquals(f.snapshot(), g.snapshot());
    }

    @Test
    void aBadSessionIsRefusedAndLeavesTheSettingsUnchanged() {
        TrainingLabViewModel vm = direct();
        vm.settings().sparsity().textProperty().set("0.8");
        JsonNode before = vm.saveState();

        ObjectNode badNumber = ((ObjectNode) before.deepCopy()).put("l1", -1.0).put("source", "digons");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> vm.restoreState(badNumber));
        assertTrue(e.getMessage().contains("λ"), e.getMessage());
        ObjectNode text = ((ObjectNode) before.deepCopy()).put("steps", "many");
        assertThrows(InvalidInputException.class, () -> vm.restoreState(text));
        ObjectNode future = ((ObjectNode) before.deepCopy()).put("formatVersion", 99);
        assertTrue(assertThrows(InvalidInputException.class, () -> vm.restoreState(future)).getMessage()
                .contains("version 99"));
        ObjectNode unknown = ((ObjectNode) before.deepCopy()).put("activation", "gelu");
        assertThrows(InvalidInputException.class, () -> vm.restoreState(unknown));
        assertThrows(InvalidInputException.class, () -> vm.restoreState(before.get("sparsity")));

        assertEquals(before, vm.saveState());
        assertEquals(WpSource.TOY_MODEL, vm.settings().sourceProperty().get());
    }

    @Test
    void aTrainedModelIsSavedAsACheckpointThatTheCoreReadsBack(@TempDir Path tmp) throws Exception {
        TrainingLabViewModel vm = direct();
        vm.settings().sourceProperty().set(WpSource.EXAMPLE_1);
        vm.settings().steps().textProperty().set("200");
        vm.settings().batch().textProperty().set("128");
        vm.settings().evalSamples().textProperty().set("512");
        vm.start();
        assertEquals(RunState.FINISHED, vm.stateProperty().get(), vm.statusProperty().get());

        Path dir = tmp.resolve("wsae");
        assertFalse(vm.checkpointNeedsConfirmation(dir));
        vm.saveCheckpoint(ModelKind.WSAE, dir, false);
        SaeCheckpoint.Loaded loaded = SaeCheckpoint.read(dir);
        assertEquals(2, loaded.model().inputDim());
        assertEquals(3, loaded.model().latents());
        assertEquals("variance", loaded.config().path("sae_explorer").path("weighting").asText());
        assertTrue(Files.isRegularFile(dir.resolve(CheckpointSaver.METRICS_FILE)));

        assertTrue(vm.checkpointNeedsConfirmation(dir));
        vm.saveCheckpoint(ModelKind.SAE, dir, false);
        assertEquals(1, reported.size(), "an existing checkpoint is not replaced without confirmation");
        assertEquals("variance", SaeCheckpoint.read(dir).config().path("sae_explorer").path("weighting").asText());
        vm.saveCheckpoint(ModelKind.SAE, dir, true);
        assertEquals("none", SaeCheckpoint.read(dir).config().path("sae_explorer").path("weighting").asText());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(5);
        }
    }

    /**
     * The real asynchronous path without JavaFX: work on a plain thread, "UI" callbacks serialised on one lock (as the
     * FX thread would serialise them).
     */
    private static final class ThreadExecutor implements BackgroundExecutor {
        static final Object UI = new Object();

        @Override
        public <T> Job submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            CancellationToken token = new CancellationToken();
            Job job = new Job(title, token);
            AtomicReference<Thread> t = new AtomicReference<>();
            t.set(new Thread(() -> {
                try {
                    T result = work.run(new TaskMonitor((f, m) -> { }, token));
                    runOnUiThread(() -> onSuccess.accept(result));
                } catch (Exception e) {
                    runOnUiThread(() -> onFailure.accept(e));
                }
            }, "test-job"));
            t.get().setDaemon(true);
            t.get().start();
            return job;
        }

        @Override
        public void runOnUiThread(Runnable action) {
            synchronized (UI) {
                action.run();
            }
        }
    }
}
