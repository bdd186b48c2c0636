package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.experiment.ExperimentCheckpoint;
import dev.saeexplorer.core.experiment.SyntheticExperiment.ExperimentResult;
import dev.saeexplorer.core.sae.SaeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a lab model as an SAELens-layout checkpoint folder with {@code metrics.json}, through the same core code as
 * {@code sae-explorer train --out}.
 */
final class CheckpointSaver {
    static final String METRICS_FILE = ExperimentCheckpoint.METRICS_FILE;
    /** The lab trains with the JVM engine of {@code SyntheticExperiment}, which always computes on the CPU. */
    private static final String DEVICE = "cpu";

    private CheckpointSaver() {
    }

    /** True when writing to {@code dir} would replace something: the user must confirm first. */
    static boolean needsConfirmation(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /** Writes atomically: a cancelled or failed save leaves {@code dir} as it was. */
    static void save(Path dir, boolean replace, ExperimentResult result) {
        ExperimentCheckpoint.save(dir, replace, result, DEVICE);
    }

    static Map<String, Object> metrics(ExperimentResult result, SaeConfig cfg) {
        return ExperimentCheckpoint.metrics(result, DEVICE);
    }
}
