package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
    @TempDir
    Path tmp;

    /** Runs {@code inspect} on its own, wired as {@link Cli#run} wires every command. */
    static CliTestSupport.Result inspect(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CliContext ctx = new CliContext(o, e, new CancellationToken());
        CommandLine cl = new CommandLine(new InspectCommand(ctx));
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            e.println("error: " + ex.getMessage().replace(System.lineSeparator(), " "));
            return Cli.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> Cli.handle(ex, e, ctx));
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new CliTestSupport.Result(code, out.toString(), err.toString());
    }

    private static Tensor m(String name, int rows, int cols, float... v) {
        return Tensor.ofFloats(name, new int[] {rows, cols}, v);
    }

    private static Tensor v(String name, float... v) {
        return Tensor.ofFloats(name, new int[] {v.length}, v);
    }

    /** SAELens < 6, TopK k = 1, d_in 2, d_sae 3; decoder rows [1,0], [0,1], [0.5,-0.5]. */
    private Path legacy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("legacy"));
        Files.writeString(dir.resolve("cfg.json"), "{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"topk\","
                + " \"activation_fn_kwargs\": {\"k\": 1}, \"hook_point\": \"blocks.8.hook_resid_pre\","
                + " \"hook_point_layer\": 8, \"model_name\": \"gpt2-small\", \"apply_b_dec_to_input\": false}");
        SafetensorsWriter.write(dir.resolve("sae_weights.safetensors"), List.of(m("W_enc", 2, 3, 1, 0, 1, 0, 1, 1),
                v("b_enc", 0, 0, 0), m("W_dec", 3, 2, 1, 0, 0, 1, 0.5f, -0.5f), v("b_dec", 0, 0)), Map.of());
        return dir;
    }

    @Test
    void jsonReportsConfigurationAndStatistics() throws IOException {
        CliTestSupport.Result r = inspect("--sae", legacy().toString(), "--json");
        assertEquals(Cli.OK, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
        JsonNode j = singleJson(r);
        assertEquals("saelens-legacy", j.get("format").asText());
        assertEquals(2, j.get("dIn").asInt());
        assertEquals(3, j.get("dSae").asInt());
        assertEquals("topk", j.get("architecture").asText());
        assertEquals(1, j.get("k").asInt());
        assertEquals("blocks.8.hook_resid_pre", j.get("hookName").asText());
        assertEquals(8, j.get("hookLayer").asInt());
        assertEquals("gpt2-small", j.get("modelName").asText());
        assertFalse(j.get("applyBDecToInput").asBoolean());
        assertTrue(j.get("applyBDecToInput").isBoolean());
        assertEquals("F32", j.get("dtype").asText());
        double half = Math.sqrt(0.5);
        assertEquals(half, j.get("decoderNorm").get("min").asDouble(), 1e-6);
        assertEquals((2 + half) / 3, j.get("decoderNorm").get("mean").asDouble(), 1e-6);
        assertEquals(1.0, j.get("decoderNorm").get("max").asDouble(), 1e-6);
        assertEquals(0.0, j.get("encoderDecoderCosine").get("min").asDouble(), 1e-6);
        assertEquals(2.0 / 3, j.get("encoderDecoderCosine").get("mean").asDouble(), 1e-6);
        assertEquals(1.0, j.get("encoderDecoderCosine").get("max").asDouble(), 1e-6);
        assertTrue(j.has("deadFraction") && j.get("deadFraction").isNull(), j::toString);
        assertTrue(j.get("notes").isArray());
    }

    @Test
    void humanOutputIsAnAlignedTable() throws IOException {
        CliTestSupport.Result r = inspect("--sae", legacy().toString());
        assertEquals(Cli.OK, r.code(), r::toString);
        List<String> lines = r.out().lines().filter(l -> !l.startsWith("note: ") && !l.startsWith("read: ")).toList();
        assertTrue(lines.get(0).startsWith("format") && lines.get(0).endsWith("saelens-legacy"), r::toString);
        assertTrue(r.out().contains("topk (k = 1)"), r::toString);
        int column = lines.get(0).indexOf("saelens-legacy");
        for (String l : lines) {
            assertTrue(l.length() > column && l.charAt(column - 1) == ' ' && l.charAt(column) != ' ', () -> "misaligned: " + l);
        }
    }

    @Test
    void badPathsAndPicklesExitTwoWithoutAStackTrace() throws IOException {
        assertBadInput(inspect("--sae", tmp.resolve("missing").toString()), "missing", "does not exist");
        Path pt = Files.writeString(tmp.resolve("sae.pt"), "pickle");
        assertBadInput(inspect("--sae", pt.toString(), "--json"), "sae.pt", "not a PyTorch checkpoint");
        Path bin = Files.writeString(tmp.resolve("pytorch_model.bin"), "pickle");
        String line = assertBadInput(inspect("--sae", bin.toString(), "--json"), "pytorch_model.bin", "safetensors");
        assertTrue(line.contains("save_file"), line);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertBadInput(inspect("--sae", empty.toString()), "cfg.json");
        Path badCfg = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(badCfg.resolve("cfg.json"), "{\"d_in\": 2}");
        SafetensorsWriter.write(badCfg.resolve("sae_weights.safetensors"), List.of(v("b_dec", 0, 0)), Map.of());
        assertBadInput(inspect("--sae", badCfg.toString(), "--json"), "cfg.json", "d_sae");
    }

    @Test
    void aFolderThatIsNotAModelAndBadOptionsAreRefused() throws IOException {
        Path sae = legacy();
        assertBadInput(inspect("--sae", sae.toString(), "--model", tmp.toString()), "config.json");
        assertBadInput(inspect("--sae", sae.toString(), "--top", "0"), "--top");
        assertEquals(Cli.BAD_INPUT, inspect().code());
    }
}
