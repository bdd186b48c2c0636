package dev.saeexplorer.core.pseval;

import dev.saeexplorer.core.InvalidInputException;
import java.util.Locale;

/** Which rows PS-Eval evaluates (design/PSEVAL.md "Balance"). */
public enum Balance {
    /**
     * The authors' script: every label-0 row, counting the c₀ that were not skipped; then the first c₀ label-1 rows in
     * file order, of which those not skipped are evaluated (so label 1 may end with fewer than c₀).
     */
    OFFICIAL,
    /** Every row. */
    NONE;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Balance parse(String text) {
        for (Balance b : values()) {
            if (b.cliName().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new InvalidInputException("unknown balance mode '" + text + "'; use official or none");
    }
}
