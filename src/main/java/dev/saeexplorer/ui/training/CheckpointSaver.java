package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.experiment.SyntheticExperiment.ExperimentResult;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SaeCheckpoint;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.metrics.SyntheticMetrics;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a lab model as an SAELens-layout checkpoint folder with {@code metrics.json}, the same shape as {@code sae-explorer
 * train --out}. The metrics map and training record mirror {@code cli.TrainCommand}'s private helpers (the UI must not
 * depend on the CLI); moving those helpers into the core would remove this duplicate.
 */
final class CheckpointSaver {
    static final String METRICS_FILE = "metrics.json";
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
        SaeConfig cfg = result.training().config();
        Map<String, Object> metrics = metrics(result, cfg);
        AtomicFiles.writeDirectory(dir, replace, tmp -> {
            SaeCheckpoint.writeInto(tmp, result.training().model(), "synthetic-superposition", "x_p", record(cfg, result, metrics));
            AtomicFiles.writeString(tmp.resolve(METRICS_FILE), Json.pretty().writeValueAsString(metrics));
        });
    }

    static Map<String, Object> metrics(ExperimentResult result, SaeConfig cfg) {
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
        json.put("device", DEVICE);
        json.put("weighting", cfg.weighting().id());
        json.put("alpha", cfg.alpha());
        json.put("weights", result.training().weights().normalised());
        json.put("sparsity", result.sparsity());
        json.put("seed", cfg.seed());
        return json;
    }

    private static TrainingRecord record(SaeConfig cfg, ExperimentResult r, Map<String, Object> metrics) {
        Activation a = cfg.activation();
        return new TrainingRecord(TrainingRecord.FORMAT_VERSION, a.id(),
                a instanceof Activation.TopK ? ((Activation.TopK) a).k() : null,
                a instanceof Activation.JumpRelu ? ((Activation.JumpRelu) a).theta() : null, cfg.tied(), cfg.l1(),
                cfg.weighting().id(), cfg.alpha(), r.training().weights().raw(), r.training().weights().normalised(),
                r.sparsity(), cfg.seed(), cfg.steps(), cfg.batch(), cfg.learningRate(), cfg.auxCoefficient(), metrics);
    }
}
