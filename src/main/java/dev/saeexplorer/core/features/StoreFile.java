package dev.saeexplorer.core.features;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Digests;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A feature store on disk: a folder with {@code manifest.json} ({@link StoreManifest}) and {@value #ARRAYS}, written
 * as a whole through {@link AtomicFiles#writeDirectory} so that a failed or cancelled build leaves no partial store.
 *
 * <p>The arrays ({@code F} features, {@code S} example slots per feature, {@code C} stored contexts; safetensors knows
 * only float types, so whole numbers are stored as F32 below 2^24 and as F64 where they may be larger):
 * <ul>
 *   <li>{@code density}, {@code mean_activation} F64 [F]; {@code max_activation} F32 [F]</li>
 *   <li>{@code histogram_bins} F32 [F]; {@code histogram_edges} F64 [F, 33] and {@code histogram_counts} F64 [F, 32],
 *       each feature's row filled up to its number of bins, then zeros</li>
 *   <li>{@code example_context} F64 [F, S] (−1: empty slot); {@code example_max} F32 [F, S];
 *       {@code example_position} F32 [F, S]</li>
 *   <li>{@code example_activations} F16: the filled slots' per-token activations one after another, each divided by its
 *       feature's max activation, so values lie in [0, 1] and float16 keeps them within 0.05% of the max</li>
 *   <li>{@code context_numbers} F64 [C], increasing; {@code context_lengths} F32 [C]; {@code context_tokens} F32, the
 *       contexts' token ids (BOS left out) one after another</li>
 * </ul>
 */
final class StoreFile {
    static final String ARRAYS = "store.safetensors";

    private StoreFile() {
    }

    /** A store read back. */
    record Opened(StoreManifest manifest, StoreContents contents) {
    }

    /** Writes the store into {@code out} (refused when it is a non-empty folder unless {@code force}). */
    static void write(Path out, boolean force, StoreIdentity identity, StoreSettings settings, long tokens,
                      int contexts, StoreContents c) {
        List<Tensor> tensors = tensors(c);
        StoreManifest.Counts counts = new StoreManifest.Counts(tokens, contexts, c.features(), c.deadFeatures(),
                c.contextNumbers().length, c.activations().length);
        AtomicFiles.writeDirectory(out, force, dir -> {
            Path arrays = dir.resolve(ARRAYS);
            SafetensorsWriter.write(arrays, tensors, Map.of("format", "sae-explorer feature store"));
            StoreManifest manifest = new StoreManifest(StoreManifest.FORMAT_VERSION, identity.model(), identity.sae(),
                    identity.corpus(), settings, counts, StoreManifest.Layout.CURRENT,
                    new StoreManifest.ArrayFile(ARRAYS, Digests.sha256(arrays)));
            AtomicFiles.writeString(dir.resolve(StoreManifest.FILE), Json.pretty().writeValueAsString(manifest));
        });
    }

    private static List<Tensor> tensors(StoreContents c) {
        int f = c.features();
        int s = c.slots();
        int bins = LogHistogram.MAX_BINS;
        int[] binCount = new int[f];
        double[] edges = new double[f * (bins + 1)];
        double[] counts = new double[f * bins];
        for (int j = 0; j < f; j++) {
            double[] e = c.histograms()[j].edges();
            long[] n = c.histograms()[j].counts();
            binCount[j] = n.length;
            System.arraycopy(e, 0, edges, j * (bins + 1), e.length);
            for (int b = 0; b < n.length; b++) {
                counts[j * bins + b] = n[b];
            }
        }
        float[] scaled = c.activations().clone();
        c.forEachExample((slot, from, to) -> {
            float max = c.max()[slot / s];
            for (int i = from; i < to; i++) {
                scaled[i] /= max;
            }
        });
        List<Tensor> t = new ArrayList<>();
        t.add(Tensor.ofDoubles("density", new int[] {f}, c.density()));
        t.add(Tensor.ofDoubles("mean_activation", new int[] {f}, c.mean()));
        t.add(Tensor.ofFloats("max_activation", new int[] {f}, c.max()));
        t.add(Tensor.ofFloats("histogram_bins", new int[] {f}, asFloats(binCount)));
        t.add(Tensor.ofDoubles("histogram_edges", new int[] {f, bins + 1}, edges));
        t.add(Tensor.ofDoubles("histogram_counts", new int[] {f, bins}, counts));
        t.add(Tensor.ofDoubles("example_context", new int[] {f, s}, asDoubles(c.slotContext())));
        t.add(Tensor.ofFloats("example_max", new int[] {f, s}, c.slotMax()));
        t.add(Tensor.ofFloats("example_position", new int[] {f, s}, asFloats(c.slotPosition())));
        t.add(Tensor.ofHalfFloats("example_activations", new int[] {scaled.length}, scaled));
        int[] lengths = Arrays.stream(c.contextTokens()).mapToInt(ids -> ids.length).toArray();
        t.add(Tensor.ofDoubles("context_numbers", new int[] {lengths.length}, asDoubles(c.contextNumbers())));
        t.add(Tensor.ofFloats("context_lengths", new int[] {lengths.length}, asFloats(lengths)));
        int[] ids = Arrays.stream(c.contextTokens()).flatMapToInt(Arrays::stream).toArray();
        t.add(Tensor.ofFloats("context_tokens", new int[] {ids.length}, asFloats(ids)));
        return t;
    }

    /** Reads and checks a store; every problem is an {@link InvalidInputException} naming the folder and the file. */
    static Opened read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + " is not a feature store: "
                    + (Files.exists(dir) ? "it is a file (a store is a folder)" : "no such folder"));
        }
        StoreManifest manifest = StoreManifest.read(dir);
        Path file = dir.resolve(ARRAYS);
        if (!Files.isRegularFile(file)) {
            throw damaged(dir, ARRAYS, "the file is missing");
        }
        if (!Digests.sha256(file).equals(manifest.arrays().sha256())) {
            throw damaged(dir, ARRAYS, "its bytes do not match the SHA-256 in " + StoreManifest.FILE
                    + " (it was truncated or changed after the store was written)");
        }
        StoreArrays arrays;
        try {
            arrays = new StoreArrays(SafetensorsReader.read(file));
        } catch (InvalidInputException e) {
            throw damaged(dir, ARRAYS, e.getMessage());
        }
        try {
            return new Opened(manifest, arrays.contents(manifest));
        } catch (InvalidInputException | IllegalStateException | IllegalArgumentException | ArithmeticException e) {
            throw damaged(dir, ARRAYS, e.getMessage());
        }
    }

    static InvalidInputException damaged(Path dir, String file, String why) {
        return new InvalidInputException("the feature store " + dir + " is damaged (" + file + ": " + why
                + "); build the store again");
    }

    private static float[] asFloats(int[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[] asDoubles(int[] v) {
        return Arrays.stream(v).asDoubleStream().toArray();
    }
}
