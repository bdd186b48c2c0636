package dev.saeexplorer.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.experiment.SweepFiles;
import dev.saeexplorer.core.world.WorldPreset;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.WorldChoice;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.jobs.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepViewModelTest {
    private final List<String> reported = new ArrayList<>();

    private SweepViewModel directModel() {
        return new SweepViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> reported.add(t + ": " + m), true));
    }

    /** Two sparsities, one seed, 30 steps: four quick runs. */
    /** The paper's uniform world, SAE against the variance WSAE, 2 × 1 × 2 short runs. */
    static void tiny(SweepViewModel vm) {
        vm.form().world().choiceProperty().set(WorldChoice.UNIFORM);
        vm.form().wsaeWeightingProperty().set(WsaeModels.VARIANCE);
        vm.form().gridProperty().set("0.5,0.9");
        vm.form().seedsProperty().set("1");
        vm.form().stepsProperty().set("30");
        vm.form().latentsProperty().set("20");
    }

    @Test
    void defaultsOpenOnTheWorldWhereReweightingMattersWithTheOracleBeside() {
        SweepViewModel vm = directModel();
        SweepSettings s = vm.form().settingsProperty().get();
        assertNotNull(s);
        assertEquals(WorldPreset.ZIPF, s.world().preset(), "the committed sweep's one world with a WSAE gain");
        assertEquals(WsaeModels.BOTH, s.wsae());
        assertEquals(WpSource.PRESET, s.source());
        assertEquals(WpPreset.TOY_MODEL, s.preset());
        assertEquals("0,0.3,0.6,0.8,0.9,0.95,0.99", vm.form().gridProperty().get());
        assertEquals(2, s.seeds());
        assertEquals(2000, s.steps());
        assertEquals(42, s.totalRuns());
        assertEquals("0 of 42 runs", vm.runsTextProperty().get());
        assertTrue(vm.canRunProperty().get());
    }

    @Test
    void runDeliversSaeAndWsaeRowsAndFillsEveryFigure() {
        SweepViewModel vm = directModel();
        tiny(vm);
        assertTrue(vm.run());

        assertEquals(SweepState.DONE, vm.stateProperty().get(), () -> "reported: " + reported);
        assertTrue(reported.isEmpty(), () -> "unexpected errors: " + reported);
        assertEquals(4, vm.rows().size());
        Set<String> models = new TreeSet<>();
        Set<Double> sparsities = new TreeSet<>();
        for (SweepRow r : vm.rows()) {
            models.add(r.model());
            sparsities.add(r.sparsity());
            assertEquals(30, r.steps());
            assertTrue(Double.isFinite(r.lossGT()));
        }
        assertEquals(Set.of("SAE", "WSAE"), models);
        assertEquals(Set.of(0.5, 0.9), sparsities);
        assertEquals("4 of 4 runs", vm.runsTextProperty().get());
        assertEquals(1.0, vm.progressProperty().get(), 1e-12);
        for (SweepFigure f : SweepFigure.values()) {
            XYDataset d = vm.chart(f).getXYPlot().getDataset();
            assertEquals(2, d.getSeriesCount(), f.name());
            assertEquals("SAE", d.getSeriesKey(0));
            assertEquals("WSAE", d.getSeriesKey(1));
            assertEquals(2, d.getItemCount(0), f.name());
            assertEquals(2, d.getItemCount(1), f.name());
        }
    }

    @Test
    void chartsAreRebuiltAsRowsArrive() {
        SweepViewModel vm = directModel();
        tiny(vm);
        List<Integer> itemsSeen = new ArrayList<>();
        vm.chartsRevisionProperty().addListener((obs, was, now) -> {
            XYDataset d = vm.chart(SweepFigure.FIGURE_3A).getXYPlot().getDataset();
            int items = 0;
            for (int s = 0; s < d.getSeriesCount(); s++) {
                items += d.getItemCount(s);
            }
            itemsSeen.add(items);
        });
        vm.run();
        // With the direct executor every row is its own batch: the chart grows point by point.
        assertEquals(List.of(0, 1, 2, 3, 4), itemsSeen);
    }

    @Test
    void aLetterInTheGridIsRefusedWithAMessageAndRunDoesNothing() {
        SweepViewModel vm = directModel();
        vm.form().gridProperty().set("0.1,abc");
        assertNull(vm.form().settingsProperty().get());
        assertTrue(vm.form().validationMessageProperty().get().contains("'abc'"), vm.form().validationMessageProperty().get());
        assertTrue(vm.form().validationMessageProperty().get().contains("0,0.5,0.9"));
        assertFalse(vm.canRunProperty().get());
        assertFalse(vm.run());
        assertEquals(SweepState.IDLE, vm.stateProperty().get());
        assertTrue(vm.rows().isEmpty());
        assertFalse(vm.form().fieldErrorProperty(SettingsParser.Field.GRID).get().isEmpty());
        assertTrue(vm.form().fieldErrorProperty(SettingsParser.Field.SEEDS).get().isEmpty());
    }

    @Test
    void sparsitiesOutsideTheUnitIntervalNanAndDuplicatesAreRefused() {
        SweepViewModel vm = directModel();
        vm.form().gridProperty().set("0.5,1.2");
        assertNull(vm.form().settingsProperty().get());
        assertTrue(vm.form().validationMessageProperty().get().contains("1.2 is outside [0, 1]"));
        vm.form().gridProperty().set("NaN");
        assertNull(vm.form().settingsProperty().get());
        vm.form().gridProperty().set("0.5,,0.9");
        assertTrue(vm.form().validationMessageProperty().get().contains("empty entry"));
        vm.form().gridProperty().set("0.5,0.50");
        assertTrue(vm.form().validationMessageProperty().get().contains("appears twice"));
        vm.form().gridProperty().set("0.9, 0.5");
        assertNotNull(vm.form().settingsProperty().get());
        assertEquals("", vm.form().validationMessageProperty().get());
    }

    @Test
    void badNumbersInOtherFieldsAreRefusedFieldByField() {
        SweepViewModel vm = directModel();
        vm.form().seedsProperty().set("0");
        vm.form().l1Property().set("-1");
        vm.form().alphaProperty().set("x");
        assertNull(vm.form().settingsProperty().get());
        assertTrue(vm.form().fieldErrorProperty(SettingsParser.Field.SEEDS).get().contains("from 1 to"));
        assertTrue(vm.form().fieldErrorProperty(SettingsParser.Field.L1).get().contains("≥ 0"));
        assertTrue(vm.form().fieldErrorProperty(SettingsParser.Field.ALPHA).get().contains("'x' is not a number"));
        assertEquals(3, vm.form().validationMessageProperty().get().split("\n").length);
    }

    @Test
    void toyModelFieldsCountOnlyForTheTrainedToySource() {
        SweepViewModel vm = directModel();
        vm.form().toyFeaturesProperty().set("5");
        vm.form().toyDimsProperty().set("8");
        assertNotNull(vm.form().settingsProperty().get(), "the bundled source ignores the toy-model fields");
        vm.form().sourceProperty().set(WpSource.TRAINED_TOY);
        assertNull(vm.form().settingsProperty().get());
        assertTrue(vm.form().fieldErrorProperty(SettingsParser.Field.TOY_DIMS).get().contains("fewer than its features"));
        vm.form().toyDimsProperty().set("2");
        assertEquals(new SweepSettings.ToySpec(5, 2, 0.9, 2000), vm.form().settingsProperty().get().toy());
    }

    @Test
    void aToyModelTrainedPerSeedFeedsTheSweep() {
        SweepViewModel vm = directModel();
        tiny(vm);
        vm.form().gridProperty().set("0.8");
        vm.form().seedsProperty().set("2");
        vm.form().sourceProperty().set(WpSource.TRAINED_TOY);
        vm.form().toyFeaturesProperty().set("6");
        vm.form().toyDimsProperty().set("3");
        vm.form().toyStepsProperty().set("20");
        vm.run();
        assertEquals(SweepState.DONE, vm.stateProperty().get(), () -> "reported: " + reported);
        assertEquals(4, vm.rows().size());
        assertEquals(Set.of(0L, 1L), new TreeSet<>(vm.rows().stream().map(SweepRow::seed).toList()));
    }

    // The two tests below run the sweep on a real worker thread. They wait on events (the trainer holds, the state
    // changes), never on elapsed time; that pause and cancel act within one step is proved in SaeTrainerTest.
    private SweepViewModel startLongSweep(PlainThreadExecutor executor) throws Exception {
        return executor.onUi(() -> {
            SweepViewModel m = new SweepViewModel(new WorkspaceContext(executor, (t, msg) -> reported.add(msg), false));
            tiny(m);
            m.form().stepsProperty().set("1000000");
            assertTrue(m.run());
            return m;
        });
    }

    @Test
    void cancelStopsARunningSweep() throws Exception {
        try (PlainThreadExecutor executor = new PlainThreadExecutor()) {
            SweepViewModel vm = startLongSweep(executor);
            assertEquals(SweepState.RUNNING, executor.onUi(() -> vm.stateProperty().get()));
            executor.await(vm.statusMessageProperty(), () -> vm.statusMessageProperty().get().contains("step"));
            executor.onUi(() -> {
                vm.cancel();
                return null;
            });
            executor.await(vm.stateProperty(), () -> vm.stateProperty().get() == SweepState.CANCELLED);
            assertTrue(executor.onUi(() -> vm.statusMessageProperty().get()).startsWith("Cancelled after 0 of 4 runs"));
            assertTrue(executor.onUi(() -> vm.canRunProperty().get()));
            assertTrue(reported.isEmpty(), "a cancel is not an error");
        }
    }

    @Test
    void pauseHoldsTheSweepBetweenStepsAndResumeOrCancelGoOn() throws Exception {
        try (PlainThreadExecutor executor = new PlainThreadExecutor()) {
            SweepViewModel vm = startLongSweep(executor);
            executor.await(vm.statusMessageProperty(), () -> vm.statusMessageProperty().get().contains("step"));
            Job job = executor.onUi(() -> {
                vm.pause();
                return vm.job();
            });
            assertEquals(SweepState.PAUSED, executor.onUi(() -> vm.stateProperty().get()));
            assertTrue(executor.onUi(() -> vm.runningProperty().get()), "a paused sweep is still under way");
            assertFalse(executor.onUi(() -> vm.canRunProperty().get()));
            assertTrue(job.control().awaitHeld(1, Duration.ofMinutes(5)), "the trainer holds after its current step");

            executor.onUi(() -> {
                vm.resume();
                return null;
            });
            assertEquals(SweepState.RUNNING, executor.onUi(() -> vm.stateProperty().get()));
            // Training goes on: the trainer reports steps again.
            executor.await(vm.statusMessageProperty(), () -> vm.statusMessageProperty().get().contains("step"));
            executor.onUi(() -> {
                vm.pause();
                return null;
            });
            assertTrue(job.control().awaitHeld(1, Duration.ofMinutes(5)));
            executor.onUi(() -> {
                vm.cancel();
                return null;
            });
            executor.await(vm.stateProperty(), () -> vm.stateProperty().get() == SweepState.CANCELLED);
            assertTrue(reported.isEmpty(), reported::toString);
        }
    }

    @Test
    void aWorldWithBothWeightingsTrainsTheSaeAndTwoWsaesOnTheWorldsOwnWp() {
        SweepViewModel vm = directModel();
        tiny(vm);
        vm.form().presetProperty().set(WpPreset.EXAMPLE_1);
        vm.form().world().choiceProperty().set(WorldChoice.of(WorldPreset.ZIPF));
        vm.form().wsaeWeightingProperty().set(WsaeModels.BOTH);
        assertEquals(6, vm.form().settingsProperty().get().totalRuns());
        assertTrue(vm.run());

        assertEquals(SweepState.DONE, vm.stateProperty().get(), () -> "reported: " + reported);
        assertEquals(6, vm.rows().size());
        Set<String> models = new TreeSet<>();
        for (SweepRow r : vm.rows()) {
            models.add(r.model());
            assertEquals(10, r.weights().length, "the world's toy model (n_p 10), not the preset's Example 1");
        }
        assertEquals(Set.of("SAE", "WSAE", "WSAE (oracle)"), models);
        assertEquals(3, vm.chart(SweepFigure.FIGURE_3A).getXYPlot().getDataset().getSeriesCount());
    }

    @Test
    void aZipfWorldRefusesSparsityOneOnTheGrid() {
        SweepViewModel vm = directModel();
        vm.form().world().choiceProperty().set(WorldChoice.UNIFORM);
        vm.form().gridProperty().set("0.5,1");
        assertNotNull(vm.form().settingsProperty().get(), "uniform firing at S = 1 is allowed");
        vm.form().world().choiceProperty().set(WorldChoice.of(WorldPreset.ZIPF));
        assertNull(vm.form().settingsProperty().get());
        String grid = vm.form().fieldErrorProperty(SettingsParser.Field.GRID).get();
        assertTrue(grid.contains("[0, 1)"), grid);
    }

    @Test
    void aWorldFileWithANegativeProbabilityIsRefusedAndChangesNothing(@TempDir Path tmp) throws Exception {
        SweepViewModel vm = directModel();
        SweepSettings before = vm.form().settingsProperty().get();
        Path bad = tmp.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "{\"wp\": \"preset:toy-model\", \"firing\": {\"kind\": \"uniform\","
                + " \"sparsity\": 0.9}, \"hierarchy\": [{\"parent\": 0, \"child\": 1, \"probability\": -0.5}]}");
        assertFalse(vm.form().world().open(bad));
        String problem = vm.form().world().problemProperty().get();
        assertTrue(problem.contains("hierarchy[0]: probability must be in [0, 1], got -0.5"), problem);
        assertEquals(before, vm.form().settingsProperty().get());
    }

    @Test
    void theWorldAndBothWeightingsRoundTripAndOldSessionsOpenAsUniform() throws Exception {
        SweepViewModel vm = directModel();
        vm.form().world().choiceProperty().set(WorldChoice.of(WorldPreset.HIERARCHY));
        vm.form().wsaeWeightingProperty().set(WsaeModels.BOTH);
        String saved = Json.mapper().writeValueAsString(vm.saveState());
        assertTrue(saved.contains("\"variance,oracle\""), saved);

        SweepViewModel other = directModel();
        other.restoreState(Json.mapper().readTree(saved));
        assertEquals(vm.form().settingsProperty().get(), other.form().settingsProperty().get());
        assertEquals(WorldPreset.HIERARCHY, other.form().world().get().preset());

        ObjectNode old = (ObjectNode) Json.mapper().readTree(saved);
        ObjectNode settings = (ObjectNode) old.get("settings");
        settings.remove("world");
        settings.put("wsaeWeighting", "oracle");
        other.restoreState(old);
        assertTrue(other.form().world().get().isUniform());
        assertEquals(WsaeModels.ORACLE, other.form().settingsProperty().get().wsae());
    }

    @Test
    void aSessionFromBeforeTheCatalogueOpensTheBundledToyModelAsAPreset() throws Exception {
        SweepViewModel vm = directModel();
        ObjectNode state = vm.saveState();
        ObjectNode settings = (ObjectNode) state.get("settings");
        settings.put("source", "bundled-toy");
        settings.put("preset", "example1");
        vm.form().sourceProperty().set(WpSource.TRAINED_TOY);
        vm.restoreState(state);
        assertEquals(WpSource.PRESET, vm.form().sourceProperty().get());
        assertEquals(WpPreset.TOY_MODEL, vm.form().presetProperty().get());
    }

    @Test
    void saveAndRestoreRoundTripSettingsAndRows() throws Exception {
        SweepViewModel vm = directModel();
        tiny(vm);
        vm.form().alphaProperty().set("0.5");
        vm.run();
        String saved = Json.mapper().writeValueAsString(vm.saveState());

        SweepViewModel other = directModel();
        other.restoreState(Json.mapper().readTree(saved));
        assertEquals(vm.form().settingsProperty().get(), other.form().settingsProperty().get());
        assertEquals("0.5,0.9", other.form().gridProperty().get());
        assertEquals("0.5", other.form().alphaProperty().get());
        assertEquals(SweepColumns.cells(vm.rows()), SweepColumns.cells(other.rows()));
        assertEquals("4 of 4 runs", other.runsTextProperty().get());
        XYDataset d = other.chart(SweepFigure.FIGURE_2).getXYPlot().getDataset();
        assertEquals(2, d.getSeriesCount());
        assertEquals(saved, Json.mapper().writeValueAsString(other.saveState()));
    }

    @Test
    void aBadSessionIsRefusedAndNothingChanges() throws Exception {
        SweepViewModel vm = directModel();
        tiny(vm);
        vm.run();
        JsonNode before = vm.saveState();
        JFreeChart chartBefore = vm.chart(SweepFigure.FIGURE_3D);

        List<JsonNode> bad = new ArrayList<>();
        bad.add(edit(before, o -> o.put("version", 99)));
        bad.add(edit(before, o -> o.remove("rows")));
        bad.add(edit(before, o -> ((ObjectNode) o.get("settings")).putArray("sparsities").add(0.5).add(1.5)));
        bad.add(edit(before, o -> ((ObjectNode) o.get("settings")).put("seeds", 0)));
        bad.add(edit(before, o -> ((ObjectNode) o.get("settings")).put("source", "martian")));
        bad.add(edit(before, o -> ((ObjectNode) o.get("settings")).put("world", "moon")));
        bad.add(edit(before, o -> ((ObjectNode) o.get("settings")).put("wsaeWeighting", "variance,raw")));
        bad.add(edit(before, o -> ((ObjectNode) o.get("rows").get(0)).put("sparsity", 2.0)));
        bad.add(edit(before, o -> ((ObjectNode) o.get("rows").get(1)).remove("model")));
        bad.add(edit(before, o -> ((ObjectNode) o.get("rows").get(1)).put("steps", "many")));
        bad.add(Json.mapper().readTree("[1, 2]"));

        vm.form().gridProperty().set("0.2,0.4");
        JsonNode current = vm.saveState();
        for (JsonNode b : bad) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> vm.restoreState(b), b::toString);
            assertFalse(e.getMessage().isBlank());
            assertEquals(current, vm.saveState());
            assertEquals("0.2,0.4", vm.form().gridProperty().get());
            assertEquals(4, vm.rows().size());
            assertTrue(chartBefore == vm.chart(SweepFigure.FIGURE_3D), "charts unchanged");
        }
        InvalidInputException future = assertThrows(InvalidInputException.class, () -> vm.restoreState(bad.get(0)));
        assertTrue(future.getMessage().contains("newer"), future.getMessage());
    }

    @Test
    void rowsExportToCsvAndJsonThatReadBack(@TempDir Path dir) {
        SweepViewModel vm = directModel();
        tiny(vm);
        vm.run();
        for (String name : List.of("rows.csv", "rows.json")) {
            Path file = dir.resolve(name);
            vm.exportRows(file);
            List<SweepRow> back = SweepFiles.read(file);
            assertEquals(SweepColumns.cells(vm.rows()), SweepColumns.cells(back), name);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> vm.exportRows(dir.resolve("rows.txt")));
        assertTrue(e.getMessage().contains(".csv or .json"));
    }

    @Test
    void everyRowColumnIsFormattedForTheTable() {
        SweepRow r = new SweepRow(0.9, 1, "WSAE", 1.234567, null, 0.000012345, 0.5, 3.0, 2, 1234567.0, 30, "cpu",
                "variance", 1.0, new double[] {0.25, 1.0}, null, null, null);
        List<String> cells = SweepColumns.cells(List.of(r)).get(0);
        assertEquals(SweepColumns.headers().size(), cells.size());
        assertEquals(List.of("0.9", "1", "WSAE", "1.2346", "", "1.2345e-05", "0.5", "3", "2", "1.2346e+06", "30", "cpu",
                "variance", "1", "0.25 1"), cells);
    }

    private static JsonNode edit(JsonNode base, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        return copy;
    }
}
