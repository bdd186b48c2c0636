package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import java.nio.file.Path;

/** A GPT-2 family model loaded for the logit lens, with its tokenizer and a name for people. */
public record LanguageModel(String name, Path folder, Gpt2Model model, Gpt2Tokenizer tokenizer) {

    /** Loads {@code folder} (config.json + model.safetensors), reporting progress and checking for cancel. */
    public static LanguageModel load(Path folder, TaskMonitor monitor) {
        Gpt2Model m = Gpt2Model.load(folder, monitor);
        monitor.checkCancelled();
        return new LanguageModel(nameOf(folder), folder, m, Gpt2Tokenizer.forModel(folder));
    }

    /** "gpt2" for a Hugging Face cache snapshot (whose own folder name is a commit hash), else the folder's name. */
    static String nameOf(Path folder) {
        return HuggingFaceCache.displayName(folder);
    }

    public int dModel() {
        return model.dModel();
    }

    /** "gpt2 (d_model 768)". */
    public String headline() {
        return name + " (d_model " + dModel() + ")";
    }
}
