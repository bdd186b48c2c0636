package dev.saeexplorer.ui;

import javafx.application.Application;

/** Starts the desktop application from a plain class, so the JVM never needs JavaFX's launcher checks. */
public final class GuiLauncher {
    private GuiLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(SaeExplorerApp.class, args);
    }
}
