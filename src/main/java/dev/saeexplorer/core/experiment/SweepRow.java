package dev.saeexplorer.core.experiment;

/**
 * One (sparsity, seed, model) cell of a sparsity sweep with the train metrics (design/CLI.md {@code sweep}); weights are
 * the γ the model was trained with (as applied: rescaled unless the weighting is variance-raw). MCC, shrinkage and
 * absorption ({@code core.metrics}) are null in files written before they existed; absorption also without a hierarchy.
 */
public record SweepRow(double sparsity, long seed, String model, double lossGT, Double lossGTNonSparse,
                       double reconstructionXp, Double monosemanticity, Double avgActivatedFeatures, int deadLatents,
                       double samplesPerSecond, int steps, String device, String weighting, double alpha,
                       double[] weights, Double mcc, Double shrinkage, Double absorption) {
}
