package dev.saeexplorer.cli;

import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} for the language-model commands: a folder or a cached hub id, with its tokenizer and name. */
final class ModelOption {
    @Option(names = "--model", required = true, converter = ModelFolderConverter.class,
            description = "Hugging Face GPT-2-family folder (config.json, model.safetensors), or the id of a model in "
                    + "the Hugging Face cache (e.g. gpt2).")
    Path folder;

    Gpt2Model load() {
        return Gpt2Model.load(folder);
    }

    /** The folder's own vocab.json + merges.txt when present, else GPT-2's r50k_base. */
    Gpt2Tokenizer tokenizer() {
        return Gpt2Tokenizer.forModel(folder);
    }

    /** "gpt2" for a cache snapshot, else the folder's name. */
    String name() {
        return HuggingFaceCache.displayName(folder);
    }
}
