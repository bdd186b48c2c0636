package dev.saeexplorer.cli;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code --model}: a model folder, or the id of a model in the local Hugging Face cache ({@code --model gpt2} finds
 * {@code models--gpt2/snapshots/<rev>/}). A value that is neither stays as given, so loading it reports the missing
 * folder.
 */
public final class ModelFolderConverter implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        return resolve(value, HuggingFaceCache.fromEnvironment());
    }

    static Path resolve(String value, HuggingFaceCache cache) {
        Path asGiven = Path.of(value);
        if (Files.exists(asGiven)) {
            return asGiven;
        }
        return cache.find(value).map(HuggingFaceCache.CachedModel::folder).orElse(asGiven);
    }
}
