package dev.saeexplorer.ui.superposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.MonteCarlo;
import dev.saeexplorer.core.superposition.SampleStats;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's Monte-Carlo over worlds (issue 13 part 1). On Example 1 (W_p = [[1, 0, 0], [0, 1, −1]]) the
 * closed form gives x_m = (x₁, ReLU(x₂ − x₃), ReLU(x₃ − x₂)), so ‖x − x_m‖² = 2·min(x₂, x₃)² and, with independent
 * firing p_i and Uniform(0, 1] magnitudes, L_GT = p₂ p₃ · 2 E[min(U, V)²] = p₂ p₃ / 3 exactly.
 */
class PlaygroundWorldTest {
    private final List<String> errors = new ArrayList<>();
    private PlaygroundViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new PlaygroundViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(t + ": " + m),
                true));
    }

    private SampleStats current() {
        return vm.curvesProperty().get().current();
    }

    @Test
    void thePapersWorldIsTheDefaultAndDrawsExactlyWhatTheUniformSamplerDraws() {
        PlaygroundState s = vm.stateProperty().get();
        assertEquals(PlaygroundWorlds.PAPER, s.world());
        SampleStats direct = new MonteCarlo(new ClosedForm(s.superposition(), new Activation.Relu()))
                .run(s.sparsity(), s.samples(), s.seed(), null, TaskMonitor.none());
        assertEquals(direct, current());
        assertEquals(0.25 / 3, current().lossGT(), 0.006); // p₂ = p₃ = 1 − S = 0.5
    }

    @Test
    void zipfRatesChangeTheCurvesAsTheClosedFormSays() {
        assertTrue(vm.setWorld(PlaygroundWorlds.ZIPF));
        // Weights 1, 1/2, 1/3 scaled to (1 − 0.5)·3 = 1.5 active on average: p = 9/11, 9/22, 3/11.
        double expected = (9.0 / 22) * (3.0 / 11) / 3;
        assertEquals(expected, current().lossGT(), 0.006);
        assertNotEquals(0.25 / 3, current().lossGT(), 0.03);
        // The grid reaches S = 1, where a Zipf world's features no longer fire on their own.
        SampleStats atOne = vm.curvesProperty().get().grid().stream().filter(p -> p.sparsity() == 1.0).findFirst()
                .orElseThrow();
        assertEquals(0.0, atOne.lossGT());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void resampleDrawsFromTheWorld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("always-first.json");
        // At S = 0.5 on n = 3, 1.5 features fire on average; with weights (i + 1)^−8 feature 0 takes the first whole one
        // (capped at p = 1, the rest shared by the others), so every resample has x₀ > 0.
        Files.writeString(file, "{\"formatVersion\": 1, \"wp\": \"preset:toy-model\", \"firing\": {\"kind\": \"zipf\","
                + " \"exponent\": 8, \"meanActive\": 1}}");
        assertTrue(vm.openWorld(file), vm.messageProperty().get());
        assertEquals(0.5, vm.sparsity());
        for (int i = 0; i < 20; i++) {
            vm.resample();
            assertTrue(vm.x()[0] > 0, "x₀ fires at p = 1");
        }
    }

    @Test
    void aWorldThatDoesNotFitWpIsRefusedWithAReasonAndChangesNothing(@TempDir Path dir) throws Exception {
        PlaygroundState before = vm.stateProperty().get();
        Path tooBig = dir.resolve("hierarchy.json");
        Files.writeString(tooBig, "{\"formatVersion\": 1, \"wp\": \"preset:toy-model\", \"firing\": {\"kind\":"
                + " \"uniform\", \"sparsity\": 0.5}, \"hierarchy\": [{\"parent\": 0, \"child\": 7, \"probability\": 0.5}]}");
        Path negative = dir.resolve("negative.json");
        Files.writeString(negative, "{\"formatVersion\": 1, \"wp\": \"preset:toy-model\", \"firing\": {\"kind\":"
                + " \"uniform\", \"sparsity\": -0.5}}");
        for (Path bad : List.of(tooBig, negative, dir.resolve("missing.json"))) {
            assertFalse(vm.openWorld(bad), bad.toString());
            assertFalse(vm.messageProperty().get().isBlank());
            assertFalse(vm.messageProperty().get().contains("Exception"), vm.messageProperty().get());
            assertEquals(before, vm.stateProperty().get());
        }
    }

    @Test
    void aLoadedWorldTravelsInTheSessionAndOldSessionsOpenWithThePapers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("groups.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"wp\": \"preset:toy-model\", \"firing\": {\"kind\":"
                + " \"uniform\", \"sparsity\": 0.5}, \"groups\": [{\"features\": [1, 2], \"probability\": 0.3}]}");
        assertTrue(vm.openWorld(file), vm.messageProperty().get());
        World loaded = vm.stateProperty().get().world();
        assertEquals(1, loaded.groups().size());
        JsonNode saved = vm.saveState();
        PlaygroundViewModel other = new PlaygroundViewModel(new WorkspaceContext(new DirectExecutor(),
                (t, m) -> errors.add(m), true));
        other.restoreState(saved);
        assertEquals(vm.stateProperty().get(), other.stateProperty().get());
        assertEquals(current(), other.curvesProperty().get().current());

        ObjectNode old = saved.deepCopy();
        old.remove("world");
        other.restoreState(old);
        assertEquals(PlaygroundWorlds.PAPER, other.stateProperty().get().world());
    }

    @Test
    void shrinkingWpBelowTheWorldsFeaturesFallsBackToThePapersWorld(@TempDir Path dir) throws Exception {
        assertTrue(vm.resize(2, 6));
        Path file = dir.resolve("late-child.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"wp\": \"preset:toy-model\", \"firing\": {\"kind\":"
                + " \"uniform\", \"sparsity\": 0.5}, \"hierarchy\": [{\"parent\": 0, \"child\": 5, \"probability\": 0.5}]}");
        assertTrue(vm.openWorld(file), vm.messageProperty().get());
        assertTrue(vm.resize(2, 4));
        assertEquals(PlaygroundWorlds.PAPER, vm.stateProperty().get().world());
    }
}
