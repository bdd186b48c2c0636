package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.world.WpPreset;

/**
 * A validated, immutable copy of the lab's settings, taken when a run starts so edits during the run change nothing.
 *
 * @param wsaeWeighting variance (the paper's WSAE) or oracle; the SAE always uses none
 */
public record LabSettings(WpPreset source, double sparsity, int latents, Activation activation, double l1,
                          Weighting wsaeWeighting, double alpha, boolean tied, double auxCoefficient, int deadWindow,
                          int steps, int batch, double learningRate, long seed, int evalSamples) {

    /**
     * The core configuration of one of the two models; both share the seed, hence the training data.
     *
     * @param inputDim n_p of the loaded W_p
     */
    public SaeConfig config(ModelKind kind, int inputDim) {
        return new SaeConfig(inputDim, latents, activation, l1, kind.weighting(wsaeWeighting), alpha, tied,
                auxCoefficient, deadWindow, steps, batch, learningRate, seed);
    }
}
