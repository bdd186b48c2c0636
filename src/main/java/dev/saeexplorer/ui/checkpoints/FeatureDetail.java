package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.LogitLens;
import dev.saeexplorer.core.metrics.DecoderMatch;
import java.util.List;

/**
 * Everything the detail pane shows about one feature: its weight figures, its best match in the comparison
 * checkpoint, its decoder direction, and its logit-lens top and bottom tokens (or why there are none).
 *
 * @param partner     the best-matching feature of B, or −1 (no comparison, or a zero direction)
 * @param decoder     W_dec[feature, :], [d_in]
 * @param top         highest logit-lens tokens, empty without a compatible model
 * @param lensNote    why there are no tokens, or "" when there are
 */
public record FeatureDetail(int feature, double decoderNorm, double cosine, double log10Density, int partner,
        double matchCosine, float[] decoder, List<LogitLens.TokenLogit> top, List<LogitLens.TokenLogit> bottom,
        String lensNote) {
    public static final int DETAIL_TOKENS = 8;

    /** Computes the detail of {@code feature} of {@code c}; runs off the FX thread (the lens scans the vocabulary). */
    static FeatureDetail of(InspectedCheckpoint c, int feature, DecoderMatch match, FeatureLens lens, String lensNote) {
        float[] decoder = c.checkpoint().model().wDec().getRow(feature).dup().toFloatVector();
        boolean matched = match != null && feature < match.features();
        List<LogitLens.TokenLogit> top = List.of();
        List<LogitLens.TokenLogit> bottom = List.of();
        if (lens != null) {
            LogitLens.Result r = lens.tokens(feature, DETAIL_TOKENS);
            top = r.top();
            bottom = r.bottom();
        }
        return new FeatureDetail(feature, c.geometry().decoderNorm(feature), c.geometry().cosine(feature),
                c.log10Density(feature), matched ? match.partnerOf(feature) : -1,
                matched ? match.cosineOf(feature) : Double.NaN, decoder, List.copyOf(top), List.copyOf(bottom),
                lens != null ? "" : lensNote);
    }

    public boolean hasTokens() {
        return !top.isEmpty();
    }
}
