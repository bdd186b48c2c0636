package dev.saeexplorer.core.io.checkpoint;

/**
 * One SAE checkpoint format (design/ARCHITECTURE.md, "SAE checkpoints"): whether a location holds it, and reading it
 * into a {@link LoadedCheckpoint} whose {@link LoadedCheckpoint#model()} encodes exactly as the format's own library
 * does and whose {@link LoadedCheckpoint#inferred()} says how the files were read. {@link Checkpoints} asks the readers
 * in a fixed order and the first that recognises the location reads it.
 *
 * <p>Recognising looks at names (the file given, the folder's files) and, where two formats share a file name, at a
 * configuration's keys; it never reads weights. Reading checks everything else and fails with one
 * {@link dev.saeexplorer.core.InvalidInputException} naming the file and what is wrong, before anything is built.
 */
sealed interface CheckpointReader permits SaeLensReader, SparsifyReader, OpenAiReader, DictionaryLearningReader,
        GemmaScopeReader, LlamaScopeReader {

    /** The format's files, for people, e.g. "cfg.json and sae_weights.safetensors (SAELens)". */
    String expects();

    /** Whether the location holds this format's files. */
    boolean recognises(CheckpointLocation location);

    LoadedCheckpoint read(CheckpointLocation location);
}
