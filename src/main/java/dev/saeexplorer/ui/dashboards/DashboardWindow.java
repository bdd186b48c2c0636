package dev.saeexplorer.ui.dashboards;

import dev.saeexplorer.core.features.FeatureStore;
import java.util.function.IntFunction;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A window with one feature's dashboard, opened from elsewhere than the inspector (a PS-Eval pair's max feature). */
public final class DashboardWindow {
    private DashboardWindow() {
    }

    /**
     * Opens the dashboard of {@code feature} of {@code store} beside {@code owner}.
     *
     * @param tokenText a token id's text in the model's tokenizer
     * @param title     the window's title: which feature of which SAE
     */
    public static Stage open(Window owner, FeatureStore store, int feature, IntFunction<String> tokenText,
                             String title) {
        FeatureDashboardView view = new FeatureDashboardView(tokenText);
        view.show(store, feature, "Feature " + feature + " is not in this store.");
        Label source = new Label("From the feature store " + store.directory() + " ("
                + store.manifest().corpus().source() + ")");
        source.getStyleClass().addAll("text-small", "text-muted");
        source.setWrapText(true);
        VBox root = new VBox(8, view.node(), source);
        root.setPadding(new Insets(10));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(root, 900, 640);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
