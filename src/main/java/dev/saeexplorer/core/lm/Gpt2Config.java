package dev.saeexplorer.core.lm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The sizes of a GPT-2 family model, as a Hugging Face {@code config.json} gives them.
 *
 * @param nEmbd            d_model
 * @param nHead            attention heads; divides {@code nEmbd}
 * @param nLayer           transformer blocks
 * @param nPositions       longest sequence (learned position embeddings)
 * @param vocabSize        rows of the token embedding
 * @param nInner           MLP hidden width ({@code n_inner}, 4·d_model when absent or null)
 * @param layerNormEpsilon LayerNorm ε (1e-5 when absent)
 */
public record Gpt2Config(int nEmbd, int nHead, int nLayer, int nPositions, int vocabSize, int nInner,
                         double layerNormEpsilon) {

    public Gpt2Config {
        check(nEmbd > 0, "n_embd must be positive, got " + nEmbd);
        check(nHead > 0, "n_head must be positive, got " + nHead);
        check(nLayer > 0, "n_layer must be positive, got " + nLayer);
        check(nPositions > 0, "n_positions must be positive, got " + nPositions);
        check(vocabSize > 0, "vocab_size must be positive, got " + vocabSize);
        check(nInner > 0, "n_inner must be positive, got " + nInner);
        check(layerNormEpsilon > 0 && Double.isFinite(layerNormEpsilon),
                "layer_norm_epsilon must be a positive number, got " + layerNormEpsilon);
        check(nEmbd % nHead == 0, "n_embd (" + nEmbd + ") must be divisible by n_head (" + nHead + ")");
    }

    /** Config with the default MLP width (4·d_model) and ε = 1e-5. */
    public static Gpt2Config of(int nEmbd, int nHead, int nLayer, int nPositions, int vocabSize) {
        return new Gpt2Config(nEmbd, nHead, nLayer, nPositions, vocabSize, 4 * nEmbd, 1e-5);
    }

    public int dHead() {
        return nEmbd / nHead;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    /** Reads a Hugging Face GPT-2 {@code config.json}; every problem is an {@link InvalidInputException} naming it. */
    public static Gpt2Config read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + file + ": no such file (a GPT-2 model folder needs "
                    + "config.json next to model.safetensors)", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("cannot read " + file + ": expected a JSON object");
        }
        String activation = root.path("activation_function").asText("gelu_new");
        if (!root.path("activation_function").isMissingNode() && !activation.equals("gelu_new")) {
            throw new InvalidInputException(file + ": activation_function '" + activation
                    + "' is not supported; GPT-2 family models use gelu_new");
        }
        try {
            int nEmbd = intField(root, file, "n_embd");
            JsonNode inner = root.get("n_inner");
            int nInner = inner == null || inner.isNull() ? 4 * nEmbd : intValue(inner, file, "n_inner");
            JsonNode eps = root.get("layer_norm_epsilon");
            double epsilon = 1e-5;
            if (eps != null && !eps.isNull()) {
                if (!eps.isNumber()) {
                    throw new InvalidInputException(file + ": layer_norm_epsilon must be a number, got " + eps);
                }
                epsilon = eps.doubleValue();
            }
            return new Gpt2Config(nEmbd, intField(root, file, "n_head"), intField(root, file, "n_layer"),
                    intField(root, file, "n_positions"), intField(root, file, "vocab_size"), nInner, epsilon);
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static int intField(JsonNode root, Path file, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new InvalidInputException(file + ": missing required field '" + name + "'");
        }
        return intValue(n, file, name);
    }

    private static int intValue(JsonNode n, Path file, String name) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new InvalidInputException(file + ": field '" + name + "' must be an integer, got " + n);
        }
        return n.intValue();
    }
}
