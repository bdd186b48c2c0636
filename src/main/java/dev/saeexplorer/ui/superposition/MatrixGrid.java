package dev.saeexplorer.ui.superposition;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;

/**
 * W_p as a grid of text fields, one per entry: Enter or leaving a field applies it; text that is not a number turns
 * the field red with a tooltip saying why, and W_p keeps its old value. Large matrices are not shown cell by cell
 * (thousands of fields help nobody): a note says how to change them instead.
 */
final class MatrixGrid extends StackPane {
    /** More entries than this are not edited cell by cell. */
    static final int MAX_CELLS = 240;

    private final PlaygroundViewModel vm;
    private final GridPane grid = new GridPane();
    private final Label tooLarge = new Label();
    private TextField[][] cells = new TextField[0][0];

    MatrixGrid(PlaygroundViewModel vm) {
        this.vm = vm;
        grid.getStyleClass().add("wp-grid");
        grid.setHgap(4);
        grid.setVgap(4);
        grid.setPadding(new javafx.geometry.Insets(0, 0, 12, 0)); // room for the horizontal scroll bar
        tooLarge.setWrapText(true);
        tooLarge.getStyleClass().add(Styles.TEXT_MUTED);
        setAlignment(Pos.TOP_LEFT);
        // Wide matrices scroll sideways instead of squeezing the cells until their numbers are cut off.
        javafx.scene.control.ScrollPane scroller = new javafx.scene.control.ScrollPane(grid);
        scroller.setFitToHeight(true);
        scroller.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroller.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroller.getStyleClass().add("edge-to-edge"); // AtlantaFX: no border around the grid
        scroller.visibleProperty().bind(grid.visibleProperty());
        scroller.managedProperty().bind(grid.visibleProperty());
        getChildren().addAll(scroller, tooLarge);
        vm.stateProperty().addListener((o, a, s) -> show(s.superposition().matrix()));
        show(vm.wp());
    }

    /** The field of entry (row, col); null when the matrix is too large to show cell by cell. */
    TextField cell(int row, int col) {
        return row < cells.length && col < cells[row].length ? cells[row][col] : null;
    }

    private void show(double[][] m) {
        int rows = m.length;
        int cols = m[0].length;
        boolean fits = rows * cols <= MAX_CELLS;
        grid.setVisible(fits);
        grid.setManaged(fits);
        tooLarge.setVisible(!fits);
        tooLarge.setManaged(!fits);
        if (!fits) {
            cells = new TextField[0][0];
            grid.getChildren().clear();
            tooLarge.setText("W_p is " + rows + " × " + cols + " (" + rows * cols + " entries): too many to edit "
                    + "here. Choose a preset, shrink n or n_p, or open a session file.");
            return;
        }
        if (cells.length != rows || cells[0].length != cols) {
            build(rows, cols);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                TextField f = cells[r][c];
                boolean editingInvalid = f.isFocused() && f.getPseudoClassStates().contains(Styles.STATE_DANGER);
                if (!editingInvalid) {
                    f.setText(NumberText.format(m[r][c]));
                    markValid(f);
                }
            }
        }
    }

    private void build(int rows, int cols) {
        grid.getChildren().clear();
        cells = new TextField[rows][cols];
        for (int c = 0; c < cols; c++) {
            Label head = new Label("f" + c);
            head.getStyleClass().add(Styles.TEXT_MUTED);
            head.setTooltip(new Tooltip("feature " + c + " (column " + c + " of W_p)"));
            grid.add(head, c + 1, 0);
            GridPane.setHalignment(head, javafx.geometry.HPos.CENTER);
        }
        for (int r = 0; r < rows; r++) {
            Label side = new Label("d" + r);
            side.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            side.getStyleClass().add(Styles.TEXT_MUTED);
            side.setTooltip(new Tooltip("dimension " + r + " (row " + r + " of W_p)"));
            grid.add(side, 0, r + 1);
            for (int c = 0; c < cols; c++) {
                TextField f = new TextField();
                f.setPrefColumnCount(4);
                f.setMinWidth(84);
                f.getStyleClass().addAll("wp-cell", Styles.SMALL);
                final int row = r;
                final int col = c;
                f.setOnAction(e -> commit(f, row, col));
                f.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commit(f, row, col);
                    }
                });
                cells[r][c] = f;
                grid.add(f, c + 1, r + 1);
            }
        }
    }

    private void commit(TextField f, int row, int col) {
        if (row >= vm.wp().length || col >= vm.wp()[0].length) {
            return; // the matrix shrank while this field had focus
        }
        if (NumberText.format(vm.wp()[row][col]).equals(f.getText().trim())) {
            markValid(f);
            return;
        }
        if (vm.setEntry(row, col, f.getText())) {
            markValid(f);
        } else {
            f.pseudoClassStateChanged(Styles.STATE_DANGER, true);
            f.setTooltip(new Tooltip(vm.messageProperty().get()));
        }
    }

    private static void markValid(TextField f) {
        f.pseudoClassStateChanged(Styles.STATE_DANGER, false);
        f.setTooltip(null);
    }
}
