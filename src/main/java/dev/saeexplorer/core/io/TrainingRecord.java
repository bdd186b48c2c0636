package dev.saeexplorer.core.io;

import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.WsaeWeights;
import java.util.Map;

/**
 * The project's own record of how a checkpoint was trained, stored in {@code cfg.json} under {@code "sae_explorer"}
 * beside the SAELens fields: the WSAE α and weights (raw and as used), the data's sparsity, the seed and the metrics.
 */
public record TrainingRecord(int formatVersion, String activation, Integer k, Double theta, boolean tied, double l1,
                             String weighting, double alpha, double[] weightsRaw, double[] weights, Double sparsity,
                             long seed, int steps, int batch, double learningRate, double auxCoefficient,
                             Map<String, Object> metrics) {
    public static final int FORMAT_VERSION = 1;

    /** The record of a run of {@code cfg} with these weights; sparsity is null for real (language-model) data. */
    public static TrainingRecord of(SaeConfig cfg, WsaeWeights weights, Double sparsity, Map<String, Object> metrics) {
        Activation a = cfg.activation();
        return new TrainingRecord(FORMAT_VERSION, a.id(), a.keptPerSample(), a.uniformThreshold(), cfg.tied(), cfg.l1(),
                cfg.weighting().id(), cfg.alpha(), weights.raw(), weights.applied(), sparsity, cfg.seed(), cfg.steps(),
                cfg.batch(), cfg.learningRate(), cfg.auxCoefficient(), metrics);
    }
}
