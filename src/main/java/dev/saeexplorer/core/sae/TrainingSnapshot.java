package dev.saeexplorer.core.sae;

/**
 * Where a training run stands after a step, for live curves.
 *
 * @param loss            the full objective of the step (weighted reconstruction + λ·L1 + aux)
 * @param reconstruction  the (weighted) reconstruction term ‖Γ(x − x̂)‖² averaged over the batch
 * @param meanL0          mean number of active latents per sample
 * @param deadLatents     latents that have not fired within the dead window
 * @param samplesPerSecond training throughput since the start, paused time left out
 * @param seconds         training time since the start, paused time left out
 */
public record TrainingSnapshot(int step, int steps, double loss, double reconstruction, double meanL0, int deadLatents,
                               double samplesPerSecond, double seconds) {
}
