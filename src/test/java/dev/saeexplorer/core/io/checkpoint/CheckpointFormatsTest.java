package dev.saeexplorer.core.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.HostSaeDecoder;
import dev.saeexplorer.core.sae.HostSaeEncoder;
import dev.saeexplorer.core.sae.InputNormalization;
import dev.saeexplorer.core.sae.SaeModel;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every format read from files its own library's writer made (src/test/resources/checkpoints/make_formats.py) and
 * encoded three ways — {@link SaeModel#encode}/{@link SaeModel#decode(INDArray, INDArray)}, and the host fast path
 * {@link HostSaeEncoder}/{@link HostSaeDecoder} — each against {@link FormatOracle}, the format's formulas written
 * again in float64 on the raw tensors. The inputs are chosen so that σ's decisions (TopK's cut, a threshold, a gate)
 * change the result, and the test checks that they did.
 */
public class CheckpointFormatsTest {
    public static final Path DIR = Path.of("src/test/resources/checkpoints");
    public static final Path DL = DIR.resolve("dictionary_learning");
    public static final Path OPENAI_TOPK = DIR.resolve("openai/gpt2-small/resid_post_mlp_v5_32k/autoencoders/3.pt");
    public static final Path OPENAI_RELU = DIR.resolve("openai/gpt2-small/resid_delta_mlp/autoencoders/5.pt");
    public static final Path GEMMA = DIR.resolve("gemma_scope/gemma-scope-2b-pt-res/layer_3/width_16/average_l0_5/params.npz");
    public static final Path LLAMA_JUMP = DIR.resolve("llama_scope/Llama3_1-8B-Base-L3R-2x");
    public static final Path LLAMA_TOPK = DIR.resolve("llama_scope/Llama3_1-8B-Base-L5M-2x");
    /** Relative to the row's largest |value| (at least 1): float32 weights and arithmetic against float64. */
    public static final double TOLERANCE = 1e-5;

    /** Inputs of width d: random normals at a few scales, and a row of one large and seven small values. */
    public static double[][] inputs(int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[7][d];
        for (int r = 0; r < 6; r++) {
            double scale = 0.5 + r * 0.5;
            for (int i = 0; i < d; i++) {
                x[r][i] = scale * gaussian(random);
            }
        }
        for (int i = 0; i < d; i++) {
            x[6][i] = i == 2 ? 4.0 : 0.05 * (i - 3);
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    record Case(String name, Path path, Supplier<FormatOracle.Sae> oracle, CheckpointFormat format,
                String architecture) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("openai TopK + LN", OPENAI_TOPK, () -> FormatOracle.openai(OPENAI_TOPK, false),
                        CheckpointFormat.OPENAI, "topk"),
                new Case("openai ReLU", OPENAI_RELU, () -> FormatOracle.openai(OPENAI_RELU, false),
                        CheckpointFormat.OPENAI, "standard"),
                new Case("openai square", DIR.resolve("openai/square/sae.pt"),
                        () -> FormatOracle.openai(DIR.resolve("openai/square/sae.pt"), false), CheckpointFormat.OPENAI,
                        "topk"),
                new Case("openai transposed encoder", DIR.resolve("openai/transposed/sae.pt"),
                        () -> FormatOracle.openai(DIR.resolve("openai/transposed/sae.pt"), true),
                        CheckpointFormat.OPENAI, "standard"),
                dl("AutoEncoder", "standard"), dl("AutoEncoderNew", "standard"), dl("GatedAutoEncoder", "gated"),
                dl("AutoEncoderTopK", "topk"), dl("BatchTopKSAE", "jumprelu"), dl("MatryoshkaBatchTopKSAE", "jumprelu"),
                dl("JumpReluAutoEncoder", "jumprelu"),
                new Case("gemma-scope", GEMMA, () -> FormatOracle.gemmaScope(GEMMA), CheckpointFormat.GEMMA_SCOPE,
                        "jumprelu"),
                new Case("llama-scope jumprelu", LLAMA_JUMP, () -> FormatOracle.llamaScope(LLAMA_JUMP),
                        CheckpointFormat.LLAMA_SCOPE, "jumprelu"),
                new Case("llama-scope topk", LLAMA_TOPK, () -> FormatOracle.llamaScope(LLAMA_TOPK),
                        CheckpointFormat.LLAMA_SCOPE, "topk")).map(Arguments::of);
    }

    private static Case dl(String cls, String architecture) {
        Path folder = DL.resolve(cls);
        return new Case("dictionary-learning " + cls, folder, () -> FormatOracle.dictionaryLearning(folder),
                CheckpointFormat.DICTIONARY_LEARNING, architecture);
    }

    /** Row-scaled comparison; returns the largest scaled difference. */
    public static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int j = 0; j < expected.length; j++) {
            double diff = Math.abs(expected[j] - actual[j]);
            int at = j;
            assertTrue(diff <= TOLERANCE * scale, () -> what + "[" + at + "]: expected " + expected[at] + ", got "
                    + actual[at] + " (|Δ| = " + diff + ")");
            // σ's decisions must agree exactly: zero where the oracle is zero.
            assertEquals(expected[j] == 0, actual[j] == 0, () -> what + "[" + at + "]: expected " + expected[at]
                    + ", got " + actual[at]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesAsItsOwnLibraryDoes(Case c) {
        LoadedCheckpoint loaded = Checkpoints.load(c.path());
        assertEquals(c.format(), loaded.format());
        assertEquals(c.architecture(), loaded.architecture());
        assertFalse(loaded.inferred().isEmpty());
        SaeModel model = loaded.model();
        FormatOracle.Sae oracle = c.oracle().get();
        double[][] x = inputs(model.inputDim(), 7);
        float[][] x32 = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            x32[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                x32[i][j] = (float) x[i][j];
                x[i][j] = x32[i][j]; // the oracle sees exactly the float32 inputs
            }
        }
        INDArray in = Nd4j.createFromArray(x32);
        double[][] f = model.encode(in).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] r = model.decode(model.encode(in), in).castTo(DataType.DOUBLE).toDoubleMatrix();
        float[][] hostF = HostSaeEncoder.of(model).encode(x32);
        float[][] hostR = HostSaeDecoder.of(model).decode(hostF, x32);
        FormatOracle.Decisions decisions = new FormatOracle.Decisions();
        for (int i = 0; i < x.length; i++) {
            double[] ef = oracle.features(x[i], decisions);
            double[] er = oracle.reconstruction(x[i], ef);
            assertClose(ef, f[i], c + " features row " + i);
            assertClose(er, r[i], c + " reconstruction row " + i);
            assertClose(ef, toDouble(hostF[i]), c + " host features row " + i);
            assertClose(er, toDouble(hostR[i]), c + " host reconstruction row " + i);
        }
        if (!c.architecture().equals("standard")) {
            assertTrue(decisions.total() > 0, () -> c + ": no input made σ's decision matter");
        }
        if (c.architecture().equals("gated")) {
            assertTrue(decisions.gateClosedOnPositiveMagnitude > 0 && decisions.gateOpenOnNonPositiveMagnitude > 0,
                    () -> c + ": the gate never disagreed with the magnitude both ways");
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    // ------------------------------------------------------------------------------- what was inferred

    private static boolean anyContains(List<String> lines, String... parts) {
        return lines.stream().anyMatch(l -> Stream.of(parts).allMatch(l::contains));
    }

    @Test
    void openAiTopKIsLayerNormalisedWithItsKAndItsLayerFromThePath() {
        LoadedCheckpoint c = Checkpoints.load(OPENAI_TOPK);
        assertEquals(new Activation.TopK(4), c.model().activation());
        assertEquals(new InputNormalization.LayerNorm(1e-5), c.model().normalization());
        assertEquals(8, c.dIn());
        assertEquals(16, c.dSae());
        assertEquals(3, c.hookLayer());
        assertEquals("blocks.3.hook_resid_post", c.hookName());
        assertEquals("gpt2", c.modelName());
        List<String> inferred = c.inferred();
        assertTrue(anyContains(inferred, "encoder.weight [16, 8] read as W_encᵀ", "d_in 8 from pre_bias"), inferred::toString);
        assertTrue(anyContains(inferred, "decoder.weight [8, 16] read as W_decᵀ"), inferred::toString);
        assertTrue(anyContains(inferred, "TopK k=4 from activation_state_dict"), inferred::toString);
        assertTrue(anyContains(inferred, "layer norm on", "from_state_dict"), inferred::toString);
        assertTrue(anyContains(inferred, "layer 3", "from the path"), inferred::toString);
        assertTrue(anyContains(inferred, "stats_last_nonzero"), inferred::toString);
        // A normalising SAE has no reconstruction without its inputs.
        assertThrows(IllegalStateException.class, () -> c.model().decode(Nd4j.zeros(DataType.FLOAT, 1, 16)));
    }

    @Test
    void openAiReluIsNotNormalisedAndTheHookComesFromTheLocation() {
        LoadedCheckpoint c = Checkpoints.load(OPENAI_RELU);
        assertEquals(new Activation.Relu(), c.model().activation());
        assertFalse(c.model().normalisesInputs());
        assertEquals("blocks.5.hook_mlp_out", c.hookName());
        assertTrue(anyContains(c.notes(), "center_writing_weights=False"), c.notes()::toString);
    }

    @Test
    void aSquareMatrixIsDecidedByItsNameAndATransposedOneByItsShape() {
        LoadedCheckpoint square = Checkpoints.load(DIR.resolve("openai/square/sae.pt"));
        assertTrue(anyContains(square.inferred(), "encoder.weight [8, 8] is square, so its name decides",
                "W_encᵀ", "nn.Linear's [n_latents, d]"), square.inferred()::toString);
        LoadedCheckpoint flipped = Checkpoints.load(DIR.resolve("openai/transposed/sae.pt"));
        assertTrue(anyContains(flipped.inferred(), "encoder.weight [8, 16] read as W_enc ",
                "transposed from openai's nn.Linear's [n_latents, d]"), flipped.inferred()::toString);
        assertTrue(anyContains(flipped.notes(), "encoder.weight is stored as [8, 16]"), flipped.notes()::toString);
    }

    @Test
    void dictionaryLearningReadsLayerHookAndModelFromItsConfig() {
        LoadedCheckpoint c = Checkpoints.load(DL.resolve("AutoEncoderTopK"));
        assertEquals(new Activation.TopK(3), c.model().activation());
        assertEquals(3, c.hookLayer());
        assertEquals("blocks.3.hook_resid_post", c.hookName());
        assertEquals("EleutherAI/pythia-70m-deduped", c.modelName());
        assertTrue(anyContains(c.inferred(), "k=3 from trainer.k", "the k buffer agrees"), c.inferred()::toString);
        assertTrue(anyContains(c.inferred(), "threshold buffer is not used"), c.inferred()::toString);
        LoadedCheckpoint batch = Checkpoints.load(DL.resolve("BatchTopKSAE/ae.pt"));
        assertEquals(0.3, ((Activation.JumpRelu) batch.model().activation()).theta(), 1e-7);
        LoadedCheckpoint ae = Checkpoints.load(DL.resolve("AutoEncoder/config.json"));
        assertTrue(anyContains(ae.inferred(), "decoder columns normalised to norm 1"), ae.inferred()::toString);
        assertTrue(anyContains(ae.inferred(), "norm_factor 2.5"), ae.inferred()::toString);
        for (double n : ae.model().decoderNorms()) {
            assertEquals(1.0, n, 1e-6);
        }
        LoadedCheckpoint gated = Checkpoints.load(DL.resolve("GatedAutoEncoder"));
        assertTrue(gated.model().activation() instanceof Activation.Gated);
        assertFalse(gated.model().activation().isTrainable());
    }

    @Test
    void gemmaScopeTakesLayerWidthAndHookFromThePath() {
        LoadedCheckpoint c = Checkpoints.load(GEMMA);
        assertEquals(3, c.hookLayer());
        assertEquals("blocks.3.hook_resid_post", c.hookName());
        assertEquals("gemma-2-2b", c.modelName());
        assertFalse(c.applyBDecToInput());
        assertTrue(anyContains(c.inferred(), "layer 3, width 16 and average L0 5 from the path"), c.inferred()::toString);
        assertTrue(anyContains(c.inferred(), "W_enc [8, 16] read as W_enc (d_in 8 from b_dec"), c.inferred()::toString);
        assertTrue(c.notes().stream().noneMatch(n -> n.contains("width")), c.notes()::toString);
        // The folder works as well as the file.
        assertEquals(CheckpointFormat.GEMMA_SCOPE, Checkpoints.load(GEMMA.getParent()).format());
    }

    @Test
    void llamaScopeFoldsItsDatasetNormAndDecoderNorms() {
        LoadedCheckpoint c = Checkpoints.load(LLAMA_JUMP);
        assertEquals(new Activation.JumpRelu(0.6), c.model().activation());
        assertEquals("blocks.3.hook_resid_post", c.hookName());
        assertEquals(3, c.hookLayer());
        assertEquals("meta-llama/Llama-3.1-8B", c.modelName());
        assertTrue(anyContains(c.inferred(), "dataset-wise normalisation folded"), c.inferred()::toString);
        assertTrue(anyContains(c.inferred(), "decoder columns scaled to norm 1"), c.inferred()::toString);
        assertTrue(c.configFile().endsWith("hyperparams.json"));
        // Any file of the folder finds it, the weights in checkpoints/ included.
        assertEquals(CheckpointFormat.LLAMA_SCOPE,
                Checkpoints.load(LLAMA_JUMP.resolve("checkpoints/final.safetensors")).format());
        assertEquals(CheckpointFormat.LLAMA_SCOPE, Checkpoints.load(LLAMA_JUMP.resolve("hyperparams.json")).format());
        LoadedCheckpoint topk = Checkpoints.load(LLAMA_TOPK);
        assertEquals(new Activation.TopK(4), topk.model().activation());
        assertTrue(topk.applyBDecToInput());
        assertNull(topk.config().get("nothing"));
    }

    @Test
    void aSaeLensGatedCheckpointEncodesThroughTheGate(@org.junit.jupiter.api.io.TempDir Path tmp) {
        // Fixtures' SAE with b_gate (0, −2.5, −1), r_mag (0, ln 2, ln ½), b_mag (−2, 0, 0.25). For x = (2, 1):
        // z = (x − b_dec)·W_enc = (1.5, 2, 3.5); gates z + b_gate = (1.5, −0.5, 2.5): open, shut, open;
        // magnitudes exp(r_mag)·z + b_mag = (−0.5, 4, 2): f = (0, 0, 2); x̂ = 2·(0.5, −0.5) + (0.5, −1) = (1.5, −2).
        Path dir = Fixtures.checkpoint(tmp.resolve("gated"), "{\"d_in\": 2, \"d_sae\": 3, \"architecture\": \"gated\","
                + " \"apply_b_dec_to_input\": true}", "sae_weights.safetensors", List.of(
                Fixtures.matrix("W_enc", Fixtures.W_ENC), Fixtures.vector("b_gate", 0f, -2.5f, -1f),
                Fixtures.vector("r_mag", 0f, (float) Math.log(2), (float) Math.log(0.5)),
                Fixtures.vector("b_mag", -2f, 0f, 0.25f), Fixtures.matrix("W_dec", Fixtures.W_DEC),
                Fixtures.vector("b_dec", Fixtures.B_DEC)));
        LoadedCheckpoint c = Checkpoints.load(dir);
        assertEquals("gated", c.architecture());
        INDArray x = Nd4j.createFromArray(new float[][] {Fixtures.X});
        INDArray f = c.model().encode(x);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0, 2}, f.toFloatVector(), 1e-6f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1.5f, -2f},
                c.model().decode(f).toFloatVector(), 1e-6f);
    }

    @Test
    void theMovedFormatsSayHowTheyWereReadToo(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path saelens = Fixtures.checkpoint(tmp.resolve("s"), "{\"d_in\": 2, \"d_sae\": 3, \"architecture\": \"standard\","
                + " \"metadata\": {\"hook_name\": \"blocks.4.hook_resid_pre\"}}", "sae_weights.safetensors",
                Fixtures.saeLensTensors());
        LoadedCheckpoint c = Checkpoints.load(saelens);
        assertTrue(anyContains(c.inferred(), "saelens: cfg.json and sae_weights.safetensors"), c.inferred()::toString);
        assertTrue(anyContains(c.inferred(), "W_enc [2, 3] read as W_enc (d_in 2 and d_sae 3 from cfg.json)"),
                c.inferred()::toString);
        assertTrue(anyContains(c.inferred(), "layer 4 from the hook name"), c.inferred()::toString);
        Path sparsify = Fixtures.checkpoint(tmp.resolve("layers.2"), "{\"num_latents\": 3, \"k\": 1}",
                "sae.safetensors", Fixtures.sparsifyTensors());
        LoadedCheckpoint q = Checkpoints.load(sparsify);
        assertTrue(anyContains(q.inferred(), "encoder.weight [3, 2] read as W_encᵀ"), q.inferred()::toString);
        assertTrue(anyContains(q.inferred(), "TopK k=1 from cfg.json k"), q.inferred()::toString);
        assertTrue(anyContains(q.inferred(), "layer 2 from the folder's name"), q.inferred()::toString);
    }
}
