package dev.saeexplorer.ui.pseval;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.polysemy.PolysemyEncoder;
import dev.saeexplorer.ui.common.FormGrid;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The polysemy world's results: a line on what the world shows, then one table with the five encoders side by side,
 * the confusion counts above PS-Eval's Table 7 metrics.
 */
final class WorldResults {
    static final String TABLE_ID = "pseval-world-table";
    static final String EXPLANATION_ID = "pseval-world-explanation";

    private final VBox box;

    WorldResults(PsEvalViewModel vm) {
        TableView<WorldTable.Row> table = new TableView<>(vm.worldRows());
        table.setId(TABLE_ID);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "metrics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(24);
        table.setMinHeight(120);
        Label empty = new Label("Run the polysemy world to see each encoder's counts and metrics");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        TableColumn<WorldTable.Row, String> metric = MetricsTable.column("Metric", WorldTable.Row::label, false);
        metric.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                WorldTable.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(row == null ? null : new Tooltip(row.definition()));
            }
        });
        metric.setPrefWidth(100);
        table.getColumns().add(metric);
        for (PolysemyEncoder e : PolysemyEncoder.values()) {
            TableColumn<WorldTable.Row, String> c = MetricsTable.column("", r -> r.cells().getOrDefault(e, ""), true);
            Label header = new Label(WorldTable.header(e));
            header.setTooltip(FormGrid.tooltip(WorldTable.description(e)));
            c.setGraphic(header);
            c.setId("world-" + e.id());
            table.getColumns().add(c);
        }
        Label title = new Label("Polysemy world: five encoders on the same pairs");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label explanation = new Label();
        explanation.setId(EXPLANATION_ID);
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        explanation.textProperty().bind(Bindings.createStringBinding(() -> vm.worldResultsProperty().get() == null
                ? "" : vm.worldResultsProperty().get().explanation(), vm.worldResultsProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);
        box = new VBox(6, title, explanation, table);
        box.setMinHeight(0);
        box.getStyleClass().add("pseval-summary");
    }

    Node node() {
        return box;
    }
}
