package dev.saeexplorer.ui.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.CheckpointFormat;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.jobs.QueuedExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointInspectorViewModelTest {
    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final Preferences node = Preferences.userRoot().node("dev/saeexplorer-test/ck-" + System.nanoTime());

    @AfterEach
    void forget() throws Exception {
        node.removeNode();
    }

    private CheckpointInspectorViewModel vm() {
        return new CheckpointInspectorViewModel(new WorkspaceContext(new DirectExecutor(),
                (t, m) -> errors.add(t + ": " + m), true), new AppPreferences(node), List::of);
    }

    /** A: decoder rows (3, 4), (0, −2), (0, 0); encoder columns (1, 0), (0, 1), (1, 0); densities 10^−1, 10^−2.5, dead. */
    private Path handMadeA() {
        return InspectorFixtures.saeLens(dir.resolve("a"), new float[][] {{1, 0, 1}, {0, 1, 0}},
                new float[][] {{3, 4}, {0, -2}, {0, 0}}, new double[] {-1, -2.5, -10}, "blocks.3.hook_resid_pre");
    }

    /** Each format the readers know opens in the inspector, which says how it read the files. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "openai/gpt2-small/resid_post_mlp_v5_32k/autoencoders/3.pt",
        "dictionary_learning/GatedAutoEncoder",
        "gemma_scope/gemma-scope-2b-pt-res/layer_3/width_16/average_l0_5",
        "llama_scope/Llama3_1-8B-Base-L5M-2x"})
    void everyFormatOpensAndSaysHowItWasRead(String fixture) {
        CheckpointInspectorViewModel vm = vm();
        vm.open(Path.of("src/test/resources/checkpoints").resolve(fixture));
        assertTrue(errors.isEmpty(), errors.toString());
        var rows = vm.configRows();
        assertTrue(rows.stream().anyMatch(r -> r.property().startsWith("How it was read")), rows.toString());
        assertEquals(16, vm.features().all().size(), "d_sae 16 in every fixture");
    }

    @Test
    void saesInTheHuggingFaceCacheAreListedAndOpen() throws Exception {
        Path hub = dir.resolve("hub");
        Path snapshot = java.nio.file.Files.createDirectories(
                hub.resolve("models--jbloom--GPT2-Small-SAEs-Reformatted/snapshots/abc"));
        Path sae = InspectorFixtures.saeLens(snapshot.resolve("blocks.8.hook_resid_pre"), 3, 6);
        CheckpointInspectorViewModel vm = new CheckpointInspectorViewModel(new WorkspaceContext(new DirectExecutor(),
                (t, m) -> errors.add(t + ": " + m), true), new AppPreferences(node), List::of,
                () -> new dev.saeexplorer.core.lm.HuggingFaceCache(hub).saes());
        assertTrue(vm.cachedSaes().isEmpty(), "read on request, off the FX thread");
        vm.refreshCachedSaes();
        assertEquals(1, vm.cachedSaes().size());
        var found = vm.cachedSaes().get(0);
        assertTrue(found.label().startsWith("jbloom/GPT2-Small-SAEs-Reformatted / blocks.8.hook_resid_pre"),
                found.label());
        vm.open(new CheckpointSource.OnDisk(found.folder()));
        assertEquals(sae, vm.primaryProperty().get().checkpoint().directory());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theBundledCheckpointOpensWithItsStatisticsAndFirstFeature() {
        CheckpointInspectorViewModel vm = vm();
        vm.open(new CheckpointSource.Bundled(BundledSample.TOY_SAE));

        InspectedCheckpoint c = vm.primaryProperty().get();
        assertNotNull(c, vm.statusProperty().get());
        assertEquals(10, c.dIn());
        assertEquals(40, c.dSae());
        assertEquals(CheckpointFormat.SAELENS, c.checkpoint().format());
        assertEquals(40, vm.features().visible().size());
        assertEquals(0, vm.selectedProperty().get());
        FeatureDetail d = vm.detailProperty().get();
        assertEquals(10, d.decoder().length);
        assertFalse(d.hasTokens());
        assertTrue(d.lensNote().contains("Load a language model"), d.lensNote());
        assertEquals("Bundled sample (toy SAE)", value(vm, "Source"));
        assertEquals("SAELens ≥ 6", value(vm, "Format"));
        assertEquals("0.1", value(vm, "Training l1"));
        assertEquals(40, vm.distributionsProperty().get().get(Distribution.DECODER_NORM).a().total());
        assertTrue(c.hasDensity(), "the bundled samples carry their measured sparsity.safetensors");
        assertEquals(40, vm.distributionsProperty().get().get(Distribution.LOG10_DENSITY).a().total());
        assertEquals("0.0%", value(vm, "Dead features (density ≤ 1e-9)"));
        assertTrue(vm.distributionsProperty().get().get(Distribution.BEST_MATCH).empty());
        assertTrue(vm.recentCheckpoints().isEmpty(), "bundled samples are always in the menu, not in the recent list");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aSaeLensFolderTheTestWritesShowsHandComputedFigures() {
        CheckpointInspectorViewModel vm = vm();
        Path a = handMadeA();
        vm.open(a.resolve("cfg.json"));

        InspectedCheckpoint c = vm.primaryProperty().get();
        assertEquals("a", c.source().name());
        assertEquals(CheckpointFormat.SAELENS, c.checkpoint().format());
        FeatureRow f0 = vm.features().row(0);
        assertEquals(5, f0.decoderNorm(), 1e-6);
        assertEquals(0.6, f0.cosine(), 1e-6);
        assertEquals(-1, f0.log10Density(), 1e-6);
        assertEquals(-1, vm.features().row(1).cosine(), 1e-6);
        assertTrue(Double.isNaN(vm.features().row(2).cosine()), "a zero decoder row has no cosine");
        assertEquals("1", value(vm, "Features with a zero vector"));
        assertEquals("33.3%", value(vm, "Dead features (density ≤ 1e-9)"));
        assertEquals("0 / 2.333 / 5", value(vm, "Decoder norm min / mean / max"));
        assertEquals("blocks.3.hook_resid_pre (layer 3)", value(vm, "Hook"));
        HistogramPair density = vm.distributionsProperty().get().get(Distribution.LOG10_DENSITY);
        assertEquals(3, density.a().total());
        assertEquals(1, vm.distributionsProperty().get().get(Distribution.ENC_DEC_COSINE).a().missing());
        assertEquals(List.of(a.toAbsolutePath().normalize().toString()), vm.recentCheckpoints());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aCorruptFileIsExplainedAndTheOpenCheckpointStays() throws IOException {
        CheckpointInspectorViewModel vm = vm();
        vm.open(new CheckpointSource.Bundled(BundledSample.TOY_SAE));
        InspectedCheckpoint before = vm.primaryProperty().get();
        vm.select(7);
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("cfg.json"), "{\"d_in\": 10, \"d_sae\": 40}");
        Files.write(bad.resolve("sae_weights.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

        vm.open(bad);

        assertSame(before, vm.primaryProperty().get());
        assertEquals(40, vm.features().all().size());
        assertEquals(7, vm.selectedProperty().get());
        assertEquals(1, errors.size(), errors.toString());
        String e = errors.get(0);
        assertTrue(e.startsWith("Cannot open the checkpoint"), e);
        assertTrue(e.contains("sae_weights.safetensors") && e.contains("toy SAE stays open"), e);
        assertTrue(e.contains("Pick a checkpoint folder"), e);
        assertTrue(vm.statusProperty().get().startsWith("Could not open bad"), vm.statusProperty().get());
    }

    @Test
    void aMalformedSparsityFileLeavesTheWeightsOpenAndSaysWhy() throws IOException {
        CheckpointInspectorViewModel vm = vm();
        Path a = handMadeA();
        Files.write(a.resolve("sparsity.safetensors"), new byte[] {0, 0, 0});
        vm.open(a);
        assertNotNull(vm.primaryProperty().get());
        assertFalse(vm.primaryProperty().get().hasDensity());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("sparsity.safetensors") && errors.get(0).contains("densities"), errors.get(0));
    }

    @Test
    void theSearchNarrowsByNumbersAndRefusesWhatItCannotUse() {
        CheckpointInspectorViewModel vm = vm();
        vm.open(new CheckpointSource.Bundled(BundledSample.TOY_SAE));
        FeatureList list = vm.features();
        list.queryProperty().set("5");
        assertEquals(List.of(5), indices(list));
        list.queryProperty().set("10-14");
        assertEquals(List.of(10, 11, 12, 13, 14), indices(list));
        list.queryProperty().set("3, 7, 38–60");
        assertEquals(List.of(3, 7, 38, 39), indices(list));
        assertEquals("", list.queryErrorProperty().get());

        list.queryProperty().set("40");
        assertTrue(list.queryErrorProperty().get().contains("features 0 to 39"), list.queryErrorProperty().get());
        assertEquals(40, list.visible().size(), "a refused query hides nothing");
        list.queryProperty().set("12-");
        assertTrue(list.queryErrorProperty().get().contains("not a feature number"));
        list.queryProperty().set("9-2");
        assertTrue(list.queryErrorProperty().get().contains("backwards"));
        list.queryProperty().set("the");
        assertTrue(list.queryErrorProperty().get().contains("needs a language model"));
        list.queryProperty().set("");
        assertEquals(40, list.visible().size());
    }

    @Test
    void comparisonMatchesEachFeatureToItsClosestDecoderDirectionByHand() {
        CheckpointInspectorViewModel vm = vm();
        vm.open(handMadeA());
        // B's decoder rows (0, 1), (1, 0), (−1, −1). A0 = (0.6, 0.8): cosines 0.8, 0.6, −0.99 → B0 at 0.8.
        // A1 = (0, −1): −1, 0, 1/√2 → B2 at 0.7071. A2 is zero: no partner.
        Path b = InspectorFixtures.saeLens(dir.resolve("b"), new float[][] {{0, 1, -1}, {1, 0, -1}},
                new float[][] {{0, 1}, {1, 0}, {-1, -1}}, null, "blocks.3.hook_resid_pre");
        vm.compareWith(b);

        assertEquals(0, vm.matchProperty().get().partnerOf(0));
        assertEquals(0.8, vm.matchProperty().get().cosineOf(0), 1e-6);
        assertEquals(2, vm.matchProperty().get().partnerOf(1));
        assertEquals(Math.sqrt(0.5), vm.matchProperty().get().cosineOf(1), 1e-6);
        assertEquals(-1, vm.matchProperty().get().partnerOf(2));
        assertEquals(2, vm.features().row(1).partnerProperty().get());
        assertEquals(0, vm.detailProperty().get().partner());
        HistogramPair best = vm.distributionsProperty().get().get(Distribution.BEST_MATCH);
        assertEquals(2, best.a().total());
        assertEquals(1, best.a().missing());
        assertTrue(best.note().startsWith("0 of 3 features"), best.note());
        HistogramPair norms = vm.distributionsProperty().get().get(Distribution.DECODER_NORM);
        assertEquals(3, norms.b().total());
        assertEquals(norms.a().edges().length, norms.b().edges().length);
        ConfigRow d = row(vm, "Decoder norm min / mean / max");
        assertEquals("0 / 2.333 / 5", d.a());
        assertEquals("1 / 1.138 / 1.414", d.b());
        assertTrue(errors.isEmpty(), errors.toString());

        vm.clearComparison();
        assertNull(vm.matchProperty().get());
        assertEquals(-1, vm.features().row(1).partnerProperty().get());
        assertEquals("", row(vm, "d_in").b());
    }

    @Test
    void checkpointsOfDifferentWidthsCompareWithoutMatching() {
        CheckpointInspectorViewModel vm = vm();
        vm.open(handMadeA());
        vm.compareWith(new CheckpointSource.Bundled(BundledSample.TOY_WSAE));
        assertNotNull(vm.comparisonProperty().get());
        assertNull(vm.matchProperty().get());
        HistogramPair best = vm.distributionsProperty().get().get(Distribution.BEST_MATCH);
        assertTrue(best.empty() && best.note().contains("d_in = 2") && best.note().contains("d_in = 10"), best.note());
        assertEquals("10", row(vm, "d_in").b());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aModelOfAnotherWidthIsExplainedAndBothStayLoaded() {
        CheckpointInspectorViewModel vm = vm();
        vm.open(new CheckpointSource.Bundled(BundledSample.TOY_SAE));
        vm.loadModel(InspectorFixtures.TINY_A);

        assertNotNull(vm.modelProperty().get());
        assertNotNull(vm.primaryProperty().get());
        assertEquals(1, errors.size(), errors.toString());
        String e = errors.get(0);
        assertTrue(e.startsWith("The SAE does not fit the model"), e);
        assertTrue(e.contains("d_in = 10") && e.contains("d_model is 12") && e.contains("d_model 10"), e);
        assertTrue(vm.lensNoteProperty().get().contains("d_model = 12"), vm.lensNoteProperty().get());
        assertFalse(vm.detailProperty().get().hasTokens());
        assertEquals("", vm.features().row(0).tokens());
    }

    @Test
    void aFittingModelGivesEveryFeatureItsTokensAndTheSearchFindsThem() {
        CheckpointInspectorViewModel vm = vm();
        vm.loadModel(InspectorFixtures.TINY_A);
        vm.open(InspectorFixtures.saeLens(dir.resolve("d12"), 12, 5));
        assertTrue(errors.isEmpty(), errors.toString());

        FeatureDetail d = vm.detailProperty().get();
        assertEquals(FeatureDetail.DETAIL_TOKENS, d.top().size());
        assertEquals(FeatureDetail.DETAIL_TOKENS, d.bottom().size());
        assertTrue(d.top().get(0).logit() >= d.top().get(FeatureDetail.DETAIL_TOKENS - 1).logit());
        assertTrue(d.top().get(0).logit() > d.bottom().get(0).logit());
        for (FeatureRow r : vm.features().all()) {
            assertFalse(r.tokens().isEmpty(), "feature " + r.index() + " has tokens");
        }
        String token = vm.features().row(0).tokens().split(" {2}")[0];
        vm.features().queryProperty().set("\"" + token + "\"");
        assertEquals("", vm.features().queryErrorProperty().get());
        assertTrue(indices(vm.features()).contains(0));
        for (FeatureRow r : vm.features().visible()) {
            assertTrue(r.tokens().toLowerCase(Locale.ROOT).contains(token.toLowerCase(Locale.ROOT)));
        }
        assertTrue(vm.statusProperty().get().contains("all 5 features"), vm.statusProperty().get());
        assertEquals(List.of(InspectorFixtures.TINY_A.normalize().toString()), vm.recentModels());

        vm.unloadModel();
        assertEquals("", vm.features().row(0).tokens());
        assertFalse(vm.detailProperty().get().hasTokens());
    }

    @Test
    void aModelFolderWithoutWeightsIsExplainedAndTheLoadedModelStays() throws IOException {
        CheckpointInspectorViewModel vm = vm();
        vm.loadModel(InspectorFixtures.TINY_A);
        Path noWeights = Files.createDirectories(dir.resolve("no-weights"));
        Files.copy(InspectorFixtures.TINY_A.resolve("config.json"), noWeights.resolve("config.json"));

        vm.loadModel(noWeights);

        assertEquals("tiny-a", vm.modelProperty().get().name());
        assertNull(vm.modelJobProperty().get());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("Cannot load the language model"), errors.get(0));
        assertTrue(errors.get(0).contains("model.safetensors") && errors.get(0).contains("tiny-a stays loaded"),
                errors.get(0));
    }

    @Test
    void cancellingAModelLoadKeepsTheModelThatWasLoaded() {
        QueuedExecutor executor = new QueuedExecutor();
        CheckpointInspectorViewModel vm = new CheckpointInspectorViewModel(new WorkspaceContext(executor,
                (t, m) -> errors.add(t + ": " + m), true), new AppPreferences(node), List::of);
        vm.loadModel(InspectorFixtures.TINY_A);
        executor.runAll();
        assertEquals("tiny-a", vm.modelProperty().get().name());

        vm.loadModel(Path.of("src/test/resources/lm/tiny-b").toAbsolutePath());
        assertNotNull(vm.modelJobProperty().get(), "a load in progress can be followed and cancelled");
        vm.cancelModelLoad();
        executor.runAll();

        assertEquals("tiny-a", vm.modelProperty().get().name());
        assertNull(vm.modelJobProperty().get());
        assertTrue(vm.statusProperty().get().contains("cancelled") && vm.statusProperty().get().contains("tiny-a"),
                vm.statusProperty().get());
        assertTrue(errors.isEmpty(), "a cancel is not an error: " + errors);
    }

    @Test
    void aNewerOpenWinsOverAnOlderOneStillRunning() {
        QueuedExecutor executor = new QueuedExecutor();
        CheckpointInspectorViewModel vm = new CheckpointInspectorViewModel(new WorkspaceContext(executor,
                (t, m) -> errors.add(t + ": " + m), true), new AppPreferences(node), List::of);
        vm.open(new CheckpointSource.Bundled(BundledSample.TOY_SAE));
        vm.open(handMadeA());
        assertTrue(vm.openingProperty().get());
        executor.runAll();
        assertEquals("a", vm.primaryProperty().get().source().name());
        assertFalse(vm.openingProperty().get());
    }

    @Test
    void droppingOneOpensTwoCompareAndMoreAreRefused() {
        CheckpointInspectorViewModel vm = vm();
        Path a = handMadeA();
        Path b = InspectorFixtures.saeLens(dir.resolve("b2"), 2, 4);
        vm.openDropped(List.of(a, b));
        assertEquals("a", vm.primaryProperty().get().source().name());
        assertEquals("b2", vm.comparisonProperty().get().source().name());
        vm.openDropped(List.of(a, b, a));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("Drop one checkpoint"), errors.get(0));
    }

    @Test
    void theSessionStateRestoresCheckpointsSelectionAndSearch() {
        CheckpointInspectorViewModel vm = vm();
        Path a = handMadeA();
        vm.open(a);
        vm.compareWith(new CheckpointSource.Bundled(BundledSample.TOY_SAE));
        vm.select(2);
        vm.features().queryProperty().set("1-2");
        JsonNode state = vm.saveState();

        CheckpointInspectorViewModel other = vm();
        other.open(new CheckpointSource.Bundled(BundledSample.TOY_WSAE));
        other.restoreState(state);
        assertEquals("a", other.primaryProperty().get().source().name());
        assertEquals("toy SAE", other.comparisonProperty().get().source().name());
        assertEquals(2, other.selectedProperty().get());
        assertEquals(List.of(1, 2), indices(other.features()));
        assertNull(other.modelProperty().get());

        ObjectNode bad = ((ObjectNode) state.deepCopy()).put("checkpoint", 3);
        assertThrows(InvalidInputException.class, () -> other.restoreState(bad));
        ObjectNode unknown = ((ObjectNode) state.deepCopy()).put("comparison", "bundled:nothing");
        assertThrows(InvalidInputException.class, () -> other.restoreState(unknown));
        assertEquals(2, other.selectedProperty().get(), "a refused state changes nothing");
        assertEquals("1-2", other.features().queryProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aSavedSessionWhoseCheckpointVanishedSaysSoAndKeepsWhatIsOpen() throws Exception {
        CheckpointInspectorViewModel vm = vm();
        vm.open(new CheckpointSource.Bundled(BundledSample.TOY_SAE));
        ObjectNode state = Json.mapper().createObjectNode().put("checkpoint", dir.resolve("gone").toString());
        vm.restoreState(state);
        assertEquals("toy SAE", vm.primaryProperty().get().source().name());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("does not exist"), errors.get(0));
    }

    private static List<Integer> indices(FeatureList list) {
        return list.visible().stream().map(FeatureRow::index).toList();
    }

    private static String value(CheckpointInspectorViewModel vm, String property) {
        return row(vm, property).a();
    }

    private static ConfigRow row(CheckpointInspectorViewModel vm, String property) {
        return vm.configRows().stream().filter(r -> r.property().equals(property)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + property + " in " + vm.configRows()));
    }
}
