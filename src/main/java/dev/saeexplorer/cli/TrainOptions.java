package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.Weighting;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The SAE training flags shared by {@code train} and {@code sweep} (design/CLI.md). */
public final class TrainOptions {
    @Option(names = "--latents", defaultValue = "200", description = "n_m, SAE latents (default: ${DEFAULT-VALUE}).")
    int latents;

    @Mixin
    ActivationOptions activation;

    @Option(names = "--l1", defaultValue = "0.1", description = "L1 coefficient λ ≥ 0 (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--alpha", defaultValue = "1.0", description = "WSAE exponent α ≥ 0 in γ_i = s_i^α (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--tied", description = "Train the theory's tied, bias-free SAE (W_dec = W_encᵀ).")
    boolean tied;

    @Option(names = "--aux", defaultValue = "0", description = "Coefficient of the dead-latent auxiliary loss (default: ${DEFAULT-VALUE}, off).")
    double aux;

    @Option(names = "--dead-window", defaultValue = "1000", description = "Steps without firing after which a latent counts as dead (default: ${DEFAULT-VALUE}).")
    int deadWindow;

    @Option(names = "--steps", defaultValue = "3000", description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "1024", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "" + SaeConfig.SYNTHETIC_LEARNING_RATE, description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-samples", defaultValue = "8192", description = "Samples for the metrics (default: ${DEFAULT-VALUE}).")
    int evalSamples;

    @Mixin
    DeviceOptions device;

    SaeConfig toConfig(int inputDim, Weighting weighting) {
        if (evalSamples < 2) {
            throw new InvalidInputException("--eval-samples must be at least 2, got " + evalSamples);
        }
        return new SaeConfig(inputDim, latents, activation.toActivation(), l1, weighting, alpha, tied, aux, deadWindow,
                steps, batch, lr, seed);
    }
}
