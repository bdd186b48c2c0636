package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.sae.SaeModel;
import java.nio.file.Path;
import java.util.List;

/**
 * An SAE checkpoint read by {@link CheckpointLoader}.
 *
 * <p>{@code model} encodes exactly as the checkpoint's own library does. When {@code applyBDecToInput} is false (and
 * the model is not tied) the loader folds b_dec into the encoder bias — {@code model.bEnc()} holds
 * b_enc + b_dec·W_enc — because {@link SaeModel} always subtracts b_dec before encoding; {@link #rawEncoderBias()}
 * keeps the file's b_enc.
 *
 * @param format           the layout that was detected
 * @param model            the SAE in SAELens orientation (W_enc [d_in, d_sae], W_dec [d_sae, d_in])
 * @param hookName         the hook point the SAE was trained on, or null when the file does not say
 * @param hookLayer        the layer of the hook point, or null when the file does not say
 * @param modelName        the language model's name, or null when the file does not say
 * @param applyBDecToInput whether the encoder sees x − b_dec (SAELens' {@code apply_b_dec_to_input})
 * @param config           the checkpoint's {@code cfg.json} as read
 * @param architecture     "standard", "topk" or "jumprelu" (SAELens' names)
 * @param dtype            the stored dtype of the encoder weights (F32, F16, BF16, F64)
 * @param rawEncoderBias   b_enc as stored in the file, [d_sae]
 * @param notes            what the loader assumed or ignored (e.g. a square W_enc read in the format's documented
 *                         orientation); empty when nothing
 * @param directory        the checkpoint folder
 */
public record LoadedCheckpoint(CheckpointFormat format, SaeModel model, String hookName, Integer hookLayer,
        String modelName, boolean applyBDecToInput, JsonNode config, String architecture, String dtype,
        float[] rawEncoderBias, List<String> notes, Path directory) {

    public LoadedCheckpoint {
        notes = List.copyOf(notes);
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
