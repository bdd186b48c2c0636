package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WorldPreset;
import java.util.List;

/**
 * The playground's choices of how x is drawn. A world's own W_p is ignored here (the playground's is used), so these
 * name the bundled toy model only to be valid world files when a session saves them.
 */
final class PlaygroundWorlds {
    /** The WSAE paper's world: every feature fires with probability 1 − S, magnitude Uniform(0, 1]. */
    static final World PAPER = World.uniform("preset:toy-model", 0);
    /**
     * The catalogue's Zipf world ({@link WorldPreset#ZIPF}): feature i fires with a rate ∝ (i + 1)^−1, scaled so that
     * (1 − S)·n fire on average (S = 1: none).
     */
    static final World ZIPF = WorldPreset.ZIPF.load();

    private PlaygroundWorlds() {
    }

    /** The built-in choices, in menu order. */
    static List<World> builtIn() {
        return List.of(PAPER, ZIPF);
    }

    /** A short name for the firing structure (menus, the curves' title). */
    static String label(World w) {
        if (w.equals(PAPER)) {
            return "Uniform (paper)";
        }
        if (w.equals(ZIPF)) {
            return "Zipf (exponent 1)";
        }
        StringBuilder b = new StringBuilder(w.firing() instanceof World.Firing.Zipf z
                ? "Zipf (exponent " + NumberText.format(z.exponent()) + ")" : "Uniform");
        if (!w.groups().isEmpty()) {
            b.append(", ").append(w.groups().size()).append(" groups");
        }
        if (!w.hierarchy().isEmpty()) {
            b.append(", ").append(w.hierarchy().size()).append(" parent→child edges");
        }
        return b.toString();
    }

    /**
     * Whether {@code world}'s groups, hierarchy and magnitudes fit n features; its own rate scale does not matter, as
     * the playground takes it to each S (so a Zipf world's meanActive may exceed a small W_p's n).
     */
    static void checkFits(World world, int n) {
        (world.firing() instanceof World.Firing.Zipf ? world.atSparsity(0, n) : world).check(n);
    }

    /** {@code world} if its groups and hierarchy fit W_p's features, else the paper's (after a resize, say). */
    static World fitting(World world, Superposition sp) {
        try {
            checkFits(world, sp.features());
            return world;
        } catch (InvalidInputException e) {
            return PAPER;
        }
    }
}
