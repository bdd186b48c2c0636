package dev.saeexplorer.ui.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.Waits;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class CheckpointInspectorViewTest {
    @TempDir
    Path dir;

    private final FxExecutor executor = new FxExecutor();
    private final List<String> errors = new ArrayList<>();
    private final Preferences node = Preferences.userRoot().node("dev/saeexplorer-test/ckv-" + System.nanoTime());
    private CheckpointInspectorWorkspace workspace;

    @Start
    void start(Stage stage) {
        // Monocle's headless screen is 1280×800: a larger window overflows its pixel buffer.
        AppPreferences prefs = new AppPreferences(node);
        prefs.setFeatureStores(dir.resolve("stores"));
        workspace = new CheckpointInspectorWorkspace(new WorkspaceContext(executor, (t, m) -> errors.add(t + ": " + m),
                false), prefs, List::of);
        stage.setScene(new Scene((Parent) workspace.view(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        workspace.shutdown();
        executor.shutdown();
        node.removeNode();
    }

    @Test
    void theBundledCheckpointFillsTheTablesAndARowClickShowsItsDetail(FxRobot robot) throws Exception {
        TableView<FeatureRow> table = featureTable(robot);
        Waits.until(() -> table.getItems().size() == 40);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> config = robot.lookup("#" + ConfigTable.TABLE_ID).queryAs(TableView.class);
        assertTrue(config.getItems().size() > 10, "configuration rows: " + config.getItems().size());
        assertTrue(cells(robot, ConfigTable.TABLE_ID).contains("Bundled sample (toy SAE)"));
        Waits.until(() -> title(robot).equals("Feature 0 of toy SAE"));

        TableCell<?, ?> five = robot.lookup("#" + FeatureTable.TABLE_ID + " .table-cell")
                .match((TableCell<?, ?> c) -> "5".equals(c.getText())).query();
        robot.clickOn(five);
        Waits.until(() -> title(robot).equals("Feature 5 of toy SAE"));
        assertEquals(5, workspace.viewModel().selectedProperty().get());
        assertNotNull(workspace.viewModel().detailProperty().get());
        assertEquals(10, workspace.viewModel().detailProperty().get().decoder().length);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void typingInTheSearchNarrowsTheTableAndARefusedQuerySaysWhy(FxRobot robot) throws Exception {
        TableView<FeatureRow> table = featureTable(robot);
        Waits.until(() -> table.getItems().size() == 40);
        robot.clickOn("#" + FeatureTable.SEARCH_ID).write("10-14");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, table.getItems().size());
        assertEquals(10, table.getItems().get(0).index());

        robot.eraseText(5).write("77");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(40, table.getItems().size());
        assertTrue(robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().contains("features 0 to 39")));
    }

    @Test
    void comparingShowsBothColumnsAndTheMatchColumn(FxRobot robot) throws Exception {
        TableView<FeatureRow> table = featureTable(robot);
        Waits.until(() -> table.getItems().size() == 40);
        robot.interact(() -> workspace.viewModel().compareWith(new CheckpointSource.Bundled(BundledSample.TOY_WSAE)));
        Waits.until(() -> workspace.viewModel().matchProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".column-header .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().equals("B: toy WSAE")));
        assertTrue(table.getColumns().stream().anyMatch(c -> c.getText().equals("Match in B") && c.isVisible()));
        assertTrue(table.getItems().get(0).partnerProperty().get() >= 0);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void loadingAModelShowsProgressAndLeavesTheWindowResponsive(FxRobot robot) throws Exception {
        // 50257 × 128 embedding, 4 blocks: ~35 MB of float32, loaded on a worker while the FX thread keeps drawing.
        Path model = InspectorFixtures.gpt2(dir.resolve("mid-gpt2"), 128, 4, 50257, 1024);
        ProgressBar bar = robot.lookup("#" + CheckpointInspectorView.MODEL_PROGRESS_ID).queryAs(ProgressBar.class);
        List<Boolean> shownAtStart = new ArrayList<>();
        robot.interact(() -> {
            workspace.viewModel().loadModel(model);
            // Checked in the same FX turn: a load on the FX thread would have finished (and hidden the bar) by now, so
            // this proves the window stays free while the model loads. Frame times are not asserted: they depend on
            // the machine.
            shownAtStart.add(bar.getParent().isVisible());
        });
        assertEquals(List.of(true), shownAtStart, "the model's progress shows while it loads");
        Waits.until(() -> workspace.viewModel().modelProperty().get() != null);
        assertFalse(bar.getParent().isVisible());
        // The bundled SAE reads d_in 10, the model d_model 128: explained, and both stay.
        Waits.until(() -> !errors.isEmpty());
        assertTrue(errors.get(0).contains("does not fit"), errors.get(0));
        assertNotNull(workspace.viewModel().primaryProperty().get());
    }

    @Test
    void buildingDashboardsShowsProgressThenTheSelectedFeaturesShadedContextsAndHistogram(FxRobot robot)
            throws Exception {
        Path model = dev.saeexplorer.testkit.TinyLm.model(dir.resolve("tiny"));
        Path sae = dev.saeexplorer.testkit.TinyLm.sparseSae(dir.resolve("sae"), 3, true);
        robot.interact(() -> workspace.viewModel().loadModel(model));
        Waits.until(() -> workspace.viewModel().modelProperty().get() != null);
        robot.interact(() -> workspace.viewModel().open(new CheckpointSource.OnDisk(sae)));
        Waits.until(() -> workspace.viewModel().primaryProperty().get() != null
                && workspace.viewModel().primaryProperty().get().source().name().equals("sae"));
        errors.clear(); // the bundled toy SAE, open at start, did not fit the model: said, and replaced
        robot.clickOn("Dashboard");
        robot.clickOn("Corpus and settings");
        retype(robot, "#dashboard-max-tokens", "300");
        retype(robot, "#dashboard-context-size", "32"); // the tiny model reads at most 64
        retype(robot, "#dashboard-top-k", "0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#" + DashboardPane.BUILD_ID).queryButton().isDisabled(), "k = 0 is refused");
        assertTrue(robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().contains("Top contexts per feature")));
        retype(robot, "#dashboard-top-k", "5");
        robot.clickOn("#" + DashboardPane.BUILD_ID);
        Waits.until(() -> workspace.viewModel().probe().storeProperty().get() != null || !errors.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(errors.isEmpty(), errors.toString());
        var store = workspace.viewModel().probe().storeProperty().get();
        assertEquals(5, store.manifest().settings().topK());
        assertEquals(300L, store.manifest().settings().maxTokens());
        robot.interact(() -> workspace.viewModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        String header = robot.lookup("#" + dev.saeexplorer.ui.dashboards.FeatureDashboardView.HEADER_ID)
                .queryAs(Label.class).getText();
        assertTrue(header.startsWith("Feature 1\nfires on"), header);
        javafx.scene.layout.VBox examples = robot.lookup("#"
                + dev.saeexplorer.ui.dashboards.FeatureDashboardView.EXAMPLES_ID).queryAs(javafx.scene.layout.VBox.class);
        long shadedRows = examples.getChildren().stream().filter(n -> n instanceof javafx.scene.layout.FlowPane).count();
        assertEquals(store.feature(1).examples().size() + store.feature(1).quantileSamples().stream()
                .mapToInt(b -> b.examples().size()).sum(), shadedRows);
        assertTrue(((CheckpointInspectorView) workspace.view()).charts().stream()
                .anyMatch(c -> c.name().equals("Feature activations") && c.chart().get().getXYPlot().getDataset()
                        .getSeriesCount() == (store.feature(1).histogram().counts().length > 0 ? 1 : 0)));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void ctrlOAndTheToolbarOpenThroughTheChooserAndNotTheShellsSessionShortcut(FxRobot robot) throws Exception {
        Path a = InspectorFixtures.saeLens(dir.resolve("picked-a"), 3, 6);
        Path b = InspectorFixtures.saeLens(dir.resolve("picked-b"), 3, 5);
        List<String> asked = new ArrayList<>();
        List<String> sessionOpened = new ArrayList<>();
        CheckpointInspectorView view = (CheckpointInspectorView) workspace.view();
        view.useChooser(new CheckpointInspectorView.Chooser() {
            @Override
            public java.io.File folder(javafx.stage.Window owner, String title) {
                asked.add(title);
                return (title.startsWith("Compare") ? b : a).toFile();
            }

            @Override
            public java.io.File checkpointFile(javafx.stage.Window owner, String title) {
                asked.add(title);
                return b.resolve("cfg.json").toFile();
            }
        });
        // The shell's "Open session…" accelerator, as MainWindow's menu registers it.
        robot.interact(() -> view.getScene().getAccelerators().put(new javafx.scene.input.KeyCodeCombination(
                javafx.scene.input.KeyCode.O, javafx.scene.input.KeyCombination.SHORTCUT_DOWN),
                () -> sessionOpened.add("session")));
        Waits.until(() -> featureTable(robot).getItems().size() == 40);

        robot.clickOn("#" + FeatureTable.SEARCH_ID);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.O)
                .release(javafx.scene.input.KeyCode.O, javafx.scene.input.KeyCode.CONTROL);
        Waits.until(() -> featureTable(robot).getItems().size() == 6);
        assertEquals(List.of("Open a checkpoint folder"), asked);
        assertTrue(sessionOpened.isEmpty(), "Ctrl+O in the inspector opens a checkpoint, not a session");

        robot.clickOn("Compare with…");
        Waits.until(() -> workspace.viewModel().matchProperty().get() != null);
        assertEquals("picked-b", workspace.viewModel().comparisonProperty().get().source().name());
        assertEquals(2, asked.size());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /**
     * Replaces a text field's text with the keyboard, as a user tabbing into it would: the field gets the focus (a
     * click may land beside a field scrolled out of a short pane, and a double click selects the word only when its
     * clicks come close in time, which a loaded machine does not promise), Ctrl+A selects all, then the text is typed.
     */
    private static void retype(FxRobot robot, String query, String text) {
        javafx.scene.control.TextField field = robot.lookup(query).queryAs(javafx.scene.control.TextField.class);
        robot.interact(field::requestFocus);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.A, javafx.scene.input.KeyCode.CONTROL);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText(), query + " as typed");
    }

    @SuppressWarnings("unchecked")
    private static TableView<FeatureRow> featureTable(FxRobot robot) {
        return robot.lookup("#" + FeatureTable.TABLE_ID).queryAs(TableView.class);
    }

    private static String title(FxRobot robot) {
        return robot.lookup("#" + FeatureDetailPane.TITLE_ID).queryAs(Label.class).getText();
    }

    private static List<String> cells(FxRobot robot, String tableId) {
        return robot.lookup("#" + tableId + " .table-cell").queryAllAs(TableCell.class).stream()
                .map(c -> c.getText() == null ? "" : c.getText()).toList();
    }
}
