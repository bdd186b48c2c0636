package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.ui.WorkspaceContext;
import dev.saeexplorer.ui.jobs.Job;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The evaluation's runs ({@link BackgroundRun}: one job at a time, progress, message, cancel). A finished outcome is
 * handed on; a later run that is cancelled or fails leaves the one shown in place. UI thread only.
 */
final class EvaluationRun {
    private final WorkspaceContext ctx;
    private final EvaluationJob.EncoderFactory encoders;
    private final BackgroundRun run = new BackgroundRun("");
    private boolean hasResults;

    EvaluationRun(WorkspaceContext ctx, EvaluationJob.EncoderFactory encoders) {
        this.ctx = ctx;
        this.encoders = encoders;
    }

    /** Starts the plan; {@code onDone} receives the outcome on the UI thread when it finishes. */
    void start(EvaluationJob.Plan plan, Consumer<EvaluationJob.Outcome> onDone) {
        if (run.runningProperty().get()) {
            return;
        }
        long mine = run.begin("Evaluating " + plan.a().name() + (plan.b() == null ? "" : " and " + plan.b().name())
                + "…");
        Job started = ctx.executor().submit("PS-Eval: " + plan.a().name(),
                monitor -> EvaluationJob.run(plan, encoders, monitor),
                result -> {
                    if (run.isLatest(mine)) {
                        run.done();
                        hasResults = true;
                        run.setStatus(summary(result));
                        onDone.accept(result);
                    }
                },
                error -> {
                    if (run.isLatest(mine)) {
                        run.done();
                        failed(error);
                    }
                });
        run.follow(mine, started, "Evaluating");
    }

    /** Stops the run before its next pair; the previous results stay. */
    void cancel() {
        run.cancel();
    }

    private void failed(Throwable error) {
        run.setProgress(0);
        String kept = !hasResults ? "" : " The results shown are from the previous run.";
        if (error instanceof CancelledException) {
            run.setStatus("Cancelled." + kept);
            return;
        }
        String message = PsEvalErrors.message(error);
        run.setStatus("The evaluation failed." + kept);
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
        return run.progressProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return run.statusProperty();
    }

    void shutdown() {
        run.shutdown();
    }
}
