package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.ui.common.SessionId;
import java.util.function.Supplier;

/** The preset W_p matrices a sweep can use (the same for every seed). */
public enum SweepPreset implements SessionId {
    EXAMPLE_1("example1", "Paper Example 1 (n = 3, n_p = 2)", Presets::example1),
    EXAMPLE_2("example2", "Paper Example 2, triangle (n = 3, n_p = 2)", Presets::example2),
    PENTAGON("pentagon", "Regular pentagon (n = 5, n_p = 2)", () -> Presets.regularPolygon(5)),
    DIGONS("digons", "Five digons (n = 10, n_p = 5)", () -> Presets.digons(5)),
    RANDOM_NON_POSITIVE("random-non-positive", "Random non-positive interference (n = 16, n_p = 10)",
            () -> Presets.randomNonPositive(10, 16, 7));

    private final String id;
    private final String label;
    private final Supplier<Superposition> factory;

    SweepPreset(String id, String label, Supplier<Superposition> factory) {
        this.id = id;
        this.label = label;
        this.factory = factory;
    }

    @Override
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** A fresh W_p for this preset. */
    public Superposition create() {
        return factory.get();
    }

    static SweepPreset byId(String id) {
        return SessionId.find(SweepPreset.class, id);
    }

    @Override
    public String toString() {
        return label;
    }
}
