package dev.saeexplorer.core.features;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.io.Digests;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a feature store was built from, by content: a store answers for one model, one SAE and one corpus, and is
 * refused for any other. Names and paths are kept for people; only the SHA-256 fingerprints decide. The model and the
 * SAE are hashed whole (config and weights): reading a GPT-2's 500 MB costs about a second, small beside the build,
 * and a header or a size would let two fine-tunes of one architecture pass for each other.
 *
 * @param model  the language model
 * @param sae    the SAE and the hook it read
 * @param corpus the corpus
 */
public record StoreIdentity(Model model, Sae sae, Source corpus) {

    /**
     * @param name          the folder's name ("gpt2" for a Hugging Face cache snapshot)
     * @param configSha256  of {@code config.json}
     * @param weightsSha256 of {@code model.safetensors}
     * @param tokenizer     how the contexts were tokenised: {@code "r50k_base"}, or {@code "vocab.json"} for the
     *                      folder's own vocab.json + merges.txt
     */
    public record Model(String name, String configSha256, String weightsSha256, String tokenizer) {
        /** Fingerprints a Hugging Face model folder. */
        public static Model of(Path folder) {
            return new Model(HuggingFaceCache.displayName(folder), Digests.sha256(folder.resolve("config.json")),
                    Digests.sha256(folder.resolve("model.safetensors")),
                    Gpt2Tokenizer.hasOwnVocabulary(folder) ? "vocab.json" : "r50k_base");
        }

        boolean sameAs(Model other) {
            return configSha256.equals(other.configSha256) && weightsSha256.equals(other.weightsSha256);
        }

        @Override
        public String toString() {
            return "'" + name + "' (weights SHA-256 " + brief(weightsSha256) + ")";
        }
    }

    /**
     * @param name          the checkpoint folder's name
     * @param format        its layout, as {@code inspect} names it
     * @param hookName      the hook the store read, the checkpoint's own unless overridden
     * @param dIn           its input width
     * @param dSae          its number of features
     * @param configSha256  of its configuration file ({@code cfg.json}, ...; of no bytes for a format without one)
     * @param weightsSha256 of the weights file
     */
    public record Sae(String name, String format, String hookName, int dIn, int dSae, String configSha256,
                      String weightsSha256) {
        /** Fingerprints a loaded checkpoint; {@code hookName} is the hook the store reads. */
        public static Sae of(LoadedCheckpoint checkpoint, String hookName) {
            Path dir = checkpoint.directory();
            Path config = checkpoint.configFile();
            return new Sae(String.valueOf(dir.toAbsolutePath().getFileName()), checkpoint.format().id(), hookName,
                    checkpoint.dIn(), checkpoint.dSae(), config == null ? Digests.sha256(new byte[0])
                    : Digests.sha256(config), Digests.sha256(checkpoint.weightsFile()));
        }

        boolean sameAs(Sae other) {
            return configSha256.equals(other.configSha256) && weightsSha256.equals(other.weightsSha256);
        }

        @Override
        public String toString() {
            return "'" + name + "' (weights SHA-256 " + brief(weightsSha256) + ")";
        }
    }

    /**
     * @param source where it was read from, for people
     * @param sha256 of its bytes ({@link Corpus#sha256()})
     */
    public record Source(String source, String sha256) {
        public static Source of(Corpus corpus) {
            return new Source(corpus.source(), corpus.sha256());
        }

        @Override
        public String toString() {
            return "'" + source + "' (SHA-256 " + brief(sha256) + ")";
        }
    }

    public StoreIdentity {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sae, "sae");
        Objects.requireNonNull(corpus, "corpus");
    }

    /** Refuses {@code model} unless the store at {@code where} was built for it. */
    void checkModel(String where, Model other) {
        if (!model.sameAs(other)) {
            throw refused(where, "model", model, other);
        }
    }

    /** Refuses {@code sae} unless the store at {@code where} was built for it. */
    void checkSae(String where, Sae other) {
        if (!sae.sameAs(other)) {
            throw refused(where, "SAE", sae, other);
        }
    }

    /** Refuses {@code corpus} unless the store at {@code where} was built from it. */
    void checkCorpus(String where, Source other) {
        if (!corpus.sha256().equals(other.sha256())) {
            throw refused(where, "corpus", corpus, other);
        }
    }

    private static InvalidInputException refused(String where, String what, Object built, Object given) {
        return new InvalidInputException("the feature store " + where + " was built for another " + what + ": "
                + built + ", not " + given + "; build a store for this " + what);
    }

    private static String brief(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) + "…" : sha256;
    }
}
