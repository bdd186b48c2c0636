package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.WpPreset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the playground's preset box offers: every W_p of the catalogue ({@link WpPreset}), and a toy model trained on
 * the spot at the n, n_p and S₀ typed beside it ({@link #TRAINED_TOY}), which the other workspaces do not need.
 *
 * @param catalogue the catalogue entry, or null for the toy model trained here
 */
public record Preset(WpPreset catalogue) {
    public static final Preset TRAINED_TOY = new Preset(null);
    /** The playground's trained toy model starts small enough to watch: 5 features in 2 dimensions. */
    private static final int TOY_FEATURES = 5;
    private static final int TOY_DIMS = 2;

    public static Preset of(WpPreset preset) {
        return new Preset(preset);
    }

    /** The catalogue in its order, then the toy model trained here. */
    public static List<Preset> all() {
        List<Preset> all = new ArrayList<>();
        for (WpPreset p : WpPreset.values()) {
            all.add(of(p));
        }
        all.add(TRAINED_TOY);
        return List.copyOf(all);
    }

    public String label() {
        return isTrained() ? "Toy model (Elhage et al., trained here)" : catalogue.label();
    }

    /** Whether the preset reads n (features). */
    public boolean usesFeatures() {
        return isTrained() || catalogue.takesFeatures();
    }

    /** Whether the preset reads n_p (dimensions). */
    public boolean usesDims() {
        return isTrained() || catalogue.takesDims();
    }

    /** Whether the preset reads S₀, the sparsity of its training data. */
    public boolean usesSparsity() {
        return isTrained();
    }

    public boolean isTrained() {
        return catalogue == null;
    }

    /** n to offer when the preset is chosen: the catalogue's size, the same as in the lab and the sweep. */
    public int defaultFeatures() {
        return isTrained() ? TOY_FEATURES : catalogue.features();
    }

    /** n_p to offer when the preset is chosen. */
    public int defaultDims() {
        return isTrained() ? TOY_DIMS : catalogue.dims();
    }

    /** Builds W_p for a catalogue entry; the core checks the sizes and says what is wrong. */
    Superposition build(int features, int dims, long seed) {
        if (isTrained()) {
            throw new IllegalStateException("the toy model is trained, not built");
        }
        return catalogue.build(features, dims, seed);
    }

    /** The paper's x for its examples; null means "draw x at the current S". */
    double[] exampleX() {
        return isTrained() ? null : catalogue.exampleX();
    }

    @Override
    public String toString() {
        return label();
    }
}
