package dev.saeexplorer.ui.common;

import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WorldFile;
import dev.saeexplorer.core.world.WorldPreset;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The world the training lab or the sweep draws x from: an entry of the world catalogue or a world file that was
 * opened, loaded and checked against its own W_p. The uniform entry has no world of its own: x is drawn with uniform
 * firing over the W_p the form chooses, exactly as before worlds existed.
 *
 * @param preset   the catalogue entry, or null for a world file
 * @param file     the world file it was read from, or null for a catalogue entry
 * @param world    the world at its own sparsity, or null for the uniform entry
 * @param features n of the world's W_p (0 for the uniform entry)
 * @param dims     n_p of the world's W_p (0 for the uniform entry)
 */
public record WorldChoice(WorldPreset preset, Path file, World world, int features, int dims) {
    public static final WorldChoice UNIFORM = new WorldChoice(WorldPreset.UNIFORM, null, null, 0, 0);
    private static final Map<WorldPreset, WorldChoice> BUNDLED = new EnumMap<>(WorldPreset.class);

    /** A catalogue entry; a bundled world is parsed once (the toy model, a few kilobytes) and kept. */
    public static WorldChoice of(WorldPreset preset) {
        if (preset.isUniform()) {
            return UNIFORM;
        }
        synchronized (BUNDLED) {
            return BUNDLED.computeIfAbsent(preset, p -> checked(p, null, p.load()));
        }
    }

    /** A world file; an {@link dev.saeexplorer.core.InvalidInputException} says what is wrong with it. */
    public static WorldChoice open(Path file) {
        return checked(null, file, WorldFile.read(file));
    }

    /** A world that came from {@code file} (null: none on disk), checked against its W_p. */
    static WorldChoice checked(WorldPreset preset, Path file, World world) {
        Superposition sp = world.superposition();
        world.check(sp.features());
        return new WorldChoice(preset, file, world, sp.features(), sp.dims());
    }

    /** Whether x is drawn with uniform firing over the form's own W_p (the paper's world). */
    public boolean isUniform() {
        return world == null;
    }

    /** This world at nominal sparsity S (the lab's sparsity, a sweep's grid point), checked. */
    public World atSparsity(double sparsity) {
        World at = world.atSparsity(sparsity, features);
        at.check(features);
        return at;
    }

    /** The name in choice boxes. */
    public String label() {
        return preset != null ? preset.label() : "World file " + (file == null ? "from the session" : file.getFileName());
    }

    /** What the committed worlds sweep found here, in one or two sentences. */
    public String verdict() {
        return preset != null ? preset.verdict() : "The committed sweep did not cover this world file; run the sparsity"
                + " sweep on it with both WSAE weightings to see whether reweighting helps here.";
    }

    @Override
    public String toString() {
        return label();
    }
}
