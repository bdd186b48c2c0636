package dev.saeexplorer.core.io.checkpoint;

import static dev.saeexplorer.core.io.checkpoint.Fixtures.B_DEC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.B_ENC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.W_DEC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.W_ENC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.checkpoint;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.matrix;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointBadInputTest {
    @TempDir
    Path tmp;

    private static String rejected(Path path, String... mentions) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CheckpointLoader.load(path));
        String m = e.getMessage();
        for (String s : mentions) {
            assertTrue(m.contains(s), () -> "message should mention '" + s + "': " + m);
        }
        assertTrue(!m.contains("\n"), () -> "one line: " + m);
        return m;
    }

    private static String std(String extra) {
        return "{\"d_in\": 2, \"d_sae\": 3, \"architecture\": \"standard\", \"apply_b_dec_to_input\": true" + extra + "}";
    }

    @Test
    void picklesNoReaderTakesAreRefusedWithHowToConvert() throws IOException {
        for (String name : List.of("pytorch_model.bin", "sae.ckpt", "weights.pkl")) {
            Path f = Files.writeString(tmp.resolve(name), "not really a pickle");
            rejected(f, name, "pickle", "safetensors", "save_file", "torch.load('" + name + "'");
        }
    }

    @Test
    void aPtFileIsReadByTheSafeTorchReaderWhichNamesWhatIsWrong() throws IOException {
        // .pt and .pth are OpenAI's (or dictionary_learning's) formats now: read without running any pickle code.
        for (String name : List.of("sae.pt", "weights.pth")) {
            Path f = Files.writeString(tmp.resolve(name), "not really a pickle");
            rejected(f, name, "not a PyTorch checkpoint");
        }
    }

    @Test
    void aFolderHoldingOnlyPicklesIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pt"));
        Files.writeString(dir.resolve("cfg.json"), std(""));
        Files.writeString(dir.resolve("sae_weights.pt"), "x");
        rejected(dir, "sae_weights.pt", "safetensors", "save_file");
        Path only = Files.createDirectories(tmp.resolve("only"));
        Files.writeString(only.resolve("model.pth"), "x");
        rejected(only, "model.pth", "not a PyTorch checkpoint");
        // OpenAI publishes one .pt per layer in a folder: a folder of several asks for one of them.
        Path layers = Files.createDirectories(tmp.resolve("autoencoders"));
        for (String name : List.of("0.pt", "1.pt", "2.pt")) {
            Files.writeString(layers.resolve(name), "x");
        }
        rejected(layers, "several PyTorch checkpoints", "0.pt, 1.pt, 2.pt", "pass one");
    }

    @Test
    void missingPathFolderOrConfig() throws IOException {
        rejected(tmp.resolve("nope"), "nope", "does not exist");
        rejected(tmp, "cfg.json", "sae_weights.safetensors", "sae.safetensors");
        Path noCfg = checkpoint(tmp.resolve("nocfg"), null, "sae_weights.safetensors", Fixtures.saeLensTensors());
        rejected(noCfg, "cfg.json", "missing");
        Path other = Files.writeString(tmp.resolve("notes.txt"), "hi");
        rejected(other, "notes.txt", "not an SAE checkpoint");
    }

    @Test
    void unknownLayoutIsNamed() throws IOException {
        Path dir = checkpoint(tmp.resolve("unk"), std(""), "model.safetensors", Fixtures.saeLensTensors());
        rejected(dir, "unknown layout", "cfg.json");
    }

    @Test
    void aFolderOfSeveralSaesAsksForOne() {
        checkpoint(tmp.resolve("multi/layers.0"), "{\"num_latents\": 3, \"k\": 1}", "sae.safetensors",
                Fixtures.sparsifyTensors());
        checkpoint(tmp.resolve("multi/layers.1"), "{\"num_latents\": 3, \"k\": 1}", "sae.safetensors",
                Fixtures.sparsifyTensors());
        rejected(tmp.resolve("multi"), "layers.0, layers.1", "pass one");
    }

    @Test
    void malformedConfigs() throws IOException {
        Path dir = checkpoint(tmp.resolve("bad"), std(""), "sae_weights.safetensors", Fixtures.saeLensTensors());
        Path cfg = dir.resolve("cfg.json");
        List<String[]> cases = List.of(
                new String[] {"{", "not valid JSON"},
                new String[] {"[1, 2]", "JSON object"},
                new String[] {"{\"d_in\": 2}", "d_sae"},
                new String[] {"{\"d_in\": \"two\", \"d_sae\": 3}", "d_in"},
                new String[] {"{\"d_in\": 2, \"d_sae\": -3}", "d_sae"},
                new String[] {"{\"d_in\": 2.5, \"d_sae\": 3}", "d_in"},
                new String[] {std(", \"architecture\": \"gated\"").replace("\"architecture\": \"standard\", ", ""), "gated"},
                new String[] {std("").replace("standard", "sparse-magic"), "unknown architecture"},
                new String[] {std("").replace("standard", "topk"), "'k'"},
                new String[] {std(", \"k\": 7").replace("standard", "topk"), "larger than d_sae"},
                new String[] {std("").replace("true", "\"yes\""), "apply_b_dec_to_input"},
                new String[] {"{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"tanh-relu\"}", "tanh-relu"},
                new String[] {"{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"topk\"}", "activation_fn_kwargs"},
                new String[] {"{\"d_in\": 2, \"d_sae\": 3, \"hook_layer\": -1}", "hook_layer"},
                new String[] {std("").replace("standard", "jumprelu"), "threshold"});
        for (String[] c : cases) {
            Files.writeString(cfg, c[0]);
            rejected(dir, c[1], "bad");
        }
    }

    @Test
    void shapesThatDoNotFitTheConfig() throws IOException {
        // d_in in cfg.json does not match the weights.
        Path a = checkpoint(tmp.resolve("a"), std("").replace("\"d_in\": 2", "\"d_in\": 4"), "sae_weights.safetensors",
                Fixtures.saeLensTensors());
        rejected(a, "sae_weights.safetensors", "W_enc", "[2, 3]", "[4, 3]");
        // b_enc of the wrong length.
        Path b = checkpoint(tmp.resolve("b"), std(""), "sae_weights.safetensors", List.of(matrix("W_enc", W_ENC),
                vector("b_enc", 1, 2), matrix("W_dec", W_DEC), vector("b_dec", B_DEC)));
        rejected(b, "sae_weights.safetensors", "b_enc", "[2]", "d_sae");
        // W_dec of an unrelated shape.
        Path c = checkpoint(tmp.resolve("c"), std(""), "sae_weights.safetensors", List.of(matrix("W_enc", W_ENC),
                vector("b_enc", B_ENC), Tensor.ofFloats("W_dec", new int[] {6}, new float[6]), vector("b_dec", B_DEC)));
        rejected(c, "W_dec", "[6]");
        // A missing tensor is named.
        Path d = checkpoint(tmp.resolve("d"), std(""), "sae_weights.safetensors", List.of(matrix("W_enc", W_ENC)));
        rejected(d, "b_enc");
        // A non-finite weight.
        float[] nan = Fixtures.flat(W_ENC);
        nan[4] = Float.NaN;
        Path e = checkpoint(tmp.resolve("e"), std(""), "sae_weights.safetensors", List.of(
                Tensor.ofFloats("W_enc", new int[] {2, 3}, nan), vector("b_enc", B_ENC), matrix("W_dec", W_DEC),
                vector("b_dec", B_DEC)));
        rejected(e, "W_enc", "non-finite");
        // A truncated safetensors file is the reader's error, naming the file.
        Path f = Files.createDirectories(tmp.resolve("f"));
        Files.writeString(f.resolve("cfg.json"), std(""));
        Files.write(f.resolve("sae_weights.safetensors"), new byte[] {1, 2, 3});
        rejected(f, "sae_weights.safetensors");
    }

    @Test
    void sparsifyInconsistencies() throws IOException {
        Path dir = checkpoint(tmp.resolve("layers.2"), "{}", "sae.safetensors", Fixtures.sparsifyTensors());
        Path cfg = dir.resolve("cfg.json");
        List<String[]> cases = List.of(
                new String[] {"{\"k\": 1}", "num_latents"},
                new String[] {"{\"num_latents\": 3}", "'k'"},
                new String[] {"{\"num_latents\": 3, \"k\": 4}", "larger than"},
                new String[] {"{\"num_latents\": 3, \"k\": 1, \"activation\": \"groupmax\"}", "groupmax"},
                new String[] {"{\"num_latents\": 5, \"k\": 1}", "encoder.weight"},
                new String[] {"{\"num_latents\": 3, \"k\": 1, \"d_in\": 3}", "encoder.weight"},
                new String[] {"{\"expansion_factor\": 0, \"k\": 1}", "expansion_factor"});
        for (String[] c : cases) {
            Files.writeString(cfg, c[0]);
            rejected(dir, c[1], "layers.2");
        }
    }
}
