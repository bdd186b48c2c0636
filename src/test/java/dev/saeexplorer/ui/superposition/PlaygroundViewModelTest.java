package dev.saeexplorer.ui.superposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.superposition.FeatureStatus;
import dev.saeexplorer.core.superposition.SampleStats;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.jobs.Job;
import dev.saeexplorer.ui.jobs.QueuedExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The playground's view model, without a stage: background work runs inline (DirectExecutor, synchronous). */
class PlaygroundViewModelTest {
    private final List<String> errors = new ArrayList<>();
    private PlaygroundViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new PlaygroundViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(t + ": " + m),
                true));
    }

    private FeatureStatus[] statuses() {
        return vm.resultProperty().get().status();
    }

    @Test
    void opensOnExampleOneWithExactShrunkAndVanished() {
        assertArrayEquals(new double[][] {{1, 0, 0}, {0, 1, -1}}, vm.wp());
        assertArrayEquals(new double[] {0.5, 1.0, 0.8}, vm.x());
        assertEquals(0.5, vm.sparsity());
        assertArrayEquals(new FeatureStatus[] {FeatureStatus.EXACT, FeatureStatus.SHRUNK, FeatureStatus.VANISHED},
                statuses());
        assertArrayEquals(new double[] {0.5, 0.2, 0.0}, vm.resultProperty().get().xm(), 1e-12);
        assertTrue(vm.geometryProperty().get().nonPositiveInterference());
        assertEquals(List.of(List.of(1, 2)), vm.geometryProperty().get().polygonBlocks());
        assertNotNull(vm.curvesProperty().get(), "the curves are computed synchronously in tests");
        assertEquals(0.5, vm.curvesProperty().get().sparsity());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aLetterInAGridCellIsRefusedAndWpIsUnchanged() {
        double[][] before = vm.wp();
        assertFalse(vm.setEntry(0, 1, "0.5a"));
        assertTrue(vm.messageProperty().get().contains("not a number"), vm.messageProperty().get());
        assertArrayEquals(before, vm.wp());
        assertTrue(vm.setEntry(0, 1, "0.25"));
        assertEquals("", vm.messageProperty().get());
        assertEquals(0.25, vm.wp()[0][1]);
    }

    @Test
    void nanAndInfinityAreRefused() {
        double[][] before = vm.wp();
        assertFalse(vm.setEntry(1, 2, "NaN"));
        assertFalse(vm.messageProperty().get().isEmpty());
        assertFalse(vm.setEntry(1, 2, "Infinity"));
        assertFalse(vm.setEntry(1, 2, "1e999"));
        assertArrayEquals(before, vm.wp());
        assertFalse(vm.setX("0.5, NaN, 1"));
        assertArrayEquals(new double[] {0.5, 1.0, 0.8}, vm.x());
    }

    @Test
    void asManyDimensionsAsFeaturesIsRefusedWithWhatToDo() {
        assertFalse(vm.resize(3, 3));
        String msg = vm.messageProperty().get();
        assertTrue(msg.contains("n_p must be smaller than n") && msg.contains("raise n"), msg);
        assertEquals(2, vm.wp().length);
        assertTrue(vm.resize(2, 4));
        assertEquals(4, vm.wp()[0].length);
        assertEquals(4, vm.x().length);
        assertEquals(0.5, vm.x()[0]);
    }

    @Test
    void movingAnArrowChangesWpAndTheStatuses() {
        // Rotate feature 2 from (0, −1) to (0.6, 0.8): it now interferes positively with features 0 and 1.
        assertTrue(vm.moveColumn(2, 0.6, 0.8));
        assertArrayEquals(new double[] {0.6, 0.8}, new double[] {vm.wp()[0][2], vm.wp()[1][2]});
        assertFalse(vm.geometryProperty().get().nonPositiveInterference());
        // x_m = ReLU(G x) with x = (0.5, 1, 0.8): features 0, 1, 2 all come out larger than they are.
        assertArrayEquals(new FeatureStatus[] {FeatureStatus.INFLATED, FeatureStatus.INFLATED,
                FeatureStatus.INFLATED}, statuses());
    }

    @Test
    void movingTheSparsityMovesTheMarkerAndTheCurves() {
        CurveSet before = vm.curvesProperty().get();
        assertTrue(vm.setSparsity(0.83));
        CurveSet after = vm.curvesProperty().get();
        assertEquals(0.83, after.sparsity());
        assertTrue(after.points().stream().anyMatch(p -> p.sparsity() == 0.83));
        assertFalse(before.points().stream().anyMatch(p -> p.sparsity() == 0.83));
        assertTrue(after.grid() == before.grid(), "the grid does not depend on S and is reused");
        assertFalse(vm.setSparsity(2));
        assertEquals(0.83, vm.sparsity());
    }

    @Test
    void dragPreviewsUseFewerSamplesAndReleaseRecomputesInFull() {
        vm.setInteracting(true);
        vm.moveColumn(1, 0.3, 0.9);
        CurveSet preview = vm.curvesProperty().get();
        assertTrue(preview.preview());
        assertEquals(PlaygroundViewModel.PREVIEW_SAMPLES, preview.gridSamples());
        vm.setInteracting(false);
        CurveSet full = vm.curvesProperty().get();
        assertFalse(full.preview());
        assertEquals(20_000, full.gridSamples());
        assertEquals(20_000, full.current().samples());
    }

    @Test
    void gammaAddsTheTheoremFiveGap() {
        assertTrue(vm.setGamma("1, 0.5"));
        assertNotNull(vm.resultProperty().get().gapWSAE());
        SampleStats p = vm.curvesProperty().get().current();
        assertNotNull(p.gapWSAE());
        assertFalse(vm.setGamma("1, 2, 3"));
        assertTrue(vm.messageProperty().get().contains("one weight per row"), vm.messageProperty().get());
        assertTrue(vm.setGamma(""));
        assertNull(vm.resultProperty().get().gapWSAE());
    }

    @Test
    void presetsReplaceWpAndDrawX() {
        vm.setPreset(Preset.of(WpPreset.EXAMPLE_2), 0, 0, 0);
        assertArrayEquals(new FeatureStatus[] {FeatureStatus.SHRUNK, FeatureStatus.VANISHED, FeatureStatus.VANISHED},
                statuses());
        vm.setPreset(Preset.of(WpPreset.RANDOM_NON_POSITIVE), 8, 5, 0);
        assertEquals(5, vm.wp().length);
        assertEquals(8, vm.x().length);
        assertTrue(vm.geometryProperty().get().nonPositiveInterference());
        vm.setPreset(Preset.of(WpPreset.RANDOM_NON_POSITIVE), 20, 5, 0);
        assertTrue(vm.messageProperty().get().contains("2·n_p"), vm.messageProperty().get());
        assertEquals(8, vm.x().length);
    }

    @Test
    void aCoreRefusalNamesThePlaygroundsFieldsNotFlags() {
        assertNull(vm.setPreset(Preset.TRAINED_TOY, 5, 7, 0.9));
        assertEquals("Dimensions n_p (7) must be smaller than Features n (5): superposition needs fewer dimensions"
                + " than features", vm.messageProperty().get());
    }

    @Test
    void resampleDrawsANewXButKeepsTheCurves() {
        CurveSet curves = vm.curvesProperty().get();
        double[] x = vm.x();
        vm.resample();
        assertNotEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(vm.x()));
        assertTrue(curves == vm.curvesProperty().get());
        assertTrue(vm.setX("[0.1, 0, 2]"));
        assertArrayEquals(new double[] {0.1, 0, 2}, vm.x());
        assertFalse(vm.setX("0.1, 0.2"));
        assertFalse(vm.setX("0.1, -0.2, 1"));
    }

    @Test
    void saveAndRestoreRoundTrip() {
        vm.moveColumn(2, -0.5, -0.5);
        vm.setSparsity(0.7);
        vm.setSeed("42");
        vm.setGamma("1, 0.8");
        vm.setX("0.1, 0.2, 0.3");
        JsonNode saved = vm.saveState();
        PlaygroundViewModel other = new PlaygroundViewModel(new WorkspaceContext(new DirectExecutor(),
                (t, m) -> errors.add(m), true));
        other.restoreState(saved);
        assertEquals(vm.stateProperty().get(), other.stateProperty().get());
        assertEquals(saved, other.saveState());
        assertArrayEquals(vm.resultProperty().get().xm(), other.resultProperty().get().xm());
    }

    @Test
    void badSavedStatesAreRefusedAndChangeNothing() {
        vm.setSparsity(0.7);
        JsonNode good = vm.saveState();
        PlaygroundState before = vm.stateProperty().get();
        ObjectNode ragged = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) ragged.get("wp").get(1)).remove(2);
        ObjectNode sparsity = good.deepCopy();
        sparsity.put("sparsity", 2.0);
        ObjectNode shortX = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) shortX.get("x")).remove(0);
        ObjectNode noWp = good.deepCopy();
        noWp.remove("wp");
        ObjectNode textX = good.deepCopy();
        textX.putArray("x").add("a").add(1).add(2);
        for (JsonNode bad : List.of(ragged, sparsity, shortX, noWp, textX, Json.mapper().createArrayNode())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> vm.restoreState(bad));
            assertFalse(e.getMessage().isBlank());
            assertEquals(before, vm.stateProperty().get());
        }
    }

    @Test
    void aToyModelTrainingReplacedByANewerOneNeitherEndsItNorChangesWp() {
        QueuedExecutor executor = new QueuedExecutor();
        PlaygroundViewModel queued = new PlaygroundViewModel(new WorkspaceContext(executor,
                (t, m) -> errors.add(t + ": " + m), true));
        double[][] before = queued.wp();
        Job first = queued.setPreset(Preset.TRAINED_TOY, 5, 2, 0.7);
        Job second = queued.setPreset(Preset.TRAINED_TOY, 5, 2, 0.7);
        assertTrue(first.isCancelled(), "the replaced training is asked to stop");
        assertFalse(second.isCancelled());
        assertTrue(queued.trainingProperty().get());

        executor.runNext(); // the first stops after one step; its callback no longer counts
        assertTrue(queued.trainingProperty().get(), "the newer training is still on");
        assertArrayEquals(before, queued.wp());

        second.cancel();
        executor.runAll();
        assertFalse(queued.trainingProperty().get());
        assertArrayEquals(before, queued.wp(), "a cancelled training leaves W_p as it was");
        assertTrue(errors.isEmpty(), "a cancel is not an error: " + errors);
    }
}
