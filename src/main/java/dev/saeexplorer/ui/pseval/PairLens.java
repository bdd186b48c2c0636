package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.LogitLens;

/**
 * The logit-lens tokens of the selected pair's max features: A's for context 1 and 2, and B's when comparing. A field
 * is null while it is being computed or when the context has no max feature.
 */
public record PairLens(PairRow row, LogitLens.Result a1, LogitLens.Result a2, LogitLens.Result b1,
                       LogitLens.Result b2) {

    PairLens with(boolean b, int context, LogitLens.Result r) {
        if (!b) {
            return context == 1 ? new PairLens(row, r, a2, b1, b2) : new PairLens(row, a1, r, b1, b2);
        }
        return context == 1 ? new PairLens(row, a1, a2, r, b2) : new PairLens(row, a1, a2, b1, r);
    }

    public LogitLens.Result of(boolean b, int context) {
        return b ? (context == 1 ? b1 : b2) : (context == 1 ? a1 : a2);
    }
}
