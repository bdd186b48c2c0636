package dev.saeexplorer.ui.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LogitLens;
import dev.saeexplorer.core.pseval.ModelContextEncoder;
import dev.saeexplorer.core.pseval.PsEvalResult;
import dev.saeexplorer.core.pseval.PsEvalSources;
import dev.saeexplorer.core.pseval.PsEvaluation;
import dev.saeexplorer.testkit.TinyLm;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.Waits;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The PS-Eval browser as a user drives it, headless, on a tiny random GPT-2 and SAE made for the test. */
@ExtendWith(ApplicationExtension.class)
class PsEvalViewTest {
    @TempDir
    static Path shared;
    private static Path model;
    private static Path sae;
    /** Milliseconds each context encoding waits, so a run can be caught mid-way; 0 for full speed. */
    private static volatile long encodeDelay;

    private final FxExecutor executor = new FxExecutor();
    private final List<String> errors = new ArrayList<>();
    private final Preferences node = Preferences.userRoot().node("dev/saeexplorer-test/psv-" + System.nanoTime());
    private PsEvalWorkspace workspace;
    private PsEvalViewModel vm;

    @BeforeAll
    static void fixtures() throws Exception {
        model = TinyLm.model(shared.resolve("tiny-gpt2"));
        sae = TinyLm.sae(shared.resolve("sae-a"), 1);
    }

    @Start
    void start(Stage stage) {
        encodeDelay = 0;
        EvaluationJob.EncoderFactory slowable = (m, t, h, s) -> {
            var real = new ModelContextEncoder(m, t, h, s);
            return (prompt, word) -> {
                if (encodeDelay > 0) {
                    try {
                        Thread.sleep(encodeDelay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return real.encode(prompt, word);
            };
        };
        workspace = new PsEvalWorkspace(new WorkspaceContext(executor, (t, m) -> errors.add(t + ": " + m), false),
                new AppPreferences(node), new HuggingFaceCache(shared.resolve("empty-hub")), slowable);
        vm = workspace.viewModel();
        show(stage, workspace);
    }

    /** The workspace in a window that fits Monocle's headless 1280×800 screen, with the app's theme. */
    static void show(Stage stage, PsEvalWorkspace workspace) {
        // Monocle's headless screen is 1280×800: a larger window overflows its pixel buffer.
        Scene scene = new Scene((Parent) workspace.view(), 1200, 760);
        // The workspace's stylesheet uses the theme's colour variables, as in the app: this scene only gets the theme.
        scene.getStylesheets().add(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws BackingStoreException {
        executor.shutdown();
        node.removeNode();
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        Waits.until(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void loadModelAndSae(FxRobot robot) throws TimeoutException {
        waitFor(() -> vm.pairsProperty().get() != null);
        robot.interact(() -> vm.loadModel(model));
        waitFor(() -> vm.modelProperty().get() != null);
        robot.interact(() -> vm.loadCheckpoint(false, sae));
        waitFor(() -> vm.checkpointA().loaded() != null);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    private void runToTheEnd(FxRobot robot) throws TimeoutException {
        waitFor(() -> vm.canRunProperty().get());
        robot.clickOn("#" + SetupPane.RUN_ID);
        waitFor(() -> vm.resultsProperty().get() != null && !vm.runningProperty().get());
    }

    @SuppressWarnings("unchecked")
    private static TableView<PairRow> pairs(FxRobot robot) {
        return robot.lookup("#" + PairsTable.TABLE_ID).queryAs(TableView.class);
    }

    @Test
    void withoutAModelTheWorkspaceSaysWhatItNeedsAndListsTheSamplePairs(FxRobot robot) throws TimeoutException {
        waitFor(() -> vm.pairsProperty().get() != null);
        Node panel = robot.lookup("#" + NoModelPanel.ID).query();
        assertTrue(panel.isVisible());
        String where = robot.lookup("#pseval-no-model-where").queryAs(Label.class).getText();
        assertTrue(where.contains(shared.resolve("empty-hub").toString()), where);
        assertTrue(where.contains("found no GPT-2 model"), where);
        assertTrue(robot.lookup(".no-model-panel .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains("config.json and model.safetensors")));
        assertEquals(44, pairs(robot).getItems().size());
        assertTrue(robot.lookup("#" + SetupPane.RUN_ID).queryButton().isDisabled());
        // Without results the table shows the words and contexts only.
        assertTrue(pairs(robot).getColumns().stream().filter(c -> c.getText().startsWith("Context")).allMatch(
                javafx.scene.control.TableColumn::isVisible));
        assertFalse(pairs(robot).getColumns().stream().filter(c -> c.getText().equals("Correct")).findFirst()
                .orElseThrow().isVisible());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aRunCompletesAndTheTableShowsTheCoresMetrics(FxRobot robot) throws TimeoutException {
        loadModelAndSae(robot);
        waitFor(() -> vm.canRunProperty().get());
        robot.clickOn("#pseval-search");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        waitFor(() -> vm.resultsProperty().get() != null && !vm.runningProperty().get());
        PsEvalResult expected = PsEvaluation.run(PsEvalSources.bundledSample().rows(),
                new ModelContextEncoder(Gpt2Model.load(model), Gpt2Tokenizer.r50k(), HookPoint.parse(TinyLm.HOOK),
                        CheckpointLoader.load(sae).model()), PsEvaluation.Options.defaults(), TaskMonitor.none());
        List<String> cells = robot.lookup("#" + MetricsTable.ID + " .table-cell").queryAllAs(TableCell.class).stream()
                .map(c -> c.getText()).filter(t -> t != null).toList();
        for (Table7.Row r : Table7.rows(expected, null)) {
            assertTrue(cells.contains(Table7.number(r.a())), r.metric() + " " + r.a() + " in " + cells);
            assertTrue(cells.contains(Table7.number(r.randomA())), r.metric() + " baseline in " + cells);
        }
        assertEquals(String.valueOf(expected.counts().tp()), robot.lookup("#confusion-tp").queryAs(Label.class).getText());
        assertEquals(String.valueOf(expected.counts().tn()), robot.lookup("#confusion-tn").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#" + NoModelPanel.ID).query().isVisible());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void selectingARowShowsThatPairsContextsFeaturesAndTokens(FxRobot robot) throws TimeoutException {
        loadModelAndSae(robot);
        runToTheEnd(robot);
        TableView<PairRow> table = pairs(robot);
        int index = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
            PairRow r = table.getItems().get(i);
            if (r.a() != null && r.a().maxFeature1() != null && r.a().maxFeature2() != null) {
                index = i;
                break;
            }
        }
        assertTrue(index >= 0);
        PairRow row = table.getItems().get(index);
        int at = index;
        robot.interact(() -> table.scrollTo(at));
        robot.clickOn(robot.lookup(".pairs-table .table-row-cell").match(n -> ((javafx.scene.control.TableRow<?>) n)
                .getItem() == row).<Node>query());
        waitFor(() -> vm.browser().lensProperty().get() != null && vm.browser().lensProperty().get().a2() != null
                && vm.browser().lensProperty().get().a1() != null);
        assertEquals(row, vm.browser().selectedProperty().get());
        assertEquals(row.row().targetWord(), robot.lookup("#detail-word").queryAs(Label.class).getText());
        for (int c = 1; c <= 2; c++) {
            TextFlow flow = robot.lookup("#detail-context-" + c).queryAs(TextFlow.class);
            Label word = (Label) flow.getChildren().stream().filter(n -> n.getStyleClass().contains("target-word"))
                    .findFirst().orElseThrow();
            assertEquals(row.row().targetWord().toLowerCase(Locale.ROOT), word.getText().toLowerCase(Locale.ROOT));
        }
        List<String> texts = robot.lookup("#detail-features-a .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("#" + row.a().maxFeature1() + "  (")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("#" + row.a().maxFeature2() + "  (")), texts.toString());
        LogitLens.Result lens = vm.browser().lensProperty().get().a1();
        String firstTop = PairDetail.token(lens.top().get(0).text());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith(firstTop + "  ")), firstTop + " in " + texts);
        assertTrue(texts.stream().noneMatch(t -> t.equals("computing…")), texts.toString());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void filtersNarrowTheTable(FxRobot robot) throws TimeoutException {
        loadModelAndSae(robot);
        runToTheEnd(robot);
        TableView<PairRow> table = pairs(robot);
        int all = table.getItems().size();
        robot.clickOn("#pseval-search").write("bank");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.getItems().size() > 0 && table.getItems().size() < all, table.getItems().size() + " of " + all);
        assertTrue(table.getItems().stream().allMatch(r -> (r.row().targetWord() + r.row().context1()
                + r.row().context2()).toLowerCase(Locale.ROOT).contains("bank")));
        assertTrue(robot.lookup("#pseval-pair-count").queryAs(Label.class).getText()
                .startsWith(table.getItems().size() + " of " + all));
        robot.interact(() -> robot.lookup("#pseval-search").queryAs(javafx.scene.control.TextField.class).clear());
        robot.interact(() -> robot.lookup("#pseval-filter-result").<javafx.scene.control.ComboBox<PairFilter.Result>>query()
                .setValue(PairFilter.Result.INCORRECT));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.getItems().stream().allMatch(r -> Boolean.FALSE.equals(r.correct())));
        assertEquals(vm.browser().allRows().stream().filter(r -> Boolean.FALSE.equals(r.correct())).count(),
                table.getItems().size());
    }

    @Test
    void escapeCancelsARunAndNothingIsLost(FxRobot robot) throws TimeoutException {
        loadModelAndSae(robot);
        encodeDelay = 150;
        robot.clickOn("#" + SetupPane.RUN_ID);
        ProgressBar bar = robot.lookup("#pseval-progress").queryAs(ProgressBar.class);
        waitFor(() -> bar.getProgress() > 0);
        assertTrue(vm.runningProperty().get());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        Waits.until(() -> !vm.runningProperty().get());
        String status = robot.lookup("#" + SetupPane.STATUS_ID).queryAs(Label.class).getText();
        assertTrue(status.startsWith("Cancelled"), status);
        assertNull(vm.resultsProperty().get());
        assertEquals(44, pairs(robot).getItems().size());
        assertTrue(errors.isEmpty(), errors.toString());
        Button run = robot.lookup("#" + SetupPane.RUN_ID).queryButton();
        assertFalse(run.isDisabled(), "a new run can start");
    }

    @Test
    void aWrongModelFolderIsExplainedAndTheLoadedModelStays(FxRobot robot) throws Exception {
        loadModelAndSae(robot);
        Path noWeights = Files.createDirectories(shared.resolve("no-weights-" + System.nanoTime()));
        Files.copy(model.resolve("config.json"), noWeights.resolve("config.json"));
        robot.interact(() -> vm.loadModel(noWeights));
        waitFor(() -> !errors.isEmpty());
        assertTrue(errors.get(0).contains("model.safetensors") && errors.get(0).contains("still loaded"),
                errors.get(0));
        String shown = robot.lookup("#pseval-model-loaded").queryAs(Label.class).getText();
        assertTrue(shown.contains("Still loaded: tiny-gpt2"), shown);
        assertEquals(model, vm.modelProperty().get().folder());
    }

    @Test
    void loadingAModelShowsProgressAndLeavesTheWindowResponsive(FxRobot robot) throws Exception {
        Path big = TinyLm.model(shared.resolve("wider-" + System.nanoTime()), 192, 5);
        boolean[] shownAtOnce = new boolean[1];
        robot.interact(() -> {
            vm.loadModel(big);
            shownAtOnce[0] = robot.lookup("#pseval-model-loading").query().isVisible();
        });
        // The progress shows in the same FX turn that started the load, so the load left the FX thread free: a load on
        // it would have finished (and hidden the bar) before this turn ended. How long frames take is not asserted:
        // that depends on the machine.
        assertTrue(shownAtOnce[0], "the progress bar appears as soon as the load starts");
        waitFor(() -> vm.modelProperty().get() != null);
        assertEquals(192, vm.modelProperty().get().model().dModel());
        assertFalse(robot.lookup("#pseval-model-loading").query().isVisible());
        assertTrue(errors.isEmpty(), errors.toString());
    }

}
