package dev.saeexplorer.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SAE checkpoints in the SAELens ≥ 6 layout: a folder with {@code cfg.json} and {@code sae_weights.safetensors}
 * ({@code W_enc} [d_in, d_sae], {@code b_enc} [d_sae], {@code W_dec} [d_sae, d_in], {@code b_dec} [d_in],
 * {@code threshold} [d_sae] for JumpReLU), plus the project's {@link TrainingRecord} under {@code "sae_explorer"}.
 */
public final class SaeCheckpoint {
    public static final String CONFIG = "cfg.json";
    public static final String WEIGHTS = "sae_weights.safetensors";
    public static final String RECORD_KEY = "sae_explorer";

    private SaeCheckpoint() {
    }

    /** Writes the two files into {@code dir}, which must exist (callers wrap this in an atomic folder write). */
    public static void writeInto(Path dir, SaeModel model, String modelName, String hookName, TrainingRecord record)
            throws IOException {
        int dIn = model.inputDim();
        int dSae = model.latents();
        ObjectNode cfg = Json.mapper().createObjectNode();
        cfg.put("d_in", dIn);
        cfg.put("d_sae", dSae);
        cfg.put("dtype", "float32");
        cfg.put("device", "cpu");
        cfg.put("architecture", architecture(model.activation()));
        cfg.put("apply_b_dec_to_input", !model.tied());
        cfg.put("normalize_activations", "none");
        if (model.activation() instanceof Activation.TopK) {
            cfg.put("k", ((Activation.TopK) model.activation()).k());
        }
        ObjectNode metadata = cfg.putObject("metadata");
        metadata.put("model_name", modelName);
        metadata.put("hook_name", hookName);
        metadata.put("sae_lens_training_version", (String) null);
        cfg.set(RECORD_KEY, Json.mapper().valueToTree(record));

        List<Tensor> tensors = new java.util.ArrayList<>(List.of(
                tensor("W_enc", model.wEnc(), dIn, dSae),
                tensor("b_enc", model.bEnc(), dSae),
                tensor("W_dec", model.wDec(), dSae, dIn),
                tensor("b_dec", model.bDec(), dIn)));
        if (model.activation() instanceof Activation.JumpRelu) {
            float[] theta = new float[dSae];
            java.util.Arrays.fill(theta, (float) ((Activation.JumpRelu) model.activation()).theta());
            tensors.add(Tensor.ofFloats("threshold", new int[] {dSae}, theta));
        }
        SafetensorsWriter.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
        AtomicFiles.writeString(dir.resolve(CONFIG), Json.pretty().writeValueAsString(cfg));
    }

    /** A checkpoint read back: the model and its configuration JSON. */
    public record Loaded(SaeModel model, JsonNode config) {
    }

    /** Reads a checkpoint folder written in the SAELens ≥ 6 layout (by this project or by SAELens). */
    public static Loaded read(Path dir) {
        Path cfgPath = dir.resolve(CONFIG);
        Path weightsPath = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(cfgPath) || !Files.isRegularFile(weightsPath)) {
            throw new InvalidInputException(dir + " is not an SAE checkpoint: it needs " + CONFIG + " and " + WEIGHTS);
        }
        JsonNode cfg;
        try {
            cfg = Json.mapper().readTree(cfgPath.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(cfgPath + " is not valid JSON: " + e.getMessage(), e);
        }
        if (cfg == null || !cfg.isObject()) {
            throw new InvalidInputException(cfgPath + " must hold a JSON object");
        }
        int dIn = positiveInt(cfg, "d_in", cfgPath);
        int dSae = positiveInt(cfg, "d_sae", cfgPath);
        SafetensorsFile weights = SafetensorsReader.read(weightsPath);
        INDArray wEnc = matrix(weights, "W_enc", dIn, dSae);
        INDArray bEnc = vector(weights, "b_enc", dSae);
        INDArray wDec = matrix(weights, "W_dec", dSae, dIn);
        INDArray bDec = vector(weights, "b_dec", dIn);
        Activation activation = activation(cfg, weights, dSae, cfgPath);
        boolean tied = cfg.path(RECORD_KEY).path("tied").asBoolean(false);
        return new Loaded(new SaeModel(wEnc, bEnc, wDec, bDec, activation, tied), cfg);
    }

    private static String architecture(Activation a) {
        if (a instanceof Activation.TopK) {
            return "topk";
        }
        return a instanceof Activation.JumpRelu ? "jumprelu" : "standard";
    }

    private static Activation activation(JsonNode cfg, SafetensorsFile weights, int dSae, Path cfgPath) {
        String arch = cfg.path("architecture").asText("standard");
        switch (arch) {
            case "standard":
                return new Activation.Relu();
            case "topk":
                return new Activation.TopK(positiveInt(cfg, "k", cfgPath));
            case "jumprelu": {
                float[] t = vector(weights, "threshold", dSae).toFloatVector();
                for (float v : t) {
                    if (v != t[0]) {
                        throw new InvalidInputException(cfgPath + ": per-latent JumpReLU thresholds are not supported yet");
                    }
                }
                return new Activation.JumpRelu(t.length == 0 ? 0 : t[0]);
            }
            default:
                throw new InvalidInputException(cfgPath + ": unknown architecture '" + arch + "' (standard, topk, jumprelu)");
        }
    }

    private static int positiveInt(JsonNode cfg, String field, Path cfgPath) {
        JsonNode v = cfg.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new InvalidInputException(cfgPath + ": '" + field + "' must be a positive integer");
        }
        return v.asInt();
    }

    private static Tensor tensor(String name, INDArray a, int... shape) {
        return Tensor.ofFloats(name, shape, a.dup('c').reshape(a.length()).toFloatVector());
    }

    private static INDArray matrix(SafetensorsFile file, String name, int rows, int cols) {
        Tensor t = file.tensor(name);
        if (t.rank() != 2 || t.shape()[0] != rows || t.shape()[1] != cols) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + java.util.Arrays.toString(t.shape())
                    + ", expected [" + rows + ", " + cols + "] from cfg.json");
        }
        return Nd4j.createFromArray(t.toFloatArray()).reshape(rows, cols);
    }

    private static INDArray vector(SafetensorsFile file, String name, int length) {
        Tensor t = file.tensor(name);
        if (t.elementCount() != length || t.rank() != 1) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + java.util.Arrays.toString(t.shape())
                    + ", expected [" + length + "] from cfg.json");
        }
        return Nd4j.createFromArray(t.toFloatArray()).reshape(1, length);
    }
}
