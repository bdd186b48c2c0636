package dev.saeexplorer.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAE releases in a Hugging Face cache laid out as huggingface_hub lays them out, one of each layout. */
class CachedSaesTest {
    @TempDir
    Path hub;

    private Path snapshot(String repo, String rev) throws IOException {
        Path r = hub.resolve("models--" + repo.replace("/", "--"));
        Files.createDirectories(r.resolve("refs"));
        Files.writeString(r.resolve("refs").resolve("main"), rev);
        return Files.createDirectories(r.resolve("snapshots").resolve(rev));
    }

    private static void file(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void listsEveryLayoutWithWhatItsFilesSay() throws IOException {
        Path saelens = snapshot("jbloom/GPT2-Small-SAEs-Reformatted", "abc");
        for (int layer : new int[] {0, 8}) {
            String hook = "blocks." + layer + ".hook_resid_pre";
            file(saelens, hook + "/cfg.json", "{\"hook_name\": \"" + hook + "\", \"d_sae\": 24576}");
            file(saelens, hook + "/sae_weights.safetensors", "x");
        }
        Path old = hub.resolve("models--jbloom--GPT2-Small-SAEs-Reformatted/snapshots/old");
        file(old, "blocks.3.hook_resid_pre/cfg.json", "{}"); // not the refs/main snapshot: not listed
        file(old, "blocks.3.hook_resid_pre/sae_weights.safetensors", "x");
        Path gemma = snapshot("google/gemma-scope-2b-pt-res", "def");
        file(gemma, "layer_12/width_16k/average_l0_82/params.npz", "x");
        Path llama = snapshot("fnlp/Llama-Scope", "ghi");
        file(llama, "L15R-8x/hyperparams.json", "{\"hook_point_in\": \"blocks.15.hook_resid_post\", \"d_sae\": 32768}");
        file(llama, "L15R-8x/checkpoints/final.safetensors", "x");
        Path dl = snapshot("saprmarks/pythia-70m-deduped-saes", "jkl");
        file(dl, "resid_post_layer_3/trainer_0/ae.pt", "x");
        file(dl, "resid_post_layer_3/trainer_0/config.json",
                "{\"trainer\": {\"dict_class\": \"AutoEncoder\", \"layer\": 3, \"dict_size\": 4096}}");
        Path sparsify = snapshot("EleutherAI/sae-pythia-70m-32k", "mno");
        file(sparsify, "layers.4/cfg.json", "{\"num_latents\": 32768}");
        file(sparsify, "layers.4/sae.safetensors", "x");
        Path model = snapshot("gpt2", "pqr");
        file(model, "config.json", "{\"model_type\": \"gpt2\"}");
        Path broken = snapshot("someone/broken", "stu");
        file(broken, "sae/cfg.json", "{not json");
        file(broken, "sae/sae_weights.safetensors", "x");

        List<CachedSaes.CachedSae> found = new HuggingFaceCache(hub).saes();
        assertEquals(List.of("EleutherAI/sae-pythia-70m-32k / layers.4 · 32768 features (sparsify)",
                "fnlp/Llama-Scope / L15R-8x · blocks.15.hook_resid_post · 32768 features (Llama Scope)",
                "google/gemma-scope-2b-pt-res / layer_12/width_16k/average_l0_82 · layer 12 · 16k (Gemma Scope)",
                "jbloom/GPT2-Small-SAEs-Reformatted / blocks.0.hook_resid_pre · 24576 features (SAELens)",
                "jbloom/GPT2-Small-SAEs-Reformatted / blocks.8.hook_resid_pre · 24576 features (SAELens)",
                "saprmarks/pythia-70m-deduped-saes / resid_post_layer_3/trainer_0 · layer 3 · 4096 features"
                        + " (dictionary_learning)",
                "someone/broken / sae (SAELens)"), found.stream().map(CachedSaes.CachedSae::label).toList());
        assertEquals(gemma.resolve("layer_12/width_16k/average_l0_82"), found.get(2).folder());
        assertTrue(new HuggingFaceCache(hub.resolve("absent")).saes().isEmpty());
    }
}
