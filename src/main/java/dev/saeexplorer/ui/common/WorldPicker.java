package dev.saeexplorer.ui.common;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.world.WorldPreset;
import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The world choice as controls, the same in the training lab and the sweep: the catalogue (and any world file opened)
 * in a choice box, "Open world file…" beside it, and under them why a file was refused.
 */
public final class WorldPicker {
    /** Ids for tests: the choice box, the open button and the refusal message get {@code prefix + "-world"} etc. */
    public static final String BOX = "-world";
    public static final String OPEN = "-world-open";
    public static final String PROBLEM = "-world-problem";

    private WorldPicker() {
    }

    public static VBox build(WorldSelection selection, String idPrefix) {
        ComboBox<WorldChoice> box = new ComboBox<>();
        for (WorldPreset p : WorldPreset.values()) {
            box.getItems().add(WorldChoice.of(p));
        }
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(WorldChoice c) {
                return c == null ? "" : c.label();
            }

            @Override
            public WorldChoice fromString(String text) {
                return null;
            }
        });
        addIfNew(box, selection.get());
        selection.choiceProperty().addListener((obs, old, now) -> addIfNew(box, now));
        box.valueProperty().bindBidirectional(selection.choiceProperty());
        box.setId(idPrefix + BOX);
        box.setMaxWidth(Double.MAX_VALUE);

        Button open = new Button("Open world file…", new FontIcon("mdal-folder_open"));
        open.setId(idPrefix + OPEN);
        open.setTooltip(FormGrid.tooltip("A world file: JSON with W_p, firing, magnitudes, groups and hierarchy"
                + " (README, \"World files\"). A file that is refused changes nothing."));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open world file");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("World files (*.json)", "*.json"));
            File file = chooser.showOpenDialog(open.getScene() == null ? null : open.getScene().getWindow());
            if (file != null) {
                selection.open(file.toPath());
            }
        });

        Label problem = new Label();
        problem.setId(idPrefix + PROBLEM);
        problem.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL, "field-error");
        problem.setWrapText(true);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.textProperty().bind(selection.problemProperty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        open.setMnemonicParsing(false);
        return new VBox(4, box, open, problem);
    }

    private static void addIfNew(ComboBox<WorldChoice> box, WorldChoice c) {
        if (c != null && !box.getItems().contains(c)) {
            box.getItems().add(c);
        }
    }
}
