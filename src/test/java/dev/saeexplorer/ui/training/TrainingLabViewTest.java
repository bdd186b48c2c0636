package dev.saeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.ui.Waits;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import dev.saeexplorer.core.world.WorldPreset;
import dev.saeexplorer.ui.common.WorldChoice;
import dev.saeexplorer.ui.common.WorldPicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TrainingLabViewTest {
    private final FxExecutor executor = new FxExecutor();
    private final List<String> errors = new ArrayList<>();
    private TrainingLabWorkspace workspace;

    @Start
    void start(Stage stage) {
        // Monocle's headless screen is 1280×800: a larger window overflows its pixel buffer.
        workspace = new TrainingLabWorkspace(new WorkspaceContext(executor, (t, m) -> errors.add(t + ": " + m), false));
        stage.setScene(new Scene((Parent) workspace.view(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void startShowsProgressAndCancelStopsTheRun(FxRobot robot) throws Exception {
        // Set through the field itself (the pane may be scrolled differently when other UI tests ran first).
        TextField steps = robot.lookup("#field-steps").queryAs(TextField.class);
        robot.interact(() -> steps.setText("2000000"));
        assertEquals("2000000", robot.lookup("#field-steps").queryAs(TextField.class).getText());
        String idle = status(robot);
        robot.clickOn("Start");
        ProgressBar bar = robot.lookup("#training-progress").queryAs(ProgressBar.class);
        Waits.until(() -> bar.getProgress() > 0);
        assertFalse(idle.equals(status(robot)));
        assertEquals(RunState.RUNNING, workspace.viewModel().stateProperty().get());

        robot.clickOn("Cancel");
        // How soon cancel acts is proved step-exactly in SaeTrainerTest; here only that the click reaches the run.
        Waits.until(() -> workspace.viewModel().stateProperty().get() == RunState.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(status(robot).startsWith("Cancelled"), status(robot));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aShortRunFillsTheMetricsTableWithNumbers(FxRobot robot) throws TimeoutException {
        TextField steps = robot.lookup("#field-steps").queryAs(TextField.class);
        robot.interact(() -> steps.setText("300"));
        // Below the fold of the settings pane: set through the view model (the field is bound to it).
        robot.interact(() -> workspace.viewModel().settings().evalSamples().textProperty().set("1024"));
        robot.clickOn("Start");
        Waits.until(() -> workspace.viewModel().stateProperty().get() == RunState.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<MetricRow> table = robot.lookup(".metrics-table").queryAs(TableView.class);
        assertEquals(9, table.getItems().size());
        MetricRow lossGt = table.getItems().get(0);
        assertTrue(Double.parseDouble(lossGt.sae()) >= 0, lossGt.toString());
        assertTrue(Double.parseDouble(lossGt.wsae()) >= 0, lossGt.toString());
        assertTrue(robot.lookup(".metrics-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(c -> lossGt.sae().equals(c.getText())), "the table shows the numbers");
        assertEquals(9, workspace.tables().get(0).rows().get().size());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aLetterInAFieldIsRefusedWhereItIsTypedAndStartIsDisabled(FxRobot robot) {
        robot.clickOn("#field-sparsity").eraseText(3).write("0.9a");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().contains("not a number")));
        assertTrue(robot.lookup("Start").queryButton().isDisabled());
    }

    @Test
    void aCoreRuleNamesAndMarksTheFieldInTheFormsWordsNotAFlag(FxRobot robot) {
        SettingsForm f = workspace.viewModel().settings();
        robot.interact(() -> {
            f.activationProperty().set(ActivationChoice.TOPK);
            f.k().textProperty().set("50");
        });
        WaitForAsyncUtils.waitForFxEvents();
        TextField k = robot.lookup("#field-k").queryAs(TextField.class);
        assertTrue(k.getPseudoClassStates().contains(atlantafx.base.theme.Styles.STATE_DANGER), "the k field is marked");
        assertTrue(robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().equals(
                        "k (50) is larger than the number of latents, Latents (40).")));
        assertTrue(robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .noneMatch(l -> l.isVisible() && l.getText().contains("--")));
        assertTrue(robot.lookup("Start").queryButton().isDisabled());
        robot.interact(() -> f.activationProperty().set(ActivationChoice.RELU));
    }

    @Test
    void theWorldChoiceDecidesTheWpAndTheNoteAndABadFileIsNamedUnderIt(FxRobot robot, @TempDir Path tmp)
            throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<WorldChoice> world = robot.lookup("#lab" + WorldPicker.BOX).queryAs(ComboBox.class);
        Label note = robot.lookup("#lab-world-note").queryAs(Label.class);
        assertEquals(WorldPreset.ZIPF, world.getValue().preset());
        assertEquals(4, world.getItems().size());
        assertTrue(note.getText().contains("6% better"), note.getText());
        assertTrue(wpBox(robot).isDisabled(), "the Zipf world brings its own W_p");

        robot.interact(() -> world.setValue(WorldChoice.UNIFORM));
        assertFalse(wpBox(robot).isDisabled());
        assertTrue(note.getText().contains("no difference"), note.getText());

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"wp\": \"preset:toy-model\", \"firing\": {\"kind\": \"uniform\", \"sparsity\": -0.2}}");
        robot.interact(() -> workspace.viewModel().settings().world().open(bad));
        Label problem = robot.lookup("#lab" + WorldPicker.PROBLEM).queryAs(Label.class);
        assertTrue(problem.isVisible() && problem.getText().contains("sparsity must be in [0, 1], got -0.2"),
                problem.getText());
        assertEquals(WorldChoice.UNIFORM, world.getValue(), "a refused file changes nothing");
        robot.interact(() -> world.setValue(WorldChoice.of(WorldPreset.GROUPS)));
        assertFalse(problem.isVisible(), "choosing a world clears the refusal");
    }

    private static ComboBox<?> wpBox(FxRobot robot) {
        return robot.lookup(".settings-grid .combo-box").queryAllAs(ComboBox.class).stream()
                .filter(b -> b.getValue() instanceof dev.saeexplorer.core.world.WpPreset).findFirst().orElseThrow();
    }

    @Test
    void curvesAndHeadersTakeTheModelsColoursFromTheChartStyle(FxRobot robot) {
        // "Training loss": SAE loss and reconstruction, then the WSAE's; the reconstruction term dashed.
        XYItemRenderer r = workspace.charts().get(0).chart().get().getXYPlot().getRenderer();
        assertEquals(ChartStyle.Role.SAE.colour(), r.getSeriesPaint(0));
        assertEquals(ChartStyle.Role.SAE.colour(), r.getSeriesPaint(1));
        assertEquals(ChartStyle.Role.WSAE.colour(), r.getSeriesPaint(2));
        assertEquals(ChartStyle.Role.WSAE.colour(), r.getSeriesPaint(3));
        assertEquals(ChartStyle.SOLID, r.getSeriesStroke(0));
        assertEquals(ChartStyle.DASHED, r.getSeriesStroke(1));
        // The live grid's column headers are written in the same colours (a stylesheet made from the chart style).
        assertEquals(fx(ChartStyle.Role.SAE.colour()), header(robot, "SAE").getTextFill());
        assertEquals(fx(ChartStyle.Role.WSAE.colour()), header(robot, "WSAE").getTextFill());
    }

    private static Label header(FxRobot robot, String text) {
        return robot.lookup(".live-grid .label").queryAllAs(Label.class).stream()
                .filter(l -> text.equals(l.getText())).findFirst().orElseThrow();
    }

    private static Color fx(java.awt.Color c) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#training-status").queryAs(Label.class).getText();
    }
}
