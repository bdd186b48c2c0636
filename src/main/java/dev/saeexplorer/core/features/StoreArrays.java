package dev.saeexplorer.core.features;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsDtype;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import java.util.Arrays;

/**
 * Reads a store's arrays back into {@link StoreContents} ({@link StoreFile} describes them), checking each tensor's
 * dtype and shape against the manifest and every index against what it points into, so that a damaged store is an
 * {@link InvalidInputException} on opening, never an exception deep in a later query.
 */
final class StoreArrays {
    private final SafetensorsFile file;

    StoreArrays(SafetensorsFile file) {
        this.file = file;
    }

    StoreContents contents(StoreManifest manifest) {
        StoreManifest.Counts counts = manifest.counts();
        int f = counts.features();
        int slots = StoreContents.slots(manifest.settings().topK());
        int stored = counts.storedContexts();
        int bins = LogHistogram.MAX_BINS;

        int[] numbers = ints("context_numbers", SafetensorsDtype.F64, 0, counts.contexts() - 1, stored);
        for (int i = 1; i < numbers.length; i++) {
            if (numbers[i] <= numbers[i - 1]) {
                throw new InvalidInputException("context_numbers are not increasing at index " + i);
            }
        }
        int[] lengths = ints("context_lengths", SafetensorsDtype.F32, 1, manifest.settings().contextSize() - 1, stored);
        int[] ids = ints("context_tokens", SafetensorsDtype.F32, 0, Gpt2Tokenizer.VOCAB_SIZE - 1,
                Arrays.stream(lengths).sum());
        int[][] tokens = new int[stored][];
        for (int i = 0, from = 0; i < stored; from += lengths[i++]) {
            tokens[i] = Arrays.copyOfRange(ids, from, from + lengths[i]);
        }

        int[] slotContext = ints("example_context", SafetensorsDtype.F64, -1, counts.contexts() - 1, f, slots);
        int[] slotPosition = ints("example_position", SafetensorsDtype.F32, -1,
                manifest.settings().contextSize() - 2, f, slots);
        float[] slotMax = floats("example_max", SafetensorsDtype.F32, f, slots);
        float[] max = floats("max_activation", SafetensorsDtype.F32, f);
        int[] binCount = ints("histogram_bins", SafetensorsDtype.F32, 0, bins, f);
        double[] edges = doubles("histogram_edges", SafetensorsDtype.F64, f, bins + 1);
        double[] binCounts = doubles("histogram_counts", SafetensorsDtype.F64, f, bins);
        Histogram[] histograms = new Histogram[f];
        for (int j = 0; j < f; j++) {
            int n = binCount[j];
            histograms[j] = n == 0 ? Histogram.EMPTY : new Histogram(
                    Arrays.copyOfRange(edges, j * (bins + 1), j * (bins + 1) + n + 1),
                    Arrays.stream(binCounts, j * bins, j * bins + n).mapToLong(v -> (long) v).toArray());
        }

        StoreContents shape = new StoreContents(manifest.settings().topK(),
                doubles("density", SafetensorsDtype.F64, f), doubles("mean_activation", SafetensorsDtype.F64, f), max,
                histograms, slotContext, slotMax, slotPosition, null, numbers, tokens);
        int values = shape.forEachExample((slot, from, to) -> {
            if (slotPosition[slot] < 0 || slotPosition[slot] >= to - from) {
                throw new InvalidInputException("example " + slot + " has position " + slotPosition[slot]
                        + " outside its context of " + (to - from) + " tokens");
            }
        });
        if (values != counts.exampleValues()) {
            throw new InvalidInputException("the examples take " + values + " activations but the manifest counts "
                    + counts.exampleValues());
        }
        float[] activations = floats("example_activations", SafetensorsDtype.F16, values);
        shape.forEachExample((slot, from, to) -> {
            for (int i = from; i < to; i++) {
                activations[i] *= max[slot / slots];
            }
        });
        return new StoreContents(shape.topK(), shape.density(), shape.mean(), max, histograms, slotContext, slotMax,
                slotPosition, activations, numbers, tokens);
    }

    private Tensor tensor(String name, SafetensorsDtype dtype, int... shape) {
        if (!file.contains(name)) {
            throw new InvalidInputException("the tensor " + name + " is missing");
        }
        Tensor t = file.tensor(name);
        if (t.dtype() != dtype || !Arrays.equals(t.shape(), shape)) {
            throw new InvalidInputException("the tensor " + name + " is " + t.dtype() + " " + Arrays.toString(t.shape())
                    + ", expected " + dtype + " " + Arrays.toString(shape) + " from the manifest");
        }
        return t;
    }

    private double[] doubles(String name, SafetensorsDtype dtype, int... shape) {
        return tensor(name, dtype, shape).toDoubleArray();
    }

    private float[] floats(String name, SafetensorsDtype dtype, int... shape) {
        return tensor(name, dtype, shape).toFloatArray();
    }

    /** Whole numbers stored as floats, each in [min, max]. */
    private int[] ints(String name, SafetensorsDtype dtype, int min, int max, int... shape) {
        double[] v = doubles(name, dtype, shape);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= min && v[i] <= max) || v[i] != Math.rint(v[i])) {
                throw new InvalidInputException("the tensor " + name + " holds " + v[i] + " at index " + i
                        + " where a whole number from " + min + " to " + max + " belongs");
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
