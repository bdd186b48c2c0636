package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.io.SampleData;
import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.ui.common.SessionId;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where the training lab's W_p comes from. Fixed sizes on purpose: the lab is about training, the Superposition
 * workspace is where W_p is edited, so each choice needs no further fields.
 */
public enum WpSource implements SessionId {
    TOY_MODEL("Toy model (40 in 10 dims)", 40,
            () -> Superposition.of(MatrixJson.matrix(SampleData.text("toy-model-n40-np10.json"), "toy model W_p"))),
    EXAMPLE_1("Example 1 (3 in 2 dims)", 3, Presets::example1),
    EXAMPLE_2("Example 2 (3 in 2 dims)", 3, Presets::example2),
    DIGONS("Digons (20 in 10 dims)", 20, () -> Presets.digons(10)),
    RANDOM_NON_POSITIVE("Random non-positive (20 in 10)", 20, () -> Presets.randomNonPositive(10, 20, 1)),
    PENTAGON("Pentagon (5 in 2 dims)", 5, () -> Presets.regularPolygon(5)),
    IDENTITY("Identity (10 in 10 dims)", 10, () -> Presets.identity(10));

    private final String label;
    private final int features;
    private final Supplier<Superposition> loader;

    WpSource(String label, int features, Supplier<Superposition> loader) {
        this.label = label;
        this.features = features;
        this.loader = loader;
    }

    /** n, known without loading W_p, so the latents field can follow the choice at once. */
    public int features() {
        return features;
    }

    /** Loads W_p; the toy model parses a bundled JSON file, so call this off the FX thread. */
    public Superposition load() {
        return loader.get();
    }

    /** The id stored in session files. */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static WpSource fromId(String id) {
        return SessionId.find(WpSource.class, id);
    }

    @Override
    public String toString() {
        return label;
    }
}
