package dev.saeexplorer.core.pseval;

import java.util.List;

/**
 * The outcome of a PS-Eval run.
 *
 * @param dSae          the SAE's width as seen in the feature vectors; {@code null} when no pair was evaluated
 * @param baseline      the random-SAE baseline for the evaluated label counts; {@code null} when {@code dSae} is
 * @param pairs         evaluated pairs in input order
 * @param skipped       rows that were attempted but skipped, in input order, with reasons
 * @param notEvaluated  label-1 rows the official balance did not reach (beyond the first c₀)
 * @param noMaxFeature  evaluated pairs with at least one all-zero feature vector
 */
public record PsEvalResult(Balance balance, String template, int inputRows, ConfusionCounts counts,
                           ConfusionMetrics metrics, Integer dSae, ConfusionMetrics baseline, List<PairRecord> pairs,
                           List<SkippedPair> skipped, int notEvaluated, int noMaxFeature) {
    public PsEvalResult {
        pairs = List.copyOf(pairs);
        skipped = List.copyOf(skipped);
    }
}
