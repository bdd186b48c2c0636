package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SAELens' activation-density record: {@code sparsity.safetensors} next to the weights, one tensor {@code sparsity}
 * [d_sae] holding log10 of each feature's firing frequency (SAELens writes log10(frequency + 1e-10), so a feature
 * that never fired reads −10). Read strictly: a wrong name, shape or dtype, a NaN, or a density above 1 is an
 * {@link InvalidInputException} naming the file.
 */
public final class SparsityFile {
    public static final String NAME = "sparsity.safetensors";
    public static final String TENSOR = "sparsity";
    /**
     * At or below this log10 density a feature counts as dead: it fired on fewer than one in 10⁹ inputs, which with
     * SAELens' 1e-10 offset means never.
     */
    public static final double DEAD_LOG10 = -9;
    /** Rounding slack above log10(1) = 0 for a feature that fired on every input. */
    private static final double ABOVE_ONE_SLACK = 1e-4;

    private SparsityFile() {
    }

    /** The record in checkpoint folder {@code dir}, or empty when there is none. */
    public static Optional<double[]> readNextTo(Path dir, int dSae) {
        Path file = dir.resolve(NAME);
        return Files.isRegularFile(file) ? Optional.of(read(file, dSae)) : Optional.empty();
    }

    /** The log10 densities [d_sae] in {@code file}; −∞ (a feature that never fired, without SAELens' offset) is kept. */
    public static double[] read(Path file, int dSae) {
        SafetensorsFile f = SafetensorsReader.read(file);
        if (!f.contains(TENSOR)) {
            throw new InvalidInputException(file + " has no '" + TENSOR + "' tensor (it holds "
                    + (f.names().isEmpty() ? "none" : String.join(", ", f.names())) + "): not a SAELens sparsity file");
        }
        Tensor t = f.tensor(TENSOR);
        if (t.rank() != 1 || t.shape()[0] != dSae) {
            throw new InvalidInputException(file + ": '" + TENSOR + "' has shape " + Arrays.toString(t.shape())
                    + ", expected [d_sae] = [" + dSae + "]: it belongs to another SAE");
        }
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || v[i] > ABOVE_ONE_SLACK) {
                throw new InvalidInputException(file + ": '" + TENSOR + "' holds " + v[i] + " at feature " + i
                        + ", which is not a log10 density (a number ≤ 0)");
            }
        }
        return v;
    }

    /** Writes log10 densities in SAELens' layout, so SAELens and this reader agree on it. */
    public static void write(Path file, double[] log10Density) {
        write(file, log10Density, Map.of());
    }

    /** As {@link #write(Path, double[])}, with {@code provenance} (how the densities were measured) in the header. */
    public static void write(Path file, double[] log10Density, Map<String, String> provenance) {
        float[] v = new float[log10Density.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) log10Density[i];
        }
        Map<String, String> metadata = new java.util.LinkedHashMap<>(provenance);
        metadata.put("format", "pt");
        SafetensorsWriter.write(file, List.of(Tensor.ofFloats(TENSOR, new int[] {v.length}, v)), metadata);
    }

    /** log10(count / samples + 1e-10), as SAELens computes it. */
    public static double[] log10Density(long[] firingCounts, long samples) {
        if (samples < 1) {
            throw new InvalidInputException("a density needs at least one sample");
        }
        double[] out = new double[firingCounts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log10(firingCounts[i] / (double) samples + 1e-10);
        }
        return out;
    }

    /** The fraction of features at or below {@link #DEAD_LOG10}; 0 for no features. */
    public static double deadFraction(double[] log10Density) {
        if (log10Density.length == 0) {
            return 0;
        }
        int dead = 0;
        for (double d : log10Density) {
            dead += d <= DEAD_LOG10 ? 1 : 0;
        }
        return dead / (double) log10Density.length;
    }
}
