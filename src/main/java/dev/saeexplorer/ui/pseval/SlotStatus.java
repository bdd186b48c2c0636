package dev.saeexplorer.ui.pseval;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Under a chooser: what is loaded, or the load's progress bar with a button that stops it. */
final class SlotStatus {
    private SlotStatus() {
    }

    static <T> Node of(String idPrefix, LoadSlot<T> slot, Function<T, String> describe, String nothing) {
        Label loaded = new Label();
        loaded.setId(idPrefix + "-loaded");
        loaded.setWrapText(true);
        loaded.getStyleClass().addAll(Styles.TEXT_SMALL, "slot-status");
        loaded.textProperty().bind(Bindings.createStringBinding(() -> {
            String m = slot.messageProperty().get();
            if (slot.loadingProperty().get() || !m.isEmpty()) {
                return m;
            }
            T v = slot.valueProperty().get();
            return v == null ? nothing : describe.apply(v);
        }, slot.messageProperty(), slot.loadingProperty(), slot.valueProperty()));
        loaded.setMinHeight(Label.USE_PREF_SIZE);
        loaded.setTooltip(new Tooltip());
        loaded.getTooltip().setWrapText(true);
        loaded.getTooltip().setMaxWidth(420);
        loaded.getTooltip().textProperty().bind(loaded.textProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId(idPrefix + "-progress");
        bar.progressProperty().bind(slot.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button stop = new Button(null, new FontIcon("mdal-close"));
        stop.setId(idPrefix + "-stop");
        stop.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        stop.setTooltip(new Tooltip("Stop loading; what was loaded before stays"));
        stop.setOnAction(e -> slot.cancel());
        HBox progress = new HBox(4, bar, stop);
        progress.setId(idPrefix + "-loading");
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.visibleProperty().bind(slot.loadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        return new VBox(2, progress, loaded);
    }
}
