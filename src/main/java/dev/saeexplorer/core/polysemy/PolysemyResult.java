package dev.saeexplorer.core.polysemy;

import dev.saeexplorer.core.pseval.ConfusionCounts;
import dev.saeexplorer.core.pseval.ConfusionMetrics;
import java.util.Map;

/**
 * What {@link PolysemyEvaluation} found.
 *
 * @param pairs   the number of PS-Eval pairs
 * @param same    how many of them have label 1 (same sense)
 * @param results per encoder, in {@link PolysemyEncoder} order
 */
public record PolysemyResult(int pairs, long same, Map<PolysemyEncoder, Score> results) {
    public PolysemyResult {
        results = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(results));
    }

    public Score get(PolysemyEncoder encoder) {
        return results.get(encoder);
    }

    /**
     * One encoder's outcome.
     *
     * @param counts  the confusion counts; {@code null} for the random baseline, whose counts are expectations (see
     *                {@link ConfusionMetrics#tp()} and the others)
     * @param metrics PS-Eval Table 7 metrics (and the counts as doubles)
     */
    public record Score(ConfusionCounts counts, ConfusionMetrics metrics) {
    }
}
