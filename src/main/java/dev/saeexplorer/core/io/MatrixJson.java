package dev.saeexplorer.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads matrix and vector arguments given as inline JSON or as a path to a JSON file (design/CLI.md). A matrix file
 * may also be a toy-model file, an object with a {@code "wp"} field.
 */
public final class MatrixJson {
    /** Refuse absurd inputs before parsing them. */
    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private MatrixJson() {
    }

    public static double[][] matrix(String argument, String name) {
        JsonNode node = load(argument, name);
        if (node.isObject() && node.has("wp")) {
            node = node.get("wp");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(name + ": expected a non-empty JSON array of rows like [[1,0],[0,1]]");
        }
        double[][] m = new double[node.size()][];
        for (int r = 0; r < node.size(); r++) {
            JsonNode row = node.get(r);
            if (!row.isArray()) {
                throw new InvalidInputException(name + ": row " + r + " is not an array; expected [[...], [...]]");
            }
            if (r > 0 && row.size() != m[0].length) {
                throw new InvalidInputException(name + " is ragged: row " + r + " has " + row.size() + " entries, row 0 has " + m[0].length);
            }
            m[r] = numbers(row, name + "[" + r + "]");
        }
        return m;
    }

    /**
     * Rows of inputs: a JSON vector is one row, a matrix one row per inner array (all of one length, none empty).
     */
    public static double[][] rows(String argument, String name) {
        JsonNode node = load(argument, name);
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(name + ": expected a non-empty JSON vector like [0.5, 1.0] or matrix like"
                    + " [[0.5, 1.0], [0, 2]]");
        }
        if (!node.get(0).isArray()) {
            return new double[][] {numbers(node, name)};
        }
        double[][] m = new double[node.size()][];
        for (int r = 0; r < node.size(); r++) {
            JsonNode row = node.get(r);
            if (!row.isArray()) {
                throw new InvalidInputException(name + ": row " + r + " is not an array; expected [[...], [...]]");
            }
            if (row.isEmpty()) {
                throw new InvalidInputException(name + ": row " + r + " is empty");
            }
            if (r > 0 && row.size() != m[0].length) {
                throw new InvalidInputException(name + " is ragged: row " + r + " has " + row.size() + " entries, row 0 has " + m[0].length);
            }
            m[r] = numbers(row, name + "[" + r + "]");
        }
        return m;
    }

    public static double[] vector(String argument, String name) {
        JsonNode node = load(argument, name);
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(name + ": expected a non-empty JSON array of numbers like [0.5, 1.0]");
        }
        return numbers(node, name);
    }

    private static double[] numbers(JsonNode array, String name) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode e = array.get(i);
            if (!e.isNumber()) {
                throw new InvalidInputException(name + "[" + i + "] is " + e + ": expected a number");
            }
            v[i] = e.doubleValue();
            if (!Double.isFinite(v[i])) {
                throw new InvalidInputException(name + "[" + i + "] is too large: expected a finite number");
            }
        }
        return v;
    }

    private static JsonNode load(String argument, String name) {
        if (argument == null || argument.isBlank()) {
            throw new InvalidInputException(name + " is empty: give inline JSON or a path to a JSON file");
        }
        String text = argument.trim();
        boolean inline = text.startsWith("[") || text.startsWith("{");
        if (!inline) {
            text = readFile(argument, name);
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            String where = inline ? "inline JSON" : argument;
            throw new InvalidInputException(name + ": " + where + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static String readFile(String argument, String name) {
        try {
            Path path = Path.of(argument);
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException(name + ": " + argument + " is neither inline JSON nor an existing file");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new InvalidInputException(name + ": " + argument + " is larger than 64 MB");
            }
            return Files.readString(path);
        } catch (InvalidPathException e) {
            throw new InvalidInputException(name + ": '" + argument + "' is neither inline JSON nor a valid path", e);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read " + argument + " (" + AtomicFiles.describe(e) + ")", e);
        }
    }
}
