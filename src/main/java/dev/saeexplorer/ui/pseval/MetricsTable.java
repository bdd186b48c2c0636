package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.ui.common.FormGrid;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Table 7 of the PS-Eval paper: every metric of A (and B) beside the random-SAE baseline of the same width. */
final class MetricsTable {
    static final String ID = "pseval-metrics";

    private final TableView<Table7.Row> table;
    private final TableColumn<Table7.Row, String> a;
    private final TableColumn<Table7.Row, String> b;
    private final TableColumn<Table7.Row, String> randomB;
    private final VBox box;

    MetricsTable(PsEvalViewModel vm) {
        table = new TableView<>(vm.metrics());
        table.setId(ID);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "metrics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(24);
        table.setPrefHeight(24 * 8 + 30);
        table.setMinHeight(120);
        Label empty = new Label("Run PS-Eval to see the metrics");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        TableColumn<Table7.Row, String> metric = column("Metric", r -> r.metric().label(), false);
        metric.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                Table7.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(row == null ? null : new Tooltip(row.metric().definition()));
            }
        });
        metric.setPrefWidth(100);
        a = column("A", r -> Table7.number(r.a()), true);
        TableColumn<Table7.Row, String> randomA = column("Random", r -> Table7.number(r.randomA()), true);
        randomA.setId("metrics-random-a");
        b = column("B", r -> Table7.number(r.b()), true);
        randomB = column("Random (B)", r -> Table7.number(r.randomB()), true);
        table.getColumns().setAll(java.util.List.of(metric, a, randomA, b, randomB));
        vm.resultsProperty().addListener((obs, old, now) -> label(now));
        label(vm.resultsProperty().get());
        Label title = new Label("PS-Eval metrics (Table 7)");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setTooltip(FormGrid.tooltip("Each metric of the checkpoint beside the expected value of a random SAE of"
                + " the same width on the same pairs (the two contexts share a max feature with probability 1/d_sae)."
                + " A dash means the metric is undefined: its denominator is zero."));
        VBox.setVgrow(table, Priority.ALWAYS);
        box = new VBox(6, title, table);
        box.setMinWidth(300);
    }

    Node node() {
        return box;
    }

    private void label(EvaluationJob.Outcome o) {
        boolean compare = o != null && o.b() != null;
        // Names go in the results line above: in a header they would be cut short.
        a.setText(compare ? "A" : "SAE");
        b.setVisible(compare);
        // A second baseline only when B's width differs: otherwise it repeats A's.
        randomB.setVisible(compare && !java.util.Objects.equals(o.a().dSae(), o.b().dSae()));
    }

    /** A read-only text column; a numeric one is right-aligned. */
    static <R> TableColumn<R, String> column(String title, Function<R, String> value, boolean numeric) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        c.setReorderable(false);
        if (numeric) {
            c.getStyleClass().add(Tweaks.ALIGN_RIGHT);
            c.setPrefWidth(92);
        }
        return c;
    }
}
