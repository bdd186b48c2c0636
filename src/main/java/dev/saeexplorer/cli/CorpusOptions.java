package dev.saeexplorer.cli;

import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.corpus.TokenContexts;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The corpus a command runs the model over, and how it is cut into contexts. */
final class CorpusOptions {
    @Option(names = "--corpus", description = "A text file (one document per line), a .jsonl file ({\"text\": ...} per"
            + " line) or a WiC folder/split; default: the bundled sample corpus.")
    Path corpus;

    @Option(names = "--split", defaultValue = "train", description = "The WiC split of a WiC folder (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--context-size", defaultValue = "128", description = "Tokens per context, BOS included (default: ${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--max-tokens", description = "Take whole contexts in order until this many tokens (BOS not counted).")
    Long maxTokens;

    TokenContexts contexts(Gpt2Model model, Gpt2Tokenizer tokenizer) {
        Corpus c = corpus == null ? Corpora.bundled() : Corpora.read(corpus, split);
        return TokenContexts.of(c, tokenizer, contextSize, maxTokens, model.config().nPositions());
    }
}
