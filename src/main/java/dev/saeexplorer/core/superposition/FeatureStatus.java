package dev.saeexplorer.core.superposition;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the closed-form SAE recovers one feature (design/MATH.md, tol = 1e-9·max(1, |x_i|)). */
public enum FeatureStatus {
    /** x_i > 0 and x_m,i = x_i. */
    EXACT("recovered exactly"),
    /** x_i > 0 and 0 < x_m,i < x_i. */
    SHRUNK("recovered smaller than it is"),
    /** x_i > 0 and x_m,i = 0. */
    VANISHED("active but not recovered at all"),
    /** x_i > 0 and x_m,i > x_i. */
    INFLATED("recovered larger than it is"),
    /** x_i = 0 and x_m,i > 0. */
    SPURIOUS("inactive but the SAE reports it"),
    /** x_i = 0 and x_m,i = 0. */
    INACTIVE("inactive and correctly silent");

    private final String meaning;

    FeatureStatus(String meaning) {
        this.meaning = meaning;
    }

    /** One line for people: what the status means. */
    public String meaning() {
        return meaning;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FeatureStatus classify(double x, double xm) {
        double tol = 1e-9 * Math.max(1.0, Math.abs(x));
        if (x > 0) {
            if (Math.abs(xm - x) <= tol) {
                return EXACT;
            }
            if (xm <= tol) {
                return VANISHED;
            }
            return xm < x - tol ? SHRUNK : INFLATED;
        }
        return xm > tol ? SPURIOUS : INACTIVE;
    }
}
