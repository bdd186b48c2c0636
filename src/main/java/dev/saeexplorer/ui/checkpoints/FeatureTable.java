package dev.saeexplorer.ui.checkpoints;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The searchable, sortable feature list of checkpoint A: index, weight figures, density, best match in B and
 * logit-lens tokens. Columns without data (no sparsity file, no comparison, no model) are hidden.
 */
final class FeatureTable {
    static final String TABLE_ID = "feature-table";
    static final String SEARCH_ID = "feature-search";

    private final CheckpointInspectorViewModel vm;
    private final TableView<FeatureRow> table = new TableView<>();
    private final TextField search = new TextField();
    private final VBox box = new VBox(6);
    /** Set while the view model's selection is copied into the table, so the copy is not sent back. */
    private boolean syncing;

    FeatureTable(CheckpointInspectorViewModel vm) {
        this.vm = vm;
        FeatureList list = vm.features();
        search.setId(SEARCH_ID);
        search.setPromptText("Feature numbers (12, 10-20), token text, dead or dense");
        search.textProperty().bindBidirectional(list.queryProperty());
        search.setTooltip(new Tooltip("Numbers and ranges select features by index: 12, 10-20, 3, 7, 9.\n"
                + "Other text finds features whose top logit-lens tokens contain it (needs a model);\n"
                + "put a number in quotes (\"2019\") to search tokens for it."));
        HBox.setHgrow(search, Priority.ALWAYS);
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> list.visible().size() + " of "
                + list.all().size() + " features", list.visible()));
        HBox top = new HBox(8, new FontIcon("mdmz-search"), search, count);
        top.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL, "field-error");
        error.textProperty().bind(list.queryErrorProperty());
        error.visibleProperty().bind(list.queryErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        search.pseudoClassStateChanged(Styles.STATE_DANGER, false);
        list.queryErrorProperty().addListener((obs, old, now) ->
                search.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));

        buildTable(list);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.getChildren().addAll(top, error, table);
        box.setPadding(new Insets(8, 8, 8, 10));
    }

    Node node() {
        return box;
    }

    private void buildTable(FeatureList list) {
        table.setId(TABLE_ID);
        SortedList<FeatureRow> sorted = new SortedList<>(list.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        // Number columns stay near their preferred width (capped); the tokens column takes the rest.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No feature matches the search."));

        TableColumn<FeatureRow, Number> index = number("#", r -> r.index(), 50);
        index.setCellFactory(c -> numberCell(v -> Integer.toString(v.intValue())));
        TableColumn<FeatureRow, Number> norm = number("Decoder norm", FeatureRow::decoderNorm, 112);
        TableColumn<FeatureRow, Number> cosine = number("Enc/dec cos", FeatureRow::cosine, 96);
        TableColumn<FeatureRow, Number> density = number("log10 density", FeatureRow::log10Density, 112);
        TableColumn<FeatureRow, Number> partner = new TableColumn<>("Match in B");
        partner.setCellValueFactory(f -> f.getValue().partnerProperty());
        partner.setCellFactory(c -> numberCell(v -> v.intValue() < 0 ? "—" : Integer.toString(v.intValue())));
        partner.setPrefWidth(90);
        partner.setMaxWidth(114);
        partner.setComparator((x, y) -> Integer.compare(x.intValue(), y.intValue()));
        TableColumn<FeatureRow, Number> matchCos = new TableColumn<>("Match cos");
        matchCos.setCellValueFactory(f -> f.getValue().matchCosineProperty());
        matchCos.setCellFactory(c -> numberCell(v -> ConfigRows.number(v.doubleValue())));
        matchCos.setPrefWidth(86);
        matchCos.setMaxWidth(110);
        matchCos.setComparator((x, y) -> Double.compare(x.doubleValue(), y.doubleValue()));
        TableColumn<FeatureRow, Number> firesOn = storeColumn("Fires on", FeatureRow::firesOnProperty,
                v -> Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.3g%%", 100 * v));
        TableColumn<FeatureRow, Number> maxAct = storeColumn("Max act.", FeatureRow::maxActivationProperty,
                ConfigRows::number);
        TableColumn<FeatureRow, Number> meanAct = storeColumn("Mean act.", FeatureRow::meanActivationProperty,
                ConfigRows::number);
        TableColumn<FeatureRow, String> tokens = new TableColumn<>("Top logit-lens tokens");
        tokens.setCellValueFactory(f -> f.getValue().tokensProperty());
        tokens.setPrefWidth(220);

        density.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.primaryProperty().get() != null
                && vm.primaryProperty().get().hasDensity(), vm.primaryProperty()));
        partner.visibleProperty().bind(vm.comparisonProperty().isNotNull());
        matchCos.visibleProperty().bind(vm.comparisonProperty().isNotNull());
        tokens.visibleProperty().bind(list.tokensAvailableProperty());
        for (TableColumn<FeatureRow, Number> c : java.util.List.of(firesOn, maxAct, meanAct)) {
            c.visibleProperty().bind(vm.probe().storeProperty().isNotNull());
        }
        table.getColumns().setAll(java.util.List.of(index, norm, cosine, density, firesOn, maxAct, meanAct, partner,
                matchCos, tokens));
        // Cells of a column shown after the rows were built can keep a stale layout; rebuild them.
        for (TableColumn<FeatureRow, ?> c : table.getColumns()) {
            c.visibleProperty().addListener((obs, was, now) -> table.refresh());
        }

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                vm.select(now.index());
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> showSelection(now.intValue()));
        list.visible().addListener((javafx.collections.ListChangeListener<FeatureRow>) c ->
                showSelection(vm.selectedProperty().get()));
    }

    /** Selects (and scrolls to) the view model's feature when the table shows it. */
    private void showSelection(int feature) {
        FeatureRow now = table.getSelectionModel().getSelectedItem();
        if (now != null && now.index() == feature) {
            return;
        }
        syncing = true;
        try {
            FeatureRow row = vm.features().row(feature);
            int at = row == null ? -1 : table.getItems().indexOf(row);
            if (at < 0) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().select(at);
                table.scrollTo(Math.max(0, at - 3));
            }
        } finally {
            syncing = false;
        }
    }

    /** A column from A's feature store: sortable, NaN (no store) shown empty and sorted last. */
    private static TableColumn<FeatureRow, Number> storeColumn(String title,
            java.util.function.Function<FeatureRow, javafx.beans.value.ObservableValue<Number>> value,
            java.util.function.DoubleFunction<String> text) {
        TableColumn<FeatureRow, Number> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        c.setCellFactory(col -> numberCell(v -> text.apply(v.doubleValue())));
        c.setPrefWidth(84);
        c.setMaxWidth(110);
        c.setComparator((x, y) -> Double.compare(x.doubleValue(), y.doubleValue()));
        return c;
    }

    private static TableColumn<FeatureRow, Number> number(String title, Function<FeatureRow, Number> value,
                                                          double width) {
        TableColumn<FeatureRow, Number> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> (ObservableValue<Number>) new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> numberCell(v -> ConfigRows.number(v.doubleValue())));
        c.setPrefWidth(width);
        c.setMaxWidth(width + 24);
        c.setComparator((x, y) -> Double.compare(x.doubleValue(), y.doubleValue()));
        return c;
    }

    private static TableCell<FeatureRow, Number> numberCell(Function<Number, String> format) {
        TableCell<FeatureRow, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : format.apply(v));
            }
        };
        cell.setAlignment(Pos.CENTER_RIGHT);
        return cell;
    }

    TableView<FeatureRow> table() {
        return table;
    }
}
