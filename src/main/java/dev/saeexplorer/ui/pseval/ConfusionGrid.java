package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.ui.common.FormGrid;
import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.pseval.ConfusionCounts;
import dev.saeexplorer.core.pseval.PsEvalResult;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * PS-Eval's confusion matrix as a 2 × 2 grid: rows are the label (same or different meaning), columns whether the two
 * contexts' max features agree. Correct cells are tinted green, errors red; B's counts sit under A's when comparing.
 */
final class ConfusionGrid {
    private final GridPane grid = new GridPane();
    private final Label[] cells = new Label[4];
    private final Label[] cellsB = new Label[4];
    private final Label caption = new Label();
    private final VBox box;

    ConfusionGrid() {
        grid.getStyleClass().add("confusion-grid");
        grid.setHgap(4);
        grid.setVgap(4);
        ColumnConstraints head = new ColumnConstraints(78);
        ColumnConstraints cell = new ColumnConstraints(86, 96, 140);
        cell.setHgrow(Priority.ALWAYS);
        cell.setHalignment(HPos.CENTER);
        grid.getColumnConstraints().setAll(head, cell, cell);
        grid.add(header("Same max feature", "The two contexts' most active features are the same"), 1, 0);
        grid.add(header("Different", "The two contexts' most active features differ"), 2, 0);
        grid.add(header("Same meaning (label 1)", "WiC label T: the word means the same in both contexts"), 0, 1);
        grid.add(header("Different meaning (label 0)", "WiC label F: the word means different things"), 0, 2);
        String[] names = {"TP", "FN", "FP", "TN"};
        for (int i = 0; i < 4; i++) {
            cells[i] = new Label("–");
            cells[i].getStyleClass().addAll("count", Styles.TITLE_3);
            cells[i].setId("confusion-" + names[i].toLowerCase(Locale.ROOT));
            cellsB[i] = new Label();
            cellsB[i].getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Label name = new Label(names[i]);
            name.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox c = new VBox(0, name, cells[i], cellsB[i]);
            c.setAlignment(Pos.CENTER);
            c.getStyleClass().addAll("confusion-cell", i == 0 || i == 3 ? "correct" : "wrong");
            grid.add(c, 1 + i % 2, 1 + i / 2);
        }
        caption.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        caption.setWrapText(true);
        Label title = new Label("Confusion matrix");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        box = new VBox(6, title, grid, caption);
        box.setMinWidth(290);
    }

    Node node() {
        return box;
    }

    void show(EvaluationJob.Outcome o) {
        ConfusionCounts a = o.a().counts();
        long[] va = {a.tp(), a.fn(), a.fp(), a.tn()};
        ConfusionCounts b = o.b() == null ? null : o.b().counts();
        for (int i = 0; i < 4; i++) {
            cells[i].setText(String.format(Locale.ROOT, "%,d", va[i]));
            long vb = b == null ? 0 : new long[] {b.tp(), b.fn(), b.fp(), b.tn()}[i];
            cellsB[i].setText(b == null ? "" : String.format(Locale.ROOT, "B: %,d", vb));
            cellsB[i].setManaged(b != null);
        }
        caption.setText(caption(o.a(), o.b() != null));
    }

    private static String caption(PsEvalResult r, boolean compare) {
        String s = String.format(Locale.ROOT, "%,d pairs evaluated, %,d skipped", r.pairs().size(), r.skipped().size());
        if (r.notEvaluated() > 0) {
            s += String.format(Locale.ROOT, ", %,d beyond the balance", r.notEvaluated());
        }
        if (r.dSae() != null) {
            s += String.format(Locale.ROOT, "; d_sae %,d", r.dSae());
        }
        if (r.noMaxFeature() > 0) {
            s += String.format(Locale.ROOT, "; %,d with an all-zero feature vector (counted as different)",
                    r.noMaxFeature());
        }
        return s + (compare ? ". Counts are A's, B's beneath." : ".");
    }

    private static Label header(String text, String help) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, "confusion-header");
        l.setTooltip(FormGrid.tooltip(help));
        return l;
    }
}
