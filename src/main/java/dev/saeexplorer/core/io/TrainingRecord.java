package dev.saeexplorer.core.io;

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
}
