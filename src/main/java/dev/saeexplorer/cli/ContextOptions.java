package dev.saeexplorer.cli;

import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.corpus.TokenContexts;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import picocli.CommandLine.Option;

/** {@code --context-size} and {@code --max-tokens}: how a corpus is cut into model inputs (core/corpus/TokenContexts). */
final class ContextOptions {
    @Option(names = "--context-size", defaultValue = "" + TokenContexts.DEFAULT_SIZE,
            description = "Tokens per context, BOS included (default: ${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--max-tokens",
            description = "Read whole contexts until at least N non-BOS tokens; default: the whole corpus.")
    Long maxTokens;

    TokenContexts cut(Corpus corpus, Gpt2Model model, Gpt2Tokenizer tokenizer) {
        return cut(corpus, tokenizer, model.config().nPositions());
    }

    /** @param nPositions the model's context length, the largest context size allowed */
    TokenContexts cut(Corpus corpus, Gpt2Tokenizer tokenizer, int nPositions) {
        return TokenContexts.of(corpus, tokenizer, contextSize, maxTokens, nPositions);
    }
}
