package dev.saeexplorer.core.io.npy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The arrays of an {@code .npz} archive, read by {@link NpzReader}, in archive order and by name. */
public final class NpzFile {
    private final Path path;
    private final List<NpyArray> arrays;
    private final Map<String, NpyArray> byName;

    NpzFile(Path path, List<NpyArray> arrays) {
        this.path = Objects.requireNonNull(path, "path");
        this.arrays = List.copyOf(arrays);
        Map<String, NpyArray> m = new LinkedHashMap<>();
        for (NpyArray a : arrays) {
            m.put(a.name(), a);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    public Path path() {
        return path;
    }

    public List<NpyArray> arrays() {
        return arrays;
    }

    /** The names as {@code np.load(path).files} lists them: member names without ".npy". */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<NpyArray> array(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public String toString() {
        return "NpzFile[" + path + ", " + names() + "]";
    }
}
