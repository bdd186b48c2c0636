package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.io.checkpoint.SaeCheckpoint;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.core.sae.WsaeWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test fixtures made on the spot: a random GPT-2 with the real vocabulary (PS-Eval tokenises with r50k) but a tiny
 * width, written as a Hugging Face folder, and random SAELens-layout SAE checkpoints for it.
 */
final class TinyLm {
    static final int D_MODEL = 8;
    static final int LAYERS = 2;
    static final int LATENTS = 32;
    static final String HOOK = "blocks.1.hook_resid_pre";

    private TinyLm() {
    }

    /** A random model of width {@code d} in {@code dir} (config.json + model.safetensors). */
    static Path model(Path dir, int d, long seed) throws IOException {
        Files.createDirectories(dir);
        int vocab = Gpt2Tokenizer.VOCAB_SIZE;
        int positions = 64;
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": " + d + ", \"n_head\": 2,"
                + " \"n_layer\": " + LAYERS + ", \"n_positions\": " + positions + ", \"vocab_size\": " + vocab + "}");
        Random r = new Random(seed);
        List<Tensor> t = new ArrayList<>();
        t.add(random("wte.weight", r, 0.5f, vocab, d));
        t.add(random("wpe.weight", r, 0.1f, positions, d));
        for (int l = 0; l < LAYERS; l++) {
            String p = "h." + l + ".";
            t.add(ones(p + "ln_1.weight", d));
            t.add(random(p + "ln_1.bias", r, 0.02f, d));
            t.add(random(p + "attn.c_attn.weight", r, 0.3f, d, 3 * d));
            t.add(random(p + "attn.c_attn.bias", r, 0.02f, 3 * d));
            t.add(random(p + "attn.c_proj.weight", r, 0.3f, d, d));
            t.add(random(p + "attn.c_proj.bias", r, 0.02f, d));
            t.add(ones(p + "ln_2.weight", d));
            t.add(random(p + "ln_2.bias", r, 0.02f, d));
            t.add(random(p + "mlp.c_fc.weight", r, 0.3f, d, 4 * d));
            t.add(random(p + "mlp.c_fc.bias", r, 0.02f, 4 * d));
            t.add(random(p + "mlp.c_proj.weight", r, 0.3f, 4 * d, d));
            t.add(random(p + "mlp.c_proj.bias", r, 0.02f, d));
        }
        t.add(ones("ln_f.weight", d));
        t.add(random("ln_f.bias", r, 0.02f, d));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), t, Map.of("format", "pt"));
        return dir;
    }

    static Path model(Path dir) throws IOException {
        return model(dir, D_MODEL, 11);
    }

    /** A random ReLU SAE reading {@code dIn} dimensions at {@code hook}, in SAELens layout. */
    static Path sae(Path dir, int dIn, int latents, String hook, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        float[][] enc = new float[dIn][latents];
        float[][] dec = new float[latents][dIn];
        float[] bEnc = new float[latents];
        for (int i = 0; i < dIn; i++) {
            for (int j = 0; j < latents; j++) {
                enc[i][j] = (float) r.nextGaussian();
                dec[j][i] = (float) r.nextGaussian() / (float) Math.sqrt(dIn);
            }
        }
        for (int j = 0; j < latents; j++) {
            bEnc[j] = 0.05f;
        }
        SaeModel model = new SaeModel(Nd4j.create(enc), Nd4j.create(bEnc).reshape(1, latents), Nd4j.create(dec),
                Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, dIn), new Activation.Relu(), false);
        SaeCheckpoint.writeInto(dir, model, "tiny-gpt2", hook, TrainingRecord.of(SaeConfig.defaults(dIn, latents),
                WsaeWeights.uniform(dIn), null, Map.of()));
        return dir;
    }

    static Path sae(Path dir, long seed) throws IOException {
        return sae(dir, D_MODEL, LATENTS, HOOK, seed);
    }

    private static Tensor random(String name, Random r, float scale, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * scale;
        }
        return Tensor.ofFloats(name, shape, v);
    }

    private static Tensor ones(String name, int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return Tensor.ofFloats(name, new int[] {n}, v);
    }
}
