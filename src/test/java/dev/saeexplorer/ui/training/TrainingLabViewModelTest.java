package dev.saeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.checkpoint.SaeCheckpoint;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WorldPreset;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.WorldChoice;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.jobs.Job;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLabViewModelTest {
    private final List<String> reported = new ArrayList<>();

    private TrainingLabViewModel direct() {
        return new TrainingLabViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> reported.add(t + ": " + m),
                true));
    }

    @Test
    void theDefaultIsTheZipfWorldAtSixTenthsWithTheCommittedSweepsSettings() {
        SettingsForm f = direct().settings();
        LabSettings s = f.snapshot();
        assertEquals(WorldPreset.ZIPF, s.world().preset());
        assertEquals(0.6, s.sparsity());
        assertEquals(40, s.latents());
        assertEquals(0.1, s.l1());
        assertEquals(0.01, s.learningRate());
        assertEquals(2000, s.steps());
        assertEquals(Weighting.VARIANCE, s.wsaeWeighting());
        assertEquals(40 * 0.4, s.world().atSparsity(s.sparsity()).firing() instanceof World.Firing.Zipf z
                ? z.meanActive() : -1, 1e-12);
        assertTrue(direct().worldNoteProperty().get().contains("6% better"));
    }

    @Test
    void defaultWorldTrainsBothModelsAndTheWsaeRecoversMore() {
        TrainingLabViewModel vm = direct();
        vm.start();

        assertEquals(RunState.FINISHED, vm.stateProperty().get(), vm.statusProperty().get());
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
        assertEquals(2000, vm.curve(ModelKind.SAE).get(vm.curve(ModelKind.SAE).size() - 1).step());
        // Why Zipf at S = 0.6 is the default: the committed sweep's finding shows in the lab's own default run.
        assertTrue(o.wsae().metrics().lossGT() < o.sae().metrics().lossGT(),
                o.wsae().metrics().lossGT() + " vs " + o.sae().metrics().lossGT());
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
        // The core's rule, shown on the field it is about and named with the form's labels, never a flag.
        assertEquals("k (50) is larger than the number of latents, Latents (40).", f.problemProperty(f.k()).get());
        assertEquals("", f.crossFieldErrorProperty().get(), "shown on the field, not twice");
        assertFalse(f.validProperty().get());
        f.latents().textProperty().set("64");
        assertTrue(f.validProperty().get());
        assertEquals("", f.problemProperty(f.k()).get());

        f.tiedProperty().set(true);
        f.auxCoefficient().textProperty().set("0.1");
        assertEquals("Aux. loss weight does not apply to Tied: the theory's tied SAE has no auxiliary loss.",
                f.problemProperty(f.auxCoefficient()).get());
        assertFalse(f.validProperty().get());
    }

    @Test
    void aRefusalFromARunIsShownOnItsFieldInTheFormsWords() {
        SettingsForm f = direct().settings();
        // What the trainer throws when Adam diverges (SaeTrainer.checkFinite).
        f.showRunProblem(InvalidInputException.worded(Param.LEARNING_RATE, "training diverged: the loss became NaN at"
                + " step 12; lower the ", Param.LEARNING_RATE));
        assertEquals("Training diverged: the loss became NaN at step 12; lower the Learning rate.",
                f.problemProperty(f.learningRate()).get());
        assertEquals("", f.problemProperty(f.steps()).get());
        f.learningRate().textProperty().set("0.0001");
        assertEquals("", f.problemProperty(f.learningRate()).get(), "editing a field clears the run's refusal");
    }

    @Test
    void choosingAPresetSetsTheLatentsToItsFeatureCount() {
        SettingsForm f = direct().settings();
        f.world().choiceProperty().set(WorldChoice.UNIFORM);
        f.sourceProperty().set(WpPreset.DIGONS);
        assertEquals("20", f.latents().textProperty().get());
        f.world().choiceProperty().set(WorldChoice.of(WorldPreset.HIERARCHY));
        assertEquals("40", f.latents().textProperty().get(), "the world's own W_p: the toy model");
    }

    @Test
    void eachWorldTrainsOnItsOwnWpAndTheUniformWorldOnTheChosenOne() {
        TrainingLabViewModel vm = direct();
        SettingsForm f = vm.settings();
        f.world().choiceProperty().set(WorldChoice.of(WorldPreset.HIERARCHY));
        f.sourceProperty().set(WpPreset.EXAMPLE_1);
        LabSettings s = f.snapshot();
        assertEquals(10, s.dims(), "the hierarchy world brings the toy model's W_p");
        assertEquals(30, s.data(s.superposition()).hierarchy().length, "the data carries the hierarchy's 30 edges");
        assertTrue(vm.worldNoteProperty().get().contains("9–21% worse"), vm.worldNoteProperty().get());

        f.world().choiceProperty().set(WorldChoice.UNIFORM);
        f.sourceProperty().set(WpPreset.EXAMPLE_1);
        f.steps().textProperty().set("100");
        f.batch().textProperty().set("64");
        f.evalSamples().textProperty().set("256");
        assertEquals(2, f.snapshot().dims());
        assertTrue(vm.worldNoteProperty().get().contains("oracle"), vm.worldNoteProperty().get());
        vm.start();
        assertEquals(RunState.FINISHED, vm.stateProperty().get(), vm.statusProperty().get());
        assertEquals(3, vm.outcomeProperty().get().sae().cosine().length);
    }

    @Test
    void aWorldFileWithANegativeProbabilityIsRefusedAndChangesNothing(@TempDir Path tmp) throws Exception {
        TrainingLabViewModel vm = direct();
        SettingsForm f = vm.settings();
        JsonNode before = vm.saveState();
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"formatVersion\": 1, \"wp\": \"preset:pentagon\", \"firing\": {\"kind\": \"uniform\","
                + " \"sparsity\": 0.9}, \"groups\": [{\"features\": [0, 1], \"probability\": -0.1}]}");

        assertFalse(f.world().open(bad));
        String problem = f.world().problemProperty().get();
        assertTrue(problem.startsWith("World is invalid") && problem.contains("probability must be in [0, 1], got -0.1"),
                problem);
        assertEquals(WorldPreset.ZIPF, f.world().get().preset());
        assertEquals(before, vm.saveState());
        assertTrue(f.validProperty().get());

        Path good = tmp.resolve("pentagon-zipf.json");
        Files.writeString(good, "{\"wp\": \"preset:pentagon\", \"firing\": {\"kind\": \"zipf\", \"exponent\": 1,"
                + " \"meanActive\": 1.5}}");
        assertTrue(f.world().open(good));
        assertEquals("", f.world().problemProperty().get());
        assertEquals("5", f.latents().textProperty().get());
        assertEquals(2, f.snapshot().dims());
        assertTrue(vm.worldNoteProperty().get().contains("did not cover"));
    }

    @Test
    void aWorldFileIsKeptInTheSessionAndOpensWithoutTheFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("pentagon-zipf.json");
        Files.writeString(file, "{\"wp\": \"preset:pentagon\", \"firing\": {\"kind\": \"zipf\", \"exponent\": 1,"
                + " \"meanActive\": 1.5}}");
        TrainingLabViewModel a = direct();
        assertTrue(a.settings().world().open(file));
        JsonNode saved = a.saveState();
        Files.delete(file);

        TrainingLabViewModel b = direct();
        b.restoreState(saved);
        assertEquals(a.settings().snapshot(), b.settings().snapshot());
        assertEquals("World file pentagon-zipf.json", b.settings().world().get().label());
    }

    @Test
    void aSessionFromBeforeWorldsOpensOnTheUniformWorld() {
        TrainingLabViewModel vm = direct();
        ObjectNode old = (ObjectNode) vm.saveState();
        old.remove("world");
        old.put("source", "digons").put("sparsity", 0.9);
        vm.restoreState(old);
        assertTrue(vm.settings().world().get().isUniform());
        assertEquals(WpPreset.DIGONS, vm.settings().snapshot().source());
        assertEquals(0.9, vm.settings().snapshot().sparsity());
        assertEquals(10, vm.settings().snapshot().dims());

        ObjectNode unknown = ((ObjectNode) vm.saveState()).put("world", "moon");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> vm.restoreState(unknown));
        assertTrue(e.getMessage().contains("zipf"), e.getMessage());
        assertTrue(vm.settings().world().get().isUniform(), "a refused session changes nothing");
    }

    // The two tests below need real threads: the lab trains SAE and WSAE on a pool of its own. They wait on events
    // (a snapshot arrives, the state changes, the trainers hold), never on elapsed time; the generous limit only keeps
    // a broken build from hanging the suite.
    private static final Duration GENEROUS = Duration.ofMinutes(5);

    private static TrainingLabViewModel threaded() {
        TrainingLabViewModel vm = new TrainingLabViewModel(new WorkspaceContext(new ThreadExecutor(), (t, m) -> { },
                false));
        vm.settings().steps().textProperty().set("1000000");
        return vm;
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
        TrainingLabViewModel vm = threaded();
        onUi(vm::start);
        assertEquals(RunState.RUNNING, vm.stateProperty().get());
        await(vm.curve(ModelKind.SAE), () -> !vm.curve(ModelKind.SAE).isEmpty());

        onUi(vm::cancel);
        await(vm.stateProperty(), () -> vm.stateProperty().get() == RunState.CANCELLED);
        assertTrue(vm.latestProperty(ModelKind.SAE).get().step() < 1_000_000);
    }

    @Test
    void pauseHoldsTrainingAndResumeContinuesAndCancelWorksWhilePaused() throws Exception {
        TrainingLabViewModel vm = threaded();
        onUi(vm::start);
        await(vm.curve(ModelKind.SAE), () -> !vm.curve(ModelKind.SAE).isEmpty());
        CancellationToken control = vm.runControl();

        onUi(vm::pause);
        assertEquals(RunState.PAUSED, vm.stateProperty().get());
        assertTrue(control.awaitHeld(2, GENEROUS), "both trainers hold after the step they were on");
        // Each trainer reports the step it holds at; while held nothing moves (the threads are parked).
        int[] held = new int[2];
        onUi(() -> {
            held[0] = vm.latestProperty(ModelKind.SAE).get().step();
            held[1] = vm.latestProperty(ModelKind.WSAE).get().step();
        });
        assertTrue(held[0] < 1_000_000 && held[1] < 1_000_000);
        assertEquals(2, control.heldThreads());
        onUi(() -> assertEquals(held[0], vm.latestProperty(ModelKind.SAE).get().step()));

        onUi(vm::resume);
        assertEquals(RunState.RUNNING, vm.stateProperty().get());
        await(vm.curve(ModelKind.SAE), () -> vm.latestProperty(ModelKind.SAE).get().step() > held[0]);

        onUi(vm::pause);
        assertTrue(control.awaitHeld(2, GENEROUS));
        onUi(vm::cancel);
        await(vm.stateProperty(), () -> vm.stateProperty().get() == RunState.CANCELLED);
    }

    /** Runs {@code action} as the UI thread would: serialised with every other UI callback. */
    private static void onUi(Runnable action) {
        synchronized (ThreadExecutor.UI) {
            action.run();
        }
    }

    /** Waits until {@code condition} holds, re-checked whenever {@code source} changes (on the "UI" lock). */
    private static void await(Observable source, BooleanSupplier condition) throws InterruptedException {
        CountDownLatch met = new CountDownLatch(1);
        InvalidationListener check = o -> {
            if (condition.getAsBoolean()) {
                met.countDown();
            }
        };
        onUi(() -> {
            source.addListener(check);
            check.invalidated(source);
        });
        try {
            assertTrue(met.await(GENEROUS.toMillis(), TimeUnit.MILLISECONDS), "the awaited event never came");
        } finally {
            onUi(() -> source.removeListener(check));
        }
    }

    @Test
    void settingsRoundTripThroughTheSessionState() {
        TrainingLabViewModel a = direct();
        SettingsForm f = a.settings();
        f.world().choiceProperty().set(WorldChoice.UNIFORM);
        f.sourceProperty().set(WpPreset.EXAMPLE_2);
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
        assertEquals(WpPreset.EXAMPLE_2, g.sourceProperty().get());
        assertEquals(ActivationChoice.JUMPRELU, g.activationProperty().get());
        assertEquals(Weighting.ORACLE, g.weightingProperty().get());
        assertTrue(g.tiedProperty().get());
        assertEquals(0.2, g.theta().value());
        assertEquals(0.75, g.sparsity().value());
        assertEquals(42L, g.seed().value());
        assertEquals(3e-4, g.learningRate().value());
        assertTrue(g.world().get().isUniform());
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
        assertEquals(WpPreset.TOY_MODEL, vm.settings().sourceProperty().get());
        assertEquals(WorldPreset.ZIPF, vm.settings().world().get().preset());

        TrainingLabViewModel other = direct();
        other.settings().world().choiceProperty().set(WorldChoice.of(WorldPreset.GROUPS));
        other.restoreState(before);
        assertEquals(WorldPreset.ZIPF, other.settings().world().get().preset(), "the world round-trips");
    }

    @Test
    void aTrainedModelIsSavedAsACheckpointThatTheCoreReadsBack(@TempDir Path tmp) throws Exception {
        TrainingLabViewModel vm = direct();
        vm.settings().world().choiceProperty().set(WorldChoice.UNIFORM);
        vm.settings().sourceProperty().set(WpPreset.EXAMPLE_1);
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
