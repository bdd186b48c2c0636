package dev.saeexplorer.ui.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.experiment.SweepFiles;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.workspace.WorkspaceModel;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.chart.JFreeChart;

/**
 * The sparsity sweep without a scene graph: the {@link SweepForm}, the run's state machine (idle → running ⇄ paused →
 * done, cancelled or failed) with its progress, the rows as they finish and the {@link SweepFigures} drawn from them.
 * Everything here is read and changed on the UI thread; the sweep runs through {@link SweepRun}.
 */
public final class SweepViewModel implements WorkspaceModel {
    private final WorkspaceContext ctx;
    private final SweepForm form = new SweepForm();
    private final SweepRun worker;
    private final SweepFigures figures;

    private final ReadOnlyObjectWrapper<SweepState> state = new ReadOnlyObjectWrapper<>(this, "state", SweepState.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyIntegerWrapper runsDone = new ReadOnlyIntegerWrapper(this, "runsDone");
    private final ReadOnlyIntegerWrapper runsTotal = new ReadOnlyIntegerWrapper(this, "runsTotal");
    private final ReadOnlyStringWrapper runsText = new ReadOnlyStringWrapper(this, "runsText", "");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final ObservableList<SweepRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SweepRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final BooleanBinding canRun;

    public SweepViewModel(WorkspaceContext ctx) {
        this.ctx = ctx;
        this.worker = new SweepRun(ctx.executor());
        this.figures = new SweepFigures(ctx);
        canRun = Bindings.createBooleanBinding(() -> form.settingsProperty().get() != null && !running.get(),
                form.settingsProperty(), running);
        rows.addListener((javafx.collections.ListChangeListener<SweepRow>) c -> redraw());
        state.addListener((obs, was, now) -> {
            running.set(now.active());
            if (rows.isEmpty()) {
                redraw();
            }
        });
        form.settingsProperty().addListener((obs, was, now) -> {
            if (now != null && !running.get() && rows.isEmpty()) {
                runsTotal.set(now.totalRuns());
                updateRunsText();
            }
        });
        updateRunsText();
    }

    /** The settings form. */
    public SweepForm form() {
        return form;
    }

    public ReadOnlyObjectProperty<SweepState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True while a sweep is running or paused. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True when the settings are valid and no sweep is running. */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** Fraction of the sweep done, in [0, 1]. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty runsDoneProperty() {
        return runsDone.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty runsTotalProperty() {
        return runsTotal.getReadOnlyProperty();
    }

    /** "5 of 28 runs". */
    public ReadOnlyStringProperty runsTextProperty() {
        return runsText.getReadOnlyProperty();
    }

    /** What the sweep is doing now, or how it ended. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** The finished runs, in the order they finished (read-only). */
    public ObservableList<SweepRow> rows() {
        return rowsView;
    }

    /** The figure built from the rows so far; a new chart after every change of {@link #chartsRevisionProperty()}. */
    public JFreeChart chart(SweepFigure figure) {
        return figures.chart(figure);
    }

    /** Goes up by one each time the figures are rebuilt (rows arrived, rows restored); listen to it to redraw. */
    public ReadOnlyIntegerProperty chartsRevisionProperty() {
        return figures.revisionProperty();
    }

    /**
     * Starts the sweep with the current settings, replacing the rows shown. Returns false (and starts nothing) when a
     * field is wrong or a sweep is already running.
     */
    public boolean run() {
        SweepSettings s = form.settingsProperty().get();
        if (s == null || running.get()) {
            return false;
        }
        rows.clear();
        runsTotal.set(s.totalRuns());
        runsDone.set(0);
        progress.set(0);
        statusMessage.set("Starting the compute backend…");
        state.set(SweepState.RUNNING);
        updateRunsText();
        worker.start(s, new SweepRun.Listener() {
            @Override
            public void rows(List<SweepRow> batch) {
                rows.addAll(batch);
                runsDone.set(rows.size());
                progress.set(Math.max(progress.get(), rows.size() / (double) Math.max(1, runsTotal.get())));
                updateRunsText();
            }

            @Override
            public void progress(double fraction, String message) {
                progress.set(fraction);
                if (state.get() == SweepState.RUNNING) {
                    statusMessage.set(message);
                }
            }

            @Override
            public void finished(List<SweepRow> all) {
                SweepViewModel.this.finished(all);
            }

            @Override
            public void failed(Throwable error) {
                SweepViewModel.this.failed(error);
            }
        });
        return true;
    }

    /** Holds the sweep after the training step it is on; {@link #resume} goes on from there. */
    public void pause() {
        if (state.get() == SweepState.RUNNING) {
            worker.pause();
            state.set(SweepState.PAUSED);
            statusMessage.set("Paused after the current training step. Resume or cancel.");
        }
    }

    public void resume() {
        if (state.get() == SweepState.PAUSED) {
            worker.resume();
            state.set(SweepState.RUNNING);
            statusMessage.set("Resumed.");
        }
    }

    /** Asks the running (or paused) sweep to stop; the state becomes {@link SweepState#CANCELLED} once it has. */
    public void cancel() {
        if (running.get() && worker.cancel()) {
            statusMessage.set("Cancelling…");
        }
    }

    /** Writes the rows so far to a .csv or .json file (the same format as the CLI's {@code sweep --out}). */
    public void exportRows(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".json")) {
            throw new InvalidInputException("Choose a file name ending in .csv or .json for the sweep rows.");
        }
        SweepFiles.write(path, SweepFiles.formatOf(path), List.copyOf(rows));
    }

    /** Stops a running sweep (window closing). */
    public void shutdown() {
        worker.cancel();
        figures.shutdown();
    }

    /** The settings (the last valid ones while a field is wrong) and the rows so far. */
    public ObjectNode saveState() {
        return SweepSession.write(form.lastValid(), rows);
    }

    /**
     * Restores settings and rows; everything is checked first, so on an {@link InvalidInputException} nothing has
     * changed. A running sweep is stopped and its late rows ignored.
     */
    public void restoreState(JsonNode o) {
        SweepSession.Restored restored = SweepSession.read(o);
        worker.abandon();
        form.fill(restored.settings());
        rows.setAll(restored.rows());
        SweepSettings s = restored.settings();
        runsTotal.set(s.totalRuns());
        runsDone.set(rows.size());
        progress.set(s.totalRuns() == 0 ? 0 : Math.min(1.0, rows.size() / (double) s.totalRuns()));
        state.set(SweepState.IDLE);
        statusMessage.set(rows.isEmpty() ? "" : "Restored " + rows.size() + " runs from the session.");
        updateRunsText();
        redraw();
    }

    /** The running sweep's job, or null: for tests that wait until its training holds. */
    Job job() {
        return worker.job();
    }

    private void finished(List<SweepRow> result) {
        if (rows.size() != result.size()) {
            rows.setAll(result);
        }
        runsDone.set(rows.size());
        progress.set(1);
        state.set(SweepState.DONE);
        statusMessage.set("Finished: " + rows.size() + " runs.");
        updateRunsText();
    }

    private void failed(Throwable error) {
        runsDone.set(rows.size());
        updateRunsText();
        if (isCancellation(error)) {
            state.set(SweepState.CANCELLED);
            statusMessage.set("Cancelled after " + rows.size() + " of " + runsTotal.get() + " runs.");
            return;
        }
        state.set(SweepState.FAILED);
        if (error instanceof InvalidInputException) {
            form.showRunProblem((InvalidInputException) error);
        }
        String message = ErrorText.forPeople(error, FieldLabels.TABLE);
        if (!(error instanceof InvalidInputException)) {
            message += " The rows finished so far are kept; try fewer latents or steps, or report the problem.";
        }
        statusMessage.set("Failed after " + rows.size() + " of " + runsTotal.get() + " runs.");
        ctx.errors().report("Sparsity sweep failed", message);
    }

    private static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CancelledException || c instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private void updateRunsText() {
        int total = runsTotal.get() > 0 ? runsTotal.get() : form.lastValid().totalRuns();
        runsText.set(runsDone.get() + " of " + total + " runs");
    }

    private void redraw() {
        figures.update(rows, state.get().active());
    }
}
