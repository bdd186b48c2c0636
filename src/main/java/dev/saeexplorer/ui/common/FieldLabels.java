package dev.saeexplorer.ui.common;

import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.ParamNames;
import java.util.EnumMap;
import java.util.Map;

/**
 * The GUI's one table from the core's parameters to the labels people see: every form labels the field that sets a
 * parameter with it, and every core refusal is worded with it ("L1 coefficient λ must be …"), never with a
 * command-line flag. The CLI has its own table of flags.
 */
public final class FieldLabels implements ParamNames {
    public static final FieldLabels TABLE = new FieldLabels();

    private final Map<Param, String> labels = new EnumMap<>(Param.class);

    private FieldLabels() {
        labels.put(Param.SPARSITY, "Sparsity S");
        labels.put(Param.SPARSITIES, "Sparsity grid");
        labels.put(Param.SEEDS, "Seeds");
        labels.put(Param.SEED, "Seed");
        labels.put(Param.LATENTS, "Latents");
        labels.put(Param.ACTIVATION, "Activation");
        labels.put(Param.K, "k");
        labels.put(Param.THETA, "θ");
        labels.put(Param.L1, "L1 coefficient λ");
        labels.put(Param.ALPHA, "WSAE α");
        labels.put(Param.WEIGHTING, "WSAE weights");
        labels.put(Param.AUX, "Aux. loss weight");
        labels.put(Param.TIED, "Tied");
        labels.put(Param.DEAD_WINDOW, "Dead window");
        labels.put(Param.STEPS, "Steps");
        labels.put(Param.BATCH, "Batch size");
        labels.put(Param.LEARNING_RATE, "Learning rate");
        labels.put(Param.EVAL_SAMPLES, "Evaluation samples");
        labels.put(Param.SAMPLES, "Monte-Carlo samples");
        labels.put(Param.GAMMA, "Γ");
        labels.put(Param.WP, "W_p");
        labels.put(Param.X, "x");
        labels.put(Param.FEATURES, "Features n");
        labels.put(Param.DIMS, "Dimensions n_p");
        labels.put(Param.IMPORTANCE, "Importance");
        labels.put(Param.DEVICE, "Device");
        labels.put(Param.FALLBACK_CPU, "CPU fallback");
        labels.put(Param.CONTEXT_SIZE, "Context size");
        labels.put(Param.TEXT, "Text");
        labels.put(Param.TOP, "Features per token");
        labels.put(Param.MAX_TOKENS, "Token budget");
        labels.put(Param.TOP_K, "Top contexts per feature");
        labels.put(Param.FEATURE, "Feature");
        labels.put(Param.OUT, "The folder");
        labels.put(Param.FORCE, "confirm replacing");
        labels.put(Param.WORDS, "Words");
        labels.put(Param.SENSES, "Senses per word");
        labels.put(Param.BACKGROUND, "Background features");
        labels.put(Param.SENSE_STRENGTH, "Sense strength R");
        labels.put(Param.PAIRS, "PS-Eval pairs");
        labels.put(Param.WORLD, "World");
    }

    @Override
    public String nameOf(Param param) {
        String label = labels.get(param);
        if (label == null) {
            throw new IllegalStateException("no label for " + param + ": add it to FieldLabels");
        }
        return label;
    }

    /** The label of {@code param}. */
    public static String of(Param param) {
        return TABLE.nameOf(param);
    }
}
