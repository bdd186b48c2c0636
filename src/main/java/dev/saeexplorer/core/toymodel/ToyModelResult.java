package dev.saeexplorer.core.toymodel;

import dev.saeexplorer.core.superposition.Superposition;

/** A trained toy model: W (used as W_p), its output bias and the final training loss. */
public record ToyModelResult(ToyModelConfig config, double[][] wp, double[] bias, double finalLoss) {
    public Superposition superposition() {
        return Superposition.of(wp);
    }
}
