package dev.saeexplorer.core.io;

import dev.saeexplorer.core.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The validated contents of one safetensors file, fully loaded; it holds no file handle or memory map. */
public final class SafetensorsFile {
    private static final int NAMES_SHOWN = 10;

    private final Path path;
    private final Map<String, String> metadata;
    private final Map<String, Tensor> tensors;

    SafetensorsFile(Path path, Map<String, String> metadata, List<Tensor> tensorsInHeaderOrder) {
        this.path = path;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : tensorsInHeaderOrder) {
            byName.put(t.name(), t);
        }
        this.tensors = Collections.unmodifiableMap(byName);
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** The {@code __metadata__} entries in header order; empty if the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensor names in the order the JSON header lists them (not data order; writers often sort names). */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    /** All tensors in header order. */
    public List<Tensor> tensors() {
        return List.copyOf(tensors.values());
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The named tensor; an unknown name is an input error that lists (some of) the names present. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new InvalidInputException("no tensor '" + name + "' in " + path + "; available: " + available());
        }
        return t;
    }

    private String available() {
        if (tensors.isEmpty()) {
            return "none (the file holds no tensors)";
        }
        List<String> shown = new ArrayList<>();
        for (String n : tensors.keySet()) {
            if (shown.size() == NAMES_SHOWN) {
                break;
            }
            shown.add(n);
        }
        int rest = tensors.size() - shown.size();
        return String.join(", ", shown) + (rest > 0 ? " ... (" + rest + " more)" : "");
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + tensors.size() + " tensors]";
    }
}
