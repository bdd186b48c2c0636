package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.ui.common.SessionId;

/** Where the sweep's W_p comes from. */
public enum WpSource implements SessionId {
    /** The toy model bundled in {@code sample-data/} (40 features in 10 dimensions): the fast default. */
    BUNDLED_TOY("bundled-toy", "Bundled toy model"),
    /** A toy model (Elhage et al.) trained for every seed with the given n, n_p and S0. */
    TRAINED_TOY("trained-toy", "Toy model per seed"),
    /** A named W_p from the presets. */
    PRESET("preset", "Preset");

    private final String id;
    private final String label;

    WpSource(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name in session files. */
    @Override
    public String id() {
        return id;
    }

    /** The name people read in the form. */
    public String label() {
        return label;
    }

    /** The source with this session-file id, or null when there is none. */
    static WpSource byId(String id) {
        return SessionId.find(WpSource.class, id);
    }

    @Override
    public String toString() {
        return label;
    }
}
