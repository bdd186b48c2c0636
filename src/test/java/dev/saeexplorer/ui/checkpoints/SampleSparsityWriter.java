package dev.saeexplorer.ui.checkpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.io.checkpoint.SparsityFile;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.superposition.Superposition;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes {@code sparsity.safetensors} next to the bundled sample checkpoints, as SAELens does after training: each
 * feature's firing frequency (activation > 0) over samples of the data it was trained on — the toy model's W_p at the
 * sparsity in its training record — stored as log10(frequency + 1e-10). The header records how. A development tool,
 * not a test: {@code java -cp ... dev.saeexplorer.ui.checkpoints.SampleSparsityWriter sample-data}.
 */
public final class SampleSparsityWriter {
    private static final int SAMPLES = 100_000;
    private static final long SEED = 20_240_601L;

    private SampleSparsityWriter() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "sample-data");
        Superposition sp = Superposition.of(MatrixJson.matrix(root.resolve("toy-model-n40-np10.json").toString(), "wp"));
        for (BundledSample s : BundledSample.values()) {
            Path dir = root.resolve("checkpoints").resolve(s.id());
            LoadedCheckpoint c = CheckpointLoader.load(dir);
            JsonNode record = c.config().path(CheckpointLoader.RECORD_KEY);
            double sparsity = record.path("sparsity").asDouble(Double.NaN);
            SyntheticData data = new SyntheticData(sp, sparsity);
            INDArray f = c.model().encode(data.sample(SAMPLES, SEED).xp());
            long[] counts = new long[c.dSae()];
            double[] fired = f.gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sum(0).toDoubleVector();
            for (int j = 0; j < counts.length; j++) {
                counts[j] = Math.round(fired[j]);
            }
            SparsityFile.write(dir.resolve(SparsityFile.NAME), SparsityFile.log10Density(counts, SAMPLES), Map.of(
                    "measured_by", "SAE Explorer SampleSparsityWriter", "data", "toy-model-n40-np10.json wp, sparsity "
                            + sparsity, "samples", Integer.toString(SAMPLES), "seed", Long.toString(SEED)));
            System.err.printf("%s: dead fraction %.3f%n", s.id(), SparsityFile.deadFraction(
                    SparsityFile.read(dir.resolve(SparsityFile.NAME), c.dSae())));
        }
    }
}
