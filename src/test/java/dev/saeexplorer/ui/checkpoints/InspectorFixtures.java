package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.checkpoint.SparsityFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checkpoints and language models the inspector's tests write: SAELens layout by hand, GPT-2 folders of any size. */
final class InspectorFixtures {
    static final Path TINY_A = Path.of("src/test/resources/lm/tiny-a").toAbsolutePath();

    private InspectorFixtures() {
    }

    /**
     * A SAELens ≥ 6 folder as SAELens writes it (no SAE Explorer record): cfg.json, sae_weights.safetensors with
     * W_enc [d_in, d_sae], W_dec [d_sae, d_in] and zero biases; plus sparsity.safetensors when {@code log10} is given.
     */
    static Path saeLens(Path dir, float[][] wEnc, float[][] wDec, double[] log10, String hook) {
        int dIn = wEnc.length;
        int dSae = wEnc[0].length;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("cfg.json"), "{\"d_in\": " + dIn + ", \"d_sae\": " + dSae
                    + ", \"dtype\": \"float32\", \"architecture\": \"standard\", \"apply_b_dec_to_input\": true,"
                    + " \"normalize_activations\": \"none\", \"metadata\": {\"model_name\": \"tiny-test\","
                    + " \"hook_name\": \"" + hook + "\"}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SafetensorsWriter.write(dir.resolve("sae_weights.safetensors"), List.of(
                matrix("W_enc", wEnc), Tensor.ofFloats("b_enc", new int[] {dSae}, new float[dSae]),
                matrix("W_dec", wDec), Tensor.ofFloats("b_dec", new int[] {dIn}, new float[dIn])), Map.of("format", "pt"));
        if (log10 != null) {
            SparsityFile.write(dir.resolve(SparsityFile.NAME), log10);
        }
        return dir;
    }

    /** A d_in × d_sae SAE with deterministic, non-degenerate weights; W_dec = W_encᵀ scaled per feature. */
    static Path saeLens(Path dir, int dIn, int dSae) {
        float[][] enc = new float[dIn][dSae];
        float[][] dec = new float[dSae][dIn];
        for (int i = 0; i < dIn; i++) {
            for (int j = 0; j < dSae; j++) {
                enc[i][j] = (float) Math.sin(1.7 * i + 0.9 * j + 0.3);
                dec[j][i] = (1 + j % 3) * enc[i][j];
            }
        }
        return saeLens(dir, enc, dec, null, "blocks.0.hook_resid_post");
    }

    static Tensor matrix(String name, float[][] m) {
        float[] flat = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * m[0].length, m[0].length);
        }
        return Tensor.ofFloats(name, new int[] {m.length, m[0].length}, flat);
    }

    /** A GPT-2 folder of the given size with small pseudo-random weights (for load-time tests, not for meaning). */
    static Path gpt2(Path dir, int dModel, int layers, int vocab, int positions) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt2\", \"activation_function\":"
                    + " \"gelu_new\", \"n_embd\": " + dModel + ", \"n_head\": 4, \"n_layer\": " + layers
                    + ", \"n_positions\": " + positions + ", \"n_ctx\": " + positions + ", \"vocab_size\": " + vocab
                    + ", \"layer_norm_epsilon\": 1e-05}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int d = dModel;
        List<Tensor> t = new ArrayList<>();
        t.add(filled("wte.weight", vocab, d));
        t.add(filled("wpe.weight", positions, d));
        for (int l = 0; l < layers; l++) {
            String p = "h." + l + ".";
            t.add(filled(p + "ln_1.weight", d));
            t.add(filled(p + "ln_1.bias", d));
            t.add(filled(p + "attn.c_attn.weight", d, 3 * d));
            t.add(filled(p + "attn.c_attn.bias", 3 * d));
            t.add(filled(p + "attn.c_proj.weight", d, d));
            t.add(filled(p + "attn.c_proj.bias", d));
            t.add(filled(p + "ln_2.weight", d));
            t.add(filled(p + "ln_2.bias", d));
            t.add(filled(p + "mlp.c_fc.weight", d, 4 * d));
            t.add(filled(p + "mlp.c_fc.bias", 4 * d));
            t.add(filled(p + "mlp.c_proj.weight", 4 * d, d));
            t.add(filled(p + "mlp.c_proj.bias", d));
        }
        t.add(filled("ln_f.weight", d));
        t.add(filled("ln_f.bias", d));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), t, Map.of("format", "pt"));
        return dir;
    }

    private static Tensor filled(String name, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.02 * Math.sin(0.37 * i + name.length()));
        }
        return Tensor.ofFloats(name, shape, v);
    }
}
