package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.InputNormalization;
import dev.saeexplorer.core.sae.SaeModel;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a {@link CheckpointReader} has read, put together into a {@link LoadedCheckpoint}: the readers fill the fields
 * and call {@link #build()}, which builds the {@link SaeModel} last, so a failure leaves nothing half-made.
 */
final class Assembly {
    CheckpointFormat format;
    Path directory;
    JsonNode config;
    Path weightsFile;
    Path configFile;
    INDArray wEnc;
    float[] bEnc;
    INDArray wDec;
    float[] bDec;
    Activation activation;
    boolean tied;
    boolean applyBDec = true;
    InputNormalization normalization = new InputNormalization.None();
    String hookName;
    Integer hookLayer;
    String modelName;
    String architecture;
    String dtype;
    final ReadLog log = new ReadLog();

    Assembly(CheckpointFormat format, Path directory) {
        this.format = format;
        this.directory = directory;
    }

    LoadedCheckpoint build() {
        int dSae = bEnc.length;
        int dIn = bDec.length;
        INDArray bEncRow = Nd4j.createFromArray(bEnc).reshape(1, dSae);
        INDArray bDecRow = Nd4j.createFromArray(bDec).reshape(1, dIn);
        INDArray effectiveBEnc = bEncRow;
        if (!applyBDec && !tied) {
            // SaeModel encodes (x − b_dec)W_enc + b_enc; with b_enc' = b_enc + b_dec·W_enc that is x·W_enc + b_enc.
            effectiveBEnc = bEncRow.add(bDecRow.mmul(wEnc));
        }
        SaeModel model = new SaeModel(wEnc, effectiveBEnc, wDec, bDecRow, activation, tied, normalization);
        return new LoadedCheckpoint(format, model, hookName, hookLayer, modelName, applyBDec, config, architecture,
                dtype, bEnc, log.notes(), directory, log.inferred(), weightsFile, configFile);
    }
}
