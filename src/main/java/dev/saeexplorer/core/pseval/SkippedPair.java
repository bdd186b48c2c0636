package dev.saeexplorer.core.pseval;

/** A row the evaluation could not use, with its 0-based position in the input, its id and why. */
public record SkippedPair(int rowIndex, String id, int label, String reason) {
}
