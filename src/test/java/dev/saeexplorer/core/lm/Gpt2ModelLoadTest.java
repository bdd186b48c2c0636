package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Gpt2ModelLoadTest {
    @TempDir
    Path tmp;

    private static final Path TINY_A = Gpt2ForwardTest.fixture("tiny-a"); // 'transformer.' prefix
    private static final Path TINY_B = Gpt2ForwardTest.fixture("tiny-b"); // no prefix

    /** Copies tiny-b into tmp, with {@code edit} applied to its tensors and {@code config} as config.json. */
    private Path variant(String config, java.util.function.UnaryOperator<List<Tensor>> edit) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(dir.resolve("config.json"),
                config != null ? config : Files.readString(TINY_B.resolve("config.json")));
        SafetensorsFile src = SafetensorsReader.read(TINY_B.resolve("model.safetensors"));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), edit.apply(new ArrayList<>(src.tensors())), Map.of());
        return dir;
    }

    private static void assertMessage(InvalidInputException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void loadsWithAndWithoutTheTransformerPrefix() {
        Gpt2Model a = Gpt2Model.load(TINY_A);
        Gpt2Model b = Gpt2Model.load(TINY_B);
        assertEquals(Gpt2Config.of(12, 3, 2, 16, 64), a.config());
        assertEquals(Gpt2Config.of(10, 2, 3, 12, 50), b.config());
        assertEquals(4, a.config().dHead());
    }

    @Test
    void shapeMismatchNamesTheTensorAndBothShapes() throws IOException {
        Path dir = variant(null, ts -> {
            ts.replaceAll(t -> t.name().equals("h.1.mlp.c_fc.weight")
                    ? Tensor.ofFloats(t.name(), new int[] {40, 10}, t.toFloatArray()) : t);
            return ts;
        });
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Gpt2Model.load(dir));
        assertMessage(e, "h.1.mlp.c_fc.weight", "[40, 10]", "[10, 40]", "model.safetensors");
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path dir = variant(null, ts -> {
            ts.removeIf(t -> t.name().equals("ln_f.bias"));
            return ts;
        });
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Gpt2Model.load(dir));
        assertMessage(e, "missing tensor", "ln_f.bias", "model.safetensors");
    }

    @Test
    void configDisagreeingWithTheWeightsIsAShapeError() throws IOException {
        Path dir = variant("{\"n_embd\": 10, \"n_head\": 2, \"n_layer\": 3, \"n_positions\": 12, \"vocab_size\": 51}",
                ts -> ts);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Gpt2Model.load(dir));
        assertMessage(e, "wte.weight", "[50, 10]", "[51, 10]");
    }

    @Test
    void badConfigsNameTheFileAndTheProblem() throws IOException {
        String[][] cases = {
                {"{\"n_embd\": 10, \"n_head\": 3, \"n_layer\": 3, \"n_positions\": 12, \"vocab_size\": 50}",
                        "divisible"},
                {"{\"n_embd\": 10, \"n_head\": 2, \"n_layer\": 0, \"n_positions\": 12, \"vocab_size\": 50}",
                        "n_layer must be positive"},
                {"{\"n_embd\": 10, \"n_head\": 2, \"n_positions\": 12, \"vocab_size\": 50}", "n_layer"},
                {"{\"n_embd\": \"ten\", \"n_head\": 2, \"n_layer\": 3, \"n_positions\": 12, \"vocab_size\": 50}",
                        "must be an integer"},
                {"{\"n_embd\": 10, \"n_head\": 2, \"n_layer\": 3, \"n_positions\": 12, \"vocab_size\": 50,"
                        + " \"activation_function\": \"relu\"}", "relu"},
                {"{\"n_embd\": 10, \"n_head\": 2, \"n_layer\": 3, \"n_positions\": 12, \"vocab_size\": 50,"
                        + " \"layer_norm_epsilon\": -1}", "layer_norm_epsilon"},
                {"{\"n_embd\": 10,", "not valid JSON"},
                {"[1, 2]", "JSON object"},
        };
        for (String[] c : cases) {
            Path f = tmp.resolve("config.json");
            Files.writeString(f, c[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Gpt2Config.read(f), c[0]);
            assertMessage(e, f.toString(), c[1]);
        }
        Path none = tmp.resolve("nothing-here");
        Files.createDirectories(none);
        assertMessage(assertThrows(InvalidInputException.class, () -> Gpt2Model.load(none)), "config.json",
                "no such file");
        assertMessage(assertThrows(InvalidInputException.class, () -> Gpt2Model.load(tmp.resolve("absent"))),
                "not a directory");
    }

    @Test
    void defaultsFromTheConfig() throws IOException {
        Path f = tmp.resolve("config.json");
        Files.writeString(f, "{\"n_embd\": 10, \"n_head\": 2, \"n_layer\": 3, \"n_positions\": 12,"
                + " \"vocab_size\": 50, \"n_inner\": null}");
        Gpt2Config c = Gpt2Config.read(f);
        assertEquals(40, c.nInner());
        assertEquals(1e-5, c.layerNormEpsilon());
    }

    @Test
    void unknownHookListsTheNamesThatExist() {
        Gpt2Model m = Gpt2Model.load(TINY_B);
        for (String bad : new String[] {"blocks.0.hook_resid", "blocks.x.hook_resid_pre", "hook_resid_pre",
                "blocks.0.attn.hook_z", ""}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> m.run(new int[] {1}, bad));
            assertMessage(e, "unknown hook point", "blocks.L.hook_resid_pre", "blocks.L.hook_mlp_out",
                    "blocks.L.hook_resid_post", "blocks.L.hook_attn_out", "blocks.L.hook_resid_mid");
        }
        assertEquals(new HookPoint(2, HookPoint.Kind.MLP_OUT), HookPoint.parse("blocks.2.hook_mlp_out"));
        assertEquals("blocks.2.hook_mlp_out", HookPoint.parse("blocks.2.hook_mlp_out").name());
    }

    @Test
    void layerBeyondTheModelSaysHowManyBlocksThereAre() {
        Gpt2Model m = Gpt2Model.load(TINY_B);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> m.run(new int[] {1}, "blocks.3.hook_resid_pre"));
        assertMessage(e, "blocks.3.hook_resid_pre", "3 blocks", "0..2");
        assertThrows(InvalidInputException.class, () -> HookPoint.parse("blocks.9.hook_resid_pre", 3));
    }

    @Test
    void tooLongEmptyOrOutOfVocabularyInputIsRefused() {
        Gpt2Model m = Gpt2Model.load(TINY_B); // n_positions 12, vocab 50
        assertMessage(assertThrows(InvalidInputException.class,
                () -> m.run(new int[13], "blocks.0.hook_resid_pre")), "13 tokens", "n_positions = 12");
        assertEquals(12, m.run(new int[12], "blocks.0.hook_resid_pre").length);
        assertMessage(assertThrows(InvalidInputException.class,
                () -> m.run(new int[0], "blocks.0.hook_resid_pre")), "empty");
        assertMessage(assertThrows(InvalidInputException.class,
                () -> m.run(new int[] {1, 50}, "blocks.0.hook_resid_pre")), "token id 50", "position 1");
    }

    @Test
    void huggingFaceWrittenFixtureLoadsAndRuns() {
        Path folder = Path.of("").toAbsolutePath().resolve("../shared/data/tiny-gpt2/fake-gpt2").normalize();
        Assumptions.assumeTrue(Files.exists(folder.resolve("model.safetensors")),
                "../shared/data/tiny-gpt2/fake-gpt2 is absent");
        Gpt2Model m = Gpt2Model.load(folder);
        assertEquals(2, m.dModel());
        assertEquals(50257, m.config().vocabSize());
        int[] tokens = Gpt2Tokenizer.r50k().encodeWithBos("Hello world, this is a test.");
        for (HookPoint.Kind k : HookPoint.Kind.values()) {
            float[][] a = m.run(tokens, new HookPoint(0, k));
            assertEquals(tokens.length, a.length);
            for (float[] row : a) {
                assertEquals(2, row.length);
                for (float v : row) {
                    assertTrue(Float.isFinite(v), k + " gives finite values");
                }
            }
        }
        LogitLens.Result r = LogitLens.of(m, Gpt2Tokenizer.r50k()).topBottom(new float[] {1f, -1f}, 5);
        assertEquals(5, r.top().size());
        assertEquals(5, r.bottom().size());
        assertTrue(r.top().get(0).logit() >= r.bottom().get(0).logit());
    }
}
