package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.polysemy.PolysemyEvaluation;
import dev.saeexplorer.core.polysemy.PolysemyWorld;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.common.FieldParsers;
import dev.saeexplorer.ui.common.InputField;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * The polysemy world's settings as typed, with the {@code polysemy-world} command's defaults: the world (words, senses,
 * background, dimensions, sparsity, sense strength), the trained SAEs (latents, steps), the pairs and the seed.
 */
public final class WorldForm {
    private final InputField<Integer> words = whole(Param.WORDS, "words",
            "W, the polysemous words; each has a word feature and its sense features.", "20", 1, 100_000);
    private final InputField<Integer> senses = whole(Param.SENSES, "senses",
            "K ≥ 2 senses per word (a polysemous word has two meanings or more).", "2", 2, 10_000);
    private final InputField<Integer> background = whole(Param.BACKGROUND, "background",
            "B background features, active independently of the word (0 for none).", "20", 0, 1_000_000);
    private final InputField<Integer> dims = whole(Param.DIMS, "dims",
            "n_p, the dimensions the n = W + W·K + B true features are mapped into by W_p: superposed when n > n_p,"
                    + " orthonormal otherwise.", "40", 1, 1_000_000);
    private final InputField<Double> sparsity = new InputField<>(Param.SPARSITY, "sparsity",
            "S in [0, 1): each background feature is active with probability 1 − S.", "0.9",
            FieldParsers.sparsity(FieldLabels.of(Param.SPARSITY), "0.9"));
    private final InputField<Double> senseStrength = new InputField<>(Param.SENSE_STRENGTH, "senseStrength",
            "R > 0, the sense feature's value in a context; the word feature's is 1. Above 1 the sense is the"
                    + " context's strongest true feature.", "1",
            FieldParsers.decimal(FieldLabels.of(Param.SENSE_STRENGTH), 0, false, 1e6, "1.5"));
    private final InputField<Integer> latents = new InputField<>(Param.LATENTS, "latents",
            "d_sae of the trained SAE and WSAE; empty for n, the number of true features.", "",
            FieldParsers.optionalWhole(FieldLabels.of(Param.LATENTS), 1, 100_000, "80"));
    private final InputField<Integer> steps = whole(Param.STEPS, "steps", "Adam steps of the SAE and of the WSAE, "
            + PolysemyEvaluation.Settings.DEFAULT_BATCH + " contexts each.", "2000", 1, 10_000_000);
    private final InputField<Integer> pairs = whole(Param.PAIRS, "pairs",
            "PS-Eval pairs drawn from the world: a word, then the same sense twice or two different senses.", "1000", 1,
            1_000_000);
    private final InputField<Long> seed = new InputField<>(Param.SEED, "seed",
            "Seeds W_p, the pairs and the training.", "0", FieldParsers.seed(FieldLabels.of(Param.SEED)));
    private final StringBinding firstError;

    public WorldForm() {
        // On the texts, not the errors: two fields fine alone can still be refused together.
        firstError = Bindings.createStringBinding(this::computeFirstError,
                fields().stream().map(InputField::textProperty).toArray(Observable[]::new));
    }

    private static InputField<Integer> whole(Param param, String key, String help, String initial, int min, int max) {
        return new InputField<>(param, key, help, initial, FieldParsers.whole(FieldLabels.of(param), min, max, initial));
    }

    /** Every field, in the form's order; their keys are the session's. */
    public List<InputField<?>> fields() {
        return List.of(words, senses, background, dims, sparsity, senseStrength, latents, steps, pairs, seed);
    }

    /** The fields of the world itself (the rest set the SAEs, the pairs and the seed). */
    List<InputField<?>> worldFields() {
        return List.of(words, senses, background, dims, sparsity, senseStrength);
    }

    private String computeFirstError() {
        for (InputField<?> f : fields()) {
            if (!f.valid()) {
                return f.errorProperty().get();
            }
        }
        try {
            // Each field is fine alone; together they may still ask for too large a W_p.
            PolysemyWorld.check(words.value(), senses.value(), background.value(), dims.value(), sparsity.value(),
                    senseStrength.value());
            return "";
        } catch (InvalidInputException e) {
            return ErrorText.forPeople(e, FieldLabels.TABLE);
        }
    }

    /** The first refusal among the fields, or "". */
    public StringBinding firstErrorProperty() {
        return firstError;
    }

    /** The validated settings; throws with the first refusal. */
    WorldSpec spec() {
        if (!firstError.get().isEmpty()) {
            throw new InvalidInputException(firstError.get());
        }
        return new WorldSpec(words.value(), senses.value(), background.value(), dims.value(), sparsity.value(),
                senseStrength.value(), latents.value(), steps.value(), pairs.value(), seed.value());
    }

    public InputField<Integer> words() {
        return words;
    }

    public InputField<Integer> senses() {
        return senses;
    }

    public InputField<Integer> background() {
        return background;
    }

    public InputField<Integer> dims() {
        return dims;
    }

    public InputField<Double> sparsity() {
        return sparsity;
    }

    public InputField<Double> senseStrength() {
        return senseStrength;
    }

    public InputField<Integer> latents() {
        return latents;
    }

    public InputField<Integer> steps() {
        return steps;
    }

    public InputField<Integer> pairs() {
        return pairs;
    }

    public InputField<Long> seed() {
        return seed;
    }
}
