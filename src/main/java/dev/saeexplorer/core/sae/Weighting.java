package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;
import java.util.Locale;

/** How the reconstruction loss weights the input dimensions: Γ = I (the SAE) or the WSAE's γ_i. */
public enum Weighting {
    /** Γ = I: the standard SAE. */
    NONE,
    /** γ_i = s_i^α with s_i the variance of input dimension i: the WSAE of the paper. */
    VARIANCE,
    /** γ_i ∝ 1 / (features with |W_p[i, j]| > 0.1): a teaching option that reads W_p directly. */
    ORACLE;

    public static Weighting parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("unknown weighting '" + text + "': use none, variance or oracle");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
