package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.ui.common.SessionId;

/** Where the sweep's W_p comes from: one matrix of the catalogue for every seed, or a toy model trained per seed. */
public enum WpSource implements SessionId {
    /** A W_p of the catalogue (the bundled toy model by default), the same for every seed. */
    PRESET("preset", "Catalogue preset"),
    /** A toy model (Elhage et al.) trained for every seed with the given n, n_p and S0. */
    TRAINED_TOY("trained-toy", "Toy model trained per seed");

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
