package dev.saeexplorer.core.io.torch;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@code torch.save} file holds, read by {@link TorchCheckpointReader}: the saved object as a tree of plain
 * Java values ({@link #root()}), every tensor in it under a dotted name ({@link #tensors()}), and every other leaf
 * under its dotted name ({@link #values()}). Nested dicts and lists are flattened with dots, so
 * {@code {"state_dict": {"encoder.weight": t}}} gives the tensor {@code state_dict.encoder.weight} and
 * {@code {"cfg": {"k": 32}}} the value {@code cfg.k}; list items are named by their index ({@code layers.0.w}).
 *
 * <p>Tree values: {@code Map<String, Object>} for dicts and OrderedDicts (file order; int keys become their
 * decimal text), {@code List<Object>} for lists, tuples and {@code torch.Size}, {@link Long} (or
 * {@link java.math.BigInteger} beyond 64 bits) for ints, {@link Double}, {@link Boolean}, {@link String}, null for
 * None, {@code byte[]} for bytes, {@link dev.saeexplorer.core.io.arrays.ElementType} for a {@code torch.float32}
 * style dtype, {@link String} ("cuda:0") for a {@code torch.device}, and {@link TorchTensor}. All are unmodifiable.
 * Holds no open file: tensors map their storage only while their values are read.
 */
public final class TorchCheckpoint {
    private final Path path;
    private final Object root;
    private final List<TorchTensor> tensors;
    private final Map<String, TorchTensor> byName;
    private final Map<String, Object> values;
    private final OptionalInt formatVersion;
    private final ByteOrder byteOrder;

    TorchCheckpoint(Path path, Object root, List<TorchTensor> tensors, Map<String, Object> values,
                    OptionalInt formatVersion, ByteOrder byteOrder) {
        this.path = Objects.requireNonNull(path, "path");
        this.root = root;
        this.tensors = List.copyOf(tensors);
        Map<String, TorchTensor> names = new LinkedHashMap<>();
        for (TorchTensor t : tensors) {
            names.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.formatVersion = formatVersion;
        this.byteOrder = byteOrder;
    }

    public Path path() {
        return path;
    }

    /** The saved object, as described in the class comment (a bare saved tensor is a {@link TorchTensor}). */
    public Object root() {
        return root;
    }

    /** Every tensor, in the order the file lists them, under its dotted name. */
    public List<TorchTensor> tensors() {
        return tensors;
    }

    public Optional<TorchTensor> tensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Every leaf that is not a tensor, under its dotted name, in file order: numbers, strings, booleans, None (as a
     * null value), bytes, dtypes, devices, and empty dicts and lists (so that nothing saved goes missing).
     */
    public Map<String, Object> values() {
        return values;
    }

    /** One of {@link #values()}; empty both when absent and when the saved value is None. */
    public Optional<Object> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The archive's {@code version} record (3 for PyTorch 1.6 to 2.x), when it has one. */
    public OptionalInt formatVersion() {
        return formatVersion;
    }

    /** The storages' byte order: the archive's {@code byteorder} record, little-endian when it has none. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    @Override
    public String toString() {
        return "TorchCheckpoint[" + path + ", " + tensors.size() + " tensors, " + values.size() + " values]";
    }
}
