package dev.saeexplorer.core.sae;

/**
 * Executes SAE training steps for {@link SaeTrainer}: the same mathematics (design/MATH.md) on one of two engines.
 * Implementations start from the parameters of {@link SaeModel#initialise} and are used by one thread at a time.
 */
interface TrainingKernel extends AutoCloseable {

    /**
     * One Adam step on a batch.
     *
     * @param x        row-major inputs [batch, d_in]
     * @param dead     latents counted as dead for the auxiliary loss, or null when it is off or none is dead
     * @param measure  compute the loss terms (they cost a pass over the batch on some engines)
     */
    StepOutcome step(float[] x, boolean[] dead, boolean measure);

    /** The current parameters as a model (a copy). */
    SaeModel model();

    @Override
    void close();

    /** What one step reports back: firing counts per latent always, the loss terms when measured. */
    record StepOutcome(float[] firedPerLatent, double loss, double reconstruction, double meanL0) {
    }
}
