package dev.saeexplorer.core.pseval;

/** An input row a loader could not use: the file, its 1-based line and why. */
public record SkippedRow(String file, int line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
