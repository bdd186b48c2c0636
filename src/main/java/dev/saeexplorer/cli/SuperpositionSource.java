package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.toymodel.ToyModelConfig;
import dev.saeexplorer.core.world.WpPerSeed;
import dev.saeexplorer.core.world.WpPreset;
import picocli.CommandLine.Option;

/** Where W_p comes from: {@code --wp}, or a toy model trained on the spot with {@code --toy-*}. */
public final class SuperpositionSource {
    @Option(names = "--wp", description = "W_p: inline JSON, a JSON file, a toy-model file or preset:NAME (" + WpPreset.IDS + ").")
    String wp;

    @Option(names = "--toy-features", description = "Learn W_p with a toy model of n features ...")
    Integer toyFeatures;

    @Option(names = "--toy-dims", description = "... in n_p dimensions ...")
    Integer toyDims;

    @Option(names = "--toy-sparsity", description = "... trained at sparsity S0.")
    Double toySparsity;

    @Option(names = "--toy-importance", description = "... with feature i of importance rⁱ, r in (0, 1] (default 1: all equal).")
    Double toyImportance;

    @Option(names = "--toy-steps", defaultValue = "5000", description = "Toy-model training steps (default: ${DEFAULT-VALUE}).")
    int toySteps;

    /** Whether any of --wp and --toy-* was given. */
    boolean given() {
        return wp != null || toyFeatures != null || toyDims != null || toySparsity != null || toyImportance != null;
    }

    /** Checks that exactly one source is given, before any work starts. */
    void validate() {
        boolean toy = toyFeatures != null || toyDims != null || toySparsity != null;
        if (toyImportance != null && !toy) {
            throw new InvalidInputException("--toy-importance belongs to a toy-model W_p: give --toy-features, --toy-dims"
                    + " and --toy-sparsity too");
        }
        if (wp != null && toy) {
            throw new InvalidInputException("give either --wp or the --toy-features/--toy-dims/--toy-sparsity trio, not both");
        }
        if (wp == null && !toy) {
            throw new InvalidInputException("W_p is missing: give --wp, or --toy-features, --toy-dims and --toy-sparsity");
        }
        if (toy && (toyFeatures == null || toyDims == null || toySparsity == null)) {
            throw new InvalidInputException("a toy-model W_p needs all of --toy-features, --toy-dims and --toy-sparsity");
        }
        if (toy) {
            if (toyFeatures < 2) {
                throw new InvalidInputException("--toy-features must be at least 2, got " + toyFeatures);
            }
            if (toyDims < 1 || toyDims >= toyFeatures) {
                throw new InvalidInputException("--toy-dims must be at least 1 and smaller than --toy-features ("
                        + toyFeatures + "), got " + toyDims);
            }
            Flags.sparsity(toySparsity, "--toy-sparsity");
            Flags.atLeastOne(toySteps, "--toy-steps");
            toyConfig(0);
        }
    }

    /** W_p seed by seed: the given matrix for every seed, or a toy model trained with each. */
    WpPerSeed perSeed() {
        return wp != null ? WpPerSeed.fixed(WpPreset.load(wp, "--wp")) : WpPerSeed.trainedToyModel(toyConfig(0));
    }

    /** W_p for a seed: the given matrix, or a toy model trained with that seed. */
    Superposition load(long seed, TaskMonitor monitor) {
        return perSeed().forSeed(seed, monitor);
    }

    /** n_p, the SAE's input dimension, without training anything. */
    int dims() {
        return perSeed().dims();
    }

    private ToyModelConfig toyConfig(long seed) {
        if (toyImportance != null && !(toyImportance > 0 && toyImportance <= 1)) {
            throw new InvalidInputException("--toy-importance must be in (0, 1], got " + toyImportance);
        }
        return new ToyModelConfig(toyFeatures, toyDims, toySparsity, toyImportance == null ? 1.0 : toyImportance,
                toySteps, 1024, 1e-3, seed);
    }
}
