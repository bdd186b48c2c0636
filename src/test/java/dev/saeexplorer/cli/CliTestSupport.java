package dev.saeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.saeexplorer.core.compute.CancellationToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs the whole CLI in this process (through {@link Cli#run}) and checks its output against design/CLI.md. */
final class CliTestSupport {
    /** Strict JSON: one document, no trailing tokens, no NaN tokens (Jackson refuses them by default). */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A bare NaN or Infinity token (not inside a string such as "NaNny"). */
    private static final java.util.regex.Pattern NON_FINITE =
            java.util.regex.Pattern.compile("(?<![\"\\w])(NaN|-?Infinity)(?![\"\\w])");

    static final String EXAMPLE1_WP = "[[1,0,0],[0,1,-1]]";
    static final String EXAMPLE1_X = "[0.5,1.0,0.8]";

    private CliTestSupport() {
    }

    /** What one run returned and printed. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    static Result run(String... args) {
        return run(new CancellationToken(), args);
    }

    static Result run(CancellationToken token, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), token);
        return new Result(code, out.toString(), err.toString());
    }

    /** Exit 0, else fail with everything the run printed. */
    static Result ok(String... args) {
        Result r = run(args);
        assertEquals(Cli.OK, r.code(), () -> "expected exit 0 for " + String.join(" ", args) + "\n" + r);
        return r;
    }

    /**
     * Stdout is exactly one JSON document (nothing before or after it) without NaN/Infinity tokens; returns it.
     */
    static JsonNode singleJson(Result r) {
        assertNoNonFiniteTokens(r.out());
        try {
            JsonNode node = STRICT.readTree(r.out());
            assertTrue(node != null && !node.isMissingNode(), () -> "stdout holds no JSON\n" + r);
            return node;
        } catch (IOException e) {
            return fail("stdout is not exactly one JSON document (" + e.getMessage() + ")\n" + r);
        }
    }

    static JsonNode readJsonFile(Path file) {
        try {
            String text = Files.readString(file);
            assertNoNonFiniteTokens(text);
            return STRICT.readTree(text);
        } catch (IOException e) {
            return fail("cannot read " + file + " as one JSON document: " + e.getMessage());
        }
    }

    static void assertNoNonFiniteTokens(String json) {
        assertFalse(NON_FINITE.matcher(json).find(), () -> "JSON holds a NaN/Infinity token:\n" + json);
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            assertTrue(array.get(i).isNumber(), () -> "not a number array: " + array);
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }

    /**
     * The bad-input contract: exit 2, one stderr line starting {@code error: } (plus "Run with --help for usage." for
     * picocli usage errors), no stack trace, nothing on stdout that looks like a result. Returns the error line.
     */
    static String assertBadInput(Result r, String... mentions) {
        assertEquals(Cli.BAD_INPUT, r.code(), () -> "expected exit 2\n" + r);
        List<String> lines = r.errLines();
        assertTrue(lines.size() == 1 || (lines.size() == 2 && lines.get(1).equals("Run with --help for usage.")),
                () -> "expected exactly one stderr line (plus the optional usage hint)\n" + r);
        String line = lines.get(0);
        assertTrue(line.startsWith("error: "), () -> "stderr must start with 'error: '\n" + r);
        assertFalse(r.err().contains("Exception"), () -> "stderr names an exception class\n" + r);
        assertFalse(r.err().contains("\tat "), () -> "stderr holds a stack trace\n" + r);
        for (String m : mentions) {
            // "a|b": either spelling will do (e.g. "--x" or "x (").
            boolean found = java.util.Arrays.stream(m.split("\\|")).anyMatch(line::contains);
            assertTrue(found, () -> "the error line should mention '" + m + "'\n" + r);
        }
        return line;
    }

    /** Every path under {@code dir} (relative, with '/' separators), files and folders, hidden ones included. */
    static Set<String> tree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names in {@code dir} that start with '.' or end in '.tmp': what an interrupted atomic write would leave. */
    static List<String> tempLeftovers(Path dir) {
        List<String> left = new ArrayList<>();
        for (String p : tree(dir)) {
            String name = p.substring(p.lastIndexOf('/') + 1);
            if (name.startsWith(".") || name.endsWith(".tmp") || name.contains(".tmp")) {
                left.add(p);
            }
        }
        return left;
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] args(String... a) {
        return a;
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
