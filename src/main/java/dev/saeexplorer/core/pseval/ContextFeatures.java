package dev.saeexplorer.core.pseval;

import java.util.Objects;

/**
 * What the model and SAE give for one prompt at the target position: the SAE feature vector (length d_sae) and the
 * language model's activation at the SAE's hook point (length d_in; may be {@code null} when the encoder does not
 * expose it, and then the pair's LLM distinction is {@code null}).
 */
public record ContextFeatures(float[] features, float[] activation) {
    public ContextFeatures {
        Objects.requireNonNull(features, "features");
        if (features.length == 0) {
            throw new IllegalArgumentException("empty feature vector");
        }
    }
}
