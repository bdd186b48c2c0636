package dev.saeexplorer.core.experiment;

import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.SaeCheckpoint;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.metrics.SyntheticMetrics;
import dev.saeexplorer.core.sae.SaeConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves a synthetic-data run as a checkpoint folder: the SAELens layout with the project's training record and
 * {@code metrics.json} (the metrics of design/CLI.md's {@code train}). The CLI's {@code train} and the training lab
 * both write through here, so the two never drift apart.
 */
public final class ExperimentCheckpoint {
    public static final String METRICS_FILE = "metrics.json";

    private ExperimentCheckpoint() {
    }

    /** Writes atomically: a failed write leaves {@code dir} as it was; {@code replace} allows a non-empty folder. */
    public static void save(Path dir, boolean replace, SyntheticExperiment.ExperimentResult result, String device) {
        SaeConfig cfg = result.training().config();
        Map<String, Object> metrics = metrics(result, device);
        AtomicFiles.writeDirectory(dir, replace, tmp -> {
            SaeCheckpoint.writeInto(tmp, result.training().model(), "synthetic-superposition", "x_p",
                    TrainingRecord.of(cfg, result.training().weights(), result.sparsity(), metrics));
            AtomicFiles.writeString(tmp.resolve(METRICS_FILE), Json.pretty().writeValueAsString(metrics));
        });
    }

    /**
     * The {@code metrics.json} object, in the contract's field order; {@code mcc} and {@code shrinkage}
     * ({@link dev.saeexplorer.core.metrics.GroundTruthRecovery}, on the seeded evaluation sample drawn after training)
     * come last, then {@code absorption} ({@link dev.saeexplorer.core.metrics.Absorption}: the absorption rate of a
     * world's hierarchy, null for a world without one and for training without a world).
     */
    public static Map<String, Object> metrics(SyntheticExperiment.ExperimentResult result, String device) {
        SaeConfig cfg = result.training().config();
        SyntheticMetrics m = result.metrics();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lossGT", m.lossGT());
        json.put("lossGTNonSparse", m.lossGTNonSparse());
        json.put("reconstructionXp", m.reconstructionXp());
        json.put("monosemanticity", m.monosemanticity());
        json.put("avgActivatedFeatures", m.avgActivatedFeatures());
        json.put("deadLatents", m.deadLatents());
        json.put("samplesPerSecond", result.training().samplesPerSecond());
        json.put("steps", cfg.steps());
        json.put("device", device);
        json.put("weighting", cfg.weighting().id());
        json.put("alpha", cfg.alpha());
        json.put("weights", result.training().weights().applied());
        json.put("sparsity", result.sparsity());
        json.put("seed", cfg.seed());
        json.put("mcc", m.mcc());
        json.put("shrinkage", m.shrinkage());
        json.put("absorption", m.absorptionRate());
        return json;
    }
}
