package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.polysemy.PolysemyEvaluation;
import dev.saeexplorer.core.polysemy.PolysemyWorld;

/**
 * A polysemy-world evaluation as the Run button starts it: the settings captured from {@link WorldForm}, so later
 * typing cannot change a run mid-way. The world itself (W_p) is drawn in the background, by {@link #evaluate}.
 *
 * @param latents d_sae of the trained SAEs, or null for n (the number of true features), as the command line's default
 */
record WorldSpec(int words, int senses, int background, int dims, double sparsity, double senseStrength,
                 Integer latents, int steps, int pairs, long seed) {

    /** Draws the world and runs all five encoders on its pairs (background work: the SAE and the WSAE train). */
    WorldOutcome evaluate(TaskMonitor monitor) {
        PolysemyWorld world = new PolysemyWorld(words, senses, background, dims, sparsity, senseStrength, seed);
        PolysemyEvaluation.Settings settings = new PolysemyEvaluation.Settings(
                latents == null ? world.features() : latents, steps, PolysemyEvaluation.Settings.DEFAULT_BATCH, pairs,
                seed);
        return new WorldOutcome(world, settings, PolysemyEvaluation.run(world, settings, monitor));
    }
}
