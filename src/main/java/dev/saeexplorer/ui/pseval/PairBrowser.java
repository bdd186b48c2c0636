package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.pseval.PairRecord;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The pairs as the table browses them: every row of the dataset (with A's and B's records after a run), the filter,
 * the selected pair and its logit-lens tokens, and the distinction histogram. UI thread only.
 */
public final class PairBrowser {
    private final LensCache lenses;
    private final ObservableList<PairRow> all = FXCollections.observableArrayList();
    private final ObservableList<PairRow> allView = FXCollections.unmodifiableObservableList(all);
    private final FilteredList<PairRow> shown = new FilteredList<>(all, PairFilter.ALL);
    private final ObjectProperty<PairFilter> filter = new SimpleObjectProperty<>(this, "filter", PairFilter.ALL);
    private final ObjectProperty<PairRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<PairLens> lens = new ReadOnlyObjectWrapper<>(this, "lens");
    private final ObjectProperty<DistinctionHistogram.Subset> subset =
            new SimpleObjectProperty<>(this, "subset", DistinctionHistogram.Subset.DIFFERENT);
    private final ReadOnlyObjectWrapper<DistinctionHistogram> histogram = new ReadOnlyObjectWrapper<>(this, "histogram");
    private EvaluationJob.Outcome run;

    PairBrowser(LensCache lenses) {
        this.lenses = lenses;
        filter.addListener((obs, old, now) -> shown.setPredicate(now == null ? PairFilter.ALL : now));
        selected.addListener((obs, old, now) -> fetchLens(now));
        subset.addListener((obs, old, now) -> refreshHistogram());
    }

    /** Shows a dataset's rows before (or without) a run. */
    void showRows(List<PairRow> rows, EvaluationJob.Outcome outcome) {
        PairRow keep = selected.get();
        run = outcome;
        all.setAll(rows);
        refreshHistogram();
        // Keep the same pair selected across a rerun, so comparing settings does not lose one's place.
        PairRow again = keep == null ? null : all.stream().filter(r -> r.row().id().equals(keep.row().id())).findFirst()
                .orElse(null);
        selected.set(again);
    }

    private void refreshHistogram() {
        histogram.set(run == null ? null : DistinctionHistogram.of(all, subset.get(), run.b() != null));
    }

    private void fetchLens(PairRow row) {
        if (row == null || run == null || row.a() == null) {
            lens.set(row == null ? null : new PairLens(row, null, null, null, null));
            return;
        }
        lens.set(new PairLens(row, null, null, null, null));
        request(row, false, 1, row.a(), run.plan().a().sae());
        request(row, false, 2, row.a(), run.plan().a().sae());
        if (row.b() != null) {
            request(row, true, 1, row.b(), run.plan().b().sae());
            request(row, true, 2, row.b(), run.plan().b().sae());
        }
    }

    private void request(PairRow row, boolean b, int context, PairRecord record, SaeModel sae) {
        Integer feature = context == 1 ? record.maxFeature1() : record.maxFeature2();
        if (feature == null) {
            return;
        }
        lenses.request(run.plan().model(), sae, feature, result -> {
            PairLens now = lens.get();
            if (now != null && now.row() == row) {
                lens.set(now.with(b, context, result));
            }
        });
    }

    /** Every row, unfiltered (for export and the histogram). */
    public ObservableList<PairRow> allRows() {
        return allView;
    }

    /** The rows the filter lets through; the view sorts a {@code SortedList} over it. */
    public FilteredList<PairRow> shownRows() {
        return shown;
    }

    public ObjectProperty<PairFilter> filterProperty() {
        return filter;
    }

    public ObjectProperty<PairRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<PairLens> lensProperty() {
        return lens.getReadOnlyProperty();
    }

    public ObjectProperty<DistinctionHistogram.Subset> subsetProperty() {
        return subset;
    }

    /** Null before a run. */
    public ReadOnlyObjectProperty<DistinctionHistogram> histogramProperty() {
        return histogram.getReadOnlyProperty();
    }

    /** The run whose records the rows carry, or null. */
    EvaluationJob.Outcome run() {
        return run;
    }
}
