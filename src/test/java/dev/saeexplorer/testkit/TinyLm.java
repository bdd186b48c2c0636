package dev.saeexplorer.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.io.Json;
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
 * Test fixtures made on the spot: a random GPT-2 with the real vocabulary (PS-Eval and the feature stores tokenise with
 * r50k) but a tiny width, written as a Hugging Face folder, and random SAELens-layout SAE checkpoints for it. Shared by
 * the tests of several packages, hence public.
 */
public final class TinyLm {
    public static final int D_MODEL = 8;
    public static final int LAYERS = 2;
    public static final int LATENTS = 32;
    public static final int POSITIONS = 64;
    public static final String HOOK = "blocks.1.hook_resid_pre";

    private TinyLm() {
    }

    /** A random model of width {@code d} in {@code dir} (config.json + model.safetensors). */
    public static Path model(Path dir, int d, long seed) throws IOException {
        return model(dir, d, seed, Map.of());
    }

    /**
     * A random model of width {@code d} whose token embeddings (wte rows) for the keys of {@code embeddings} are
     * replaced by the given vectors: a test that knows which token makes a direction fire.
     */
    public static Path model(Path dir, int d, long seed, Map<Integer, float[]> embeddings) throws IOException {
        Files.createDirectories(dir);
        int vocab = Gpt2Tokenizer.VOCAB_SIZE;
        int positions = POSITIONS;
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": " + d + ", \"n_head\": 2,"
                + " \"n_layer\": " + LAYERS + ", \"n_positions\": " + positions + ", \"vocab_size\": " + vocab + "}");
        Random r = new Random(seed);
        List<Tensor> t = new ArrayList<>();
        Tensor wte = random("wte.weight", r, 0.5f, vocab, d);
        if (!embeddings.isEmpty()) {
            float[] w = wte.toFloatArray();
            embeddings.forEach((id, row) -> System.arraycopy(row, 0, w, id * d, d));
            wte = Tensor.ofFloats("wte.weight", new int[] {vocab, d}, w);
        }
        t.add(wte);
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

    public static Path model(Path dir) throws IOException {
        return model(dir, D_MODEL, 11);
    }

    /** A random ReLU SAE reading {@code dIn} dimensions at {@code hook}, in SAELens layout. */
    public static Path sae(Path dir, int dIn, int latents, String hook, long seed) throws IOException {
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
        return sae(dir, enc, bEnc, dec, new float[dIn], hook, true);
    }

    /**
     * A random ReLU SAE of {@link #LATENTS} features at {@link #HOOK} whose features fire on some tokens only (b_enc
     * about −1), with a nonzero b_dec (so that {@code applyBDecToInput} matters) and a last feature that never fires.
     */
    public static Path sparseSae(Path dir, long seed, boolean applyBDecToInput) throws IOException {
        return sparseSae(dir, seed, applyBDecToInput, LATENTS);
    }

    /** The same with {@code latents} features (wide enough, and the store's bookkeeping splits over two threads). */
    public static Path sparseSae(Path dir, long seed, boolean applyBDecToInput, int latents) throws IOException {
        Random r = new Random(seed);
        float[][] enc = new float[D_MODEL][latents];
        float[][] dec = new float[latents][D_MODEL];
        float[] bEnc = new float[latents];
        float[] bDec = new float[D_MODEL];
        for (int i = 0; i < D_MODEL; i++) {
            bDec[i] = (float) (0.3 * r.nextGaussian());
            for (int j = 0; j < latents; j++) {
                enc[i][j] = (float) r.nextGaussian();
                dec[j][i] = (float) (r.nextGaussian() / Math.sqrt(D_MODEL));
            }
        }
        for (int j = 0; j < latents; j++) {
            bEnc[j] = (float) (-1 + 0.3 * r.nextGaussian());
        }
        bEnc[latents - 1] = -1000;
        return sae(dir, enc, bEnc, dec, bDec, HOOK, applyBDecToInput);
    }

    /**
     * A ReLU SAE with these parameters (SAELens orientation: W_enc [d_in][d_sae], W_dec [d_sae][d_in]) reading
     * {@code hook}, in SAELens layout; {@code applyBDecToInput} false writes {@code "apply_b_dec_to_input": false}, for
     * which SAELens encodes x·W_enc + b_enc.
     */
    public static Path sae(Path dir, float[][] wEnc, float[] bEnc, float[][] wDec, float[] bDec, String hook,
                           boolean applyBDecToInput) throws IOException {
        Files.createDirectories(dir);
        int dIn = wEnc.length;
        int latents = bEnc.length;
        SaeModel model = new SaeModel(Nd4j.create(wEnc), Nd4j.create(bEnc).reshape(1, latents), Nd4j.create(wDec),
                Nd4j.create(bDec).reshape(1, dIn), new Activation.Relu(), false);
        SaeCheckpoint.writeInto(dir, model, "tiny-gpt2", hook, TrainingRecord.of(SaeConfig.defaults(dIn, latents),
                WsaeWeights.uniform(dIn), null, Map.of()));
        if (!applyBDecToInput) {
            Path cfg = dir.resolve(SaeCheckpoint.CONFIG);
            ObjectNode json = (ObjectNode) Json.mapper().readTree(cfg.toFile());
            json.put("apply_b_dec_to_input", false);
            Files.writeString(cfg, Json.pretty().writeValueAsString(json));
        }
        return dir;
    }

    /**
     * An SAE that reconstructs every input of d_in = 2 exactly, x = relu(x) − relu(−x) per dimension (features 2j and
     * 2j+1), reading {@code hook}: for the Hugging Face-written fake GPT-2 (d_model 2) of ../shared/data/tiny-gpt2.
     */
    public static Path exactSae(Path dir, String hook) throws IOException {
        return sae(dir, new float[][] {{1, -1, 0, 0}, {0, 0, 1, -1}}, new float[4],
                new float[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}, new float[2], hook, true);
    }

    public static Path sae(Path dir, long seed) throws IOException {
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
