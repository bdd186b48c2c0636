package dev.saeexplorer.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Help ▸ About. */
final class AboutDialog {
    private AboutDialog() {
    }

    static void show(Window owner, String version, String backend) {
        Alert about = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        about.initOwner(owner);
        about.setTitle("About SAE Explorer");
        about.setHeaderText("SAE Explorer " + version);
        about.setContentText("See inside sparse autoencoders: superposition, SAE against WSAE, PS-Eval.\n\n"
                + "Compute: " + backend + "\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.version") + "\n\n"
                + "Built on ND4J, JavaFX, ControlsFX, AtlantaFX, JFreeChart, Jackson, picocli and JGraphT.");
        about.showAndWait();
    }
}
