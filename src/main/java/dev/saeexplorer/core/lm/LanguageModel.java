package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.compute.TaskMonitor;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A GPT-2 family model loaded from a Hugging Face folder, with its tokenizer: what a workspace holds once it has
 * loaded a model (the PS-Eval browser's evaluations, the checkpoint inspector's logit lens).
 *
 * @param folder    the folder it was loaded from (config.json, model.safetensors)
 * @param model     the weights
 * @param tokenizer the folder's own vocab.json + merges.txt, else GPT-2's r50k_base
 */
public record LanguageModel(Path folder, Gpt2Model model, Gpt2Tokenizer tokenizer) {

    /** Loads {@code folder}, reporting progress and checking for cancel. */
    public static LanguageModel load(Path folder, TaskMonitor monitor) {
        Gpt2Model model = Gpt2Model.load(folder, monitor);
        monitor.checkCancelled();
        return new LanguageModel(folder, model, Gpt2Tokenizer.forModel(folder));
    }

    /** The name people know it by: {@link HuggingFaceCache#displayName}. */
    public String name() {
        return HuggingFaceCache.displayName(folder);
    }

    public int dModel() {
        return model.dModel();
    }

    /** "gpt2 (d_model 768)". */
    public String headline() {
        return name() + " (d_model " + dModel() + ")";
    }

    /** "gpt2-random: 12 layers, d_model 768, vocabulary 50,257". */
    public String describe() {
        Gpt2Config c = model.config();
        return String.format(Locale.ROOT, "%s: %d layer%s, d_model %d, vocabulary %,d", name(), c.nLayer(),
                c.nLayer() == 1 ? "" : "s", c.nEmbd(), c.vocabSize());
    }
}
