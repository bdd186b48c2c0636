package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.superposition.FeatureStatus;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/** One line per status: its colour, how many features have it now, and what it means. */
final class StatusLegend extends VBox {
    private final Map<FeatureStatus, Label> lines = new EnumMap<>(FeatureStatus.class);

    StatusLegend() {
        super(3);
        getStyleClass().add("status-legend");
        for (FeatureStatus s : FeatureStatus.values()) {
            Rectangle swatch = new Rectangle(12, 12, StatusPalette.fx(s));
            swatch.setArcWidth(3);
            swatch.setArcHeight(3);
            Label text = new Label();
            text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox line = new HBox(6, swatch, text);
            line.setAlignment(Pos.CENTER_LEFT);
            lines.put(s, text);
            getChildren().add(line);
        }
    }

    void show(FeatureStatus[] statuses) {
        Map<FeatureStatus, Integer> counts = new EnumMap<>(FeatureStatus.class);
        for (FeatureStatus s : statuses) {
            counts.merge(s, 1, Integer::sum);
        }
        for (FeatureStatus s : FeatureStatus.values()) {
            int count = counts.getOrDefault(s, 0);
            Label l = lines.get(s);
            l.setText(StatusPalette.label(s) + " (" + count + "): " + s.meaning());
            l.getParent().setOpacity(count == 0 ? 0.5 : 1.0);
        }
    }

    /** The line shown for a status (for tests). */
    String line(FeatureStatus s) {
        return lines.get(s).getText();
    }
}
