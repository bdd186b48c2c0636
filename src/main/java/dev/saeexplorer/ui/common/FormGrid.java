package dev.saeexplorer.ui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * A two-column form: labels and controls aligned in sections, each text field with its help as a tooltip and, under
 * it, the message that says why what was typed is refused.
 */
public final class FormGrid {
    private final GridPane grid = new GridPane();
    private int row;

    public FormGrid(double labelWidth) {
        grid.setHgap(8);
        grid.setVgap(5);
        ColumnConstraints labels = new ColumnConstraints(labelWidth, labelWidth, labelWidth);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints controls = new ColumnConstraints(120, 200, Double.MAX_VALUE);
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, controls);
    }

    public GridPane node() {
        return grid;
    }

    public void section(String title) {
        Label header = new Label(title);
        header.getStyleClass().addAll(Styles.TITLE_4, "pseval-section");
        GridPane.setMargin(header, new Insets(row == 0 ? 0 : 12, 0, 2, 0));
        grid.add(header, 0, row++, 2, 1);
    }

    /** A node across both columns. */
    public void full(Node node) {
        grid.add(node, 0, row++, 2, 1);
    }

    public <C extends Control> C row(String text, C control, String help) {
        Label label = new Label(text);
        label.setLabelFor(control);
        control.setMaxWidth(Double.MAX_VALUE);
        control.setMinWidth(0);
        if (help != null) {
            label.setTooltip(tooltip(help));
            control.setTooltip(tooltip(help));
        }
        grid.add(label, 0, row);
        grid.add(control, 1, row++);
        return control;
    }

    /** A text field bound to {@code field}; {@code applies} (may be null) disables it when it does not matter. */
    public TextField field(InputField<?> field, String id, ObservableBooleanValue applies) {
        TextField text = new TextField();
        text.setId(id);
        text.textProperty().bindBidirectional(field.textProperty());
        text.setPrefColumnCount(8);
        row(field.label(), text, field.help());
        Label error = new Label();
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL, "field-error");
        error.setWrapText(true);
        error.textProperty().bind(field.errorProperty());
        BooleanBinding shown = applies == null ? field.errorProperty().isNotEmpty()
                : Bindings.createBooleanBinding(() -> applies.get() && !field.errorProperty().get().isEmpty(),
                applies, field.errorProperty());
        if (applies != null) {
            text.disableProperty().bind(Bindings.not(applies));
        }
        error.visibleProperty().bind(shown);
        error.managedProperty().bind(shown);
        shown.addListener((obs, was, now) -> text.pseudoClassStateChanged(Styles.STATE_DANGER, now));
        text.pseudoClassStateChanged(Styles.STATE_DANGER, shown.get());
        grid.add(error, 1, row++);
        return text;
    }

    public static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        t.setShowDelay(Duration.millis(400));
        return t;
    }
}
