package dev.saeexplorer.ui.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.sae.TrainingSnapshot;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.workspace.WorkspaceModel;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.LatestRun;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The training lab without a stage: settings, the run's state machine (idle → running ⇄ paused → finished, cancelled
 * or failed), live curves fed in batches from the training threads, and the results of the last finished run.
 * Everything here is read and changed on the UI thread; the training runs through the context's executor.
 */
public final class TrainingLabViewModel implements WorkspaceModel {
    private final WorkspaceContext ctx;
    private final SettingsForm form = new SettingsForm();

    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Ready: press Start to train an SAE and a WSAE on the same data.");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<TrainingSnapshot> latestSae = new ReadOnlyObjectWrapper<>(this, "latestSae");
    private final ReadOnlyObjectWrapper<TrainingSnapshot> latestWsae = new ReadOnlyObjectWrapper<>(this, "latestWsae");
    private final ReadOnlyObjectWrapper<LabOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving", false);
    private final ObservableList<TrainingSnapshot> saeCurve = FXCollections.observableArrayList();
    private final ObservableList<TrainingSnapshot> wsaeCurve = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its list, so a fresh view per call could be collected with
    // the listeners a view attached to it.
    private final ObservableList<TrainingSnapshot> saeCurveView = FXCollections.unmodifiableObservableList(saeCurve);
    private final ObservableList<TrainingSnapshot> wsaeCurveView = FXCollections.unmodifiableObservableList(wsaeCurve);
    private final ObservableList<MetricRow> metricsView = FXCollections.unmodifiableObservableList(metrics);

    private final BooleanBinding canStart;
    private final BooleanBinding canPause;
    private final BooleanBinding canResume;
    private final BooleanBinding canCancel;
    private final StringBinding worldNote;

    /** The current run: callbacks of a run cancelled and replaced meanwhile are ignored. */
    private final LatestRun runs;
    /** Pauses, resumes and cancels the current run's trainers between two steps. */
    private CancellationToken control;
    private LabSettings running;

    public TrainingLabViewModel(WorkspaceContext ctx) {
        this.ctx = ctx;
        this.runs = new LatestRun(ctx.executor());
        canStart = Bindings.createBooleanBinding(() -> form.validProperty().get() && !state.get().active(),
                form.validProperty(), state);
        canPause = Bindings.createBooleanBinding(() -> state.get() == RunState.RUNNING, state);
        canResume = Bindings.createBooleanBinding(() -> state.get() == RunState.PAUSED, state);
        canCancel = Bindings.createBooleanBinding(() -> state.get().active(), state);
        worldNote = Bindings.createStringBinding(() -> form.world().get().verdict(), form.world().choiceProperty());
    }

    public SettingsForm settings() {
        return form;
    }

    /** Starts training both models; refuses (with the reason in the status) while settings are refused or a run is on. */
    public void start() {
        if (state.get().active()) {
            return;
        }
        LabSettings s;
        try {
            s = form.snapshot();
        } catch (InvalidInputException e) {
            status.set("Cannot start: " + e.getMessage());
            return;
        }
        LatestRun.Ticket ticket = runs.next();
        running = s;
        control = new CancellationToken();
        saeCurve.clear();
        wsaeCurve.clear();
        latestSae.set(null);
        latestWsae.set(null);
        progress.set(0);
        state.set(RunState.RUNNING);
        status.set("Training SAE and WSAE (" + s.steps() + " steps each)…");
        SnapshotBuffer buffer = new SnapshotBuffer(ctx.executor(), (kind, batch) -> {
            if (ticket.isLatest()) {
                append(kind, batch);
            }
        });
        DualTraining training = new DualTraining(s, control, buffer::offer);
        ticket.submit("Training lab: SAE and WSAE", training::run, result -> {
            buffer.drain();
            finished(result);
        }, this::failed);
    }

    /** Pauses both trainers after the step they are on; each reports the step it holds at as a snapshot. */
    public void pause() {
        if (state.get() != RunState.RUNNING) {
            return;
        }
        control.pause();
        state.set(RunState.PAUSED);
        status.set("Paused after the current training step. Resume or cancel.");
    }

    public void resume() {
        if (state.get() != RunState.PAUSED) {
            return;
        }
        control.resume();
        state.set(RunState.RUNNING);
        status.set("Training SAE and WSAE (" + running.steps() + " steps each)…");
    }

    /** Cancels the run; the trainers check between every two steps, so it ends after the current one, paused or not. */
    public void cancel() {
        if (!state.get().active()) {
            return;
        }
        status.set("Cancelling…");
        control.cancel();
        runs.cancel();
    }

    private void append(ModelKind kind, List<TrainingSnapshot> batch) {
        (kind == ModelKind.SAE ? saeCurve : wsaeCurve).addAll(batch);
        (kind == ModelKind.SAE ? latestSae : latestWsae).set(batch.get(batch.size() - 1));
        double done = stepOf(latestSae.get()) + stepOf(latestWsae.get());
        progress.set(Math.min(1, done / (2.0 * running.steps())));
    }

    private static int stepOf(TrainingSnapshot s) {
        return s == null ? 0 : s.step();
    }

    private void finished(LabOutcome result) {
        outcome.set(result);
        metrics.setAll(MetricRow.of(result));
        progress.set(1);
        state.set(RunState.FINISHED);
        status.set(String.format("Finished: L_GT %s (SAE) vs %s (WSAE); monosemanticity %s vs %s.",
                MetricRow.format(result.sae().metrics().lossGT()), MetricRow.format(result.wsae().metrics().lossGT()),
                MetricRow.format(result.sae().metrics().monosemanticity()),
                MetricRow.format(result.wsae().metrics().monosemanticity())));
    }

    private void failed(Throwable error) {
        if (error instanceof CancelledException) {
            state.set(RunState.CANCELLED);
            status.set("Cancelled. The curves show how far training got; results are from the last finished run.");
            return;
        }
        state.set(RunState.FAILED);
        if (error instanceof InvalidInputException) {
            form.showRunProblem((InvalidInputException) error);
        }
        String message = ErrorText.forPeople(error, FieldLabels.TABLE);
        status.set("Training failed: " + message);
        ctx.errors().report("Training failed", message + " Check the settings and start again.");
    }

    /** The histogram of one latent of the last finished run, over its evaluation sample. */
    public LatentHistogram histogram(ModelKind kind, int latent, int bins) {
        LabOutcome o = outcome.get();
        if (o == null) {
            throw new IllegalStateException("no finished run yet");
        }
        return LatentHistogram.of(o.of(kind).activations()[latent], bins);
    }

    /** True when {@code dir} holds files that a save would replace; ask the user before calling {@link #saveCheckpoint}. */
    public boolean checkpointNeedsConfirmation(Path dir) {
        return CheckpointSaver.needsConfirmation(dir);
    }

    /** Saves one model of the last finished run as an SAELens-layout folder, in the background. */
    public void saveCheckpoint(ModelKind kind, Path dir, boolean replace) {
        LabOutcome o = outcome.get();
        if (o == null || saving.get()) {
            return;
        }
        saving.set(true);
        status.set("Saving the " + kind.label() + " checkpoint to " + dir + "…");
        ctx.executor().submit("Saving " + kind.label() + " checkpoint", monitor -> {
            CheckpointSaver.save(dir, replace, o.of(kind).result());
            return dir;
        }, written -> {
            saving.set(false);
            status.set("Saved the " + kind.label() + " checkpoint to " + written + ".");
        }, error -> {
            saving.set(false);
            String message = ErrorText.forPeople(error, FieldLabels.TABLE);
            status.set("Could not save the checkpoint: " + message);
            ctx.errors().report("Could not save the checkpoint",
                    message + " Choose another folder (an empty one, or confirm replacing).");
        });
    }

    public JsonNode saveState() {
        return form.toJson();
    }

    /** Restores the settings only; validated first, nothing changes on failure. */
    public void restoreState(JsonNode state) {
        form.restore(state);
    }

    /** The current run's pause/cancel control, for tests that wait until the trainers hold. */
    CancellationToken runControl() {
        return control;
    }

    public void shutdown() {
        runs.cancel();
        if (control != null) {
            control.cancel();
        }
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Fraction of the training steps done by both models together. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrainingSnapshot> latestProperty(ModelKind kind) {
        return (kind == ModelKind.SAE ? latestSae : latestWsae).getReadOnlyProperty();
    }

    /** The last finished run, or null. */
    public ReadOnlyObjectProperty<LabOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** The live curve of the current (or last) run. */
    public ObservableList<TrainingSnapshot> curve(ModelKind kind) {
        return kind == ModelKind.SAE ? saeCurveView : wsaeCurveView;
    }

    public ObservableList<MetricRow> metricRows() {
        return metricsView;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    /** What the committed worlds sweep found on the chosen world, shown next to the results. */
    public StringBinding worldNoteProperty() {
        return worldNote;
    }

    public BooleanBinding canCancelProperty() {
        return canCancel;
    }
}
