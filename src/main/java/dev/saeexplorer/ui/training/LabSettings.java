package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.WorldChoice;

/**
 * A validated, immutable copy of the lab's settings, taken when a run starts so edits during the run change nothing.
 *
 * @param world         where x comes from: the uniform world over {@code source}, or a world with its own W_p
 * @param source        W_p of the uniform world (unused by other worlds)
 * @param sparsity      S: uniform firing at S, or the world taken to S ({@link WorldChoice#atSparsity})
 * @param wsaeWeighting variance (the paper's WSAE) or oracle; the SAE always uses none
 */
public record LabSettings(WorldChoice world, WpPreset source, double sparsity, int latents, Activation activation,
                          double l1, Weighting wsaeWeighting, double alpha, boolean tied, double auxCoefficient,
                          int deadWindow, int steps, int batch, double learningRate, long seed, int evalSamples) {

    /**
     * The core configuration of one of the two models; both share the seed, hence the training data.
     *
     * @param inputDim n_p of the loaded W_p
     */
    public SaeConfig config(ModelKind kind, int inputDim) {
        return new SaeConfig(inputDim, latents, activation, l1, kind.weighting(wsaeWeighting), alpha, tied,
                auxCoefficient, deadWindow, steps, batch, learningRate, seed);
    }

    /** n_p of the W_p the run trains on, known without building it. */
    public int dims() {
        return world.isUniform() ? source.dims() : world.dims();
    }

    /** The W_p the run trains on; the toy model parses a bundled file: call it off the UI thread. */
    public Superposition superposition() {
        return world.isUniform() ? source.build() : world.world().superposition();
    }

    /** The training and evaluation data over {@code sp}: uniform firing at S, or the world at S. */
    public SyntheticData data(Superposition sp) {
        return world.isUniform() ? new SyntheticData(sp, sparsity) : world.atSparsity(sparsity).data(sp);
    }
}
