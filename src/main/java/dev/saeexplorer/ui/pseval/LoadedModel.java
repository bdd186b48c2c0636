package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import java.nio.file.Path;
import java.util.Locale;

/** A language model the workspace has loaded, with the folder it came from and its tokenizer. */
public record LoadedModel(Path folder, Gpt2Model model, Gpt2Tokenizer tokenizer) {

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

    /** {@link HuggingFaceCache#displayName}. */
    static String nameOf(Path folder) {
        return HuggingFaceCache.displayName(folder);
    }

    /** Loads the model and its tokenizer (the folder's vocab.json + merges.txt, else r50k_base). */
    static LoadedModel load(Path folder, TaskMonitor monitor) {
        Gpt2Model model = Gpt2Model.load(folder, monitor);
        return new LoadedModel(folder, model, Gpt2Tokenizer.forModel(folder));
    }
}
