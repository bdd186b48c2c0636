package dev.saeexplorer.core.world;

import dev.saeexplorer.core.io.SampleData;
import java.util.Arrays;
import java.util.Locale;

/**
 * The world catalogue: the paper's uniform world and the worlds of the committed worlds sweep
 * ({@code assets/sweep/worlds/}, bundled in {@code sample-data/worlds/}), each with what that sweep found about the
 * variance WSAE against the SAE there. The training lab and the sweep view offer these; a world file may be opened
 * beside them.
 */
public enum WorldPreset {
    UNIFORM("uniform", "Uniform (the paper's world)", null,
            "The committed sweep found no difference between SAE and WSAE on this world (L_GT within 1.5% at every S);"
                    + " switch the WSAE weighting to oracle to see the theory's bound."),
    ZIPF("zipf", "Zipf frequencies (toy model)", "zipf.json",
            "The committed sweep found the variance WSAE 6% better than the SAE here at S = 0.6, on every seed"
                    + " (L_GT 4.71 vs 5.00, 4.68 vs 4.99, 4.47 vs 4.76)."),
    GROUPS("groups", "Correlated groups of 4 (toy model)", "groups.json",
            "The committed sweep found the variance WSAE 2–13% worse here for S ≥ 0.6 (13% at S = 0.99, on every"
                    + " seed); the oracle WSAE stayed within 5% of the SAE."),
    HIERARCHY("hierarchy", "Hierarchy, 10 parents × 3 children (toy model)", "hierarchy.json",
            "The committed sweep found the variance WSAE 9–21% worse here for S ≥ 0.6, on every seed; the oracle"
                    + " WSAE stayed within 6% of the SAE.");

    /** The ids, comma-separated, for messages that list what exists. */
    public static final String IDS = "uniform, zipf, groups, hierarchy";

    private final String id;
    private final String label;
    private final String file;
    private final String verdict;

    WorldPreset(String id, String label, String file, String verdict) {
        this.id = id;
        this.label = label;
        this.file = file;
        this.verdict = verdict;
    }

    /** The stable name in session files. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** One sentence: what the committed worlds sweep found for the WSAE against the SAE on this world. */
    public String verdict() {
        return verdict;
    }

    /** Whether this is the paper's world: uniform firing over whichever W_p is chosen, no world file. */
    public boolean isUniform() {
        return file == null;
    }

    /** The bundled world (W_p included); parses a small file. Not for {@link #UNIFORM}, which has no file. */
    public World load() {
        if (file == null) {
            throw new IllegalStateException("the uniform world has no file: it is uniform firing over the chosen W_p");
        }
        return WorldFile.parse(SampleData.text("worlds/" + file), "the bundled " + id + " world");
    }

    /** The entry with this id (case-insensitive), or null. */
    public static WorldPreset byId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(w -> w.id.equals(wanted)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return label;
    }
}
