package dev.saeexplorer.ui.common;

import dev.saeexplorer.core.world.WpPreset;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/** The W_p catalogue as a choice box: every preset of {@link WpPreset}, named with its size. */
public final class PresetChoices {
    private PresetChoices() {
    }

    public static ComboBox<WpPreset> comboBox() {
        ComboBox<WpPreset> box = new ComboBox<>(FXCollections.observableArrayList(WpPreset.values()));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(WpPreset p) {
                return p == null ? "" : p.labelWithSize();
            }

            @Override
            public WpPreset fromString(String text) {
                return null;
            }
        });
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }
}
