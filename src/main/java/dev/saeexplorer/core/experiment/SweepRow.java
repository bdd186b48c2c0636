package dev.saeexplorer.core.experiment;

/**
 * One (sparsity, seed, model) cell of a sparsity sweep with the train metrics (design/CLI.md {@code sweep}); weights are
 * the γ the model was trained with (as applied: rescaled unless the weighting is variance-raw).
 */
public record SweepRow(double sparsity, long seed, String model, double lossGT, Double lossGTNonSparse,
                       double reconstructionXp, Double monosemanticity, Double avgActivatedFeatures, int deadLatents,
                       double samplesPerSecond, int steps, String device, String weighting, double alpha,
                       double[] weights) {
}
