package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.CheckpointStats;
import dev.saeexplorer.core.io.checkpoint.FeatureGeometry;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.io.checkpoint.SparsityFile;

/**
 * A checkpoint as the inspector shows it: the loaded SAE, its per-feature geometry and statistics, and its activation
 * densities when a {@code sparsity.safetensors} sits next to the weights. Immutable; built off the FX thread.
 *
 * @param log10Density    [d_sae] log10 feature densities, or null without a sparsity file
 * @param densityProblem  why a sparsity file that is there could not be used, or null
 */
public record InspectedCheckpoint(CheckpointSource source, LoadedCheckpoint checkpoint, FeatureGeometry geometry,
        CheckpointStats stats, double[] log10Density, String densityProblem) {

    /** Loads and measures {@code source}; every problem with the files is an {@link InvalidInputException}. */
    public static InspectedCheckpoint open(CheckpointSource source, TaskMonitor monitor) {
        monitor.report(-1, "reading " + source.name());
        LoadedCheckpoint c = CheckpointLoader.load(source.resolve());
        monitor.checkCancelled();
        monitor.report(0.6, "measuring " + c.dSae() + " features");
        FeatureGeometry g = FeatureGeometry.of(c.model());
        double[] density = null;
        String problem = null;
        try {
            density = SparsityFile.readNextTo(c.directory(), c.dSae()).orElse(null);
        } catch (InvalidInputException e) {
            // The weights are fine; only the density histogram is lost, and the user is told why.
            problem = e.getMessage();
        }
        return new InspectedCheckpoint(source, c, g, CheckpointStats.of(g, density), density, problem);
    }

    public boolean hasDensity() {
        return log10Density != null;
    }

    /** The log10 density of one feature, NaN without a sparsity file. */
    public double log10Density(int feature) {
        return log10Density == null ? Double.NaN : log10Density[feature];
    }

    public int dIn() {
        return checkpoint.dIn();
    }

    public int dSae() {
        return checkpoint.dSae();
    }

    /** "toy SAE (d_in 10, d_sae 40)". */
    public String headline() {
        return source.name() + " (d_in " + dIn() + ", d_sae " + dSae() + ")";
    }
}
