package dev.saeexplorer.ui.pseval;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.pseval.PairRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The pairs: a filter bar (text, label, result, max features, A and B disagree) over a sortable table of every row,
 * whose result columns appear once PS-Eval has run (and B's when comparing). Selecting a row selects the pair.
 */
final class PairsTable {
    static final String TABLE_ID = "pseval-pairs";

    private final PsEvalViewModel vm;
    private final TableView<PairRow> table = new TableView<>();
    private final List<TableColumn<PairRow, ?>> resultColumns = new ArrayList<>();
    private final List<TableColumn<PairRow, ?>> bColumns = new ArrayList<>();
    private final TextField search = new TextField();
    private final ComboBox<PairFilter.Label> label = new ComboBox<>(FXCollections.observableArrayList(
            PairFilter.Label.values()));
    private final ComboBox<PairFilter.Result> result = new ComboBox<>(FXCollections.observableArrayList(
            PairFilter.Result.values()));
    private final ComboBox<PairFilter.Features> features = new ComboBox<>(FXCollections.observableArrayList(
            PairFilter.Features.values()));
    private final CheckBox disagree = new CheckBox("A and B disagree");
    private final VBox box;
    private boolean syncing;

    PairsTable(PsEvalViewModel vm) {
        this.vm = vm;
        PairBrowser browser = vm.browser();
        SortedList<PairRow> sorted = new SortedList<>(browser.shownRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId(TABLE_ID);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "pairs-table");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setTableMenuButtonVisible(true);
        Label empty = new Label("No pair matches the filter");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        buildColumns();
        vm.resultsProperty().addListener((obs, old, now) -> showResultColumns(now));
        showResultColumns(vm.resultsProperty().get());

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                syncing = true;
                browser.selectedProperty().set(now);
                syncing = false;
            }
        });
        browser.selectedProperty().addListener((obs, old, now) -> {
            if (!syncing && now != table.getSelectionModel().getSelectedItem()) {
                syncing = true;
                if (now == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(now);
                    // A little context above the selected row, rather than the row at the very top.
                    table.scrollTo(Math.max(0, table.getItems().indexOf(now) - 3));
                }
                syncing = false;
            }
        });
        box = new VBox(6, filterBar(), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(0, 0, 0, 0));
        box.setMinWidth(0);
    }

    Node node() {
        return box;
    }

    TableView<PairRow> table() {
        return table;
    }

    private Node filterBar() {
        search.setId("pseval-search");
        search.setPromptText("Search word, id or context");
        search.setPrefColumnCount(14);
        label.setId("pseval-filter-label");
        result.setId("pseval-filter-result");
        features.setId("pseval-filter-features");
        disagree.setId("pseval-filter-disagree");
        label.setValue(PairFilter.Label.ANY);
        result.setValue(PairFilter.Result.ANY);
        features.setValue(PairFilter.Features.ANY);
        label.setTooltip(new Tooltip("Show pairs with this label only"));
        result.setTooltip(new Tooltip("Show pairs A got right or wrong, or those not evaluated"));
        features.setTooltip(new Tooltip("Show pairs whose two contexts share their max feature (A), or not"));
        disagree.setTooltip(new Tooltip("Show only the pairs where A and B make different calls"));
        Runnable apply = () -> vm.browser().filterProperty().set(new PairFilter(search.getText(), label.getValue(),
                result.getValue(), features.getValue(), disagree.isSelected()));
        search.textProperty().addListener((obs, o, n) -> apply.run());
        label.valueProperty().addListener((obs, o, n) -> apply.run());
        result.valueProperty().addListener((obs, o, n) -> apply.run());
        features.valueProperty().addListener((obs, o, n) -> apply.run());
        disagree.selectedProperty().addListener((obs, o, n) -> apply.run());
        var comparing = Bindings.createBooleanBinding(() -> vm.resultsProperty().get() != null
                && vm.resultsProperty().get().b() != null, vm.resultsProperty());
        disagree.visibleProperty().bind(comparing);
        disagree.managedProperty().bind(comparing);
        var evaluated = vm.resultsProperty().isNotNull();
        result.disableProperty().bind(evaluated.not());
        features.disableProperty().bind(evaluated.not());

        Label count = new Label();
        count.setId("pseval-pair-count");
        count.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%,d of %,d pairs",
                vm.browser().shownRows().size(), vm.browser().allRows().size()), vm.browser().shownRows(),
                vm.browser().allRows()));
        count.setMinWidth(Label.USE_PREF_SIZE);
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMinWidth(120);
        HBox first = new HBox(8, search, count);
        first.setAlignment(Pos.CENTER_LEFT);
        HBox second = new HBox(6, label, result, features, disagree);
        second.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, first, second);
    }

    private void buildColumns() {
        table.getColumns().add(text("Id", r -> r.row().id(), 104));
        table.getColumns().add(text("Word", r -> r.row().targetWord(), 78));
        TableColumn<PairRow, Object> lab = column("Label", r -> r.row().label(), v -> (Integer) v == 1 ? "same" : "different", 74);
        lab.setCellFactory(c -> styled(v -> (Integer) v == 1 ? "same" : "different", v -> null));
        table.getColumns().add(lab);

        resultColumns.add(column("Max features", r -> a(r, p -> p.same()), PairsTable::sameText, 130));
        TableColumn<PairRow, Object> correct = column("Correct", PairRow::correct, PairsTable::correctText, 100);
        correct.setCellFactory(c -> styled(PairsTable::correctText, PairsTable::correctStyle));
        resultColumns.add(correct);
        resultColumns.add(column("Feature 1", r -> a(r, PairRecord::maxFeature1), PairsTable::feature, 102));
        resultColumns.add(column("Feature 2", r -> a(r, PairRecord::maxFeature2), PairsTable::feature, 102));
        resultColumns.add(column("Distinction LLM", r -> a(r, PairRecord::llmDistinction), PairsTable::decimal, 134));
        resultColumns.add(column("Distinction SAE", r -> a(r, PairRecord::saeDistinction), PairsTable::decimal, 134));
        bColumns.add(column("Same (B)", r -> b(r, p -> p.same()), PairsTable::sameText, 100));
        TableColumn<PairRow, Object> correctB = column("Correct (B)", PairRow::correctB, PairsTable::correctText, 112);
        correctB.setCellFactory(c -> styled(PairsTable::correctText, PairsTable::correctStyle));
        bColumns.add(correctB);
        bColumns.add(column("Feature 1 (B)", r -> b(r, PairRecord::maxFeature1), PairsTable::feature, 124));
        bColumns.add(column("Feature 2 (B)", r -> b(r, PairRecord::maxFeature2), PairsTable::feature, 124));
        bColumns.add(column("Distinction SAE (B)", r -> b(r, PairRecord::saeDistinction), PairsTable::decimal, 160));
        table.getColumns().addAll(resultColumns);
        table.getColumns().addAll(bColumns);
        table.getColumns().add(text("Context 1", r -> r.row().context1(), 260));
        table.getColumns().add(text("Context 2", r -> r.row().context2(), 260));
        for (TableColumn<PairRow, ?> c : table.getColumns()) {
            if (c.getText().startsWith("Feature") || c.getText().startsWith("Distinction")) {
                c.getStyleClass().add("number");
            }
        }
    }

    private void showResultColumns(EvaluationJob.Outcome o) {
        resultColumns.forEach(c -> c.setVisible(o != null));
        bColumns.forEach(c -> c.setVisible(o != null && o.b() != null));
        if (o == null || o.b() == null) {
            disagree.setSelected(false);
        }
        if (o == null) {
            result.setValue(PairFilter.Result.ANY);
            features.setValue(PairFilter.Features.ANY);
        }
    }

    private static <T> Object a(PairRow r, Function<PairRecord, T> f) {
        return r.a() == null ? null : f.apply(r.a());
    }

    private static <T> Object b(PairRow r, Function<PairRecord, T> f) {
        return r.b() == null ? null : f.apply(r.b());
    }

    private static String feature(Object v) {
        return v == null ? "" : "#" + v;
    }

    private static String sameText(Object v) {
        return v == null ? "" : (Boolean) v ? "same" : "different";
    }

    private static String correctText(Object v) {
        return v == null ? "" : (Boolean) v ? "✓ correct" : "✗ wrong";
    }

    private static String correctStyle(Object v) {
        return v == null ? null : (Boolean) v ? Styles.SUCCESS : Styles.DANGER;
    }

    private static String decimal(Object v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f", (Double) v);
    }

    private static TableColumn<PairRow, Object> text(String title, Function<PairRow, String> value, double width) {
        return column(title, value::apply, v -> v == null ? "" : v.toString(), width);
    }

    private static TableColumn<PairRow, Object> column(String title, Function<PairRow, Object> value,
                                                      Function<Object, String> format, double width) {
        TableColumn<PairRow, Object> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(tc -> styled(format, v -> null));
        c.setComparator(PairsTable::compare);
        c.setPrefWidth(width);
        return c;
    }

    private static TableCell<PairRow, Object> styled(Function<Object, String> format, Function<Object, String> style) {
        TableCell<PairRow, Object> cell = new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
                if (applied != null) {
                    getStyleClass().remove(applied);
                }
                applied = empty || item == null ? null : style.apply(item);
                if (applied != null) {
                    getStyleClass().add(applied);
                }
            }
        };
        // The theme aligns cells of some columns to the top; text reads level across a row only when centred.
        cell.setAlignment(Pos.CENTER_LEFT);
        return cell;
    }

    /** Numbers as numbers, booleans false first, empty cells last in both directions' natural order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        if (x instanceof Comparable && x.getClass() == y.getClass()) {
            return ((Comparable) x).compareTo(y);
        }
        return Comparator.<String>naturalOrder().compare(x.toString(), y.toString());
    }
}
