package dev.saeexplorer.core.superposition;

/**
 * Monte-Carlo means of the closed-form quantities over N samples at sparsity S (design/MATH.md); the WSAE pair is
 * null without Γ, and a ratio with nothing to divide by (no active feature drawn) is null.
 */
public record SampleStats(int samples, double sparsity, double lossSAE, double lossGT, double gapSAE, Double lossWSAE,
                          Double gapWSAE, Double fractionShrunk, Double fractionVanished, Double meanRecoveryRatio) {
}
