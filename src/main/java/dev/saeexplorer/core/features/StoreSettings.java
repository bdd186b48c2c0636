package dev.saeexplorer.core.features;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.corpus.TokenContexts;

/**
 * How a feature store is built. The context size and the token budget are checked where the contexts are cut
 * ({@link TokenContexts}), against the model's context length.
 *
 * @param contextSize tokens per context, BOS included
 * @param maxTokens   the budget of non-BOS tokens, or null for the whole corpus
 * @param topK        top contexts kept per feature
 * @param seed        what the quantile samples are drawn with
 */
public record StoreSettings(int contextSize, Long maxTokens, int topK, long seed) {
    public static final int DEFAULT_CONTEXT_SIZE = TokenContexts.DEFAULT_SIZE;
    public static final int DEFAULT_TOP_K = 20;
    /** Memory and the store's size grow with k for every feature; a dashboard shows a few dozen examples at most. */
    public static final int MAX_TOP_K = 1000;

    public StoreSettings {
        if (topK < 1 || topK > MAX_TOP_K) {
            throw InvalidInputException.of(Param.TOP_K, "must be from 1 to " + MAX_TOP_K + ", got " + topK);
        }
    }
}
