package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.metrics.DecoderMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The feature table's rows and its search: one row per feature of the open checkpoint, filtered by the query. Tokens
 * and matches are filled in as background jobs deliver them; a token search is re-applied when new tokens arrive.
 */
public final class FeatureList {
    private final ObservableList<FeatureRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FeatureRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ReadOnlyStringWrapper queryError = new ReadOnlyStringWrapper(this, "queryError", "");
    private final javafx.beans.property.ReadOnlyBooleanWrapper tokensAvailable =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "tokensAvailable", false);
    private FeatureQuery current = FeatureQuery.parse("", 0, false);
    private boolean storeAvailable;

    FeatureList() {
        query.addListener((obs, old, now) -> refilter());
    }

    /** New rows for a newly opened checkpoint; tokens and matches start empty. */
    void show(InspectedCheckpoint c) {
        List<FeatureRow> fresh = new ArrayList<>(c.dSae());
        for (int j = 0; j < c.dSae(); j++) {
            fresh.add(new FeatureRow(j, c.geometry().decoderNorm(j), c.geometry().cosine(j), c.log10Density(j)));
        }
        rows.setAll(fresh);
        refilter();
    }

    /** Tokens of some features (feature → text) from the logit-lens job. */
    void putTokens(Map<Integer, String> tokens) {
        tokens.forEach((j, text) -> {
            if (j < rows.size()) {
                rows.get(j).setTokens(text);
            }
        });
        if (current.byTokens()) {
            refilter();
        }
    }

    /** Whether tokens can exist (a compatible model is loaded); clears the old ones when that changes. */
    void setTokensAvailable(boolean available) {
        tokensAvailable.set(available);
        rows.forEach(r -> r.setTokens(""));
        refilter();
    }

    /** The statistics of A's feature store, or NaN everywhere when there is none. */
    void showStore(dev.saeexplorer.core.features.FeatureStore store) {
        List<dev.saeexplorer.core.features.FeatureStore.Stats> stats = store == null ? null : store.stats();
        for (FeatureRow r : rows) {
            boolean has = stats != null && r.index() < stats.size();
            var s = has ? stats.get(r.index()) : null;
            r.setStoreStats(has ? s.density() : Double.NaN, has ? s.maxActivation() : Double.NaN,
                    has ? s.meanActivation() : Double.NaN);
        }
        storeAvailable = stats != null;
        refilter();
    }

    void showMatch(DecoderMatch match) {
        for (FeatureRow r : rows) {
            boolean has = match != null && r.index() < match.features();
            r.setMatch(has ? match.partnerOf(r.index()) : -1, has ? match.cosineOf(r.index()) : Double.NaN);
        }
    }

    private void refilter() {
        current = FeatureQuery.parse(query.get(), rows.size(), tokensAvailable.get(), storeAvailable);
        queryError.set(current.error());
        // A new predicate object makes the FilteredList re-test every row (tokens may have changed).
        var p = current.predicate();
        visible.setPredicate(r -> p.test(r));
    }

    /** Whether a compatible model is loaded, so that rows have (or will have) logit-lens tokens. */
    public javafx.beans.property.ReadOnlyBooleanProperty tokensAvailableProperty() {
        return tokensAvailable.getReadOnlyProperty();
    }

    /** What the user typed into the search box. */
    public StringProperty queryProperty() {
        return query;
    }

    /** Why the query is refused, "" when it is fine. */
    public ReadOnlyStringProperty queryErrorProperty() {
        return queryError.getReadOnlyProperty();
    }

    /** The rows the query selects, in feature order (the view sorts them). */
    public FilteredList<FeatureRow> visible() {
        return visible;
    }

    /** Every row, for export and lookup. */
    public List<FeatureRow> all() {
        return rows;
    }

    public FeatureRow row(int feature) {
        return feature >= 0 && feature < rows.size() ? rows.get(feature) : null;
    }
}
