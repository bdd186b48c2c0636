package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.Gpt2Model;
import java.nio.file.Path;
import java.util.Locale;

/** A language model the workspace has loaded, with the folder it came from. */
public record LoadedModel(Path folder, Gpt2Model model) {

    /** The name people know it by: the hub id for a Hugging Face cache snapshot, else the folder's name. */
    public String name() {
        return nameOf(folder);
    }

    /** "gpt2-random: 12 layers, d_model 768, vocabulary 50,257". */
    public String describe() {
        var c = model.config();
        return String.format(Locale.ROOT, "%s: %d layer%s, d_model %d, vocabulary %,d", name(), c.nLayer(),
                c.nLayer() == 1 ? "" : "s", c.nEmbd(), c.vocabSize());
    }

    /** {@code .../models--org--name/snapshots/<rev>} → "org/name"; anything else → the folder's own name. */
    static String nameOf(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("snapshots")
                && parent.getParent() != null && parent.getParent().getFileName() != null) {
            String repo = parent.getParent().getFileName().toString();
            if (repo.startsWith("models--")) {
                return repo.substring("models--".length()).replace("--", "/");
            }
        }
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }
}
