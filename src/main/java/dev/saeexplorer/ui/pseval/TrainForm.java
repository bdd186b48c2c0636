package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.LmSaeTraining;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.common.FieldParsers;
import dev.saeexplorer.ui.common.InputField;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The settings of an SAE/WSAE trained on the loaded model's activations (as {@code train-lm-sae} takes them), the text
 * it trains on, and the folder the checkpoint goes to.
 */
public final class TrainForm {
    /** What the SAE trains on. */
    public enum Text {
        PAIRS("The loaded pairs' contexts (in-domain, as the PS-Eval paper trains)"),
        FILE("A text file, one text per line");

        private final String label;

        Text(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final InputField<HookPoint> hook = new InputField<>("hook", "Hook point",
            "Where the SAE reads the model, e.g. blocks.4.hook_resid_pre.", "blocks.0.hook_resid_pre",
            Fields.hook(false));
    private final InputField<Integer> expansion = new InputField<>("expansion", "Expansion",
            "d_sae = expansion · d_model (the PS-Eval paper's expand ratio).", "4",
            FieldParsers.whole("Expansion", 1, 256, "4"));
    private final InputField<Double> l1 = new InputField<>(Param.L1, "l1",
            "Weight of the L1 penalty on the features (≥ 0).", "0.001",
            FieldParsers.decimal(FieldLabels.of(Param.L1), 0, 1e6, "0.001"));
    private final ObjectProperty<Weighting> weighting = new SimpleObjectProperty<>(this, "weighting", Weighting.NONE);
    private final InputField<Double> alpha = new InputField<>(Param.ALPHA, "alpha",
            "Exponent α of the WSAE weights γ_i = s_i^α, s_i the variance of activation dimension i.", "1.0",
            FieldParsers.decimal(FieldLabels.of(Param.ALPHA), 0, 100, "1.0"));
    private final InputField<Integer> steps = new InputField<>(Param.STEPS, "steps", "Adam steps.", "2000",
            FieldParsers.whole(FieldLabels.of(Param.STEPS), 1, 10_000_000, "2000"));
    private final InputField<Integer> batch = new InputField<>(Param.BATCH, "batch",
            "Activation vectors (tokens) per step.", "256",
            FieldParsers.whole(FieldLabels.of(Param.BATCH), 1, 65_536, "256"));
    private final InputField<Double> learningRate = new InputField<>(Param.LEARNING_RATE, "lr", "Adam's learning rate.",
            "0.001", FieldParsers.decimal(FieldLabels.of(Param.LEARNING_RATE), 0, false, 10, "0.001"));
    private final InputField<Long> seed = new InputField<>(Param.SEED, "seed", "Seeds the initialisation.", "0",
            FieldParsers.seed(FieldLabels.of(Param.SEED)));
    private final ObjectProperty<Text> text = new SimpleObjectProperty<>(this, "text", Text.PAIRS);
    private final InputField<Path> textFile = new InputField<>("textFile", "Text file",
            "A UTF-8 text file; every non-empty line is one training text.", "", TrainForm::readableFile);
    private final InputField<Path> output = new InputField<>("output", "Save to",
            "The checkpoint folder to create (SAELens layout). An existing non-empty folder is replaced only after you"
                    + " confirm.", "", TrainForm::folder);
    private final StringBinding firstError;

    public TrainForm() {
        List<Observable> deps = new java.util.ArrayList<>(List.of(weighting, text));
        for (InputField<?> f : fields()) {
            deps.add(f.errorProperty());
        }
        firstError = Bindings.createStringBinding(this::computeFirstError, deps.toArray(new Observable[0]));
    }

    List<InputField<?>> fields() {
        return List.of(hook, expansion, l1, alpha, steps, batch, learningRate, seed, textFile, output);
    }

    /** Whether a field matters now: α for the WSAE only, the text file only when training on a file. */
    public boolean applies(InputField<?> f) {
        if (f == alpha) {
            return weighting.get() == Weighting.VARIANCE;
        }
        return f != textFile || text.get() == Text.FILE;
    }

    private String computeFirstError() {
        for (InputField<?> f : fields()) {
            if (applies(f) && !f.valid()) {
                return f.errorProperty().get();
            }
        }
        return "";
    }

    /** The first refusal among the fields that apply, or "". */
    public StringBinding firstErrorProperty() {
        return firstError;
    }

    /** The validated training settings; throws with the first refusal. */
    LmSaeTraining.Settings settings() {
        if (!firstError.get().isEmpty()) {
            throw new InvalidInputException(firstError.get());
        }
        return new LmSaeTraining.Settings(hook.value(), expansion.value(), new Activation.Relu(), l1.value(),
                weighting.get(), weighting.get() == Weighting.VARIANCE ? alpha.value() : 1.0, steps.value(),
                batch.value(), learningRate.value(), seed.value());
    }

    private static Path readableFile(String t) {
        Path p = path(t, "Text file", "/home/me/corpus.txt");
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new InvalidInputException("Text file " + p + " does not exist or cannot be read: choose a text file");
        }
        return p;
    }

    private static Path folder(String t) {
        Path p = path(t, "Save to", "/home/me/checkpoints/my-sae");
        if (Files.isRegularFile(p)) {
            throw new InvalidInputException("Save to: " + p + " is a file; choose a folder");
        }
        return p;
    }

    private static Path path(String t, String name, String example) {
        if (t == null || t.isBlank()) {
            throw new InvalidInputException(name + " is empty: choose a path such as " + example);
        }
        try {
            return Path.of(t.strip());
        } catch (InvalidPathException e) {
            throw new InvalidInputException(name + ": '" + t.strip() + "' is not a valid path");
        }
    }

    public InputField<HookPoint> hook() {
        return hook;
    }

    public InputField<Integer> expansion() {
        return expansion;
    }

    public InputField<Double> l1() {
        return l1;
    }

    public ObjectProperty<Weighting> weightingProperty() {
        return weighting;
    }

    public InputField<Double> alpha() {
        return alpha;
    }

    public InputField<Integer> steps() {
        return steps;
    }

    public InputField<Integer> batch() {
        return batch;
    }

    public InputField<Double> learningRate() {
        return learningRate;
    }

    public InputField<Long> seed() {
        return seed;
    }

    public ObjectProperty<Text> textProperty() {
        return text;
    }

    public InputField<Path> textFile() {
        return textFile;
    }

    public InputField<Path> output() {
        return output;
    }
}
