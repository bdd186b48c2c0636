package dev.saeexplorer.ui.pseval;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Chooses one input: a list of known paths (the Hugging Face cache, recent ones), a Choose… button, and under them what
 * is loaded, or the load's progress with a button to stop it. Picking starts the load; the list itself keeps no value.
 */
final class PathPicker<T> {
    /** One entry of the list. */
    record Choice(String label, Path path) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final VBox box = new VBox(4);

    /**
     * @param choices   the list's entries
     * @param browse    opens a chooser; null when cancelled
     * @param describe  one line about the loaded value
     */
    PathPicker(String idPrefix, String prompt, ObservableList<Choice> choices, Supplier<Path> browse,
               Consumer<Path> load, LoadSlot<T> slot, Function<T, String> describe, String nothing) {
        ComboBox<Choice> list = new ComboBox<>(choices);
        list.setId(idPrefix + "-list");
        list.setPromptText(prompt);
        list.setMaxWidth(Double.MAX_VALUE);
        list.setMinWidth(0);
        list.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Choice item, boolean empty) {
                super.updateItem(item, empty);
                setText(prompt);
            }
        });
        list.setOnAction(e -> {
            Choice c = list.getValue();
            if (c != null) {
                // Leave the list empty again (after this event), so picking the same entry twice loads it twice.
                javafx.application.Platform.runLater(() -> list.setValue(null));
                load.accept(c.path());
            }
        });
        list.disableProperty().bind(Bindings.isEmpty(choices));
        Button choose = new Button("Choose…", new FontIcon("mdal-folder_open"));
        choose.setId(idPrefix + "-choose");
        choose.setMinWidth(Button.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            Path p = browse.get();
            if (p != null) {
                load.accept(p);
            }
        });
        HBox.setHgrow(list, Priority.ALWAYS);
        HBox pick = new HBox(6, list, choose);
        pick.setAlignment(Pos.CENTER_LEFT);

        box.getChildren().addAll(pick, SlotStatus.of(idPrefix, slot, describe, nothing));
    }

    Node node() {
        return box;
    }
}
