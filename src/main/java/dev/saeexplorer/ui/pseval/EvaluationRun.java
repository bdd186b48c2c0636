package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import dev.saeexplorer.ui.jobs.LatestRun;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The evaluation's runs (one job at a time, through {@link LatestRun}), with a progress bar, a status line and cancel.
 * A finished outcome is handed on; a later run that is cancelled or fails leaves the one shown in place. UI thread
 * only.
 */
final class EvaluationRun {
    private final WorkspaceContext ctx;
    private final EvaluationJob.EncoderFactory encoders;
    private final LatestRun run;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private boolean hasResults;

    EvaluationRun(WorkspaceContext ctx, EvaluationJob.EncoderFactory encoders) {
        this.ctx = ctx;
        this.encoders = encoders;
        this.run = new LatestRun(ctx.executor());
    }

    /** Starts the plan; {@code onDone} receives the outcome on the UI thread when it finishes. */
    void start(EvaluationJob.Plan plan, Consumer<EvaluationJob.Outcome> onDone) {
        start("PS-Eval: " + plan.a().name(),
                "Evaluating " + plan.a().name() + (plan.b() == null ? "" : " and " + plan.b().name()) + "…",
                "Evaluating ", monitor -> EvaluationJob.run(plan, encoders, monitor), EvaluationRun::summary, onDone);
    }

    /** Starts a polysemy-world run (the SAE and the WSAE train first); {@code onDone} as above. */
    void start(WorldSpec spec, Consumer<WorldOutcome> onDone) {
        start("PS-Eval: polysemy world", "Drawing the polysemy world and training its SAE and WSAE…",
                "Polysemy world: ", spec::evaluate, WorldOutcome::summary, onDone);
    }

    /**
     * One run at a time: {@code starting} is the status until the job reports, then each message after
     * {@code messagePrefix}; a finished run's status is its {@code summary}.
     */
    private <T> void start(String title, String starting, String messagePrefix, BackgroundExecutor.Work<T> work,
                           Function<T, String> summary, Consumer<T> onDone) {
        if (run.isRunning()) {
            return;
        }
        progress.set(0);
        status.set(starting);
        run.start(title, work,
                result -> {
                    hasResults = true;
                    status.set(summary.apply(result));
                    onDone.accept(result);
                },
                this::failed)
                .follow(progress, m -> status.set(messagePrefix + m));
    }

    /** Stops the run before its next pair; the previous results stay. */
    void cancel() {
        if (run.cancel()) {
            status.set("Cancelling…");
        }
    }

    private void failed(Throwable error) {
        progress.set(0);
        String kept = !hasResults ? "" : " The results shown are from the previous run.";
        if (error instanceof CancelledException) {
            status.set("Cancelled." + kept);
            return;
        }
        String message = ErrorText.forPeople(error, FieldLabels.TABLE);
        status.set("The evaluation failed." + kept);
        ctx.errors().report("PS-Eval failed", message + kept);
    }

    static String summary(EvaluationJob.Outcome o) {
        var a = o.a();
        String s = String.format(Locale.ROOT, "%d pairs evaluated, %d skipped. Accuracy %s (random SAE %s)",
                a.pairs().size(), a.skipped().size(), Table7.number(a.metrics().accuracy()),
                Table7.number(a.baseline() == null ? null : a.baseline().accuracy()));
        if (o.b() != null) {
            s += String.format(Locale.ROOT, "; B: %s", Table7.number(o.b().metrics().accuracy()));
        }
        return s + ".";
    }

    ReadOnlyBooleanProperty runningProperty() {
        return run.runningProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    void shutdown() {
        run.cancel();
    }
}
