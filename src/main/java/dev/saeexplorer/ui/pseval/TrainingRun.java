package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.lm.LmSaeTraining;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.LatestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Trains an SAE or WSAE on the loaded model's activations in the background (the core's {@link LmSaeTraining}, as
 * {@code train-lm-sae}), writes the checkpoint folder, and then offers it for evaluation. UI thread only.
 */
public final class TrainingRun {
    private final WorkspaceContext ctx;
    private final TrainForm form = new TrainForm();
    private final LatestRun run;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Trains on the loaded model's activations at the hook point; the checkpoint can then be evaluated here.");
    private final ReadOnlyObjectWrapper<Path> trained = new ReadOnlyObjectWrapper<>(this, "trained");

    TrainingRun(WorkspaceContext ctx) {
        this.ctx = ctx;
        this.run = new LatestRun(ctx.executor());
    }

    public TrainForm form() {
        return form;
    }

    /** True when the output folder holds files that training would replace: ask before {@link #start}. */
    public boolean needsConfirmation() {
        Path out = form.output().valid() ? form.output().value() : null;
        if (out == null || !Files.isDirectory(out)) {
            return false;
        }
        try (var entries = Files.list(out)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Starts training on {@code model}; refuses (with the reason in the status) while the form is refused or without
     * a model or text.
     *
     * @param pairs   the loaded pairs, whose contexts are the in-domain text; may be null when training on a file
     * @param replace the user confirmed replacing a non-empty output folder
     */
    void start(LanguageModel model, LoadedDataset pairs, boolean replace) {
        if (run.isRunning()) {
            return;
        }
        LmSaeTraining.Settings s;
        try {
            if (model == null) {
                throw new InvalidInputException("Load a model first: the SAE trains on its activations");
            }
            s = form.settings();
            if (form.textProperty().get() == TrainForm.Text.PAIRS && pairs == null) {
                throw new InvalidInputException("No pairs are loaded: load pairs or choose a text file");
            }
        } catch (InvalidInputException e) {
            status.set("Cannot start: " + e.getMessage());
            return;
        }
        Path out = form.output().value();
        Path textFile = form.textProperty().get() == TrainForm.Text.FILE ? form.textFile().value() : null;
        String kind = s.weighting() == Weighting.VARIANCE ? "WSAE" : "SAE";
        trained.set(null);
        progress.set(0);
        status.set("Training a " + kind + " on " + model.name() + " at " + s.hook().name() + "…");
        run.start("Training a " + kind + " on " + model.name(), monitor -> {
            List<String> texts = textFile != null ? readLines(textFile) : pairs.data().contexts();
            // the JVM training engine computes on the CPU
            LmSaeTraining.Outcome o = LmSaeTraining.train(model.model(), model.tokenizer(), texts, s, "cpu",
                    monitor, snapshot -> { });
            monitor.checkCancelled();
            LmSaeTraining.write(out, replace, o, model.name());
            return o;
        }, o -> {
            progress.set(1);
            trained.set(out);
            status.set(String.format(Locale.ROOT, "Trained a %s with %,d features at %s (reconstruction %.4g,"
                    + " mean L0 %.1f); saved to %s.", kind, o.config().latents(), o.hook().name(),
                    o.result().last().reconstruction(), o.result().last().meanL0(), out));
        }, error -> {
            progress.set(0);
            if (error instanceof CancelledException) {
                status.set("Training cancelled; nothing was written.");
            } else {
                String m = ErrorText.forPeople(error, FieldLabels.TABLE);
                status.set("Training failed: " + m);
                ctx.errors().report("Training failed", m + "\n\nNothing was written to " + out + ".");
            }
        }).follow(progress, m -> status.set(kind + " " + m));
    }

    /** Stops training at the next step; nothing is written. */
    public void cancel() {
        if (run.cancel()) {
            status.set("Cancelling…");
        }
    }

    private static List<String> readLines(Path file) {
        List<String> texts;
        try {
            texts = LmSaeTraining.readTexts(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        if (texts.isEmpty()) {
            throw new InvalidInputException(file + " holds no text: every non-empty line is one training text");
        }
        return texts;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The folder of the checkpoint the last run wrote, or null. */
    public ReadOnlyObjectProperty<Path> trainedProperty() {
        return trained.getReadOnlyProperty();
    }

    void shutdown() {
        run.cancel();
    }
}
