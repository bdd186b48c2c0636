package dev.saeexplorer.core.corpus;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus cut into model inputs: each document's tokens t₁…t_L are cut, in order, into consecutive chunks of at most
 * {@code contextSize − 1} tokens, and each chunk gets BOS (50256) prepended; contexts are numbered 0, 1, 2, … in corpus
 * order. With a token budget, whole contexts are taken in order until at least that many non-BOS tokens are taken.
 *
 * @param contexts each starting with BOS
 * @param tokens   the non-BOS tokens in all contexts
 */
public record TokenContexts(List<int[]> contexts, long tokens, int contextSize) {
    /** The context length SAEDashboard and SAELens' evaluations default to. */
    public static final int DEFAULT_SIZE = 128;

    public TokenContexts {
        contexts = List.copyOf(contexts);
    }

    /**
     * @param maxTokens the budget of non-BOS tokens, or null for the whole corpus
     * @param nPositions the model's context length, the largest allowed {@code contextSize}
     */
    public static TokenContexts of(Corpus corpus, Gpt2Tokenizer tokenizer, int contextSize, Long maxTokens,
                                   int nPositions) {
        if (contextSize < 2 || contextSize > nPositions) {
            throw InvalidInputException.worded(Param.CONTEXT_SIZE, Param.CONTEXT_SIZE, " must be from 2 (BOS and one"
                    + " token) to the model's context of " + nPositions + ", got " + contextSize);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw InvalidInputException.of(Param.MAX_TOKENS, "must be at least 1, got " + maxTokens);
        }
        int chunk = contextSize - 1;
        List<int[]> contexts = new ArrayList<>();
        long taken = 0;
        for (String doc : corpus.documents()) {
            if (maxTokens != null && taken >= maxTokens) {
                break;
            }
            int[] ids = tokenizer.encode(doc);
            for (int from = 0; from < ids.length; from += chunk) {
                if (maxTokens != null && taken >= maxTokens) {
                    break;
                }
                int to = Math.min(ids.length, from + chunk);
                int[] context = new int[to - from + 1];
                context[0] = Gpt2Tokenizer.BOS;
                System.arraycopy(ids, from, context, 1, to - from);
                contexts.add(context);
                taken += to - from;
            }
        }
        if (taken == 0) {
            throw new InvalidInputException(corpus.source() + " gives no tokens: its documents are empty after"
                    + " tokenisation");
        }
        return new TokenContexts(contexts, taken, contextSize);
    }
}
