package dev.saeexplorer.core.io.checkpoint;

import java.nio.file.Path;

/**
 * The entry point the commands and workspaces have always called; the work is done by {@link Checkpoints} and one
 * {@link CheckpointReader} per format.
 */
public final class CheckpointLoader {
    public static final String CONFIG = SaeLensReader.CONFIG;
    public static final String SAELENS_WEIGHTS = SaeLensReader.WEIGHTS;
    public static final String SPARSIFY_WEIGHTS = SparsifyReader.WEIGHTS;
    /** The key under which this project keeps its training record in a SAELens {@code cfg.json}. */
    public static final String RECORD_KEY = "sae_explorer";

    private CheckpointLoader() {
    }

    /** {@link Checkpoints#load}: a folder, or a file in one, or a single-file checkpoint. */
    public static LoadedCheckpoint load(Path path) {
        return Checkpoints.load(path);
    }

    static Integer layerOf(String hookName) {
        return ReadSupport.layerOf(hookName);
    }
}
