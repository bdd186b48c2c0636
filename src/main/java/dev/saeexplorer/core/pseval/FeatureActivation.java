package dev.saeexplorer.core.pseval;

/** One SAE feature and its activation. */
public record FeatureActivation(int feature, float activation) {
}
