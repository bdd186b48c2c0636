package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import java.nio.file.Path;
import java.util.Locale;

/** An SAE checkpoint the workspace has loaded. */
public record LoadedSae(Path path, LoadedCheckpoint checkpoint) {

    /** The checkpoint folder's name. */
    public String name() {
        Path dir = checkpoint.directory() != null ? checkpoint.directory() : path;
        Path abs = dir.toAbsolutePath().normalize();
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    /** "d_in 768 → d_sae 24,576, standard, hook blocks.4.hook_resid_pre (trained on gpt2)". */
    public String describe() {
        LoadedCheckpoint c = checkpoint;
        return String.format(Locale.ROOT, "%s: d_in %d → d_sae %,d, %s, hook %s%s", name(), c.dIn(), c.dSae(),
                c.architecture(), c.hookName() == null ? "not stated" : c.hookName(),
                c.modelName() == null ? "" : " (trained on " + c.modelName() + ")");
    }
}
