package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SAE checkpoints in the SAELens ≥ 6 layout: a folder with {@code cfg.json} and {@code sae_weights.safetensors}
 * ({@code W_enc} [d_in, d_sae], {@code b_enc} [d_sae], {@code W_dec} [d_sae, d_in], {@code b_dec} [d_in],
 * {@code threshold} [d_sae] for JumpReLU), plus the project's {@link TrainingRecord} under {@code "sae_explorer"}.
 */
public final class SaeCheckpoint {
    public static final String CONFIG = CheckpointLoader.CONFIG;
    public static final String WEIGHTS = CheckpointLoader.SAELENS_WEIGHTS;
    public static final String RECORD_KEY = CheckpointLoader.RECORD_KEY;

    private SaeCheckpoint() {
    }

    /** Writes the two files into {@code dir}, which must exist (callers wrap this in an atomic folder write). */
    public static void writeInto(Path dir, SaeModel model, String modelName, String hookName, TrainingRecord record)
            throws IOException {
        if (model.normalisesInputs() || model.activation() instanceof Activation.Gated) {
            throw new IllegalArgumentException("the SAELens layout written here holds no input normalisation and no"
                    + " gated activation");
        }
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
        Integer k = model.activation().keptPerSample();
        if (k != null) {
            cfg.put("k", k);
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
        model.activation().latentThresholds(dSae).ifPresent(t -> {
            float[] theta = new float[dSae];
            for (int j = 0; j < dSae; j++) {
                theta[j] = (float) t[j];
            }
            tensors.add(Tensor.ofFloats("threshold", new int[] {dSae}, theta));
        });
        SafetensorsWriter.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
        AtomicFiles.writeString(dir.resolve(CONFIG), Json.pretty().writeValueAsString(cfg));
    }

    /** A checkpoint read back: the model and its configuration JSON. */
    public record Loaded(SaeModel model, JsonNode config) {
    }

    /**
     * Reads a checkpoint folder through the one checkpoint loader, {@link CheckpointLoader}: SAELens ≥ 6 (as this
     * project writes it), SAELens &lt; 6 or sparsify.
     */
    public static Loaded read(Path dir) {
        LoadedCheckpoint c = CheckpointLoader.load(dir);
        return new Loaded(c.model(), c.config());
    }

    /** SAELens' name: its "standard" SAE is the ReLU one; TopK and JumpReLU go by σ's own id. */
    private static String architecture(Activation a) {
        return a.id().equals("relu") ? "standard" : a.id();
    }

    private static Tensor tensor(String name, INDArray a, int... shape) {
        return Tensor.ofFloats(name, shape, a.dup('c').reshape(a.length()).toFloatVector());
    }

}
