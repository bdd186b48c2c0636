package dev.saeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderConverterTest {
    @TempDir
    Path dir;

    @Test
    void existingFoldersWinThenCachedIdsThenTheValueAsGiven() throws IOException {
        Path hub = dir.resolve("hub");
        Path snapshot = Files.createDirectories(hub.resolve("models--gpt2/snapshots/abc"));
        Files.writeString(snapshot.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": 8, \"n_head\": 2,"
                + " \"n_layer\": 1, \"n_positions\": 16, \"vocab_size\": 50257}");
        Files.write(snapshot.resolve("model.safetensors"), new byte[8]);
        HuggingFaceCache cache = new HuggingFaceCache(hub);
        Path local = Files.createDirectories(dir.resolve("gpt2"));

        assertEquals(local, ModelFolderConverter.resolve(local.toString(), cache));
        assertEquals(snapshot, ModelFolderConverter.resolve("gpt2", cache));
        assertEquals(Path.of("no-such-model"), ModelFolderConverter.resolve("no-such-model", cache));
    }
}
