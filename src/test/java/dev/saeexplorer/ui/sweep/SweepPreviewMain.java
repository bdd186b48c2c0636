package dev.saeexplorer.ui.sweep;

import javafx.application.Application;

/** A plain main for {@link SweepPreview}, so the JVM's JavaFX launcher checks do not apply on the classpath. */
public final class SweepPreviewMain {
    private SweepPreviewMain() {
    }

    public static void main(String[] args) {
        Application.launch(SweepPreview.class, args);
    }
}
