package dev.saeexplorer.ui.training;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.sae.TrainingSnapshot;
import dev.saeexplorer.ui.common.SeriesStylesheet;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The live figures of the running models (from the latest snapshot) and the SAE-vs-WSAE metrics table. */
final class MetricsPanel {
    private final TrainingLabViewModel vm;
    private final TableView<MetricRow> table = new TableView<>();
    private final VBox box = new VBox(10);

    MetricsPanel(TrainingLabViewModel vm) {
        this.vm = vm;
        Label results = new Label("Results on the evaluation sample");
        results.getStyleClass().add(Styles.TITLE_4);
        buildTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        Label worldNote = new Label();
        worldNote.setId("lab-world-note");
        worldNote.setWrapText(true);
        worldNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines; the table gives way
        worldNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        worldNote.textProperty().bind(vm.worldNoteProperty());
        box.getChildren().addAll(liveGrid(), results, table, worldNote);
        box.setPadding(new Insets(8, 10, 8, 10));
        box.getStyleClass().add("metrics-panel");
    }

    Node node() {
        return box;
    }

    TableView<MetricRow> table() {
        return table;
    }

    private GridPane liveGrid() {
        GridPane g = new GridPane();
        g.setHgap(18);
        g.setVgap(3);
        g.getStyleClass().add("live-grid");
        ColumnConstraints name = new ColumnConstraints(150, 170, Double.MAX_VALUE);
        ColumnConstraints value = new ColumnConstraints(90, 100, Double.MAX_VALUE);
        value.setHalignment(HPos.RIGHT);
        g.getColumnConstraints().setAll(name, value, value);
        Label live = new Label("Live");
        live.getStyleClass().add(Styles.TITLE_4);
        g.addRow(0, live, header("SAE", ModelKind.SAE), header("WSAE", ModelKind.WSAE));
        row(g, 1, "Step", s -> s.step() + " / " + s.steps());
        row(g, 2, "Training loss", s -> MetricRow.format(s.loss()));
        row(g, 3, "Mean L0", s -> String.format(Locale.ROOT, "%.2f", s.meanL0()));
        row(g, 4, "Dead latents", s -> String.valueOf(s.deadLatents()));
        row(g, 5, "Samples per second", s -> String.format(Locale.ROOT, "%,.0f", s.samplesPerSecond()));
        return g;
    }

    private static Label header(String text, ModelKind kind) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_BOLD, SeriesStylesheet.textClass(kind.role()));
        return l;
    }

    private void row(GridPane g, int r, String name, Function<TrainingSnapshot, String> text) {
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        g.add(label, 0, r);
        for (ModelKind kind : ModelKind.values()) {
            Label v = new Label();
            v.getStyleClass().add("number");
            var latest = vm.latestProperty(kind);
            v.textProperty().bind(Bindings.createStringBinding(
                    () -> latest.get() == null ? "—" : text.apply(latest.get()), latest));
            g.add(v, 1 + kind.ordinal(), r);
        }
    }

    private void buildTable() {
        table.setItems(vm.metricRows());
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, "metrics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Metrics appear here when a run finishes."));
        table.getColumns().add(column(MetricRow.COLUMNS.get(0), MetricRow::metric, 190, false));
        table.getColumns().add(column(MetricRow.COLUMNS.get(1), MetricRow::sae, 90, true));
        table.getColumns().add(column(MetricRow.COLUMNS.get(2), MetricRow::wsae, 90, true));
        table.getColumns().add(column(MetricRow.COLUMNS.get(3), MetricRow::better, 70, false));
        table.setFixedCellSize(24);
        table.setPrefHeight(24 * 9 + 30);
        table.setMinHeight(120);
    }

    private static TableColumn<MetricRow, String> column(String title, Function<MetricRow, String> cell, double width,
                                                         boolean number) {
        TableColumn<MetricRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(cell.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(number ? 70 : 50);
        c.setSortable(false);
        if (number) {
            c.getStyleClass().add("number-column");
        }
        return c;
    }
}
