package dev.saeexplorer.ui.checkpoints;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The configuration and statistics of A (and B beside it), one property per row; long values show in a tooltip. */
final class ConfigTable {
    static final String TABLE_ID = "config-table";

    private final TableView<ConfigRow> table = new TableView<>();

    ConfigTable(CheckpointInspectorViewModel vm) {
        table.setId(TABLE_ID);
        table.setItems(vm.configRows());
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("Open a checkpoint to see its configuration."));
        TableColumn<ConfigRow, String> property = column("Property", ConfigRow::property);
        property.setPrefWidth(210);
        TableColumn<ConfigRow, String> a = column("A", ConfigRow::a);
        a.setPrefWidth(150);
        TableColumn<ConfigRow, String> b = column("B", ConfigRow::b);
        b.setPrefWidth(150);
        a.textProperty().bind(Bindings.createStringBinding(() -> vm.primaryProperty().get() == null ? "A"
                : "A: " + vm.primaryProperty().get().source().name(), vm.primaryProperty()));
        b.textProperty().bind(Bindings.createStringBinding(() -> vm.comparisonProperty().get() == null ? "B"
                : "B: " + vm.comparisonProperty().get().source().name(), vm.comparisonProperty()));
        b.visibleProperty().bind(vm.comparisonProperty().isNotNull());
        // Cells of a column shown after the rows were built can keep a stale layout; rebuild them.
        b.visibleProperty().addListener((obs, was, now) -> table.refresh());
        table.getColumns().setAll(java.util.List.of(property, a, b));
    }

    TableView<ConfigRow> node() {
        return table;
    }

    private static TableColumn<ConfigRow, String> column(String title, Function<ConfigRow, String> value) {
        TableColumn<ConfigRow, String> c = new TableColumn<>(title);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null || v.length() < 24 ? null : new Tooltip(v));
            }
        });
        return c;
    }
}
