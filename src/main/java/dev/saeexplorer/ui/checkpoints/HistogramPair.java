package dev.saeexplorer.ui.checkpoints;

/**
 * One distribution of checkpoint A, and of B when comparing, binned on shared edges so the bars overlay.
 *
 * @param a    null when A has no such values (e.g. no sparsity file)
 * @param b    null without a comparison (or when B has no such values)
 * @param note a line for people under the title: what the chart shows, or why it is empty
 */
public record HistogramPair(Histogram a, Histogram b, String note) {
    public boolean empty() {
        return a == null && b == null;
    }
}
