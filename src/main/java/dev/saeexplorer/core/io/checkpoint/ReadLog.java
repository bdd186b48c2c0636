package dev.saeexplorer.core.io.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * What one read of a checkpoint decided, as it goes: {@link #inferred} lines say how the files were read (which file
 * was taken for which format, each matrix's orientation and why, where σ, its k or thresholds, the layer and the hook
 * came from); {@link #note} lines say what was assumed or left out. Both end up on {@link LoadedCheckpoint}.
 */
final class ReadLog {
    private final List<String> inferred = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void inferred(String line) {
        inferred.add(line);
    }

    void note(String line) {
        notes.add(line);
    }

    List<String> inferred() {
        return List.copyOf(inferred);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
