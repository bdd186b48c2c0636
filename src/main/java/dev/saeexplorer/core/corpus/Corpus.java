package dev.saeexplorer.core.corpus;

import java.util.List;

/**
 * Texts to run a model over, one document each, in order.
 *
 * @param source    where it came from, for people ("bundled sample corpus", a path)
 * @param documents the documents, none empty
 * @param sha256    hex SHA-256 of the bytes it was read from: what a feature store records to know its corpus again
 */
public record Corpus(String source, List<String> documents, String sha256) {
    public Corpus {
        documents = List.copyOf(documents);
    }
}
