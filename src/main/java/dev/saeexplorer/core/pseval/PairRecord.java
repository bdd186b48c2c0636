package dev.saeexplorer.core.pseval;

import java.util.List;

/**
 * What PS-Eval reports for one evaluated pair.
 *
 * @param rowIndex        0-based position of the row in the evaluated input
 * @param maxFeature1     argmax of context 1's feature vector (lowest index on ties), {@code null} when the vector is
 *                        all zero ("no max feature": the pair counts as different and {@code noMaxFeature} is set)
 * @param maxActivation1  the activation of {@code maxFeature1}, {@code null} with it
 * @param top1            up to five non-zero features of context 1, largest first (lower index first on ties)
 * @param llmDistinction  1 − cos of the two LLM activations; {@code null} when either is absent or zero
 * @param saeDistinction  1 − cos of the two SAE feature vectors; {@code null} when either is zero
 */
public record PairRecord(int rowIndex, String id, String targetWord, int label, Integer maxFeature1,
                         Float maxActivation1, Integer maxFeature2, Float maxActivation2, boolean same,
                         Outcome outcome, boolean noMaxFeature, List<FeatureActivation> top1,
                         List<FeatureActivation> top2, Double llmDistinction, Double saeDistinction) {
    public PairRecord {
        top1 = List.copyOf(top1);
        top2 = List.copyOf(top2);
    }
}
