package dev.saeexplorer.core.polysemy;

/**
 * One PS-Eval pair of the polysemy world: two contexts of the same word, in the same sense (label 1, "same meaning")
 * or in two different senses (label 0), each with its own background.
 *
 * @param x1 ground truth of context 1 (length n); x_p = W_p x1
 * @param x2 ground truth of context 2
 */
public record PolysemyPair(int word, int sense1, int sense2, int label, double[] x1, double[] x2) {
    public PolysemyPair {
        if (label != (sense1 == sense2 ? 1 : 0)) {
            throw new IllegalArgumentException("label " + label + " for senses " + sense1 + " and " + sense2);
        }
    }
}
