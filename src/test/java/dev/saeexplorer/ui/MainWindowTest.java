package dev.saeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.ui.workspace.AppPreferences;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    Path dir;

    private FakeWorkspace first;
    private FakeWorkspace second;
    private final List<String> errors = new ArrayList<>();
    private final Preferences prefsNode = Preferences.userRoot().node("dev/saeexplorer-test/" + System.nanoTime());
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        first = new FakeWorkspace("First", 1);
        second = new FakeWorkspace("Second", 2);
        window = new MainWindow(List.of(first, second), FXCollections.observableArrayList(), "Compute: test",
                new AppPreferences(prefsNode), (t, m) -> errors.add(t + ": " + m), stage::setTitle, "test");
        stage.setScene(new Scene(window, 1000, 700));
        stage.show();
    }

    @AfterEach
    void forget() throws Exception {
        prefsNode.removeNode();
    }

    @Test
    void theRailSwitchesWorkspacesAndTheTitleFollows(FxRobot robot) {
        assertTrue(first.view().isVisible());
        robot.clickOn("#rail-Second");
        assertTrue(second.view().isVisible());
        assertFalse(first.view().isVisible());
        assertTrue(stage.getTitle().contains("Second"), stage.getTitle());
    }

    @Test
    void keyboardShortcutSwitchesWorkspaces(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT2)
                .release(javafx.scene.input.KeyCode.DIGIT2, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(second.view().isVisible());
    }

    @Test
    void savedSessionRestoresEveryWorkspace() {
        Path file = dir.resolve("s.json");
        robotRun(() -> assertTrue(window.saveSession(file)));
        first.value = 10;
        second.value = 20;
        robotRun(() -> assertTrue(window.openSession(file)));
        assertEquals(1, first.value);
        assertEquals(2, second.value);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aSessionAWorkspaceRefusesChangesNothing() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"formatVersion\":1,\"activeWorkspace\":\"First\",\"workspaces\":{"
                + "\"First\":{\"value\":7},\"Second\":{\"value\":-3}}}");
        robotRun(() -> assertFalse(window.openSession(file)));
        assertEquals(1, first.value, "the first workspace was put back");
        assertEquals(2, second.value);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("Nothing that was open has changed"), errors.get(0));
    }

    @Test
    void truncatedAndFutureSessionsAreRefused() throws IOException {
        Path truncated = dir.resolve("t.json");
        Files.writeString(truncated, "{\"formatVersion\":1,\"workspaces\":{\"First\":{\"val");
        Path future = dir.resolve("f.json");
        Files.writeString(future, "{\"formatVersion\":7,\"workspaces\":{}}");
        robotRun(() -> {
            assertFalse(window.openSession(truncated));
            assertFalse(window.openSession(future));
        });
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).contains("truncated"), errors.get(0));
        assertTrue(errors.get(1).contains("newer"), errors.get(1));
        assertEquals(1, first.value);
    }

    @Test
    void exportWritesAReadablePngAndCsv() throws IOException {
        Path png = dir.resolve("chart.png");
        Path csv = dir.resolve("table.csv");
        robotRun(() -> {
            ExportActions export = window.exporter();
            export.exportChart(first.charts().get(0), ExportActions.ImageFormat.PNG, png);
            export.exportTable(first.tables().get(0), csv);
        });
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
        assertEquals(List.of("name,value", "\"value, with comma\",1"), Files.readAllLines(csv));
    }

    private static void robotRun(Runnable r) {
        try {
            WaitForAsyncUtils.asyncFx(r).get();
        } catch (Exception e) {
            throw new AssertionError(e.getCause() == null ? e : e.getCause());
        }
    }
}
