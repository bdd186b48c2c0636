package dev.saeexplorer.ui.pseval;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shown while no model is loaded: in plain words what PS-Eval needs, where the app looks (the Hugging Face cache path,
 * and how many GPT-2 models it found there), how to get GPT-2 onto the machine, and that the sample pairs can be
 * browsed meanwhile, or PS-Eval tried on the synthetic polysemy world, which needs nothing on disk.
 */
final class NoModelPanel {
    static final String ID = "pseval-no-model";
    static final String TRY_WORLD_ID = "pseval-try-world";

    private final ScrollPane scroll;

    NoModelPanel(PsEvalViewModel vm) {
        FontIcon icon = new FontIcon("mdal-info");
        icon.setIconSize(22);
        icon.getStyleClass().add("no-model-icon");
        Label title = new Label(NoModelHelp.title());
        title.getStyleClass().add(Styles.TITLE_4);
        HBox head = new HBox(8, icon, title);
        head.setAlignment(Pos.CENTER_LEFT);
        Label where = paragraph("");
        where.setId("pseval-no-model-where");
        where.textProperty().bind(Bindings.createStringBinding(() -> NoModelHelp.where(vm.cacheFolder(),
                vm.cachedModels().size()), vm.cachedModels()));
        Button world = new Button(NoModelHelp.tryWorld(), new FontIcon("mdmz-play_arrow"));
        world.setId(TRY_WORLD_ID);
        world.setOnAction(e -> vm.sourceProperty().set(PsEvalSource.WORLD));
        // First in view: the one thing that gives real numbers on a machine with nothing downloaded.
        VBox box = new VBox(8, head, world, paragraph(NoModelHelp.needed()), where, paragraph(NoModelHelp.how()),
                paragraph(NoModelHelp.meanwhile()));
        box.setPadding(new Insets(12, 16, 12, 16));
        box.getStyleClass().add("no-model-panel");
        box.setMinHeight(Region.USE_PREF_SIZE);
        scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("no-model-scroll");
        scroll.setId(ID);
    }

    Node node() {
        return scroll;
    }

    private static Label paragraph(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
