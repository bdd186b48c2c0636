package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.sae.SaeModel;
import java.nio.file.Path;
import java.util.List;

/**
 * An SAE checkpoint read by {@link Checkpoints} (one {@link CheckpointReader} per format).
 *
 * <p>{@code model} encodes exactly as the checkpoint's own library does. When {@code applyBDecToInput} is false (and
 * the model is not tied) the reader folds b_dec into the encoder bias — {@code model.bEnc()} holds
 * b_enc + b_dec·W_enc — because {@link SaeModel} always subtracts b_dec before encoding; {@link #rawEncoderBias()}
 * keeps the file's b_enc. Transformations a format's own loader applies (dictionary_learning's decoder
 * normalisation, Llama Scope's dataset-wise scaling) are folded into the weights as that loader folds them, and
 * {@code inferred} says so.
 *
 * @param format           the layout that was detected
 * @param model            the SAE in SAELens orientation (W_enc [d_in, d_sae], W_dec [d_sae, d_in])
 * @param hookName         the hook point the SAE was trained on (TransformerLens name), or null when nothing says
 * @param hookLayer        the layer of the hook point, or null when nothing says
 * @param modelName        the language model's name, or null when nothing says
 * @param applyBDecToInput whether the encoder sees x − b_dec (SAELens' {@code apply_b_dec_to_input})
 * @param config           the checkpoint's configuration as read ({@code cfg.json}, {@code config.json},
 *                         {@code hyperparams.json}; for a format without one, the file's plain values or an empty
 *                         object)
 * @param architecture     "standard", "topk", "jumprelu" (SAELens' names) or "gated"
 * @param dtype            the stored dtype of the encoder weights (F32, F16, BF16, F64)
 * @param rawEncoderBias   b_enc as stored in the file, [d_sae] (zeros for a gated SAE, which has none)
 * @param notes            what the reader assumed or ignored (e.g. a square W_enc read in the format's documented
 *                         orientation); empty when nothing
 * @param directory        the checkpoint folder
 * @param inferred         how the files were read, for people: the file taken for the format, each matrix's
 *                         orientation and why, where σ and its parameters, the layer and the hook came from
 * @param weightsFile      the file the weights were read from
 * @param configFile       the configuration file, or null when the format has none
 */
public record LoadedCheckpoint(CheckpointFormat format, SaeModel model, String hookName, Integer hookLayer,
        String modelName, boolean applyBDecToInput, JsonNode config, String architecture, String dtype,
        float[] rawEncoderBias, List<String> notes, Path directory, List<String> inferred, Path weightsFile,
        Path configFile) {

    public LoadedCheckpoint {
        notes = List.copyOf(notes);
        inferred = List.copyOf(inferred);
        rawEncoderBias = rawEncoderBias.clone();
    }

    /** b_enc as stored in the file (a copy). */
    @Override
    public float[] rawEncoderBias() {
        return rawEncoderBias.clone();
    }

    public int dIn() {
        return model.inputDim();
    }

    public int dSae() {
        return model.latents();
    }
}
