package dev.saeexplorer.core.superposition;

/**
 * The closed-form SAE at one x (design/CLI.md {@code closed-form}); the WSAE pair is null without Γ.
 */
public record ClosedFormResult(double[] xp, double[] xm, FeatureStatus[] status, double lossSAE, double lossGT,
                               double gapSAE, Double lossWSAE, Double gapWSAE) {
}
