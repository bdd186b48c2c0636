package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.sae.Activation;
import picocli.CommandLine.Option;

/** --activation, --k and --theta. */
public final class ActivationOptions {
    @Option(names = "--activation", defaultValue = "relu", description = "relu, topk or jumprelu (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--k", description = "Latents kept per sample for topk.")
    Integer k;

    @Option(names = "--theta", description = "Threshold θ ≥ 0 for jumprelu (default 0).")
    Double theta;

    Activation toActivation() {
        Activation a = Activation.parse(activation, k, theta);
        if (k != null && a.keptPerSample() == null) {
            throw new InvalidInputException("--k applies only to --activation topk");
        }
        if (theta != null && a.uniformThreshold() == null) {
            throw new InvalidInputException("--theta applies only to --activation jumprelu");
        }
        return a;
    }
}
