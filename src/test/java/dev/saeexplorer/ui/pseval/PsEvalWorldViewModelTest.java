package dev.saeexplorer.ui.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.cli.PolysemyWorldCommand;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.polysemy.PolysemyEncoder;
import dev.saeexplorer.core.polysemy.PolysemyEvaluation;
import dev.saeexplorer.core.polysemy.PolysemyResult;
import dev.saeexplorer.core.polysemy.PolysemyWorld;
import dev.saeexplorer.ui.common.InputField;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The PS-Eval browser's polysemy world without a stage: background work runs inline on the test thread. */
class PsEvalWorldViewModelTest {
    @TempDir
    Path dir;
    private final List<String> errors = new ArrayList<>();
    private final Preferences node = Preferences.userRoot().node("dev/saeexplorer-test/psw-" + System.nanoTime());
    private PsEvalViewModel vm;

    @BeforeEach
    void create() {
        vm = newViewModel();
    }

    private PsEvalViewModel newViewModel() {
        return new PsEvalViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(t + ": " + m), true),
                new AppPreferences(node), new HuggingFaceCache(dir.resolve("hub")), EvaluationJob.EncoderFactory.MODEL);
    }

    @AfterEach
    void forget() throws BackingStoreException {
        node.removeNode();
    }

    /** Four words of two senses and four background features: n = 16 in 16 dimensions, so W_p is orthonormal. */
    private void smallWorld(String senseStrength) {
        WorldForm w = vm.world();
        w.words().textProperty().set("4");
        w.senses().textProperty().set("2");
        w.background().textProperty().set("4");
        w.dims().textProperty().set("16");
        w.senseStrength().textProperty().set(senseStrength);
        w.steps().textProperty().set("20");
        w.pairs().textProperty().set("200");
        w.seed().textProperty().set("5");
    }

    @Test
    void theWorldsDefaultsAreThoseOfThePolysemyWorldCommand() {
        CommandLine.Model.CommandSpec cli = new CommandLine(new PolysemyWorldCommand(null)).getCommandSpec();
        for (InputField<?> f : vm.world().fields()) {
            String flag = "--" + f.key().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            CommandLine.Model.OptionSpec option = cli.findOption(flag);
            assertNotNull(option, flag);
            String cliDefault = option.defaultValue() == null ? "" : option.defaultValue();
            assertEquals(cliDefault, f.textProperty().get(), flag);
        }
        assertEquals(PsEvalSource.MODEL, vm.sourceProperty().get(), "a language model is what PS-Eval is for");
    }

    @Test
    void theWorldNeedsNoModelAndRefusedSettingsDisableRunWithTheReason() {
        assertFalse(vm.canRunProperty().get(), "no model loaded");
        vm.sourceProperty().set(PsEvalSource.WORLD);
        assertTrue(vm.canRunProperty().get(), vm.runBlockerProperty().get());

        WorldForm w = vm.world();
        w.senses().textProperty().set("1");
        assertFalse(vm.canRunProperty().get());
        assertTrue(vm.runBlockerProperty().get().startsWith("Senses per word must be a whole number from 2"),
                vm.runBlockerProperty().get());
        w.senses().textProperty().set("2");
        w.words().textProperty().set("0");
        assertTrue(vm.runBlockerProperty().get().startsWith("Words must be a whole number from 1"),
                vm.runBlockerProperty().get());
        w.words().textProperty().set("20");
        w.sparsity().textProperty().set("1");
        assertTrue(vm.runBlockerProperty().get().startsWith("Sparsity S must be below 1"),
                vm.runBlockerProperty().get());
        w.sparsity().textProperty().set("0.9");
        w.senseStrength().textProperty().set("0");
        assertTrue(vm.runBlockerProperty().get().startsWith("Sense strength R must be a number > 0"),
                vm.runBlockerProperty().get());
        w.senseStrength().textProperty().set("1");
        w.steps().textProperty().set("many");
        assertTrue(vm.runBlockerProperty().get().contains("not a whole number"), vm.runBlockerProperty().get());
        w.steps().textProperty().set("2000");
        assertTrue(vm.canRunProperty().get(), vm.runBlockerProperty().get());

        // Every field fine alone, too large together: the core's own refusal, worded with the form's labels.
        w.words().textProperty().set("100000");
        w.dims().textProperty().set("1000");
        assertFalse(vm.canRunProperty().get());
        assertTrue(vm.runBlockerProperty().get().contains("Words, Senses per word and Background features give"),
                vm.runBlockerProperty().get());
        assertTrue(vm.runBlockerProperty().get().contains("20 million"), vm.runBlockerProperty().get());

        vm.sourceProperty().set(PsEvalSource.MODEL);
        assertTrue(vm.runBlockerProperty().get().contains("Load a language model"), vm.runBlockerProperty().get());
        vm.run();
        assertNull(vm.worldResultsProperty().get(), "a refused run starts nothing");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aSmallWorldShowsFiveEncodersAndTheOracleTellsDominantSensesApart() {
        vm.sourceProperty().set(PsEvalSource.WORLD);
        smallWorld("2");
        vm.run();
        assertTrue(errors.isEmpty(), errors.toString());
        WorldOutcome o = vm.worldResultsProperty().get();
        assertNotNull(o);
        assertEquals(List.of(PolysemyEncoder.values()), List.copyOf(o.result().results().keySet()));
        assertEquals(1.0, o.result().get(PolysemyEncoder.ORACLE).metrics().accuracy(), "R = 2 beats the word's 1");
        assertFalse(o.world().superposed());
        assertEquals(16, o.settings().latents(), "latents default to n");

        // The numbers shown are the core's on the same settings (the untrained encoders are exact).
        PolysemyResult expected = PolysemyEvaluation.run(new PolysemyWorld(4, 2, 4, 16, 0.9, 2, 5),
                new PolysemyEvaluation.Settings(16, 20, PolysemyEvaluation.Settings.DEFAULT_BATCH, 200, 5),
                java.util.EnumSet.of(PolysemyEncoder.CLOSED_FORM, PolysemyEncoder.ORACLE, PolysemyEncoder.RANDOM),
                TaskMonitor.none());
        for (PolysemyEncoder e : expected.results().keySet()) {
            assertEquals(expected.get(e).metrics(), o.result().get(e).metrics(), e.id());
        }
        assertEquals(expected.same(), o.result().same());

        List<WorldTable.Row> rows = vm.worldRows();
        assertEquals(List.of("TP", "FP", "TN", "FN", "Accuracy", "Precision", "Recall", "S-F1", "Specificity",
                "Sensitivity", "D-F1", "Average F1"), rows.stream().map(WorldTable.Row::label).toList());
        for (WorldTable.Row r : rows) {
            assertEquals(5, r.cells().size(), r.label());
        }
        Map<PolysemyEncoder, String> accuracy = rows.get(4).cells();
        assertEquals("1.000", accuracy.get(PolysemyEncoder.ORACLE));
        assertEquals(Table7.number(expected.get(PolysemyEncoder.RANDOM).metrics().accuracy()),
                accuracy.get(PolysemyEncoder.RANDOM));
        assertEquals(WorldTable.count(expected.get(PolysemyEncoder.ORACLE).metrics().tp()),
                rows.get(0).cells().get(PolysemyEncoder.ORACLE));

        assertTrue(o.explanation().startsWith("16 true features (4 words × (1 + 2 senses) + 4 background) on"
                + " orthonormal directions of 16 dimensions (no superposition)"), o.explanation());
        assertTrue(o.explanation().contains("the sense outweighs the word"), o.explanation());
        assertTrue(vm.statusProperty().get().contains("Oracle 1.000"), vm.statusProperty().get());
        assertNull(vm.resultsProperty().get(), "the language model's results are a separate thing");
    }

    @Test
    void aWeakSenseIsExplainedAsTheWordWinningTheMax() {
        vm.sourceProperty().set(PsEvalSource.WORLD);
        smallWorld("0.5");
        vm.world().dims().textProperty().set("8");
        vm.run();
        WorldOutcome o = vm.worldResultsProperty().get();
        assertTrue(o.world().superposed());
        assertTrue(o.explanation().contains("superposed into 8 dimensions"), o.explanation());
        assertTrue(o.explanation().contains("the word feature (1) is the max of the true features"), o.explanation());
        PolysemyResult.Score oracle = o.result().get(PolysemyEncoder.ORACLE);
        assertEquals(0, oracle.counts().tn() + oracle.counts().fn(), "the oracle calls every pair the same");
    }

    @Test
    void theSourceAndTheWorldsSettingsRoundTripAndABadOneChangesNothing() {
        vm.sourceProperty().set(PsEvalSource.WORLD);
        vm.world().words().textProperty().set("6");
        vm.world().senseStrength().textProperty().set("1.5");
        vm.world().latents().textProperty().set("30");
        JsonNode saved = vm.saveState();

        PsEvalViewModel other = newViewModel();
        other.restoreState(saved);
        assertEquals(PsEvalSource.WORLD, other.sourceProperty().get());
        assertEquals("6", other.world().words().textProperty().get());
        assertEquals("1.5", other.world().senseStrength().textProperty().get());
        assertEquals("30", other.world().latents().textProperty().get());
        assertEquals("40", other.world().dims().textProperty().get());

        PsEvalViewModel third = newViewModel();
        ObjectNode bad = (ObjectNode) saved.deepCopy();
        ((ObjectNode) bad.get("world")).put("senses", "1");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> third.restoreState(bad));
        assertTrue(e.getMessage().contains("Senses per word"), e.getMessage());
        ObjectNode unknown = ((ObjectNode) saved.deepCopy()).put("source", "moon");
        assertThrows(InvalidInputException.class, () -> third.restoreState(unknown));
        assertEquals(PsEvalSource.MODEL, third.sourceProperty().get());
        assertEquals("20", third.world().words().textProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aSessionSavedBeforeThePolysemyWorldStillOpens() throws Exception {
        vm.sourceProperty().set(PsEvalSource.WORLD);
        vm.world().words().textProperty().set("7");
        JsonNode old = new ObjectMapper().readTree("{\"formatVersion\": 1, \"pairs\": {\"kind\": \"sample\"},"
                + " \"template\": \"{context}\", \"balance\": \"none\", \"limit\": \"10\", \"histogram\": \"all\"}");
        vm.restoreState(old);
        assertEquals(PsEvalSource.WORLD, vm.sourceProperty().get(), "what the session does not say is left as it is");
        assertEquals("7", vm.world().words().textProperty().get());
        assertEquals("10", vm.options().limit().textProperty().get());

        PsEvalViewModel fresh = newViewModel();
        fresh.restoreState(old);
        assertEquals(PsEvalSource.MODEL, fresh.sourceProperty().get());
        assertEquals("20", fresh.world().words().textProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
