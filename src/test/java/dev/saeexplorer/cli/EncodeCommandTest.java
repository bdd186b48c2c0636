package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.doubles;
import static dev.saeexplorer.cli.CliTestSupport.fieldNames;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.CheckpointFormatsTest;
import dev.saeexplorer.core.io.checkpoint.FormatOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encode} and {@code inspect} on the fixtures of every format (design/CLI.md): the JSON against the float64
 * oracles of {@link FormatOracle}, and every bad input and hostile file refused with exit 2 and one error line.
 */
class EncodeCommandTest {
    private static final Path DIR = CheckpointFormatsTest.DIR;

    @TempDir
    Path tmp;

    record Case(Path sae, FormatOracle.Sae oracle, String format, String architecture) {
    }

    static List<Case> cases() {
        Path dl = DIR.resolve("dictionary_learning");
        return List.of(
                new Case(CheckpointFormatsTest.OPENAI_TOPK, FormatOracle.openai(CheckpointFormatsTest.OPENAI_TOPK, false),
                        "openai", "topk"),
                new Case(CheckpointFormatsTest.OPENAI_RELU, FormatOracle.openai(CheckpointFormatsTest.OPENAI_RELU, false),
                        "openai", "standard"),
                new Case(dl.resolve("AutoEncoder"), FormatOracle.dictionaryLearning(dl.resolve("AutoEncoder")),
                        "dictionary-learning", "standard"),
                new Case(dl.resolve("GatedAutoEncoder"), FormatOracle.dictionaryLearning(dl.resolve("GatedAutoEncoder")),
                        "dictionary-learning", "gated"),
                new Case(dl.resolve("AutoEncoderTopK/ae.pt"),
                        FormatOracle.dictionaryLearning(dl.resolve("AutoEncoderTopK")), "dictionary-learning", "topk"),
                new Case(dl.resolve("BatchTopKSAE"), FormatOracle.dictionaryLearning(dl.resolve("BatchTopKSAE")),
                        "dictionary-learning", "jumprelu"),
                new Case(dl.resolve("MatryoshkaBatchTopKSAE"),
                        FormatOracle.dictionaryLearning(dl.resolve("MatryoshkaBatchTopKSAE")), "dictionary-learning",
                        "jumprelu"),
                new Case(dl.resolve("JumpReluAutoEncoder"),
                        FormatOracle.dictionaryLearning(dl.resolve("JumpReluAutoEncoder")), "dictionary-learning",
                        "jumprelu"),
                new Case(dl.resolve("AutoEncoderNew"), FormatOracle.dictionaryLearning(dl.resolve("AutoEncoderNew")),
                        "dictionary-learning", "standard"),
                new Case(CheckpointFormatsTest.GEMMA, FormatOracle.gemmaScope(CheckpointFormatsTest.GEMMA),
                        "gemma-scope", "jumprelu"),
                new Case(CheckpointFormatsTest.LLAMA_JUMP, FormatOracle.llamaScope(CheckpointFormatsTest.LLAMA_JUMP),
                        "llama-scope", "jumprelu"),
                new Case(CheckpointFormatsTest.LLAMA_TOPK, FormatOracle.llamaScope(CheckpointFormatsTest.LLAMA_TOPK),
                        "llama-scope", "topk"));
    }

    /** float32-exact inputs, as JSON text. */
    private static double[][] inputs() {
        double[][] x = CheckpointFormatsTest.inputs(8, 11);
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) row[j];
            }
        }
        return x;
    }

    private static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void encodeMatchesEachLibrarysFormulasForEveryFormat() {
        double[][] x = inputs();
        for (Case c : cases()) {
            JsonNode j = singleJson(ok("encode", "--sae", c.sae().toString(), "--x", json(x), "--json"));
            assertEquals(Set.of("format", "architecture", "dIn", "dSae", "features", "reconstruction"), fieldNames(j));
            assertEquals(c.format(), j.get("format").asText(), c.sae()::toString);
            assertEquals(c.architecture(), j.get("architecture").asText(), c.sae()::toString);
            assertEquals(8, j.get("dIn").asInt());
            assertEquals(16, j.get("dSae").asInt());
            assertEquals(x.length, j.get("features").size());
            assertEquals(x.length, j.get("reconstruction").size());
            FormatOracle.Decisions d = new FormatOracle.Decisions();
            for (int i = 0; i < x.length; i++) {
                double[] f = c.oracle().features(x[i], d);
                CheckpointFormatsTest.assertClose(f, doubles(j.get("features").get(i)), c.sae() + " features " + i);
                CheckpointFormatsTest.assertClose(c.oracle().reconstruction(x[i], f),
                        doubles(j.get("reconstruction").get(i)), c.sae() + " reconstruction " + i);
            }
        }
    }

    @Test
    void aVectorIsOneRowAndAFileWorksAsWellAsInlineJson() throws IOException {
        double[] row = inputs()[0];
        Path sae = CheckpointFormatsTest.OPENAI_TOPK;
        JsonNode inline = singleJson(ok("encode", "--sae", sae.toString(), "--x", json(row), "--json"));
        assertEquals(1, inline.get("features").size());
        Path file = Files.writeString(tmp.resolve("x.json"), json(row));
        JsonNode fromFile = singleJson(ok("encode", "--sae", sae.toString(), "--x", file.toString(), "--json"));
        assertEquals(inline, fromFile);
        FormatOracle.Sae oracle = FormatOracle.openai(sae, false);
        double[] f = oracle.features(row, new FormatOracle.Decisions());
        CheckpointFormatsTest.assertClose(f, doubles(inline.get("features").get(0)), "features");
        // Without --json: a line per row for people.
        String text = ok("encode", "--sae", sae.toString(), "--x", json(row)).out();
        assertTrue(text.startsWith("openai, topk (k = 4), d_in 8, d_sae 16"), text);
        assertTrue(text.contains("row 0: 4 active features"), text);
    }

    @Test
    void badInputIsExitTwoWithOneErrorLineAndNoOutput() {
        String sae = CheckpointFormatsTest.GEMMA.toString();
        String[][] cases = {
                {"[1, 2, 3]", "--x", "8"},
                {"[[1, 2, 3, 4, 5, 6, 7, 8], [1, 2]]", "--x", "ragged"},
                {"[1, 2, 3, 4, 5, 6, 7, 8", "--x", "not valid JSON"},
                {"[NaN, 2, 3, 4, 5, 6, 7, 8]", "--x", "not valid JSON"},
                {"[1e39, 2, 3, 4, 5, 6, 7, 8]", "--x", "float32"},
                {"[]", "--x", "non-empty"},
                {"[[]]", "--x", "empty"},
                {"", "--x", "empty"},
                {"[\"a\", 2, 3, 4, 5, 6, 7, 8]", "--x", "expected a number"},
                {tmp.resolve("missing.json").toString(), "--x", "missing.json"}};
        for (String[] c : cases) {
            CliTestSupport.Result r = run("encode", "--sae", sae, "--x", c[0], "--json");
            assertBadInput(r, c[1], c[2]);
            assertEquals("", r.out(), r::toString);
        }
        CliTestSupport.Result r = run("encode", "--sae", tmp.resolve("nope").toString(), "--x", "[1]", "--json");
        assertBadInput(r, "nope", "does not exist");
        assertEquals("", r.out());
    }

    // ----------------------------------------------------------------------------------------- hostile files

    private void refused(Path sae, String... mentions) {
        for (String command : List.of("encode", "inspect")) {
            CliTestSupport.Result r = command.equals("encode")
                    ? run("encode", "--sae", sae.toString(), "--x", "[1, 2, 3, 4, 5, 6, 7, 8]", "--json")
                    : run("inspect", "--sae", sae.toString(), "--json");
            assertBadInput(r, mentions);
            assertEquals("", r.out(), r::toString);
        }
    }

    /** A copy of a fixture folder with its JSON config changed. */
    private Path edited(Path fixture, String configName, Consumer<ObjectNode> edit) throws IOException {
        Path copy = tmp.resolve(fixture.getFileName() + "-" + Math.abs(System.nanoTime() % 100000));
        try (Stream<Path> s = Files.walk(fixture)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(fixture.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path cfg = copy.resolve(configName);
        ObjectNode node = (ObjectNode) Json.mapper().readTree(cfg.toFile());
        edit.accept(node);
        Files.writeString(cfg, Json.mapper().writeValueAsString(node));
        return copy;
    }

    @Test
    void aPickleNamingOsSystemInsideAnAePtIsRefused() {
        refused(DIR.resolve("hostile/evil_ae"), "ae.pt", "os");
    }

    @Test
    void missingTensorsAndWrongShapesAreRefused() {
        refused(DIR.resolve("hostile/missing_tensor"), "ae.pt", "b_dec");
        refused(DIR.resolve("hostile/k_too_large"), "config.json", "trainer.k is 20", "dict_size = 16");
        refused(DIR.resolve("hostile/wrong_shape"), "ae.pt", "encoder.weight", "[16, 7]");
        refused(DIR.resolve("hostile/openai_no_decoder.pt"), "decoder.weight");
        refused(DIR.resolve("hostile/gemma_wrong_shape"), "params.npz", "W_enc", "[8, 15]");
    }

    @Test
    void anNpzObjectArrayIsRefused() {
        refused(DIR.resolve("hostile/gemma_object"), "params.npz", "object");
    }

    @Test
    void aDictionaryLearningConfigThatContradictsTheTensorsIsRefused() throws IOException {
        Path topK = DIR.resolve("dictionary_learning/AutoEncoderTopK");
        refused(edited(topK, "config.json", c -> ((ObjectNode) c.get("trainer")).put("dict_size", 32)),
                "config.json", "dict_size is 32", "16");
        refused(edited(topK, "config.json", c -> ((ObjectNode) c.get("trainer")).put("activation_dim", 9)),
                "config.json", "activation_dim is 9");
        refused(edited(topK, "config.json", c -> ((ObjectNode) c.get("trainer")).put("k", 5)),
                "config.json", "trainer.k is 5", "k buffer", "is 3");
        Path batch = DIR.resolve("dictionary_learning/BatchTopKSAE");
        refused(edited(batch, "config.json", c -> ((ObjectNode) c.get("trainer")).put("k", 20)),
                "config.json", "trainer.k is 20");
        refused(edited(topK, "config.json", c -> ((ObjectNode) c.get("trainer")).put("dict_class", "Mystery")),
                "config.json", "Mystery");
        refused(edited(topK, "config.json", c -> ((ObjectNode) c.get("trainer")).remove("dict_class")),
                "config.json", "dict_class");
        refused(edited(topK, "config.json", c -> ((ObjectNode) c.get("trainer")).put("dict_class", "GatedAutoEncoder")),
                "ae.pt", "GatedAutoEncoder", "gate_bias");
        refused(edited(topK, "config.json", c -> ((ObjectNode) c.get("trainer")).put("submodule_name",
                "resid_post_layer_4")), "config.json", "trainer.layer is 3", "layer 4");
        Path noConfig = edited(topK, "config.json", c -> { });
        Files.delete(noConfig.resolve("config.json"));
        refused(noConfig, "config.json", "missing");
    }

    @Test
    void aLlamaScopeConfigThatContradictsTheTensorsIsRefused() throws IOException {
        Path jump = CheckpointFormatsTest.LLAMA_JUMP;
        refused(edited(jump, "hyperparams.json", c -> c.put("d_sae", 32)), "encoder.weight", "[16, 8]");
        refused(edited(jump, "hyperparams.json", c -> c.put("d_model", 7)), "encoder.weight");
        refused(edited(jump, "hyperparams.json", c -> c.put("norm_activation", "token-wise")), "token-wise");
        refused(edited(jump, "hyperparams.json", c -> c.put("hook_point_out", "blocks.4.hook_resid_pre")),
                "transcoder");
        refused(edited(jump, "hyperparams.json", c -> c.put("jump_relu_threshold", -0.5)), "negative");
        refused(edited(jump, "hyperparams.json", c -> c.put("act_fn", "gelu")), "gelu");
        refused(edited(jump, "hyperparams.json", c -> c.remove("dataset_average_activation_norm")),
                "dataset_average_activation_norm");
        refused(edited(CheckpointFormatsTest.LLAMA_TOPK, "hyperparams.json", c -> c.put("top_k", 17)),
                "top_k = 17", "d_sae = 16");
    }

    @Test
    void inspectReportsTheNewFormatsAndWhatWasInferred() {
        for (Case c : cases()) {
            JsonNode j = singleJson(ok("inspect", "--sae", c.sae().toString(), "--json"));
            assertEquals(c.format(), j.get("format").asText());
            for (String field : List.of("dIn", "dSae", "architecture", "hookName", "applyBDecToInput", "decoderNorm",
                    "deadFraction", "notes", "inferred", "inputNormalization")) {
                assertTrue(j.has(field), () -> c.sae() + " lacks " + field + ": " + j);
            }
            assertTrue(j.get("inferred").size() > 0, j::toString);
        }
        JsonNode openai = singleJson(ok("inspect", "--sae", CheckpointFormatsTest.OPENAI_TOPK.toString(), "--json"));
        assertEquals("layer norm (ε = 1.0E-5)", openai.get("inputNormalization").asText());
        assertEquals(4, openai.get("k").asInt());
        assertEquals(3, openai.get("hookLayer").asInt());
        String text = ok("inspect", "--sae", CheckpointFormatsTest.GEMMA.toString()).out();
        assertTrue(text.contains("read: layer 3, width 16 and average L0 5 from the path"), text);
    }
}
