package dev.saeexplorer.cli;

import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.Corpus;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --corpus} and {@code --split}: the texts a command reads (design/MATH.md, "Feature dashboards"). */
final class CorpusOption {
    @Option(names = "--corpus", description = "A text file (one document per line), a .jsonl file ({\"text\": ...} "
            + "per line) or a WiC folder.")
    Path path;

    @Option(names = "--split", defaultValue = "test",
            description = "WiC split when --corpus is the WiC folder (default: ${DEFAULT-VALUE}).")
    String split;

    boolean given() {
        return path != null;
    }

    /** The corpus --corpus names. */
    Corpus read() {
        return Corpora.read(path, split);
    }

    /** The corpus --corpus names, or the bundled sample corpus without it. */
    Corpus readOrBundled() {
        return given() ? read() : Corpora.bundled();
    }
}
