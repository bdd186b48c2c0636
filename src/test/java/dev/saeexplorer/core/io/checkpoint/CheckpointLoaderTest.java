package dev.saeexplorer.core.io.checkpoint;

import static dev.saeexplorer.core.io.checkpoint.Fixtures.B_DEC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.B_ENC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.PRE_WITHOUT_B_DEC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.PRE_WITH_B_DEC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.W_DEC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.W_ENC;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.X;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.checkpoint;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.flat;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.matrix;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.transpose;
import static dev.saeexplorer.core.io.checkpoint.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.sae.Activation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointLoaderTest {
    @TempDir
    Path tmp;

    static final String SAELENS6 = "{\"d_in\": 2, \"d_sae\": 3, \"dtype\": \"float32\", \"architecture\": \"%s\","
            + " \"apply_b_dec_to_input\": %s, \"normalize_activations\": \"none\" %s,"
            + " \"metadata\": {\"model_name\": \"gpt2\", \"hook_name\": \"blocks.4.hook_resid_pre\"}}";

    static String saeLens6(String arch, boolean applyBDec, String extra) {
        return String.format(SAELENS6, arch, applyBDec, extra);
    }

    static float[] encode(LoadedCheckpoint c, float... x) {
        INDArray in = Nd4j.createFromArray(x).reshape(1, x.length);
        return c.model().encode(in).toFloatVector();
    }

    @Test
    void saeLens6StandardEncodesAsHandComputed() {
        Path dir = checkpoint(tmp.resolve("s6"), saeLens6("standard", true, ""), "sae_weights.safetensors",
                Fixtures.saeLensTensors());
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals(CheckpointFormat.SAELENS, c.format());
        assertEquals("saelens", c.format().id());
        assertEquals(2, c.dIn());
        assertEquals(3, c.dSae());
        assertEquals("standard", c.architecture());
        assertInstanceOf(Activation.Relu.class, c.model().activation());
        assertEquals("blocks.4.hook_resid_pre", c.hookName());
        assertEquals(4, c.hookLayer());
        assertEquals("gpt2", c.modelName());
        assertTrue(c.applyBDecToInput());
        assertEquals("F32", c.dtype());
        assertTrue(c.notes().isEmpty(), c.notes().toString());
        assertArrayEquals(PRE_WITH_B_DEC, encode(c, X), 1e-6f);
        assertArrayEquals(flat(W_ENC), c.model().wEnc().dup('c').reshape(6).toFloatVector(), 0f);
        assertArrayEquals(flat(W_DEC), c.model().wDec().dup('c').reshape(6).toFloatVector(), 0f);
        assertArrayEquals(B_ENC, c.model().bEnc().toFloatVector(), 0f);
        assertArrayEquals(B_DEC, c.model().bDec().toFloatVector(), 0f);
    }

    @Test
    void withoutApplyBDecToInputTheEncoderDoesNotSubtractBDec() {
        Path dir = checkpoint(tmp.resolve("nob"), saeLens6("standard", false, ""), "sae_weights.safetensors",
                Fixtures.saeLensTensors());
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertFalse(c.applyBDecToInput());
        // x·W_enc + b_enc = [2, 1, 3] + [0, -0.5, 0.25]
        assertArrayEquals(PRE_WITHOUT_B_DEC, encode(c, X), 1e-6f);
        // Folded: b_enc' = b_enc + b_dec·W_enc = [0.5, -1.5, -0.25]; the file's b_enc is kept aside.
        assertArrayEquals(new float[] {0.5f, -1.5f, -0.25f}, c.model().bEnc().toFloatVector(), 1e-6f);
        assertArrayEquals(B_ENC, c.rawEncoderBias(), 0f);
        // Decoding still adds b_dec: f = [1, 0, 0] → W_dec row 0 + b_dec.
        float[] xHat = c.model().decode(Nd4j.createFromArray(1f, 0f, 0f).reshape(1, 3)).toFloatVector();
        assertArrayEquals(new float[] {1.5f, -1f}, xHat, 1e-6f);
        // x = [0, 1]: [0, 1, 1] + b_enc (with b_dec applied it would be [-0.5, 1.5, 1.75] before the ReLU).
        assertArrayEquals(new float[] {0f, 0.5f, 1.25f}, encode(c, 0f, 1f), 1e-6f);
    }

    @Test
    void transposedStorageIsDetectedFromShapes() {
        List<Tensor> t = List.of(matrix("W_enc", transpose(W_ENC)), vector("b_enc", B_ENC),
                matrix("W_dec", transpose(W_DEC)), vector("b_dec", B_DEC));
        Path dir = checkpoint(tmp.resolve("tr"), saeLens6("standard", true, ""), "sae_weights.safetensors", t);
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertArrayEquals(PRE_WITH_B_DEC, encode(c, X), 1e-6f);
        assertArrayEquals(flat(W_DEC), c.model().wDec().dup('c').reshape(6).toFloatVector(), 0f);
        assertEquals(2, c.notes().size(), c.notes().toString());
        assertTrue(c.notes().get(0).contains("W_enc is stored as [3, 2]"), c.notes().toString());
    }

    @Test
    void squareMatricesFallBackToTheDocumentedOrientationAndSaySo() {
        float[][] w = {{1, 2}, {0, 1}};
        String cfg = "{\"d_in\": 2, \"d_sae\": 2, \"architecture\": \"standard\", \"apply_b_dec_to_input\": true}";
        Path s = checkpoint(tmp.resolve("sq"), cfg, "sae_weights.safetensors", List.of(matrix("W_enc", w),
                vector("b_enc", 0, 0), matrix("W_dec", w), vector("b_dec", 0, 0)));
        LoadedCheckpoint c = CheckpointLoader.load(s);
        // SAELens documents W_enc as [d_in, d_sae]: x·W = [1, 3].
        assertArrayEquals(new float[] {1f, 3f}, encode(c, 1f, 1f), 1e-6f);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("W_enc is square")), c.notes().toString());

        String sp = "{\"d_in\": 2, \"num_latents\": 2, \"k\": 2}";
        Path p = checkpoint(tmp.resolve("layers.1"), sp, "sae.safetensors", List.of(matrix("encoder.weight", w),
                vector("encoder.bias", 0, 0), matrix("W_dec", w), vector("b_dec", 0, 0)));
        LoadedCheckpoint q = CheckpointLoader.load(p);
        // sparsify documents encoder.weight as [num_latents, d_in]: pre_j = row j · x = [3, 1].
        assertArrayEquals(new float[] {3f, 1f}, encode(q, 1f, 1f), 1e-6f);
        assertTrue(q.notes().stream().anyMatch(n -> n.contains("encoder.weight is square")), q.notes().toString());
    }

    @Test
    void saeLens6TopKKeepsK() {
        Path dir = checkpoint(tmp.resolve("tk"), saeLens6("topk", true, ", \"k\": 1"), "sae_weights.safetensors",
                Fixtures.saeLensTensors());
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals(new Activation.TopK(1), c.model().activation());
        assertArrayEquals(new float[] {0, 0, 3.75f}, encode(c, X), 1e-6f);
    }

    @Test
    void jumpReluWithDifferentThresholdsIsPerLatent() {
        List<Tensor> t = new java.util.ArrayList<>(Fixtures.saeLensTensors());
        t.add(vector("threshold", 1.6f, 0.4f, 4f));
        Path dir = checkpoint(tmp.resolve("jr"), saeLens6("jumprelu", true, ""), "sae_weights.safetensors", t);
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        Activation a = c.model().activation();
        assertInstanceOf(Activation.JumpReluPerLatent.class, a);
        assertArrayEquals(new double[] {1.6f, 0.4f, 4f}, ((Activation.JumpReluPerLatent) a).thresholds(), 0);
        // pre = [1.5, 1.5, 3.75]: only latent 1 clears its threshold.
        assertArrayEquals(new float[] {0, 1.5f, 0}, encode(c, X), 1e-6f);
        assertEquals("jumprelu", c.architecture());
    }

    @Test
    void jumpReluWithOneThresholdIsTheScalarForm() {
        List<Tensor> t = new java.util.ArrayList<>(Fixtures.saeLensTensors());
        t.add(vector("threshold", 1.5f, 1.5f, 1.5f));
        Path dir = checkpoint(tmp.resolve("j1"), saeLens6("jumprelu", true, ""), "sae_weights.safetensors", t);
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals(new Activation.JumpRelu(1.5), c.model().activation());
        // z > θ strictly: 1.5 is not kept.
        assertArrayEquals(new float[] {0, 0, 3.75f}, encode(c, X), 1e-6f);
    }

    @Test
    void jumpReluLogThresholdIsExponentiated() {
        List<Tensor> t = new java.util.ArrayList<>(Fixtures.saeLensTensors());
        t.add(vector("log_threshold", 0f, (float) Math.log(2), (float) Math.log(5)));
        Path dir = checkpoint(tmp.resolve("jl"), saeLens6("jumprelu", true, ""), "sae_weights.safetensors", t);
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertArrayEquals(new float[] {1.5f, 0, 0}, encode(c, X), 1e-6f);
    }

    @Test
    void saeLensLegacyTopKWithoutBDec() {
        String cfg = "{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"topk\", \"activation_fn_kwargs\": {\"k\": 1},"
                + " \"hook_point\": \"blocks.8.hook_resid_pre\", \"hook_point_layer\": 8, \"model_name\": \"gpt2-small\","
                + " \"apply_b_dec_to_input\": false, \"dtype\": \"float32\"}";
        Path dir = checkpoint(tmp.resolve("legacy"), cfg, "sae_weights.safetensors", Fixtures.saeLensTensors());
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals(CheckpointFormat.SAELENS_LEGACY, c.format());
        assertEquals("saelens-legacy", c.format().id());
        assertEquals("topk", c.architecture());
        assertEquals(new Activation.TopK(1), c.model().activation());
        assertEquals("blocks.8.hook_resid_pre", c.hookName());
        assertEquals(8, c.hookLayer());
        assertEquals("gpt2-small", c.modelName());
        assertFalse(c.applyBDecToInput());
        assertArrayEquals(new float[] {0, 0, 3.25f}, encode(c, X), 1e-6f);
    }

    @Test
    void saeLensLegacyReluWithHookNameAndLayer() {
        String cfg = "{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"relu\", \"hook_name\": \"blocks.0.hook_resid_post\","
                + " \"hook_layer\": 0, \"apply_b_dec_to_input\": true}";
        Path dir = checkpoint(tmp.resolve("legacy2"), cfg, "sae_weights.safetensors", Fixtures.saeLensTensors());
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals(CheckpointFormat.SAELENS_LEGACY, c.format());
        assertEquals("standard", c.architecture());
        assertEquals(0, c.hookLayer());
        assertNull(c.modelName());
        assertArrayEquals(PRE_WITH_B_DEC, encode(c, X), 1e-6f);
    }

    @Test
    void saeLensLegacyInBf16() {
        String cfg = "{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"relu\", \"hook_point\": \"blocks.2.hook_resid_pre\","
                + " \"apply_b_dec_to_input\": true}";
        List<Tensor> t = List.of(Fixtures.bf16("W_enc", new int[] {2, 3}, flat(W_ENC)),
                Fixtures.bf16("b_enc", new int[] {3}, B_ENC),
                Fixtures.bf16("W_dec", new int[] {3, 2}, flat(W_DEC)), Fixtures.bf16("b_dec", new int[] {2}, B_DEC));
        Path dir = checkpoint(tmp.resolve("bf16"), cfg, "sae_weights.safetensors", t);
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals("BF16", c.dtype());
        assertEquals(2, c.hookLayer());
        assertArrayEquals(PRE_WITH_B_DEC, encode(c, X), 1e-6f);
    }

    @Test
    void sparsifyEncodesWithTopKAndSubtractsBDec() {
        String cfg = "{\"expansion_factor\": 32, \"normalize_decoder\": true, \"num_latents\": 3, \"k\": 1,"
                + " \"multi_topk\": false, \"skip_connection\": false, \"d_in\": 2}";
        Path dir = checkpoint(tmp.resolve("layers.6"), cfg, "sae.safetensors", Fixtures.sparsifyTensors());
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals(CheckpointFormat.SPARSIFY, c.format());
        assertEquals("sparsify", c.format().id());
        assertEquals(3, c.dSae());
        assertEquals(new Activation.TopK(1), c.model().activation());
        assertTrue(c.applyBDecToInput());
        assertEquals("layers.6", c.hookName());
        assertEquals(6, c.hookLayer());
        assertArrayEquals(flat(W_ENC), c.model().wEnc().dup('c').reshape(6).toFloatVector(), 0f);
        assertArrayEquals(new float[] {0, 0, 3.75f}, encode(c, X), 1e-6f);
    }

    @Test
    void sparsifyInF16FromExpansionFactorWithTranscodeAndDInFromBDec() {
        // d_in 2 × expansion 2 = 4 latents; latent 3 is zero.
        float[][] enc = {{1, 0}, {0, 1}, {1, 1}, {0, 0}};
        float[][] dec = {{1, 0}, {0, 1}, {0.5f, -0.5f}, {0, 0}};
        List<Tensor> t = List.of(Fixtures.f16("encoder.weight", new int[] {4, 2}, flat(enc)),
                Fixtures.f16("encoder.bias", new int[] {4}, 0f, -0.5f, 0.25f, 0f),
                Fixtures.f16("W_dec", new int[] {4, 2}, flat(dec)), Fixtures.f16("b_dec", new int[] {2}, B_DEC));
        Path dir = checkpoint(tmp.resolve("tc"), "{\"expansion_factor\": 2, \"num_latents\": 0, \"k\": 2, \"transcode\": true}",
                "sae.safetensors", t);
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        assertEquals("F16", c.dtype());
        assertEquals(4, c.dSae());
        assertFalse(c.applyBDecToInput());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("d_in read from b_dec")), c.notes().toString());
        // transcoders do not subtract b_dec: pre = [2, 0.5, 3.25, 0], top 2 = latents 0 and 2.
        assertArrayEquals(new float[] {2f, 0, 3.25f, 0}, encode(c, X), 1e-6f);
    }

    @Test
    void aFileInsideTheFolderLoadsTheFolder() {
        Path dir = checkpoint(tmp.resolve("f"), saeLens6("standard", true, ""), "sae_weights.safetensors",
                Fixtures.saeLensTensors());
        assertEquals(CheckpointFormat.SAELENS, CheckpointLoader.load(dir.resolve("cfg.json")).format());
        assertEquals(CheckpointFormat.SAELENS, CheckpointLoader.load(dir.resolve("sae_weights.safetensors")).format());
    }

    @Test
    void layerIsParsedFromCommonHookNames() {
        assertEquals(4, CheckpointLoader.layerOf("blocks.4.hook_resid_pre"));
        assertEquals(11, CheckpointLoader.layerOf("layers.11"));
        assertEquals(3, CheckpointLoader.layerOf("transformer.h.3.mlp"));
        assertNull(CheckpointLoader.layerOf("hook_embed"));
        assertNull(CheckpointLoader.layerOf(null));
    }
}
