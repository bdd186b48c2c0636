package dev.saeexplorer.core.polysemy;

/** The five "encoders" the polysemy world is evaluated with; {@link #id()} is the stable key (JSON). */
public enum PolysemyEncoder {
    /** An SAE trained with the core trainer on x_p of random contexts (Γ = I). */
    SAE("sae"),
    /** The same with the WSAE's variance weights γ_i = s_i^α (α = 1), normalised to mean γ² = 1. */
    WSAE("wsae"),
    /** The closed-form SAE of the WSAE paper: f = ReLU(W_pᵀ x_p). */
    CLOSED_FORM("closedForm"),
    /** Reads the true features: f = x. */
    ORACLE("oracle"),
    /** The random-SAE baseline with d_sae = the trained SAE's latents: expected counts, not a draw. */
    RANDOM("random");

    private final String id;

    PolysemyEncoder(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
