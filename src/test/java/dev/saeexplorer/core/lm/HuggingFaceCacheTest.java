package dev.saeexplorer.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding GPT-2 models in a Hugging Face hub cache laid out as huggingface_hub writes it. */
class HuggingFaceCacheTest {
    private static final String GPT2_CONFIG = "{\"model_type\": \"gpt2\", \"n_embd\": 768, \"n_head\": 12,"
            + " \"n_layer\": 12, \"n_positions\": 1024, \"vocab_size\": 50257}";

    @TempDir
    Path hub;

    private Path snapshot(String repo, String rev, String config, boolean weights) throws IOException {
        Path dir = Files.createDirectories(hub.resolve(repo).resolve("snapshots").resolve(rev));
        Files.writeString(dir.resolve("config.json"), config);
        if (weights) {
            Files.write(dir.resolve("model.safetensors"), new byte[8]);
        }
        return dir;
    }

    @Test
    void findsGpt2SnapshotsWithTheMainRefFirstAndSkipsOtherModels() throws IOException {
        Path old = snapshot("models--gpt2", "aaa111", GPT2_CONFIG, true);
        Path main = snapshot("models--gpt2", "fff999", GPT2_CONFIG, true);
        Files.createDirectories(hub.resolve("models--gpt2").resolve("refs"));
        Files.writeString(hub.resolve("models--gpt2").resolve("refs").resolve("main"), "fff999\n");
        snapshot("models--bert-base-uncased", "b1", "{\"model_type\": \"bert\", \"hidden_size\": 768}", true);
        Path noWeights = snapshot("models--openai-community--gpt2-medium", "c1", "{\"model_type\": \"gpt2\","
                + " \"n_embd\": 1024, \"n_head\": 16, \"n_layer\": 24, \"n_positions\": 1024, \"vocab_size\": 50257}", false);
        Files.createDirectories(hub.resolve("datasets--wic").resolve("snapshots").resolve("d1"));
        Files.createDirectories(hub.resolve("models--broken").resolve("snapshots").resolve("e1"));
        Files.writeString(hub.resolve("models--broken").resolve("snapshots").resolve("e1").resolve("config.json"),
                "{\"model_type\": \"gpt2\", \"n_embd\": ");

        List<HuggingFaceCache.CachedModel> found = new HuggingFaceCache(hub).gpt2Models();

        assertEquals(List.of("gpt2", "gpt2", "openai-community/gpt2-medium"),
                found.stream().map(HuggingFaceCache.CachedModel::repoId).toList());
        assertEquals(main, found.get(0).folder(), "refs/main's snapshot comes first");
        assertEquals(old, found.get(1).folder());
        assertTrue(found.get(0).hasWeights());
        assertEquals(noWeights, found.get(2).folder());
        assertFalse(found.get(2).hasWeights());
        assertTrue(found.get(2).label().contains("no model.safetensors"), found.get(2).label());
        assertEquals("gpt2 (12 layers, d_model 768)", found.get(0).label());
        assertEquals(12, found.get(0).config().nLayer());
    }

    @Test
    void aMissingCacheFolderHasNoModels() {
        assertTrue(new HuggingFaceCache(hub.resolve("absent")).gpt2Models().isEmpty());
        assertEquals(hub.resolve("absent"), new HuggingFaceCache(hub.resolve("absent")).hub());
    }

    @Test
    void theHubFolderFollowsHuggingFaceHubsEnvironmentOrder() {
        Path home = Path.of("/home/someone");
        assertEquals(Path.of("/hub-cache"), HuggingFaceCache.hubFolder(Map.of("HF_HUB_CACHE", "/hub-cache",
                "HF_HOME", "/hf-home", "XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/hf-home", "hub"), HuggingFaceCache.hubFolder(Map.of("HF_HOME", "/hf-home",
                "XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/xdg", "huggingface", "hub"), HuggingFaceCache.hubFolder(Map.of("XDG_CACHE_HOME", "/xdg"),
                home));
        assertEquals(home.resolve(".cache/huggingface/hub"), HuggingFaceCache.hubFolder(Map.of(), home));
        assertEquals(home.resolve(".cache/huggingface/hub"), HuggingFaceCache.hubFolder(Map.of("HF_HOME", " "), home),
                "a blank variable counts as unset");
    }

    @org.junit.jupiter.api.Test
    void displayNameIsTheHubIdForSnapshotsAndTheFolderNameOtherwise() {
        org.junit.jupiter.api.Assertions.assertEquals("openai-community/gpt2", HuggingFaceCache.displayName(
                Path.of("/cache/hub/models--openai-community--gpt2/snapshots/abc123")));
        org.junit.jupiter.api.Assertions.assertEquals("gpt2", HuggingFaceCache.displayName(
                Path.of("/cache/hub/models--gpt2/snapshots/abc123/")));
        org.junit.jupiter.api.Assertions.assertEquals("my-model", HuggingFaceCache.displayName(Path.of("/x/my-model")));
    }

    @Test
    void findsAModelByRepoIdOrByNameOnlyWhenItHasWeights() throws IOException {
        Path small = snapshot("models--openai-community--gpt2", "r1", GPT2_CONFIG, true);
        snapshot("models--distilgpt2", "r2", GPT2_CONFIG, false);
        HuggingFaceCache cache = new HuggingFaceCache(hub);
        assertEquals(small, cache.find("openai-community/gpt2").orElseThrow().folder());
        assertEquals(small, cache.find("gpt2").orElseThrow().folder());
        assertTrue(cache.find("distilgpt2").isEmpty(), "a snapshot without model.safetensors is not loadable");
        assertTrue(cache.find("pt2").isEmpty(), "only whole names match");
        snapshot("models--EleutherAI--gpt-neo-125m", "r3", "{\"model_type\": \"gpt_neo\", \"_name_or_path\": \"gpt2\","
                + " \"n_embd\": 768, \"n_head\": 12, \"n_layer\": 12, \"n_positions\": 2048, \"vocab_size\": 50257}", true);
        assertTrue(new HuggingFaceCache(hub).find("gpt-neo-125m").isEmpty(), "model_type decides, not a mention of gpt2");
    }
}
