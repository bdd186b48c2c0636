package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every {@link CheckpointReader} checks the same way: JSON configs and their fields, required tensors, and
 * matrices whose orientation is decided from their shape against d_in and d_sae (by the format's documented name only
 * when the matrix is square), each decision written to the {@link ReadLog}.
 */
final class ReadSupport {
    private static final Pattern LAYER = Pattern.compile("(?:^|\\.)(?:blocks|layers|h)\\.(\\d+)(?:\\.|$)");
    /** JSON configs beyond this are not configs. */
    private static final long MAX_CONFIG_BYTES = 16L << 20;

    private ReadSupport() {
    }

    // ---------------------------------------------------------------------------------------------- JSON

    static JsonNode readJson(Path file) {
        JsonNode node;
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new InvalidInputException(file + " is larger than 16 MB: not a checkpoint configuration");
            }
            node = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(file + " must hold a JSON object");
        }
        return node;
    }

    static int positiveInt(JsonNode node, String field, Path file) {
        return positiveInt(node, field, file, field);
    }

    static int positiveInt(JsonNode node, String field, Path file, String label) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw new InvalidInputException(file + ": '" + label + "' must be a positive integer");
        }
        return v.asInt();
    }

    static int nonNegativeInt(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new InvalidInputException(file + ": '" + field + "' must be an integer ≥ 0");
        }
        return v.asInt();
    }

    static Integer optionalInt(JsonNode node, String field, Path file) {
        return optionalInt(node, field, file, field);
    }

    static Integer optionalInt(JsonNode node, String field, Path file, String label) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new InvalidInputException(file + ": '" + label + "' must be an integer ≥ 0");
        }
        return v.asInt();
    }

    /** A finite number, or {@code fallback} when the field is absent or null. */
    static double number(JsonNode node, String field, double fallback, Path file, String label) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new InvalidInputException(file + ": '" + label + "' must be a finite number");
        }
        return v.asDouble();
    }

    static boolean bool(JsonNode node, String field, boolean fallback, Path file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(file + ": '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The layer in a TransformerLens or Hugging Face module name ("blocks.4.hook_resid_pre", "layers.11"), or null. */
    static Integer layerOf(String hookName) {
        if (hookName == null) {
            return null;
        }
        Matcher m = LAYER.matcher(hookName);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------- tensors

    /** All missing tensors named at once, with what the file does hold. */
    static void require(TensorSource file, String... names) {
        requireFor(file, null, names);
    }

    /** As {@link #require(TensorSource, String...)}, saying what needs them (e.g. "a gated SAE"). */
    static void requireFor(TensorSource file, String needs, String... names) {
        List<String> missing = Arrays.stream(names).filter(n -> !file.contains(n)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            List<String> present = file.names();
            throw new InvalidInputException(file.path() + " lacks the tensor" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (" + (needs == null ? "" : needs + " needs "
                    + (missing.size() > 1 ? "them" : "it") + "; ") + "it holds " + (present.isEmpty() ? "no tensors"
                    : String.join(", ", present.subList(0, Math.min(10, present.size())))
                    + (present.size() > 10 ? ", ..." : "")) + ")");
        }
    }

    /** The length of a rank-1 tensor, which gives a dimension; refused when it is not a non-empty vector. */
    static int length(TensorSource file, String name) {
        int[] s = file.shape(name);
        if (s.length != 1 || s[0] < 1) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(s)
                    + ", expected a non-empty vector");
        }
        return s[0];
    }

    /**
     * A matrix returned as {@code role} in SAELens orientation, [rows, cols] (W_enc [d_in, d_sae], W_dec
     * [d_sae, d_in]). It may be stored either way round: the shape against rows and cols decides, and the decision is
     * logged. A square one cannot be decided by shape, so it is read as the format documents its name
     * ({@code documentedTransposed}: stored [cols, rows]), and that is logged too.
     *
     * @param documented how the format documents the stored tensor, e.g. "[d_in, d_sae]" or "nn.Linear's
     *                   [d_sae, d_in]"
     * @param format     the format's id, for the log
     * @param dims       where rows and cols came from, e.g. "from cfg.json" or "d_in 8 from pre_bias"
     */
    static INDArray matrix(TensorSource file, String name, String role, int rows, int cols, boolean documentedTransposed,
            String documented, String format, String dims, ReadLog log) {
        int[] s = file.shape(name);
        String shape = Arrays.toString(s);
        if (s.length != 2) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + shape + ", expected a matrix "
                    + documented + " = " + expect(rows, cols, documentedTransposed) + " (" + dims + ")");
        }
        boolean transpose;
        if (rows == cols) {
            if (s[0] != rows || s[1] != cols) {
                throw new InvalidInputException(file.path() + ": " + name + " has shape " + shape + ", expected "
                        + documented + " = [" + rows + ", " + cols + "] (" + dims + ")");
            }
            transpose = documentedTransposed;
            log.note(name + " is square (d_in = d_sae = " + rows + "), so its orientation cannot be inferred: read as "
                    + format + " documents it, " + documented);
            log.inferred(name + " " + shape + " is square, so its name decides: read as " + role
                    + (transpose ? "ᵀ" : "") + ", " + format + "'s " + documented + " (" + dims + ")");
        } else if (s[0] == rows && s[1] == cols) {
            transpose = false;
        } else if (s[0] == cols && s[1] == rows) {
            transpose = true;
        } else {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + shape + ", expected "
                    + documented + " = " + expect(rows, cols, documentedTransposed) + " (either orientation; " + dims
                    + ")");
        }
        if (rows != cols) {
            log.inferred(name + " " + shape + " read as " + role + (transpose ? "ᵀ" : "") + " (" + dims + ")"
                    + (transpose != documentedTransposed ? ": transposed from " + format + "'s " + documented : ""));
            if (transpose != documentedTransposed) {
                log.note(name + " is stored as " + shape + ", transposed from " + format + "'s " + documented);
            }
        }
        float[] data = finite(file, name, file.floats(name));
        if (!transpose) {
            return Nd4j.createFromArray(data).reshape(rows, cols);
        }
        return Nd4j.createFromArray(data).reshape(cols, rows).transpose().dup('c');
    }

    private static String expect(int rows, int cols, boolean transposed) {
        return transposed ? "[" + cols + ", " + rows + "]" : "[" + rows + ", " + cols + "]";
    }

    static float[] vector(TensorSource file, String name, int length, String what, String dims) {
        int[] s = file.shape(name);
        if (s.length != 1 || s[0] != length) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(s)
                    + ", expected [" + what + "] = [" + length + "] (" + dims + ")");
        }
        return finite(file, name, file.floats(name));
    }

    /** A vector in float64 (for parameters that are transformed before use, e.g. exp(r_mag)). */
    static double[] vector64(TensorSource file, String name, int length, String what, String dims) {
        int[] s = file.shape(name);
        if (s.length != 1 || s[0] != length) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(s)
                    + ", expected [" + what + "] = [" + length + "] (" + dims + ")");
        }
        double[] v = file.doubles(name);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidInputException(file.path() + ": " + name + " holds a non-finite value (" + v[i]
                        + ") at index " + i);
            }
        }
        return v;
    }

    /** The value of a one-element tensor (a 0-d buffer such as dictionary_learning's {@code threshold}). */
    static double scalar(TensorSource file, String name) {
        int[] s = file.shape(name);
        long count = 1;
        for (int d : s) {
            count *= d;
        }
        if (count != 1) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(s)
                    + ", expected a single value");
        }
        double v = file.doubles(name)[0];
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(file.path() + ": " + name + " is not a finite number (" + v + ")");
        }
        return v;
    }

    static float[] finite(TensorSource file, String name, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException(file.path() + ": " + name + " holds a non-finite value (" + v[i]
                        + ") at index " + i);
            }
        }
        return v;
    }

    /** Fails when a float32 result of a transformation the format itself applies overflowed. */
    static float[] finiteAfter(Path file, String what, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException(file + ": " + what + " is not finite at index " + i
                        + " (the stored values overflow float32)");
            }
        }
        return v;
    }
}
