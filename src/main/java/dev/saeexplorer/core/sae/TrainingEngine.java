package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;
import java.util.Locale;

/**
 * Which kernel runs the training steps. {@code JVM} is a fused, sparsity-aware CPU kernel: the paper's problems are so
 * small (n_p = 20) that ND4J's per-operation cost dominates on the CPU, and the latents' ReLU sparsity lets the
 * decoder and every gradient skip silent latents. {@code ND4J} runs the same step as a handful of large ND4J operations
 * and is what a CUDA build uses. Tests check that the two agree.
 */
public enum TrainingEngine {
    JVM, ND4J;

    public static TrainingEngine parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("unknown engine '" + text + "': use jvm or nd4j");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
