package dev.saeexplorer.ui.checkpoints;

import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One feature of the open checkpoint in the feature table. The weight figures are fixed; the logit-lens tokens and
 * the best match in the comparison checkpoint arrive later from background jobs, so they are properties the table's
 * cells follow. Changed on the UI thread only.
 */
public final class FeatureRow {
    public static final List<String> COLUMNS = List.of("Feature", "Decoder norm", "Enc/dec cosine",
            "log10 density", "Best match in B", "Match cosine", "Top tokens", "Fires on (store)",
            "Max activation (store)", "Mean activation (store)");

    private final int index;
    private final double decoderNorm;
    private final double cosine;
    private final double log10Density;
    private final ReadOnlyStringWrapper tokens = new ReadOnlyStringWrapper(this, "tokens", "");
    private final ReadOnlyIntegerWrapper partner = new ReadOnlyIntegerWrapper(this, "partner", -1);
    private final ReadOnlyDoubleWrapper matchCosine = new ReadOnlyDoubleWrapper(this, "matchCosine", Double.NaN);
    // From A's feature store (NaN without one): how often the feature fires on the corpus and how strongly.
    private final ReadOnlyDoubleWrapper firesOn = new ReadOnlyDoubleWrapper(this, "firesOn", Double.NaN);
    private final ReadOnlyDoubleWrapper maxActivation = new ReadOnlyDoubleWrapper(this, "maxActivation", Double.NaN);
    private final ReadOnlyDoubleWrapper meanActivation = new ReadOnlyDoubleWrapper(this, "meanActivation", Double.NaN);

    public FeatureRow(int index, double decoderNorm, double cosine, double log10Density) {
        this.index = index;
        this.decoderNorm = decoderNorm;
        this.cosine = cosine;
        this.log10Density = log10Density;
    }

    public int index() {
        return index;
    }

    public double decoderNorm() {
        return decoderNorm;
    }

    /** NaN when the encoder or decoder vector is zero. */
    public double cosine() {
        return cosine;
    }

    /** NaN without a sparsity file. */
    public double log10Density() {
        return log10Density;
    }

    /** The top logit-lens tokens, shown for reading ("" until computed, or without a model). */
    public ReadOnlyStringProperty tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    public String tokens() {
        return tokens.get();
    }

    void setTokens(String text) {
        tokens.set(text);
    }

    /** The feature of B with the closest decoder direction, or −1. */
    public ReadOnlyIntegerProperty partnerProperty() {
        return partner.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty matchCosineProperty() {
        return matchCosine.getReadOnlyProperty();
    }

    /** The fraction of the store's tokens where the feature fires (its density), NaN without a store. */
    public ReadOnlyDoubleProperty firesOnProperty() {
        return firesOn.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty maxActivationProperty() {
        return maxActivation.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty meanActivationProperty() {
        return meanActivation.getReadOnlyProperty();
    }

    void setStoreStats(double density, double max, double mean) {
        firesOn.set(density);
        maxActivation.set(max);
        meanActivation.set(mean);
    }

    void setMatch(int feature, double cos) {
        partner.set(feature);
        matchCosine.set(cos);
    }

    /** The row as the CSV export writes it, in {@link #COLUMNS} order: full precision, empty where there is none. */
    public List<String> cells() {
        return List.of(Integer.toString(index), csv(decoderNorm), csv(cosine), csv(log10Density),
                partner.get() < 0 ? "" : Integer.toString(partner.get()), csv(matchCosine.get()), tokens.get(),
                csv(firesOnProperty().get()), csv(maxActivationProperty().get()),
                csv(meanActivationProperty().get()));
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
