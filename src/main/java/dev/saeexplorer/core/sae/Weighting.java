package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;
import java.util.Locale;

/** How the reconstruction loss weights the input dimensions: Γ = I (the SAE) or the WSAE's γ_i. */
public enum Weighting {
    /** Γ = I: the standard SAE. */
    NONE("none"),
    /** γ_i = s_i^α with s_i the variance of input dimension i, rescaled to mean γ² = 1: the WSAE as trained here. */
    VARIANCE("variance"),
    /** γ_i ∝ 1 / (features with |W_p[i, j]| > 0.1), rescaled to mean γ² = 1: a teaching option that reads W_p. */
    ORACLE("oracle"),
    /**
     * γ_i = s_i^α exactly as the paper writes it, not rescaled: the reconstruction term shrinks by mean γ², so against the
     * same λ the WSAE is trained with an effectively larger L1 penalty than the SAE. For comparing the two readings.
     */
    VARIANCE_RAW("variance-raw");

    private final String id;

    Weighting(String id) {
        this.id = id;
    }

    public static Weighting parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Weighting w : values()) {
            if (w.id.equals(wanted)) {
                return w;
            }
        }
        throw new InvalidInputException("unknown weighting '" + text + "': use none, variance, oracle or variance-raw");
    }

    /** The name in files and on the command line. */
    public String id() {
        return id;
    }

    /** The name of a model trained this way in sweep rows and charts: "SAE", "WSAE", "WSAE (oracle)", "WSAE (raw γ)". */
    public String modelName() {
        return switch (this) {
            case NONE -> "SAE";
            case VARIANCE -> "WSAE";
            case ORACLE -> "WSAE (oracle)";
            case VARIANCE_RAW -> "WSAE (raw γ)";
        };
    }

    /** Whether γ comes from the variance of x_p (and so depends on α). */
    public boolean fromVariance() {
        return this == VARIANCE || this == VARIANCE_RAW;
    }
}
